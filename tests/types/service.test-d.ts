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
  return [out, fullSize, c, score, enc];
}
// @ts-expect-error unknown transform
const bad: ColorTransform[] = [{ transform: 'nope' }];
// @ts-expect-error unknown analysis type
async function g(s: ImageProcessingService) { await s.analyzeImage(new Uint8Array(1), ['sharpness']); }
// @ts-expect-error shrinkOnLoad is a boolean
async function h(s: ImageProcessingService) { await s.generateVariations(new Uint8Array(1), configs, { shrinkOnLoad: 'no' }); }
