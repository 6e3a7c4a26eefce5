// SPDX-License-Identifier: MIT
// rows.js: the method rows and the parameters every engine gets (one place, shared by the page's
// engines and the runner's labels). Sizes refer to the inputs made by inputs.mjs.

export const ROWS = {
  analyze3: 'analyze colors+composition+quality, 12 MP raw',
  statsHist: 'stats + histogram, 12 MP raw',
  composite1: 'composite 1000² multiply 50 % at (200,300) on 12 MP',
  composite10: 'composite ten layers (mixed modes, sizes, opacities) on 12 MP',
  composite1raw: 'composite1 with the layer sent raw on every call (pixelpipe only)',
  composite10raw: 'composite10 with the layers sent raw on every call (pixelpipe only)',
  palette3: 'palette: 3 × map, PNG out, 12 MP',
  pngDefault: 'PNG, default level, 12 MP',
  pngSmallest: 'PNG, smallest setting, 12 MP',
  jpeg85: 'JPEG q85, 12 MP',
  webp80: 'WebP q80, 12 MP',
  svgTrace: 'SVG trace 16 colours, 1 MP',
};

export const COMPOSITE1 = { layer: 0, x: 200, y: 300, mode: 'multiply', opacity: 0.5 };
// The ten-layer row: layer index (inputs.mjs sizes), position, W3C mode, opacity. Modes are the
// ones every peer has (Photon lacks opacity and position: it blends at (0,0) at full strength).
export const COMPOSITE10 = [
  { layer: 0, x: 200, y: 300, mode: 'multiply', opacity: 0.5 },
  { layer: 1, x: 2400, y: 1400, mode: 'screen', opacity: 0.8 },
  { layer: 2, x: -200, y: 2500, mode: 'overlay', opacity: 1 },
  { layer: 3, x: 3600, y: -100, mode: 'darken', opacity: 0.6 },
  { layer: 4, x: 1400, y: 900, mode: 'lighten', opacity: 0.7 },
  { layer: 5, x: 100, y: 100, mode: 'normal', opacity: 0.9 },
  { layer: 6, x: 3000, y: 2000, mode: 'difference', opacity: 0.4 },
  { layer: 7, x: 2000, y: 200, mode: 'exclusion', opacity: 1 },
  { layer: 8, x: 500, y: 1500, mode: 'hard_light', opacity: 0.5 },
  { layer: 9, x: 1800, y: 1700, mode: 'soft_light', opacity: 0.75 },
];
export const THEME = 'warm autumn sunset';
export const TRACE_COLORS = 16;
