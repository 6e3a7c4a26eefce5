// methods/index.js: every public method's main-thread half. A method module is
//   { name, worker (the js/worker/handlers.js entry that runs it), cacheable?: false,
//     prepare(args, env) → { inputs: [{ image, path }], request, pathOf?(variant, step), mapError?(error) },
//     finish(value) → the public result, summary(value) → a few words for the debug log }
// env = { limits, encodable, options (the method's own options), output (the output baton) }.
// The service runs every method through one wrapper (js/service.js #call): call-site stacks,
// validation, input reading and hashing, caching, the pool, errors. Adding a method = one file
// here (+ its worker handler, its catalogue entry in catalogue/methods.js, its CLI subcommand).
import generateVariations from './variations.js';
import applyColorTransformations from './color-transformations.js';
import load from './load.js';
import analyzeImage from './analyze.js';
import createComposite from './composite.js';
import generateAndApplyPalette from './palette.js';
import processForExport from './export.js';

export const METHODS = {
  generateVariations, applyColorTransformations, createComposite, analyzeImage, generateAndApplyPalette, processForExport, load,
};
