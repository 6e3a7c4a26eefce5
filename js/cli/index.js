// cli/index.js: every CLI subcommand, one file each, all calling the public service (so they go
// through the same validation and errors as the API). Adding a method's subcommand = one file
// here + one line below + its option names in OPTIONS.
import variations from './variations.js';
import color from './color.js';
import analyze from './analyze.js';
import composite from './composite.js';
import palette from './palette.js';
import exportCommand from './export.js';

export const COMMANDS = { variations, color, composite, analyze, palette, export: exportCommand };

/** Every option any subcommand takes (node:util parseArgs form). */
export const OPTIONS = {
  config: { type: 'string', short: 'c' },
  transforms: { type: 'string' },
  out: { type: 'string', short: 'o' },
  format: { type: 'string' },
  quality: { type: 'string' },
  types: { type: 'string' },
  layers: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  background: { type: 'string' },
  theme: { type: 'string' },
  count: { type: 'string' },
  mode: { type: 'string' },
  options: { type: 'string' },
  'max-width': { type: 'string' },
  'max-height': { type: 'string' },
  'target-size': { type: 'string' },
  'palette-size': { type: 'string' },
  'aspect-ratio': { type: 'string' },
  build: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};
