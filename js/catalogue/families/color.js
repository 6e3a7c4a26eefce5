// color.js: the color family: the choices of `transform` for type 'color_transform' and the
// steps of applyColorTransformations (data only; see ../operations.js for the parameter fields).
export const colorTransforms = {
  grayscale: {
    op: 'grayscale',
    doc: 'Replace colour by Rec. 709 luma; alpha is kept.',
    params: {},
  },
};
