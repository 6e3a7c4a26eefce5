// read-input.js: turns any accepted input (Uint8Array, ArrayBuffer, Blob, { width, height, data })
// into the bytes sent to a worker, copying unless the caller asked to transfer.
import * as is from '../config/is.js';
import { DecodeError, InvalidConfigurationError, ResourceLimitError } from '../errors.js';
import { isShared } from './staging.js';

export const INPUT_EXPECTED = 'Uint8Array, ArrayBuffer, Blob or { width, height, data } with RGBA8 data';

/**
 * @param {unknown} image
 * @param {{ transfer?: boolean, stage?: (view: Uint8Array) => Uint8Array, maxInputPixels: number,
 *   maxInputSide: number, path?: string }} options
 *   stage: makes the private copy of raw pixels the caller keeps (StagingBuffers.take: a shared,
 *   reused buffer); without it, a fresh ArrayBuffer
 * @returns {Promise<{ bytes: Uint8Array, transfer: ArrayBuffer[], rawWidth: number, rawHeight: number }>}
 *   rawWidth = rawHeight = 0 for encoded input; `transfer` never lists a SharedArrayBuffer
 */
export async function readInput(image, { transfer = false, stage, maxInputPixels, maxInputSide, path = 'image' }) {
  if (is.blob(image)) {
    const bytes = new Uint8Array(await image.arrayBuffer()); // already a private copy
    return encoded(bytes, [bytes.buffer]);
  }
  if (is.arrayBuffer(image) || is.byteArray(image) || isShared(image)) {
    return encoded(...takeBytes(new Uint8Array(image.buffer ?? image, image.byteOffset ?? 0, image.byteLength), transfer));
  }
  if (image !== null && typeof image === 'object' && 'width' in image && 'height' in image && 'data' in image) {
    return raw(image, { transfer, stage, maxInputPixels, maxInputSide, path });
  }
  throw is.invalidParameterError(path, INPUT_EXPECTED, image);
}

function encoded(bytes, transfer) {
  if (bytes.byteLength === 0) throw new DecodeError('The input is empty (0 bytes)', { details: { byteLength: 0 } });
  return { bytes, transfer, rawWidth: 0, rawHeight: 0 };
}

function raw(image, { transfer, stage, maxInputPixels, maxInputSide, path }) {
  const { width, height, data } = image;
  for (const [key, value] of [['width', width], ['height', height]]) {
    if (!is.integer(value) || value < 1) throw is.invalidParameterError(`${path}.${key}`, 'positive integer', value);
  }
  if (width > maxInputSide || height > maxInputSide || width * height > maxInputPixels) {
    throw new ResourceLimitError(
      `Input of ${width}x${height} pixels exceeds the limits (${maxInputPixels} pixels, ${maxInputSide} per side)`,
      { code: 'IMAGE_TOO_LARGE', details: { width, height, maxInputPixels, maxInputSide } },
    );
  }
  if (!is.byteArray(data)) throw is.invalidParameterError(`${path}.data`, 'Uint8Array or Uint8ClampedArray of RGBA8 pixels', data);
  if (data.byteLength !== width * height * 4) {
    throw new InvalidConfigurationError(
      `Expected ${width * height * 4} bytes (width x height x 4) for ${path}.data but received ${data.byteLength}`,
      { details: { path: `${path}.data`, value: data.byteLength, expected: width * height * 4 } },
    );
  }
  const [bytes, list] = takeBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), transfer, stage);
  return { bytes, transfer: list, rawWidth: width, rawHeight: height };
}

/** [bytes to send, buffers to transfer]: the caller's own buffer only when asked and possible. */
function takeBytes(view, transfer, stage) {
  const whole = view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  // By tag, not instanceof: a buffer from another realm (iframe, vm context) is transferable too.
  const plain = Object.prototype.toString.call(view.buffer) === '[object ArrayBuffer]';
  if (transfer && whole && plain) return [view, [view.buffer]];
  const copy = stage ? stage(view) : view.slice();
  return [copy, isShared(copy.buffer) ? [] : [copy.buffer]];
}
