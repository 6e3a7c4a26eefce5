// filters.js: the filter family: the choices of `filter` for type 'filter' (data only; see
// ../operations.js for the parameter fields). C++: src/ops/filter_ops.cpp reads these names (or
// their `wire` names); semantics in src/ops/filters.h.
export const filters = {
  gaussian_blur: {
    op: 'gaussian_blur',
    scratchBytesPerPixel: 16, // one float RGBA intermediate (memory estimate)
    doc: 'Gaussian blur (exact kernel up to sigma 32, three box blurs above: cost independent of sigma).',
    params: {
      radius: {
        type: 'number', unit: 'pixels (= sigma)', min: 0, minExclusive: true, max: 500, default: 2,
        aliases: ['sigma'], wire: 'sigma',
        doc: 'Standard deviation of the Gaussian, in pixels.',
      },
    },
  },
  box_blur: {
    op: 'box_blur',
    scratchBytesPerPixel: 16, // one float RGBA intermediate (memory estimate)
    doc: 'Mean of the (2 radius + 1)² square around each pixel; edges replicated.',
    params: {
      radius: { type: 'integer', unit: 'pixels', min: 1, max: 1000, default: 2, doc: 'Half the box side: the box is 2 radius + 1 pixels wide.' },
    },
  },
  motion_blur: {
    op: 'motion_blur',
    doc: 'Mean along a line through each pixel (camera shake along one direction).',
    params: {
      angle: { type: 'number', unit: 'degrees', min: -360, max: 360, default: 0, doc: 'Direction of the line, counter-clockwise from the +x axis.' },
      length: { type: 'number', unit: 'pixels', min: 1, max: 500, default: 10, doc: 'Length of the line: round(length) samples one pixel apart.' },
    },
  },
  sharpen: {
    op: 'sharpen',
    scratchBytesPerPixel: 16, // one float RGBA intermediate (memory estimate)
    doc: 'Unsharp mask with sigma 1 and threshold 0.',
    params: {
      amount: { type: 'number', unit: 'factor', min: 0, max: 10, default: 1, doc: 'Strength: out = in + amount * (in - blurred).' },
    },
  },
  unsharp_mask: {
    op: 'unsharp_mask',
    doc: 'Unsharp mask (PIL UnsharpMask / GIMP): out = in + amount * (in - gaussian(in)) where the difference exceeds threshold.',
    params: {
      radius: {
        type: 'number', unit: 'pixels (= sigma)', min: 0, minExclusive: true, max: 500, default: 2,
        aliases: ['sigma'], wire: 'sigma',
        doc: 'Standard deviation of the blur (PIL UnsharpMask radius).',
      },
      amount: { type: 'number', unit: 'factor', min: 0, max: 10, default: 1.5, doc: 'Strength (PIL percent / 100).' },
      threshold: { type: 'integer', unit: '8-bit levels', min: 0, max: 255, default: 3, doc: 'Channels whose difference to the blur is not above this are left unchanged.' },
    },
  },
  median: {
    op: 'median',
    scratchBytesPerPixel: 16, // one float RGBA intermediate (memory estimate)
    doc: 'Per-channel median of the size × size window (alpha too, independently); edges replicated.',
    params: {
      size: { type: 'integer', unit: 'pixels', min: 3, max: 7, default: 3, doc: 'Window side: 3, 5 or 7.' },
    },
  },
  edge_detect: {
    op: 'edge_detect',
    doc: 'Gray edge magnitude of the luma: Sobel gradient length or absolute 4-neighbour Laplacian; alpha kept.',
    params: {
      method: { type: 'enum', values: ['sobel', 'laplacian'], default: 'sobel', doc: 'Edge operator (3×3).' },
    },
  },
  emboss: {
    op: 'emboss',
    doc: 'Emboss relief on a mid-gray (128) background, as PIL ImageFilter.EMBOSS.',
    params: {},
  },
  convolve: {
    op: 'convolve',
    scratchBytesPerPixel: 16, // one float RGBA intermediate (memory estimate)
    doc: 'Custom kernel (correlation, as cv2.filter2D): out = sum(kernel × neighbourhood) / divisor + offset; edges replicated; alpha kept.',
    params: {
      kernel: {
        type: 'array', items: { type: 'number', min: -1e6, max: 1e6, doc: 'kernel weight' }, lengths: [9, 25, 49], acceptsRows: true,
        default: [0, 0, 0, 0, 1, 0, 0, 0, 0],
        doc: '3×3, 5×5 or 7×7 weights, row by row from the top-left: flat, or as rows.',
      },
      divisor: { type: 'number', min: -1e6, max: 1e6, doc: 'Divides the weighted sum; default: the sum of the kernel, or 1 if that is 0.' },
      offset: { type: 'number', unit: '8-bit levels', min: -255, max: 255, default: 0, doc: 'Added after dividing.' },
    },
  },
  denoise: {
    op: 'denoise',
    doc: 'Edge-preserving smoothing: bilateral filter as cv2.bilateralFilter (window radius round(1.5 sigmaSpatial)); alpha kept.',
    params: {
      sigmaSpatial: { type: 'number', unit: 'pixels', min: 0.5, max: 10, default: 3, snake: 'sigma_spatial', doc: 'Spatial standard deviation; cost grows with its square.' },
      sigmaRange: { type: 'number', unit: '8-bit levels', min: 1, max: 255, default: 30, snake: 'sigma_range', doc: 'Colour-difference standard deviation (L1 distance of R, G, B).' },
    },
  },
  pixelate: {
    op: 'pixelate',
    doc: 'Replace each size × size block (from the top-left corner) by its mean colour; partial edge blocks average what they contain.',
    params: {
      size: { type: 'integer', unit: 'pixels', min: 1, max: 1024, default: 10, doc: 'Block side.' },
    },
  },
  vignette: {
    op: 'vignette',
    doc: 'Darken toward the corners: colour × (1 − strength · smoothstep(radius − 0.5, radius, d)), d = distance to the centre / half-diagonal.',
    params: {
      strength: { type: 'number', unit: 'fraction', min: 0, max: 1, default: 0.5, doc: 'Darkening where the falloff is complete (1 = black).' },
      radius: { type: 'number', unit: 'half-diagonals', min: 0, max: 1.5, default: 1, doc: 'Distance from the centre where darkening is complete; it starts 0.5 closer in.' },
    },
  },
};
