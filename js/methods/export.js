// export.js: processForExport(image, exportFormat, exportOptions, options) — fit inside
// maxWidth/maxHeight, encode with the format's options, optionally search the quality (or the
// palette size) that lands just under targetSizeBytes. Run by js/worker/export.js.
import { methods } from '../catalogue/methods.js';
import { formats } from '../catalogue/formats.js';
import { parseColor } from '../config/color.js';
import { normaliseOutput, resolveFormatName, unsupportedFormat } from '../config/output-options.js';
import { declaredKeys, resolveOptions } from '../config/call-options.js';
import * as is from '../config/is.js';

const EXPORT_OPTIONS = methods.processForExport.exportOptions;

export default {
  name: 'processForExport',
  worker: 'export',
  prepare([image, exportFormat, exportOptions], { encodable }) {
    const path = 'exportOptions';
    const given = exportOptions ?? {};
    if (!is.plainObject(given)) throw is.invalidParameterError(path, 'object', given);
    const format = resolveFormatName(exportFormat);
    if (!format || format === 'raw' || !encodable.includes(format)) {
      throw unsupportedFormat(exportFormat, 'exportFormat', encodable.filter((f) => f !== 'raw'));
    }
    // Export options (maxWidth, …) in either spelling; every other key is the format's own option.
    const own = declaredKeys(EXPORT_OPTIONS);
    const options = resolveOptions(EXPORT_OPTIONS, given, path);
    const encoder = Object.fromEntries(Object.entries(given).filter(([key]) => !own.has(key)));
    // `background`: the encoder's own option where the format has one (jpeg, svg), else a flatten
    // step before the encode (an opaque png, webp, gif, … as sharp's flatten gives).
    const ownBackground = 'background' in formats[format].options;
    if (ownBackground && options.background !== undefined) encoder.background = options.background;
    // Unknown keys are named against the format's own options (output-options.js).
    const output = normaliseOutput({ format, formatOptions: encoder }, 'exportOptions', { available: encodable, optionsPath: path });
    // Not encoder options: encode_output converts the pixels and splices the profile, EXIF and XMP
    // in after the encoder (src/pipeline/output_metadata.h). An explicit iccProfile wins over
    // keepIccProfile, so only a given one is sent.
    if (is.defined(given.iccProfile ?? given.icc_profile)) output.iccProfile = options.iccProfile;
    else if (options.keepIccProfile) output.keepIccProfile = true;
    if (options.stripMetadata === false) output.stripMetadata = false;
    const steps = [];
    if (options.maxWidth || options.maxHeight) {
      steps.push({
        op: 'resize', width: options.maxWidth ?? 0, height: options.maxHeight ?? 0, fit: 'inside', withoutEnlargement: true,
        background: [0, 0, 0, 0], position: 'centre', kernel: 'lanczos3',
      });
    }
    if (!ownBackground && options.background !== undefined) steps.push({ op: 'flatten', background: parseColor(options.background) });
    return {
      inputs: [{ image, path: 'image' }],
      request: { steps, output, targetSizeBytes: options.targetSizeBytes, search: searchPlan(format, output) },
    };
  },
  finish: (value) => value.output.data,
  summary: (value) => `${value.output.format} ${value.output.data.byteLength} bytes${value.attempts > 1 ? ` after ${value.attempts} encodes` : ''}`,
};

/**
 * What targetSizeBytes may lower: { key, min, max, palette? } — the quality for lossy formats, the
 * palette size for png (switching palette on) and gif. Undefined where nothing can shrink.
 */
function searchPlan(format, output) {
  if (format === 'jpeg' || format === 'webp') return output.lossless ? undefined : { key: 'quality', min: 1, max: output.quality };
  if (format === 'svg') return output.mode === 'embed' && output.embedFormat === 'jpeg' ? { key: 'quality', min: 1, max: output.quality } : { key: 'colors', min: 2, max: output.colors };
  if (format === 'png') return { key: 'colors', min: 2, max: output.colors, palette: true };
  if (format === 'gif') return { key: 'colors', min: 2, max: output.colors };
  return undefined;
}

