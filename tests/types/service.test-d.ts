// Compiled by tests/unit/types.test.js with tsc --noEmit: the public types accept the documented
// configs and reject what validation rejects.
import { ImageProcessingService, type VariationConfig, type ColorTransform } from '../../js/types/index';
const configs: VariationConfig[] = [
  { id: 'thumbnail', type: 'resize', width: 300, height: 300, maintainAspectRatio: true },
  { id: 'g', type: 'color_transform', transform: 'grayscale' },
  { id: 'b', type: 'filter', filter: 'gaussian_blur', radius: 5, format: 'jpeg', quality: 80 },
  { id: 's', steps: [{ type: 'rotate', angle: 17 }, { type: 'filter', filter: 'median', size: 3 }] },
];
const t: ColorTransform[] = [{ transform: 'sepia', amount: 0.5 }, { transform: 'hue_rotate', degrees: 30 }];
async function f() {
  const s = await ImageProcessingService.create({ threadStartTimeoutMs: 5000 });
  const out = await s.generateVariations(new Uint8Array(1), configs);
  const fullSize = await s.generateVariations(new Uint8Array(1), configs, { shrinkOnLoad: false });
  const c = await s.applyColorTransformations(new Uint8Array(1), t, { format: 'jpeg', formatOptions: { quality: 70, background: 'white' } });
  const photo = await s.load(new Uint8Array(1));
  const a = await s.analyzeImage(photo, ['colors', 'quality'], { paletteSize: 8 });
  const score: number | undefined = a.quality?.overallScore;
  photo.release();
  const caps = await s.capabilities();
  const enc: string[] = caps.formats.encode;
  const card = await s.createComposite([
    { image: photo, x: 0, y: 0, width: 1200, height: 630, fit: 'cover' },
    { gradient: { type: 'linear', angle: 180, stops: [[0.45, 'rgba(0,0,0,0)'], [1, 'rgba(0,0,0,0.75)']] }, x: 0, y: 0 },
    { color: '#f00', x: 10, y: 10, width: 5, height: 5, blendMode: 'color-dodge', opacity: 0.5 },
    { text: 'pixelpipe', size: 72, color: 'white', x: 60, y: 440, maxWidth: 1000, align: 'center' },
  ], 1200, 630, '#000', { format: 'jpeg', quality: 85 });
  const palettes = await s.generateAndApplyPalette(photo, 'warm autumn sunset', 3, { mode: 'quantize', dither: 0.5, format: 'webp' });
  const role: string = palettes[0].colors[0].role;
  const webp: Uint8Array = await s.processForExport(photo, 'webp', { quality: 80, maxWidth: 2048, targetSizeBytes: 500_000 }, { timeoutMs: 1000 });
  return [out, fullSize, c, score, enc, card, role, webp];
}
// @ts-expect-error unknown transform
const bad: ColorTransform[] = [{ transform: 'nope' }];
// @ts-expect-error unknown analysis type
async function g(s: ImageProcessingService) { await s.analyzeImage(new Uint8Array(1), ['sharpness']); }
// @ts-expect-error unknown blend mode
async function h(s: ImageProcessingService) { await s.createComposite([{ color: 'red', blendMode: 'vivid' }], 10, 10); }
// @ts-expect-error unknown palette mode
async function k(s: ImageProcessingService) { await s.generateAndApplyPalette(new Uint8Array(1), 'x', 1, { mode: 'posterize' }); }
// @ts-expect-error raw is not an export format
async function m(s: ImageProcessingService) { await s.processForExport(new Uint8Array(1), 'raw'); }
// @ts-expect-error shrinkOnLoad is a boolean
async function h(s: ImageProcessingService) { await s.generateVariations(new Uint8Array(1), configs, { shrinkOnLoad: 'no' }); }
