// catalogue-filters.test.js: the filters family's catalogue entries validate and normalise into
// the batons src/ops/filter_ops.cpp reads.
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { InvalidConfigurationError, UnsupportedTransformationError } from '../../js/errors.js';
import { filters } from '../../js/catalogue/families/filters.js';

const step = (params) => normaliseVariationConfigs([{ id: 'v', type: 'filter', ...params }])[0].steps[0];

function expectInvalid(params, path) {
  let error;
  try {
    normaliseVariationConfigs([{ id: 'v', type: 'filter', ...params }]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidConfigurationError);
  expect(error.details.path).toBe(path);
}

describe('filters catalogue → batons', () => {
  test('every filter has its op id equal to its name, and defaults normalise', () => {
    for (const [name, entry] of Object.entries(filters)) {
      expect(entry.op).toBe(name);
      expect(step({ filter: name }).op).toBe(name);
    }
  });

  test('defaults', () => {
    expect(step({ filter: 'gaussian_blur' })).toEqual({ op: 'gaussian_blur', sigma: 2 });
    expect(step({ filter: 'box_blur' })).toEqual({ op: 'box_blur', radius: 2 });
    expect(step({ filter: 'motion_blur' })).toEqual({ op: 'motion_blur', angle: 0, length: 10 });
    expect(step({ filter: 'sharpen' })).toEqual({ op: 'sharpen', amount: 1 });
    expect(step({ filter: 'unsharp_mask' })).toEqual({ op: 'unsharp_mask', sigma: 2, amount: 1.5, threshold: 3 });
    expect(step({ filter: 'median' })).toEqual({ op: 'median', size: 3 });
    expect(step({ filter: 'edge_detect' })).toEqual({ op: 'edge_detect', method: 'sobel' });
    expect(step({ filter: 'emboss' })).toEqual({ op: 'emboss' });
    expect(step({ filter: 'convolve' })).toEqual({ op: 'convolve', kernel: [0, 0, 0, 0, 1, 0, 0, 0, 0], offset: 0 });
    expect(step({ filter: 'denoise' })).toEqual({ op: 'denoise', sigmaSpatial: 3, sigmaRange: 30 });
    expect(step({ filter: 'pixelate' })).toEqual({ op: 'pixelate', size: 10 });
    expect(step({ filter: 'vignette' })).toEqual({ op: 'vignette', strength: 0.5, radius: 1 });
  });

  test('gaussian_blur: radius or sigma, up to 500', () => {
    expect(step({ filter: 'gaussian_blur', sigma: 450 })).toEqual({ op: 'gaussian_blur', sigma: 450 });
    expect(step({ filter: 'gaussian_blur', radius: 0.4 })).toEqual({ op: 'gaussian_blur', sigma: 0.4 });
    expectInvalid({ filter: 'gaussian_blur', radius: 0 }, 'variationConfigs[0].radius');
    expectInvalid({ filter: 'gaussian_blur', sigma: 501 }, 'variationConfigs[0].sigma');
  });

  test('unsharp_mask: PIL names; sigma alias → wire sigma', () => {
    expect(step({ filter: 'unsharp_mask', radius: 1.2, amount: 2, threshold: 0 }))
      .toEqual({ op: 'unsharp_mask', sigma: 1.2, amount: 2, threshold: 0 });
    expect(step({ filter: 'unsharp_mask', sigma: 3 }).sigma).toBe(3);
    expectInvalid({ filter: 'unsharp_mask', threshold: 256 }, 'variationConfigs[0].threshold');
    expectInvalid({ filter: 'unsharp_mask', threshold: 1.5 }, 'variationConfigs[0].threshold');
    expectInvalid({ filter: 'unsharp_mask', amount: -1 }, 'variationConfigs[0].amount');
  });

  test('integers and enums', () => {
    expectInvalid({ filter: 'box_blur', radius: 0 }, 'variationConfigs[0].radius');
    expectInvalid({ filter: 'box_blur', radius: 2.5 }, 'variationConfigs[0].radius');
    expectInvalid({ filter: 'median', size: 9 }, 'variationConfigs[0].size');
    expectInvalid({ filter: 'pixelate', size: 0 }, 'variationConfigs[0].size');
    expect(step({ filter: 'edge_detect', method: 'laplacian' }).method).toBe('laplacian');
    expectInvalid({ filter: 'edge_detect', method: 'canny' }, 'variationConfigs[0].method');
    expectInvalid({ filter: 'motion_blur', length: 0.5 }, 'variationConfigs[0].length');
    expectInvalid({ filter: 'vignette', radius: 2 }, 'variationConfigs[0].radius');
    expectInvalid({ filter: 'vignette', strength: 1.01 }, 'variationConfigs[0].strength');
  });

  // Nested rows ([[..], [..], [..]]) need validate.js to flatten before the length check (shared
  // file, requested from the lead); until then kernels are flat, row by row.
  test('convolve: flat kernels of 9, 25 or 49 numbers, row by row', () => {
    expect(step({ filter: 'convolve', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0], offset: 10 }))
      .toEqual({ op: 'convolve', kernel: [0, -1, 0, -1, 5, -1, 0, -1, 0], offset: 10 });
    const k25 = Array.from({ length: 25 }, (_, i) => i - 12);
    expect(step({ filter: 'convolve', kernel: k25, divisor: 3 })).toEqual({ op: 'convolve', kernel: k25, divisor: 3, offset: 0 });
    expect(step({ filter: 'convolve', kernel: Array(49).fill(1) }).kernel).toHaveLength(49);
    expectInvalid({ filter: 'convolve', kernel: [1, 2, 3, 4] }, 'variationConfigs[0].kernel');
    expectInvalid({ filter: 'convolve', kernel: Array(9).fill('a') }, 'variationConfigs[0].kernel');
    expectInvalid({ filter: 'convolve', offset: 300 }, 'variationConfigs[0].offset');
  });

  test('denoise: camelCase and snake_case spellings give the same baton', () => {
    const camel = step({ filter: 'denoise', sigmaSpatial: 2, sigmaRange: 40 });
    const snake = step({ filter: 'denoise', sigma_spatial: 2, sigma_range: 40 });
    expect(camel).toEqual({ op: 'denoise', sigmaSpatial: 2, sigmaRange: 40 });
    expect(JSON.stringify(snake)).toBe(JSON.stringify(camel));
    expectInvalid({ filter: 'denoise', sigmaSpatial: 11 }, 'variationConfigs[0].sigmaSpatial');
  });

  test('unknown filter and unknown field', () => {
    expect(() => normaliseVariationConfigs([{ id: 'v', type: 'filter', filter: 'blurry' }])).toThrow(UnsupportedTransformationError);
    expectInvalid({ filter: 'median', radius: 3 }, 'variationConfigs[0].radius');
  });
});
