// processForExport's metadata options → the engine's output baton (js/methods/export.js), without
// the engine: iccProfile is sent only when given (so that it can win over keepIccProfile, which the
// engine reads only when iccProfile is absent: src/pipeline/output_metadata.h), stripMetadata only
// when false, keepIccProfile only when true.
import exportMethod from '../../js/methods/export.js';

const encodable = ['png', 'jpeg', 'webp', 'gif', 'ico', 'bmp', 'tga', 'svg', 'raw'];
const baton = (format, options) => exportMethod.prepare([new Uint8Array(8), format, options], { encodable }).request.output;
const metadataKeys = (output) => Object.fromEntries(['iccProfile', 'keepIccProfile', 'stripMetadata'].filter((k) => k in output).map((k) => [k, output[k]]));

test.each([
  [{}, {}],
  [{ stripMetadata: true }, {}],
  [{ stripMetadata: false }, { stripMetadata: false }],
  [{ strip_metadata: false, keep_icc_profile: true }, { stripMetadata: false, keepIccProfile: true }],
  [{ keepIccProfile: true }, { keepIccProfile: true }],
  [{ keepIccProfile: false }, {}],
  [{ keepIccProfile: true, iccProfile: 'srgb' }, { iccProfile: 'srgb' }],
  [{ keepIccProfile: true, icc_profile: 'p3' }, { iccProfile: 'p3' }],
  [{ iccProfile: 'p3' }, { iccProfile: 'p3' }],
])('exportOptions %j → output %j', (options, want) => {
  expect(metadataKeys(baton('jpeg', options))).toEqual(want);
});

test('bad values name their path', () => {
  expect(() => baton('png', { stripMetadata: 0 })).toThrow(expect.objectContaining({ name: 'InvalidConfigurationError', details: expect.objectContaining({ path: 'exportOptions.stripMetadata' }) }));
  expect(() => baton('png', { keepIccProfile: 'yes' })).toThrow(expect.objectContaining({ details: expect.objectContaining({ path: 'exportOptions.keepIccProfile' }) }));
});
