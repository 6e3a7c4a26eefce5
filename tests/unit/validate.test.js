import { operations } from '../../js/catalogue/operations.js';
import { validateVariationConfigs, expectedText } from '../../js/config/validate.js';
import { InvalidConfigurationError, UnsupportedFormatError, UnsupportedTransformationError } from '../../js/errors.js';
import { SPEC_EXAMPLE_CONFIGS } from '../helpers/testdata.js';

/** Asserts validation fails with the class, the detail path and a message fragment. */
function expectFailure(configs, Cls, path, fragment) {
  let error;
  try {
    validateVariationConfigs(configs);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Cls);
  expect(error.details.path).toBe(path);
  expect(error.message).toContain(fragment);
  return error;
}

const blur = (extra) => ({ id: 'b', type: 'filter', filter: 'gaussian_blur', ...extra });
const resize = (extra) => ({ id: 'r', type: 'resize', ...extra });

describe('accepted configs', () => {
  test('the three examples of the specification (snake_case) validate', () => {
    const resolved = validateVariationConfigs(SPEC_EXAMPLE_CONFIGS);
    expect(resolved.map((v) => v.id)).toEqual(['thumbnail', 'grayscale', 'blurred']);
    expect(resolved[0].steps[0].params).toEqual({ width: 300, height: 300, maintainAspectRatio: true });
    expect(resolved[2].steps[0]).toEqual({ type: 'filter', choice: 'gaussian_blur', op: 'gaussian_blur', params: { radius: 5 } });
  });

  test('camelCase and snake_case give the same result; both spellings with one value are fine', () => {
    const camel = validateVariationConfigs([resize({ width: 10, maintainAspectRatio: false, withoutEnlargement: true })]);
    const snake = validateVariationConfigs([resize({ width: 10, maintain_aspect_ratio: false, without_enlargement: true })]);
    const both = validateVariationConfigs([resize({ width: 10, maintainAspectRatio: false, maintain_aspect_ratio: false, without_enlargement: true })]);
    expect(snake).toEqual(camel);
    expect(both).toEqual(camel);
  });

  test('aliases: sigma for radius, background_color / backgroundColor for background', () => {
    expect(validateVariationConfigs([blur({ sigma: 3 })])[0].steps[0].params).toEqual({ radius: 3 });
    expect(validateVariationConfigs([resize({ width: 1, background_color: '#fff' })])[0].steps[0].params.background).toBe('#fff');
    expect(validateVariationConfigs([resize({ width: 1, backgroundColor: [1, 2, 3, 4] })])[0].steps[0].params.background).toEqual([1, 2, 3, 4]);
  });

  test('null means "not given" (JSON configs)', () => {
    expect(validateVariationConfigs([resize({ width: 5, height: null })])[0].steps[0].params).toEqual({ width: 5 });
  });

  test('format, jpg alias and quality', () => {
    const [v] = validateVariationConfigs([blur({ format: 'jpg', quality: 90 })]);
    expect(v.output).toMatchObject({ op: 'jpeg', quality: 90 });
    expect(validateVariationConfigs([blur({ format: 'RAW' })])[0].output).toEqual({ op: 'raw' });
    expect(validateVariationConfigs([blur()])[0].output).toMatchObject({ op: 'png', compressionLevel: 2, palette: false });
  });

  test('steps: several operations in one variant, and an empty list (re-encode only)', () => {
    const [v] = validateVariationConfigs([{ id: 's', format: 'jpeg', steps: [{ type: 'resize', width: 50 }, { type: 'color_transform', transform: 'grayscale' }] }]);
    expect(v.steps.map((s) => s.op)).toEqual(['resize', 'grayscale']);
    expect(validateVariationConfigs([{ id: 'e', steps: [] }])[0].steps).toEqual([]);
  });

  test('range ends: radius 100 and 0.01 ok, width 1 and 32768 ok', () => {
    expect(() => validateVariationConfigs([blur({ radius: 100 }), { ...blur({ radius: 0.01 }), id: 'b2' }])).not.toThrow();
    expect(() => validateVariationConfigs([resize({ width: 1, height: 32768 })])).not.toThrow();
  });

  test('every fit value is accepted', () => {
    for (const fit of ['contain', 'cover', 'fill', 'inside', 'outside']) {
      expect(() => validateVariationConfigs([resize({ width: 4, fit })])).not.toThrow();
    }
  });
});

