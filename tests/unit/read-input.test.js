import { readInput } from '../../js/input/read-input.js';
import { DecodeError, InvalidConfigurationError, ResourceLimitError } from '../../js/errors.js';

const limits = { maxInputPixels: 1000, maxInputSide: 100 };

describe('readInput', () => {
  test('Uint8Array is copied by default: the caller keeps a usable buffer', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const input = await readInput(bytes, limits);
    expect(input.bytes).toEqual(bytes);
    expect(input.bytes.buffer).not.toBe(bytes.buffer);
    expect(input.transfer).toEqual([input.bytes.buffer]);
    expect([input.rawWidth, input.rawHeight]).toEqual([0, 0]);
  });

  test('transfer: true hands over the caller buffer when the view covers it', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const input = await readInput(bytes, { ...limits, transfer: true });
    expect(input.transfer).toEqual([bytes.buffer]);
  });

  test('transfer: true on a sub-view copies (transferring would detach unrelated bytes)', async () => {
    const whole = new Uint8Array([0, 1, 2, 3]);
    const input = await readInput(whole.subarray(1, 3), { ...limits, transfer: true });
    expect(Array.from(input.bytes)).toEqual([1, 2]);
    expect(input.transfer[0]).not.toBe(whole.buffer);
  });

  test('ArrayBuffer, Node Buffer and Blob', async () => {
    expect(Array.from((await readInput(new Uint8Array([5, 6]).buffer, limits)).bytes)).toEqual([5, 6]);
    expect(Array.from((await readInput(Buffer.from([7]), limits)).bytes)).toEqual([7]);
    expect(Array.from((await readInput(new Blob([new Uint8Array([8, 9])]), limits)).bytes)).toEqual([8, 9]);
  });

  test('raw RGBA pixels ({ width, height, data }, as ImageData)', async () => {
    const data = new Uint8ClampedArray(2 * 3 * 4).fill(7);
    const input = await readInput({ width: 2, height: 3, data }, limits);
    expect([input.rawWidth, input.rawHeight, input.bytes.length]).toEqual([2, 3, 24]);
    expect(input.bytes.buffer).not.toBe(data.buffer);
  });

  test('empty input → DecodeError', async () => {
    await expect(readInput(new Uint8Array(0), limits)).rejects.toBeInstanceOf(DecodeError);
  });

  test('not an image → InvalidConfigurationError naming the accepted inputs', async () => {
    for (const bad of [undefined, 'file.png', 42, [1, 2], new Int16Array(2)]) {
      const error = await readInput(bad, limits).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidConfigurationError);
      expect(error.details.path).toBe('image');
      expect(error.message).toContain('Uint8Array, ArrayBuffer, Blob');
    }
  });

  test('raw: bad sizes, bad data, over the limits', async () => {
    const px = (w, h) => new Uint8Array(w * h * 4);
    await expect(readInput({ width: 0, height: 1, data: px(1, 1) }, limits)).rejects.toMatchObject({ details: { path: 'image.width' } });
    await expect(readInput({ width: 1, height: 1.5, data: px(1, 1) }, limits)).rejects.toMatchObject({ details: { path: 'image.height' } });
    await expect(readInput({ width: 1, height: 1, data: [0, 0, 0, 0] }, limits)).rejects.toMatchObject({ details: { path: 'image.data' } });
    const short = await readInput({ width: 2, height: 2, data: px(1, 1) }, limits).catch((e) => e);
    expect(short).toBeInstanceOf(InvalidConfigurationError);
    expect(short.message).toContain('Expected 16 bytes');
    const side = await readInput({ width: 101, height: 1, data: px(101, 1) }, limits).catch((e) => e);
    expect(side).toBeInstanceOf(ResourceLimitError);
    expect(side.code).toBe('IMAGE_TOO_LARGE');
    await expect(readInput({ width: 40, height: 40, data: px(40, 40) }, limits)).rejects.toBeInstanceOf(ResourceLimitError);
  });
});
