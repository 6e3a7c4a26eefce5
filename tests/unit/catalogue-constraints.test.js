// Rules that span parameters or sizes are enforced before any worker is involved.
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { InvalidConfigurationError, ResourceLimitError } from '../../js/errors.js';

const fail = (fn) => { try { fn(); } catch (e) { return e; } throw new Error('expected a failure'); };

test('levels: inputWhite must exceed inputBlack (defaults count)', () => {
  const e = fail(() => normaliseVariationConfigs([{ id: 'l', type: 'color_transform', transform: 'levels', input_black: 200, inputWhite: 100 }]));
  expect(e).toBeInstanceOf(InvalidConfigurationError);
  expect(e.details).toMatchObject({ path: 'variationConfigs[0].inputWhite', value: 100 });
  expect(e.message).toBe('Expected inputBlack < inputWhite for variationConfigs[0] but received inputBlack 200 and inputWhite 100');
  const d = fail(() => normaliseVariationConfigs([{ id: 'l', type: 'color_transform', transform: 'levels', inputBlack: 255 }]));
  expect(d.details.path).toBe('variationConfigs[0].inputWhite');
  expect(() => normaliseVariationConfigs([{ id: 'l', type: 'color_transform', transform: 'levels', inputBlack: 10, inputWhite: 11 }])).not.toThrow();
});

test('normalize: lowPercentile < highPercentile', () => {
  const e = fail(() => normaliseVariationConfigs([{ id: 'n', steps: [{ type: 'color_transform', transform: 'normalize', lowPercentile: 60, highPercentile: 40 }] }]));
  expect(e).toBeInstanceOf(InvalidConfigurationError);
  expect(e.details.path).toBe('variationConfigs[0].steps[0].highPercentile');
});

test('convolve kernels may be given as rows; they are sent flat', () => {
  const [v] = normaliseVariationConfigs([{ id: 'k', type: 'filter', filter: 'convolve', kernel: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]] }]);
  expect(v.steps[0].kernel).toEqual([0, -1, 0, -1, 5, -1, 0, -1, 0]);
  const e = fail(() => normaliseVariationConfigs([{ id: 'k', type: 'filter', filter: 'convolve', kernel: [[1, 2], [3, 4]] }]));
  expect(e).toBeInstanceOf(InvalidConfigurationError);
  expect(e.details.path).toBe('variationConfigs[0].kernel');
});

test('a resize whose known output exceeds the pixel limit is refused before any worker', () => {
  const limits = { maxPixels: 100_000_000, maxSide: 32768 };
  const e = fail(() => normaliseVariationConfigs([{ id: 'big', type: 'resize', width: 20000, height: 20000, fit: 'fill' }], undefined, limits));
  expect(e).toBeInstanceOf(ResourceLimitError);
  expect(e).toMatchObject({ code: 'IMAGE_TOO_LARGE', details: { path: 'variationConfigs[0]', width: 20000, height: 20000 } });
  // inside / withoutEnlargement depend on the input's size: left to the engine's own check.
  expect(() => normaliseVariationConfigs([{ id: 'in', type: 'resize', width: 20000, height: 20000, fit: 'inside' }], undefined, limits)).not.toThrow();
  expect(() => normaliseVariationConfigs([{ id: 'ok', type: 'resize', width: 10000, height: 10000 }], undefined, limits)).not.toThrow();
});
