// createComposite on the real engine in Node. Oracles: W3C Compositing Level 1's formulas written
// out here in double precision (blend + source-over), sharp decoding the outputs. Every mode
// against Chromium's canvas is in tests/browser/composite.spec.js; the engine's own float
// reference tests are in tests/cpp/test_composite.cpp.
import { InvalidLayerError, DecodeError, UnsupportedFormatError, UnsupportedTransformationError } from '../../js/index.js';
import { servicesForBothBuilds, describeWithEngine } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const flat = (w, h, rgba) => ({ width: w, height: h, data: new Uint8Array(w * h * 4).map((_, i) => rgba[i % 4]) });

/** W3C: Cs' = (1 − αb)·Cs + αb·B(Cb, Cs); co = αs·Cs' + αb·Cb·(1 − αs); αo = αs + αb(1 − αs) (straight out). */
function sourceOver(backdrop, source, blend) {
  const [ab, as] = [backdrop[3] / 255, source[3] / 255];
  const ao = as + ab * (1 - as);
  const rgb = [0, 1, 2].map((c) => {
    const cb = backdrop[c] / 255;
    const cs = source[c] / 255;
    const mixed = (1 - ab) * cs + ab * blend(cb, cs);
    return ao === 0 ? 0 : Math.round(((as * mixed + ab * cb * (1 - as)) / ao) * 255);
  });
  return [...rgb, Math.round(ao * 255)];
}

