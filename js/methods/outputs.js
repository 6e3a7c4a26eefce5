// outputs.js: an engine image output → the public value: encoded bytes as a Uint8Array, or
// { width, height, data } for format 'raw' (data a Uint8ClampedArray over the same buffer, so
// `new ImageData(data, width, height)` works as is).
export function imageOutput(out) {
  if (out.format !== 'raw') return out.data;
  return { width: out.width, height: out.height, data: new Uint8ClampedArray(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
}
