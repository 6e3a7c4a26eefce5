// cli/index.js: every CLI subcommand, one file each, all calling the public service (so they go
// through the same validation and errors as the API). Adding a method's subcommand = one file
// here + one line below + its option names in OPTIONS.
import variations from './variations.js';
import color from './color.js';
import analyze from './analyze.js';

export const COMMANDS = { variations, color, analyze };

/** Every option any subcommand takes (node:util parseArgs form). */
export const OPTIONS = {
  config: { type: 'string', short: 'c' },
  transforms: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  quality: { type: 'string' },
  types: { type: 'string' },
  'palette-size': { type: 'string' },
  'aspect-ratio': { type: 'string' },
  build: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
