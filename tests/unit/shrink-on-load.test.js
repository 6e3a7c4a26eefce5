// The JPEG shrink-on-load factor (js/worker/shrink-on-load.js): the largest of 8, 4, 2 whose
// decode stays >= 2x every variant's resize on both axes and gives every resize the same output
// size; 1 whenever any variant does not start with such a resize. Expected factors are worked out
// by hand from those rules (ceil(side / factor) against 2 x the target side).
import { chooseShrink, POINTWISE_OPS } from '../../js/worker/shrink-on-load.js';
import { catalogueOpIds } from '../../js/catalogue/walk.js';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';

const LIMITS = { maxPixels: 1e8, maxSide: 32768 };
const variants = (configs) => normaliseVariationConfigs(configs, undefined, LIMITS, { available: ['jpeg', 'png', 'raw'] });
const jpeg = (width, height, orientation = 1) => ({ width, height, format: 'jpeg', orientation });
const thumb = (size, extra = {}) => ({ id: `t${size}`, type: 'resize', width: size, height: size, fit: 'inside', ...extra });

describe('chooseShrink', () => {
  test('12 MP JPEG → 300×300 inside: 1/4 (1000×750 >= 2 × 300×225; 1/8 gives 500 < 600)', () => {
    expect(chooseShrink(variants([thumb(300)]), jpeg(4000, 3000))).toBe(4);
  });

  test('the largest output decides: with a 900 px variant 1/2 (2000 ≥ 1800), with a 1200 px one none (2000 < 2400)', () => {
    expect(chooseShrink(variants([thumb(300), thumb(900)]), jpeg(4000, 3000))).toBe(2); // 2000 >= 1800
    expect(chooseShrink(variants([thumb(300), thumb(1200)]), jpeg(4000, 3000))).toBe(1);
  });

  test('1/8 when it still leaves 2× (6000×4000 → 300: 750×500 >= 600×400)', () => {
    expect(chooseShrink(variants([thumb(300)]), jpeg(6000, 4000))).toBe(8);
  });

  test('EXIF orientation 5–8 swaps the sides the resize sees', () => {
    // width 1000 of a stored 4000×3000: upright 4000 wide (orientation 1) → scale 1/4, 1/2 leaves
    // exactly 2× (2000 ≥ 2000); upright 3000 wide (orientation 6) → scale 1/3, 1/2 leaves 1500 < 2000
    const wide = variants([{ id: 'w', type: 'resize', width: 1000 }]);
    expect(chooseShrink(wide, jpeg(4000, 3000, 1))).toBe(2);
    expect(chooseShrink(wide, jpeg(4000, 3000, 6))).toBe(1);
    expect(chooseShrink(wide, jpeg(4000, 3000, 3))).toBe(2); // 180°: sides unchanged
  });

  test('pointwise colour steps may come before the resize; anything else disables it', () => {
    const after = (step) => variants([{ id: 'v', steps: [step, { type: 'resize', width: 300, height: 300, fit: 'inside' }] }]);
    expect(chooseShrink(after({ type: 'color_transform', transform: 'grayscale' }), jpeg(4000, 3000))).toBe(4);
    expect(chooseShrink(after({ type: 'filter', filter: 'gaussian_blur', radius: 2 }), jpeg(4000, 3000))).toBe(1);
    expect(chooseShrink(after({ type: 'color_transform', transform: 'equalize' }), jpeg(4000, 3000))).toBe(1);
    expect(chooseShrink(after({ type: 'crop', left: 0, top: 0, width: 2000, height: 2000 }), jpeg(4000, 3000))).toBe(1);
  });

  test('every variant must start with a resize', () => {
    expect(chooseShrink(variants([thumb(300), { id: 'g', type: 'color_transform', transform: 'grayscale' }]), jpeg(4000, 3000))).toBe(1);
  });

  test('not for nearest-neighbour, content-driven crops, or other formats', () => {
    expect(chooseShrink(variants([thumb(300, { kernel: 'nearest' })]), jpeg(4000, 3000))).toBe(1);
    const cover = { id: 'c', type: 'resize', width: 300, height: 300, fit: 'cover' };
    expect(chooseShrink(variants([cover]), jpeg(4000, 3000))).toBe(4); // cover scale 0.1: 1000×750 ≥ 800×600
    expect(chooseShrink(variants([{ ...cover, position: 'entropy' }]), jpeg(4000, 3000))).toBe(1);
    expect(chooseShrink(variants([thumb(300)]), { width: 4000, height: 3000, format: 'png', orientation: 1 })).toBe(1);
  });

  test('a size derived from the aspect ratio that would round differently → a smaller factor', () => {
    // width-only resize of 4001×2999 to 300: full decode gives round(2999 × 300 / 4001) = 225;
    // at 1/4 (1001×750) round(750 × 300 / 1001) = 225 too; at 1/8 (501×375): 225 (but 501 < 600).
    expect(chooseShrink(variants([{ id: 'w', type: 'resize', width: 300 }]), jpeg(4001, 2999))).toBe(4);
    // 1000×333 → 100 wide: full 33 (33.3); at 1/2 (500×167): round(167 × 100 / 500) = 33; at 1/4
    // (250×84): 34 ≠ 33 → refused even though 250 ≥ 200
    expect(chooseShrink(variants([{ id: 'w', type: 'resize', width: 100 }]), jpeg(1000, 333))).toBe(2);
  });

  test('POINTWISE_OPS names engine ops the catalogue has', () => {
    const ops = new Set(catalogueOpIds());
    for (const op of POINTWISE_OPS) expect(ops.has(op)).toBe(true);
  });
});
