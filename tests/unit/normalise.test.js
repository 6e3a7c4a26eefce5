import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { parseColor } from '../../js/config/color.js';
import { InvalidConfigurationError } from '../../js/errors.js';
import { SPEC_EXAMPLE_CONFIGS } from '../helpers/testdata.js';

// The output batons the format catalogue's defaults give (every option sent: the engine reads each).
const PNG = { op: 'png', compressionLevel: 2, palette: false, colors: 256, dither: 0, interlace: false, dpi: 0 };
const JPEG = { op: 'jpeg', quality: 80, chromaSubsampling: '4:2:0', progressive: false, optimizeCoding: true, dpi: 0, background: [255, 255, 255, 255] };

describe('normaliseVariationConfigs → the engine baton (.notes/CONTRACTS.md)', () => {
  test('the three examples of the specification', () => {
    expect(normaliseVariationConfigs(SPEC_EXAMPLE_CONFIGS)).toEqual([
      { id: 'thumbnail', steps: [{ op: 'resize', width: 300, height: 300, fit: 'contain', withoutEnlargement: false, background: [0, 0, 0, 0], position: 'centre', kernel: 'lanczos3', preshrink: true }], output: PNG },
      { id: 'grayscale', steps: [{ op: 'grayscale' }], output: PNG },
      { id: 'blurred', steps: [{ op: 'gaussian_blur', sigma: 5 }], output: PNG },
    ]);
  });

  test('maintainAspectRatio false → fill; explicit fit wins; missing side → 0 (auto)', () => {
    const [a, b, c] = normaliseVariationConfigs([
      { id: 'a', type: 'resize', width: 10, height: 20, maintain_aspect_ratio: false },
      { id: 'b', type: 'resize', height: 20, fit: 'cover' },
      { id: 'c', type: 'resize', width: 7, withoutEnlargement: true, background: '#ff000080' },
    ]);
    expect(a.steps[0]).toMatchObject({ width: 10, height: 20, fit: 'fill' });
    expect(b.steps[0]).toMatchObject({ width: 0, height: 20, fit: 'cover' });
    expect(c.steps[0]).toEqual({ op: 'resize', width: 7, height: 0, fit: 'contain', withoutEnlargement: true, background: [255, 0, 0, 128], position: 'centre', kernel: 'lanczos3', preshrink: true });
  });

  test('default blur radius 2; sigma alias', () => {
    const [a, b] = normaliseVariationConfigs([
      { id: 'a', type: 'filter', filter: 'gaussian_blur' },
      { id: 'b', type: 'filter', filter: 'gaussian_blur', sigma: 1.5 },
    ]);
    expect(a.steps).toEqual([{ op: 'gaussian_blur', sigma: 2 }]);
    expect(b.steps).toEqual([{ op: 'gaussian_blur', sigma: 1.5 }]);
  });

  test('jpeg quality default 80, explicit quality kept (shorthand or formatOptions); white flatten background; raw format', () => {
    const [a, b, c] = normaliseVariationConfigs([
      { id: 'a', type: 'color_transform', transform: 'grayscale', format: 'jpeg' },
      { id: 'b', type: 'color_transform', transform: 'grayscale', format: 'jpg', quality: 55 },
      { id: 'c', type: 'color_transform', transform: 'grayscale', format: 'raw' },
    ]);
    expect([a.output, b.output, c.output]).toEqual([
      JPEG,
      { ...JPEG, quality: 55 },
      { op: 'raw' },
    ]);
    const [d] = normaliseVariationConfigs([{ id: 'd', type: 'color_transform', transform: 'grayscale', format: 'jpeg', formatOptions: { quality: 40, background: 'rgb(0 0 0 / 50%)' } }]);
    expect(d.output).toEqual({ ...JPEG, quality: 40, background: [0, 0, 0, 128] });
  });

  test('multi-step variant', () => {
    const [v] = normaliseVariationConfigs([{ id: 's', format: 'jpeg', quality: 70, steps: [
      { type: 'resize', width: 64, height: 64, fit: 'cover' },
      { type: 'color_transform', transform: 'grayscale' },
      { type: 'filter', filter: 'gaussian_blur', radius: 1 },
    ] }]);
    expect(v).toEqual({ id: 's', output: { ...JPEG, quality: 70 }, steps: [
      { op: 'resize', width: 64, height: 64, fit: 'cover', withoutEnlargement: false, background: [0, 0, 0, 0], position: 'centre', kernel: 'lanczos3', preshrink: true },
      { op: 'grayscale' },
      { op: 'gaussian_blur', sigma: 1 },
    ] });
  });

  test('camelCase and snake_case configs give identical batons, in identical key order', () => {
    const camel = normaliseVariationConfigs([{ id: 'x', type: 'resize', width: 5, maintainAspectRatio: false, withoutEnlargement: true, backgroundColor: '#fff' }]);
    const snake = normaliseVariationConfigs([{ background_color: '#fff', without_enlargement: true, maintain_aspect_ratio: false, width: 5, type: 'resize', id: 'x' }]);
    expect(JSON.stringify(snake)).toBe(JSON.stringify(camel));
  });

  test('batons are structured-cloneable and plain', () => {
    const batons = normaliseVariationConfigs(SPEC_EXAMPLE_CONFIGS);
    expect(structuredClone(batons)).toEqual(batons);
  });

  test('invalid configs throw the validation error', () => {
    expect(() => normaliseVariationConfigs([{ id: 'a', type: 'resize' }])).toThrow(InvalidConfigurationError);
  });
});

describe('parseColor', () => {
  test.each([
    ['#fff', [255, 255, 255, 255]],
    ['#0f08', [0, 255, 0, 136]],
    ['#102030', [16, 32, 48, 255]],
    ['#10203040', [16, 32, 48, 64]],
    ['#ABCDEF', [171, 205, 239, 255]],
    [' #000 ', [0, 0, 0, 255]],
    [[1, 2, 3], [1, 2, 3, 255]],
    [[1, 2, 3, 4], [1, 2, 3, 4]],
  ])('%p → %p', (input, rgba) => expect(parseColor(input)).toEqual(rgba));

  test.each([['fff'], ['#ff'], ['#fffff'], ['#ggg'], [[1, 2]], [[1, 2, 3, 4, 5]], [[1.5, 2, 3]], [[-1, 0, 0]], [7], [null]])('%p → null', (input) => {
    expect(parseColor(input)).toBeNull();
  });
});
