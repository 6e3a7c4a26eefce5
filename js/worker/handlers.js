// handlers.js: every worker method by name. A handler is
//   { workBytes(request, dims) → peak bytes beyond its decoded inputs,
//     run({ module, request, images, limits, progress, host }) → { value, transfer } (or a promise of it),
//       host: { readFile(url) } for packaged files (the default font),
//     pin?: true (keep the inputs pinned: service.load) }
// The worker core (worker-core.js) acquires the inputs before run and settles them after, so a
// handler speaks only engine handles. Adding a public method = one file here + one line below.
import variations from './variations.js';
import load from './load.js';
import analyze from './analyze.js';
import exportImage from './export.js';
import palette from './palette.js';
import composite from './composite.js';

export const handlers = {
  variations,
  load,
  analyze,
  export: exportImage,
  palette,
  composite,
};
