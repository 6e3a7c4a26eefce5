// catalogue-color.test.js: the color family's catalogue entries validate and normalise into the
// batons src/ops/color_program.cpp reads (names, defaults, colours as [r,g,b,a], arrays flattened).
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { InvalidConfigurationError } from '../../js/errors.js';
import { colorTransforms, MAX_CSS_AMOUNT } from '../../js/catalogue/families/color.js';

const step = (params) => normaliseVariationConfigs([{ id: 'v', type: 'color_transform', ...params }])[0].steps[0];

function expectInvalid(params, path) {
  let error;
  try {
    normaliseVariationConfigs([{ id: 'v', type: 'color_transform', ...params }]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidConfigurationError);
  expect(error.details.path).toBe(path);
}

/** The C++ op ids (src/ops/color_ops.cpp add_color_ops); a new transform must be added to both. */
const ENGINE_OPS = ['grayscale', 'sepia', 'invert', 'opacity', 'brightness', 'contrast', 'saturate', 'hue_rotate',
  'gamma', 'exposure', 'levels', 'curves', 'temperature', 'tint', 'vibrance', 'colorize', 'duotone', 'posterize',
  'threshold', 'channel_mixer', 'normalize', 'equalize'];

describe('color catalogue → batons', () => {
  test('every transform has op id = its name, matches the engine list, and normalises with defaults only', () => {
    expect(Object.keys(colorTransforms).sort()).toEqual([...ENGINE_OPS].sort());
    for (const [name, entry] of Object.entries(colorTransforms)) {
      expect(entry.op).toBe(name);
      expect(step({ transform: name }).op).toBe(name);
      for (const [key, spec] of Object.entries(entry.params)) {
        expect([name, key, typeof spec.doc]).toEqual([name, key, 'string']);
      }
    }
  });

  test('plain grayscale keeps the specification baton (no amount: the engine reads it as 1)', () => {
    expect(step({ transform: 'grayscale' })).toEqual({ op: 'grayscale' });
    expect(step({ transform: 'grayscale', amount: 0.5 })).toEqual({ op: 'grayscale', amount: 0.5 });
  });

  test('CSS amounts: defaults are the identity-or-full values of CSS, ranges as documented', () => {
    expect(step({ transform: 'sepia' })).toEqual({ op: 'sepia', amount: 1 });
    expect(step({ transform: 'invert', amount: 0.25 })).toEqual({ op: 'invert', amount: 0.25 });
    expect(step({ transform: 'opacity' })).toEqual({ op: 'opacity', amount: 1 });
    expect(step({ transform: 'brightness', amount: 2.5 })).toEqual({ op: 'brightness', amount: 2.5 });
    expect(step({ transform: 'contrast', amount: MAX_CSS_AMOUNT })).toEqual({ op: 'contrast', amount: 10 });
    expect(step({ transform: 'saturate', amount: 0 })).toEqual({ op: 'saturate', amount: 0 });
    expect(step({ transform: 'hue_rotate' })).toEqual({ op: 'hue_rotate', degrees: 0 });
    expect(step({ transform: 'hue_rotate', angle: -540 })).toEqual({ op: 'hue_rotate', degrees: -540 });
    expectInvalid({ transform: 'sepia', amount: 1.5 }, 'variationConfigs[0].amount');
    expectInvalid({ transform: 'grayscale', amount: -0.1 }, 'variationConfigs[0].amount');
    expectInvalid({ transform: 'saturate', amount: 10.5 }, 'variationConfigs[0].amount');
    expectInvalid({ transform: 'brightness', amount: '2' }, 'variationConfigs[0].amount');
    expectInvalid({ transform: 'hue_rotate', degrees: Infinity }, 'variationConfigs[0].degrees');
    expectInvalid({ transform: 'hue_rotate', degrees: NaN }, 'variationConfigs[0].degrees');
  });

  test('tone: gamma, exposure, levels (snake_case spellings), posterize, threshold', () => {
    expect(step({ transform: 'gamma', gamma: 2.2 })).toEqual({ op: 'gamma', gamma: 2.2 });
    expectInvalid({ transform: 'gamma', gamma: 0 }, 'variationConfigs[0].gamma');
    expect(step({ transform: 'exposure', stops: -1 })).toEqual({ op: 'exposure', stops: -1 });
    expect(step({ transform: 'levels', input_black: 10, inputWhite: 240, output_white: 250 })).toEqual({
      op: 'levels', inputBlack: 10, inputWhite: 240, gamma: 1, outputBlack: 0, outputWhite: 250,
    });
    expectInvalid({ transform: 'levels', inputBlack: 256 }, 'variationConfigs[0].inputBlack');
    expectInvalid({ transform: 'levels', outputWhite: 3.5 }, 'variationConfigs[0].outputWhite');
    expect(step({ transform: 'posterize' })).toEqual({ op: 'posterize', levels: 4 });
    expectInvalid({ transform: 'posterize', levels: 1 }, 'variationConfigs[0].levels');
    expectInvalid({ transform: 'posterize', levels: 2.5 }, 'variationConfigs[0].levels');
    expect(step({ transform: 'threshold' })).toEqual({ op: 'threshold', threshold: 128 });
  });

  test('white balance and vibrance take -1..1', () => {
    for (const t of ['temperature', 'tint', 'vibrance']) {
      expect(step({ transform: t })).toEqual({ op: t, amount: 0 });
      expect(step({ transform: t, amount: -1 })).toEqual({ op: t, amount: -1 });
      expectInvalid({ transform: t, amount: 1.01 }, 'variationConfigs[0].amount');
    }
  });

  test('curves: point lists flatten to x0, y0, x1, y1, ...; channel lists optional', () => {
    expect(step({ transform: 'curves', points: [[0, 0], [128, 160], [255, 255]] }))
      .toEqual({ op: 'curves', points: [0, 0, 128, 160, 255, 255] });
    expect(step({ transform: 'curves', red: [[0, 20], [255, 235]], blue: [[0, 0], [255, 200]] }))
      .toEqual({ op: 'curves', red: [0, 20, 255, 235], blue: [0, 0, 255, 200] });
    expectInvalid({ transform: 'curves', points: [[0, 0]] }, 'variationConfigs[0].points');
    expectInvalid({ transform: 'curves', points: [[0, 0], [255]] }, 'variationConfigs[0].points');
    expectInvalid({ transform: 'curves', green: [[0, 0], [256, 255]] }, 'variationConfigs[0].green');
    expectInvalid({ transform: 'curves', points: 'S' }, 'variationConfigs[0].points');
  });

  test('colours become [r, g, b, a]', () => {
    expect(step({ transform: 'colorize' })).toEqual({ op: 'colorize', color: [255, 160, 64, 255], strength: 0.5 });
    expect(step({ transform: 'colorize', colour: '#102030', strength: 1 }))
      .toEqual({ op: 'colorize', color: [16, 32, 48, 255], strength: 1 });
    expect(step({ transform: 'duotone', shadows: '#203040', highlights: [250, 240, 200, 255] }))
      .toEqual({ op: 'duotone', shadows: [32, 48, 64, 255], highlights: [250, 240, 200, 255] });
    expectInvalid({ transform: 'colorize', color: 'not a colour' }, 'variationConfigs[0].color');
    expectInvalid({ transform: 'colorize', strength: 2 }, 'variationConfigs[0].strength');
  });

  test('channel_mixer: a 3x4 matrix, flattened row by row; identity by default', () => {
    expect(step({ transform: 'channel_mixer' })).toEqual({ op: 'channel_mixer', matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] });
    const m = [[0.5, 0.5, 0, 10], [0, 1, 0, 0], [0.2, 0.2, 0.6, -5]];
    expect(step({ transform: 'channel_mixer', matrix: m }).matrix).toEqual(m.flat());
    expectInvalid({ transform: 'channel_mixer', matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }, 'variationConfigs[0].matrix');
    expectInvalid({ transform: 'channel_mixer', matrix: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] }, 'variationConfigs[0].matrix');
  });

  test('normalize (percentiles, snake and sharp-style aliases) and equalize', () => {
    expect(step({ transform: 'normalize' })).toEqual({ op: 'normalize', lowPercentile: 1, highPercentile: 99 });
    expect(step({ transform: 'normalize', low_percentile: 2, upper: 95 }))
      .toEqual({ op: 'normalize', lowPercentile: 2, highPercentile: 95 });
    expectInvalid({ transform: 'normalize', highPercentile: 101 }, 'variationConfigs[0].highPercentile');
    expect(step({ transform: 'equalize' })).toEqual({ op: 'equalize' });
  });

  test('unknown fields are rejected with their path', () => {
    expectInvalid({ transform: 'sepia', strength: 1 }, 'variationConfigs[0].strength');
  });

  test('multi-step variants keep order (the engine fuses consecutive transforms)', () => {
    const [v] = normaliseVariationConfigs([{ id: 'x', steps: [
      { type: 'color_transform', transform: 'brightness', amount: 1.2 },
      { type: 'color_transform', transform: 'saturate', amount: 1.5 },
      { type: 'color_transform', transform: 'curves', points: [[0, 10], [255, 245]] },
    ] }]);
    expect(v.steps).toEqual([
      { op: 'brightness', amount: 1.2 }, { op: 'saturate', amount: 1.5 }, { op: 'curves', points: [0, 10, 255, 245] },
    ]);
  });
});