describeWithEngine('createComposite', () => {
  const services = servicesForBothBuilds();

  test('multiply and screen at 50 % opacity over a translucent background equal the W3C formulas (±1)', async () => {
    const modes = { multiply: (b, s) => b * s, screen: (b, s) => b + s - b * s, difference: (b, s) => Math.abs(b - s) };
    for (const [mode, blend] of Object.entries(modes)) {
      const out = await services.st.createComposite([{ color: [40, 200, 120, 255], x: 2, y: 2, width: 4, height: 4, opacity: 0.5, blendMode: mode }],
        8, 8, 'rgba(200, 100, 50, 0.8)', { format: 'raw' });
      const inside = [...out.data.subarray((3 * 8 + 3) * 4, (3 * 8 + 3) * 4 + 4)];
      const want = sourceOver([200, 100, 50, 204], [40, 200, 120, 128], blend);
      inside.forEach((v, i) => expect([mode, i, Math.abs(v - want[i]) <= 1]).toEqual([mode, i, true]));
      expect([...out.data.subarray(0, 4)]).toEqual([200, 100, 50, 204]); // outside the layer: untouched
    }
  });

  test('a raw backdrop the call may consume, an ImageHandle and a cached input all keep serving their pixels', async () => {
    // With no cache the call's own copy of a raw input is taken as the canvas (no copy); a handle
    // (and, with an image cache, a stored input) must stay intact for the next call.
    const { ImageProcessingService } = await import('../../js/index.js');
    const backdrop = flat(6, 5, [200, 100, 50, 255]);
    const layer = { color: [40, 200, 120, 255], x: 1, y: 1, width: 3, height: 2, opacity: 0.5, blendMode: 'multiply' };
    const want = sourceOver([200, 100, 50, 255], [40, 200, 120, 127.5], (b, s) => b * s);
    for (const options of [{ cache: null, imageCacheBytes: 0 }, {}]) {
      const svc = await ImageProcessingService.create({ ...options, build: 'mt' });
      try {
        const handle = await svc.load(backdrop);
        for (const image of [backdrop, handle, handle, backdrop, backdrop]) {
          const out = await svc.createComposite([{ image }, layer], 6, 5, null, { format: 'raw' });
          const inside = [...out.data.subarray((6 + 1) * 4, (6 + 1) * 4 + 4)];
          inside.forEach((v, i) => expect([i, Math.abs(v - want[i]) <= 1]).toEqual([i, true]));
          expect([...out.data.subarray(0, 4)]).toEqual([200, 100, 50, 255]);
        }
        expect([...backdrop.data.subarray(0, 4)]).toEqual([200, 100, 50, 255]); // the caller's pixels
        handle.release();
      } finally {
        await svc.dispose();
      }
    }
  });

  test('destination_in clears the canvas outside the layer box (Canvas 2D semantics); CSS spellings are accepted', async () => {
    const out = await services.st.createComposite([{ color: '#ffffff', x: 0, y: 0, width: 2, height: 2, blendMode: 'destination-in' }], 4, 4, 'red', { format: 'raw' });
    expect([...out.data.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect([...out.data.subarray((3 * 4 + 3) * 4, (3 * 4 + 3) * 4 + 4)]).toEqual([0, 0, 0, 0]);
  });

  test('image layers with scaling, rotation, transforms and a mask; text with the default font; st = mt byte for byte', async () => {
    const photo = readTestdata('photos/kodim23.png');
    const layers = [
      { image: photo, x: -40, y: 10, width: 300, height: 200, fit: 'cover', transforms: [{ type: 'color_transform', transform: 'sepia' }] },
      { image: photo, x: 150, y: 60, width: 120, height: 80, rotate: 15, opacity: 0.7, blendMode: 'overlay', mask: flat(4, 4, [255, 255, 255, 255]) },
      { gradient: { type: 'linear', angle: 180, stops: [[0, 'rgba(0,0,0,0)'], [1, 'rgba(0,0,0,0.6)']] }, x: 0, y: 100, width: 320, height: 100 },
      { text: 'Hello, Zoë', size: 32, color: 'white', x: 10, y: 150, maxWidth: 200, align: 'left' },
    ];
    const [a, b] = await Promise.all([services.st.createComposite(layers, 320, 200, '#102030', { format: 'raw' }), services.mt.createComposite(layers, 320, 200, '#102030', { format: 'raw' })]);
    expect([a.width, a.height]).toEqual([320, 200]);
    expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data))).toBe(0);
    const png = await services.st.createComposite(layers, 320, 200, '#102030');
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  test('malformed layers reject with InvalidLayerError (layer index, field, cause); the service keeps serving', async () => {
    const cases = [
      [[{ x: 1 }], 0, 'layer', undefined],
      [[{ color: 'red' }, { image: new Uint8Array([1, 2, 3, 4, 5]) }], 1, 'image', UnsupportedFormatError],
      [[{ image: readTestdata('malformed/truncated_in_headers.jpg') }], 0, 'image', DecodeError],
      // refused while reading, before any worker (the browser soak found these escaping as a bare DecodeError)
      [[{ color: 'red' }, { image: new Uint8Array(0) }], 1, 'image', DecodeError],
      [[{ image: { width: 4, height: 4, data: new Uint8Array(4) } }], 0, 'image', undefined],
      [[{ color: 'red', x: Number.NaN }], 0, 'x', undefined],
      [[{ color: 'red', blendMode: 'sparkle' }], 0, 'blendMode', UnsupportedTransformationError],
      [[{ color: 'red', width: 0, height: 3 }], 0, 'width', undefined],
      [[{ text: 'hi', font: new Uint8Array(64) }], 0, 'font', undefined],
    ];
    for (const [layers, layer, field, causeClass] of cases) {
      const e = await services.st.createComposite(layers, 16, 16).catch((x) => x);
      expect([e instanceof InvalidLayerError, e.details?.layer, e.details?.field]).toEqual([true, layer, field]);
      expect(e.cause).toBeDefined();
      if (causeClass) expect(e.cause).toBeInstanceOf(causeClass);
    }
    const ok = await services.st.createComposite([{ color: 'blue' }], 2, 2, undefined, { format: 'raw' });
    expect([...ok.data.subarray(0, 4)]).toEqual([0, 0, 255, 255]);
  });
});