describe('every error branch', () => {
  test('configs not an array / empty array', () => {
    expectFailure(undefined, InvalidConfigurationError, 'variationConfigs', 'Expected non-empty array');
    expectFailure({}, InvalidConfigurationError, 'variationConfigs', 'of type object');
    expectFailure([], InvalidConfigurationError, 'variationConfigs', 'non-empty array');
  });

  test('a config that is not an object', () => {
    expectFailure([null], InvalidConfigurationError, 'variationConfigs[0]', 'Expected object');
    expectFailure([[1]], InvalidConfigurationError, 'variationConfigs[0]', 'of type array');
  });

  test('id missing, empty, not a string, duplicated', () => {
    expectFailure([{ type: 'resize', width: 1 }], InvalidConfigurationError, 'variationConfigs[0].id', 'non-empty string');
    expectFailure([resize({ id: '', width: 1 })], InvalidConfigurationError, 'variationConfigs[0].id', "received '' of type string");
    expectFailure([resize({ id: 7, width: 1 })], InvalidConfigurationError, 'variationConfigs[0].id', 'received 7 of type number');
    const e = expectFailure([blur(), blur()], InvalidConfigurationError, 'variationConfigs[1].id', "Duplicate id 'b'");
    expect(e.details.value).toBe('b');
  });

  test('the message format of the specification', () => {
    const e = expectFailure(
      [{ id: 'a', type: 'resize', width: 1 }, { id: 'g', type: 'color_transform', transform: 'grayscale' }, blur({ id: 'c', radius: 600 })],
      InvalidConfigurationError, 'variationConfigs[2].radius', '',
    );
    expect(e.message).toBe('Expected number in (0, 500] for variationConfigs[2].radius but received 600 of type number');
    expect(e.details).toEqual({ path: 'variationConfigs[2].radius', value: 600, expected: 'number in (0, 500]' });
    expect(e.code).toBe('INVALID_CONFIGURATION');
  });

  test('type missing, not a string, unknown', () => {
    expectFailure([{ id: 'a' }], InvalidConfigurationError, 'variationConfigs[0].type', "'color_transform', 'filter'");
    expectFailure([{ id: 'a', type: 3 }], InvalidConfigurationError, 'variationConfigs[0].type', 'Expected string');
    const e = expectFailure([{ id: 'a', type: 'no_such_type' }], UnsupportedTransformationError, 'variationConfigs[0].type', "'no_such_type'");
    expect(e.message).toMatch(/supported: resize, .*color_transform, filter/);
    expect(e.details.supported).toEqual(Object.keys(operations));
    expect(e.code).toBe('UNSUPPORTED_TRANSFORMATION');
    expectFailure([{ id: 'a', type: 'toString' }], UnsupportedTransformationError, 'variationConfigs[0].type', "'toString'");
  });

  test('transform / filter missing, not a string, unknown', () => {
    expectFailure([{ id: 'a', type: 'color_transform' }], InvalidConfigurationError, 'variationConfigs[0].transform', "'grayscale'");
    expectFailure([{ id: 'a', type: 'color_transform', transform: ['grayscale'] }], InvalidConfigurationError, 'variationConfigs[0].transform', 'Expected string');
    const t = expectFailure([{ id: 'a', type: 'color_transform', transform: 'no_such_transform' }], UnsupportedTransformationError, 'variationConfigs[0].transform', "Unsupported transform 'no_such_transform'");
    expect(t.message).toMatch(/supported: .*grayscale/);
    expectFailure([{ id: 'a', type: 'filter' }], InvalidConfigurationError, 'variationConfigs[0].filter', "'gaussian_blur'");
    const f = expectFailure([{ id: 'a', type: 'filter', filter: 'no_such_filter' }], UnsupportedTransformationError, 'variationConfigs[0].filter', "Unsupported filter 'no_such_filter'");
    expect(f.message).toMatch(/supported: .*gaussian_blur/);
  });

  test('unknown fields, including parameters of another operation', () => {
    const e = expectFailure([resize({ width: 1, colour: 'red' })], InvalidConfigurationError, 'variationConfigs[0].colour', "Unknown field 'colour'");
    expect(e.message).toContain("type 'resize'");
    expect(e.message).toContain('maintain_aspect_ratio');
    expectFailure([blur({ width: 3 })], InvalidConfigurationError, 'variationConfigs[0].width', "Unknown field 'width'");
    expectFailure([{ id: 'a', type: 'color_transform', transform: 'grayscale', radius: 1 }], InvalidConfigurationError, 'variationConfigs[0].radius', 'Unknown field');
  });

  test('both spellings with different values', () => {
    const e = expectFailure([resize({ width: 5, maintainAspectRatio: true, maintain_aspect_ratio: false })],
      InvalidConfigurationError, 'variationConfigs[0].maintain_aspect_ratio', 'Conflicting values');
    expect(e.message).toContain('maintainAspectRatio is true but maintain_aspect_ratio is false');
    expectFailure([blur({ radius: 2, sigma: 3 })], InvalidConfigurationError, 'variationConfigs[0].sigma', 'Conflicting values');
    expectFailure([resize({ width: 1, withoutEnlargement: true, without_enlargement: false })], InvalidConfigurationError,
      'variationConfigs[0].without_enlargement', 'Conflicting');
  });

  test('the path uses the spelling the caller wrote', () => {
    expectFailure([resize({ width: 1, maintain_aspect_ratio: 'yes' })], InvalidConfigurationError,
      'variationConfigs[0].maintain_aspect_ratio', "Expected boolean for variationConfigs[0].maintain_aspect_ratio but received 'yes' of type string");
    expectFailure([blur({ sigma: -1 })], InvalidConfigurationError, 'variationConfigs[0].sigma', 'number in (0, 500]');
  });

  test.each([
    [{ width: 0 }, 'width', 'integer between 1 and 32768', 'received 0 of type number'],
    [{ width: 32769 }, 'width', 'integer between 1 and 32768', '32769'],
    [{ width: 10.5 }, 'width', 'integer between 1 and 32768', '10.5'],
    [{ width: '300' }, 'width', 'integer between 1 and 32768', "received '300' of type string"],
    [{ height: -3 }, 'height', 'integer between 1 and 32768', '-3'],
    [{ width: 1, fit: 'stretch' }, 'fit', "one of 'contain', 'cover', 'fill', 'inside', 'outside'", "'stretch'"],
    [{ width: 1, withoutEnlargement: 1 }, 'withoutEnlargement', 'boolean', 'received 1 of type number'],
    [{ width: 1, background: 'reddish' }, 'background', 'CSS colour', "'reddish'"],
    [{ width: 1, background: '#12345' }, 'background', 'CSS colour', "'#12345'"],
    [{ width: 1, background: 'rgb(1, 2)' }, 'background', 'CSS colour', "'rgb(1, 2)'"],
    [{ width: 1, background: 'hsl(10, 20, 30)' }, 'background', 'CSS colour', "'hsl(10, 20, 30)'"],
    [{ width: 1, background: [0, 0, 256, 0] }, 'background', 'CSS colour', 'of type array'],
    [{ width: 1, background: [0, 0] }, 'background', 'CSS colour', 'of type array'],
  ])('resize %j → %s', (extra, key, expected, received) => {
    const e = expectFailure([resize(extra)], InvalidConfigurationError, `variationConfigs[0].${key}`, expected);
    expect(e.message).toContain(received);
    expect(e.details.expected).toBe(expected.startsWith('CSS') ? e.details.expected : expected);
  });

  test.each([[0], [-1], [500.5], [NaN], [Infinity], ['5'], [true]])('gaussian_blur radius %p rejected', (radius) => {
    expectFailure([blur({ radius })], InvalidConfigurationError, 'variationConfigs[0].radius', 'number in (0, 500]');
  });

  test('resize without width and height', () => {
    expectFailure([resize({ fit: 'cover' })], InvalidConfigurationError, 'variationConfigs[0]', 'at least one of width, height');
  });

  test('maintainAspectRatio contradicting fit', () => {
    expectFailure([resize({ width: 1, maintainAspectRatio: false, fit: 'cover' })], InvalidConfigurationError, 'variationConfigs[0].fit', 'contradicts');
    expectFailure([resize({ width: 1, maintainAspectRatio: true, fit: 'fill' })], InvalidConfigurationError, 'variationConfigs[0].fit', 'contradicts');
    expect(() => validateVariationConfigs([resize({ width: 1, maintainAspectRatio: false, fit: 'fill' })])).not.toThrow();
  });

  test('format unknown, quality out of range or on a format without quality, formatOptions checked', () => {
    const unsupported = expectFailure([blur({ format: 'tiff' })], UnsupportedFormatError, 'variationConfigs[0].format', "available: 'png', 'jpeg', 'webp'");
    expect(unsupported.details).toMatchObject({ direction: 'encode', available: expect.arrayContaining(['png', 'jpeg', 'webp', 'svg', 'raw']) });
    expectFailure([blur({ format: 5 })], UnsupportedFormatError, 'variationConfigs[0].format', 'Cannot encode format 5');
    expectFailure([blur({ format: 'jpeg', formatOptions: { quality: 0 } })], InvalidConfigurationError, 'variationConfigs[0].formatOptions.quality', 'integer between 1 and 100');
    expectFailure([blur({ format: 'jpeg', formatOptions: { progressiv: true } })], InvalidConfigurationError, 'variationConfigs[0].formatOptions.progressiv', "Unknown option 'progressiv'");
    expectFailure([blur({ format: 'jpeg', quality: 50, formatOptions: { quality: 60 } })], InvalidConfigurationError, 'variationConfigs[0].quality', 'given twice');
    expectFailure([blur({ format: 'jpeg', formatOptions: { background: 'nocolour' } })], InvalidConfigurationError, 'variationConfigs[0].formatOptions.background', 'CSS colour');
    expectFailure([blur({ format: 'jpeg', quality: 0 })], InvalidConfigurationError, 'variationConfigs[0].quality', 'integer between 1 and 100');
    expectFailure([blur({ format: 'jpeg', quality: 101 })], InvalidConfigurationError, 'variationConfigs[0].quality', 'integer between 1 and 100');
    expectFailure([blur({ quality: 80 })], InvalidConfigurationError, 'variationConfigs[0].quality', "not an option of format 'png'");
  });

  test('steps: not an array, with type, unknown key, bad step, step errors carry the step path', () => {
    expectFailure([{ id: 's', steps: {} }], InvalidConfigurationError, 'variationConfigs[0].steps', 'array of steps');
    expectFailure([{ id: 's', type: 'resize', steps: [] }], InvalidConfigurationError, 'variationConfigs[0].type', 'either type or steps');
    expectFailure([{ id: 's', steps: [], width: 3 }], InvalidConfigurationError, 'variationConfigs[0].width', "Unknown field 'width'");
    expectFailure([{ id: 's', steps: [5] }], InvalidConfigurationError, 'variationConfigs[0].steps[0]', 'Expected object');
    expectFailure([{ id: 's', steps: [{ type: 'resize', width: 3 }, blur({ id: undefined, radius: 0 })] }],
      InvalidConfigurationError, 'variationConfigs[0].steps[1].radius', 'number in (0, 500]');
    // id/format belong to the variant, not to a step
    expectFailure([{ id: 's', steps: [{ type: 'resize', width: 3, format: 'png' }] }], InvalidConfigurationError,
      'variationConfigs[0].steps[0].format', 'Unknown field');
    expectFailure([{ id: 's', steps: [{ type: 'blur' }] }], UnsupportedTransformationError, 'variationConfigs[0].steps[0].type', "'blur'");
  });

  test('a custom root name appears in paths', () => {
    expect(() => validateVariationConfigs([{ id: 1 }], 'configs')).toThrow('configs[0].id');
  });
});

test('expectedText covers open and closed ranges', () => {
  expect(expectedText({ type: 'number', min: 0, max: 1 })).toBe('number between 0 and 1');
  expect(expectedText({ type: 'number', min: 0, max: 1, maxExclusive: true })).toBe('number in [0, 1)');
});
