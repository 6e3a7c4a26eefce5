// filters.js: the filter family: the choices of `filter` for type 'filter' (data only; see
// ../operations.js for the parameter fields).
export const filters = {
  gaussian_blur: {
    op: 'gaussian_blur',
    doc: 'Gaussian blur.',
    params: {
      radius: {
        type: 'number', unit: 'pixels (= sigma)', min: 0, minExclusive: true, max: 100, default: 2,
        aliases: ['sigma'], wire: 'sigma',
        doc: 'Standard deviation of the Gaussian, in pixels.',
      },
    },
  },
};
