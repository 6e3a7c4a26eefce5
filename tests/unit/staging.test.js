import { StagingBuffers, isShared } from '../../js/input/staging.js';
import { readInput } from '../../js/input/read-input.js';

const limits = { maxInputPixels: 1000, maxInputSide: 100 };
const pixels = (n, v) => ({ width: n, height: 1, data: new Uint8ClampedArray(n * 4).fill(v) });

describe('StagingBuffers', () => {
  test('take copies into a SharedArrayBuffer of exactly the length; give makes it reusable', () => {
    const s = new StagingBuffers();
    const a = s.take(new Uint8Array([1, 2, 3]));
    expect(isShared(a.buffer)).toBe(true);
    expect(Array.from(a)).toEqual([1, 2, 3]);
    s.give(a);
    const b = s.take(new Uint8Array([4, 5])); // fits in the idle 3-byte buffer (<= 2x the length)
    expect(b.buffer).toBe(a.buffer);
    expect(Array.from(b)).toEqual([4, 5]);
  });

  test('a buffer in use is never handed out twice; a much larger idle one is not used for a small call', () => {
    const s = new StagingBuffers();
    const a = s.take(new Uint8Array(8));
    const b = s.take(new Uint8Array(8));
    expect(b.buffer).not.toBe(a.buffer);
    s.give(a);
    expect(s.take(new Uint8Array(3)).buffer).not.toBe(a.buffer); // 8 > 2 x 3
  });

  test('idle buffers are bounded by count and bytes', () => {
    const s = new StagingBuffers({ maxIdle: 2, maxIdleBytes: 20 });
    const bufs = [s.take(new Uint8Array(8)), s.take(new Uint8Array(8)), s.take(new Uint8Array(8))];
    bufs.forEach((b) => s.give(b));
    expect(s.idleBytes()).toBe(16);
    s.give(s.take(new Uint8Array(16))); // 16 + 16 > 20: the older idle buffers go
    expect(s.idleBytes()).toBeLessThanOrEqual(20);
    s.clear();
    expect(s.idleBytes()).toBe(0);
  });

  test('give ignores what take did not make', () => {
    const s = new StagingBuffers();
    s.give(new Uint8Array(4));
    s.give(undefined);
    expect(s.idleBytes()).toBe(0);
  });
});

describe('readInput with a stage function', () => {
  test('raw pixels the caller keeps go through stage, never into the transfer list', async () => {
    const s = new StagingBuffers();
    const image = pixels(3, 9);
    const input = await readInput(image, { ...limits, stage: (v) => s.take(v) });
    expect(isShared(input.bytes.buffer)).toBe(true);
    expect(input.transfer).toEqual([]);
    expect(Array.from(input.bytes)).toEqual(Array.from(image.data));
    image.data[0] = 1; // the caller's later writes do not reach the staged copy
    expect(input.bytes[0]).toBe(9);
  });

  test('transfer: true still hands over the caller buffer (no copy at all)', async () => {
    const image = pixels(2, 5);
    const input = await readInput(image, { ...limits, transfer: true, stage: () => { throw new Error('not staged'); } });
    expect(input.transfer[0]).toBe(image.data.buffer);
    expect(input.bytes.buffer).toBe(image.data.buffer);
  });
});
