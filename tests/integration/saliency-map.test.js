// analyzeImage's saliencyMap option (composition.saliencyMap) on the real engine, both builds,
// against an independent oracle: tests/oracle/saliency_map_reference.py (Debian's python3) decodes
// each photo with Pillow, makes the small luma copy from the README's definition with numpy and
// runs OpenCV's StaticSaliencySpectralResidual on it (the algorithm src/analysis/saliency.cpp
// follows). The maps must have the same size, correlate, and put their peak in the same place.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { InvalidConfigurationError } from '../../js/index.js';
import { servicesForBothBuilds, describeWithEngine } from '../helpers/engine.js';
import { readTestdata, testdataPath } from '../helpers/testdata.js';

const REFERENCE = fileURLToPath(new URL('../oracle/saliency_map_reference.py', import.meta.url));
// PNG and JPEG, landscape and portrait (kodim04), a subject on a plain ground (LadyBird) and busy scenes.
const PHOTOS = ['photos/kodim23.png', 'photos/kodim04.png', 'photos/coffee.png', 'photos/astronaut.png', 'photos/harvesters.jpeg', 'photos/LadyBird.jpg'];
// Thresholds from measurements on all 14 photos of testdata/photos (mt build, 2026-12-02): Pearson
// r ≥ 0.9999 on every one (the differences are the published map's 8-bit rounding and the two
// JPEG decoders), while the same map shifted by one row scored 0.84–0.94 and mirrored ≤ 0.63. So
// 0.99 fails any layout error yet leaves room for decoder differences.
const MIN_PEARSON = 0.99;
// The peak: each map's peak cell is (within 8-bit rounding, 1/255) a peak of the other. Measured:
// the same cell on all 14 photos.
const PEAK_SHARE = 0.99;

const pearson = (a, b) => {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0; let saa = 0; let sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
};
const argmax = (a) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);
expect.extend({
  toBeAtLeast(received, bound) {
    return { pass: received >= bound, message: () => `expected ${received} to be at least ${bound}` };
  },
});

function referenceMaps(paths) {
  const py = spawnSync('/usr/bin/python3', [REFERENCE, ...paths], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect([py.status, py.stderr]).toEqual([0, '']);
  return JSON.parse(py.stdout);
}

/** A layout error the correlation must catch: the map mirrored left to right. */
function mirrored({ width, height, data }) {
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out[y * width + x] = data[y * width + width - 1 - x];
  return out;
}

describeWithEngine('analyzeImage saliencyMap', () => {
  const services = servicesForBothBuilds();

  test('agrees with OpenCV\'s spectral residual saliency (same size, Pearson r, peak cell) on six photos', async () => {
    const reference = referenceMaps(PHOTOS.map(testdataPath));
    for (const [i, photo] of PHOTOS.entries()) {
      // 'ignore': the pixels as stored, as Pillow gives them (no ICC conversion on either side)
      const { composition } = await services.mt.analyzeImage(readTestdata(photo), ['composition'], { saliencyMap: true, colorManagement: 'ignore' });
      const ours = composition.saliencyMap;
      const ref = reference[i];
      expect([photo, ours.width, ours.height]).toEqual([photo, ref.width, ref.height]);
      expect(Math.max(ours.width, ours.height)).toBeLessThanOrEqual(64);
      expect(ours.data).toBeInstanceOf(Uint8Array);
      expect(ours.data).toHaveLength(ours.width * ours.height);
      expect(Math.max(...ours.data)).toBe(255); // scaled so that the peak is 255

      const values = [...ours.data];
      const refMax = Math.max(...ref.map);
      const ourPeak = argmax(values);
      const refPeak = argmax(ref.map);
      // (photo, value) pairs, so a failure names the photo and the measured value
      expect([photo, pearson(values, ref.map)]).toEqual([photo, expect.toBeAtLeast(MIN_PEARSON)]);
      expect([photo, ref.map[ourPeak] / refMax]).toEqual([photo, expect.toBeAtLeast(PEAK_SHARE)]);
      expect([photo, ours.data[refPeak] / 255]).toEqual([photo, expect.toBeAtLeast(PEAK_SHARE)]);
      // the layout matters: the mirrored map must fail the same bound
      expect(pearson([...mirrored(ours)], ref.map)).toBeLessThan(MIN_PEARSON);
    }
  });

  test('both builds give the same map; it is absent unless asked for; the option is checked', async () => {
    const bytes = readTestdata('photos/harvesters.jpeg'); // 1165×859: box 19 px → 61×45 cells
    const [st, mt, plain] = await Promise.all([
      services.st.analyzeImage(bytes, ['composition'], { saliencyMap: true }),
      services.mt.analyzeImage(bytes, ['composition'], { saliency_map: true }),
      services.st.analyzeImage(bytes, ['composition', 'smartCrop']),
    ]);
    expect([st.composition.saliencyMap.width, st.composition.saliencyMap.height]).toEqual([61, 45]);
    expect(mt.composition.saliencyMap).toEqual(st.composition.saliencyMap);
    expect(plain.composition).not.toHaveProperty('saliencyMap');
    // the rest of composition is the same with or without the map
    const { saliencyMap, ...rest } = st.composition;
    expect(rest).toEqual(plain.composition);
    // without 'composition' there is nothing to attach it to: ignored, like paletteSize without 'colors'
    expect(await services.st.analyzeImage(bytes, ['smartCrop'], { saliencyMap: true })).toEqual({ smartCrop: plain.smartCrop });
    await expect(services.st.analyzeImage(bytes, ['composition'], { saliencyMap: 'yes' })).rejects.toBeInstanceOf(InvalidConfigurationError);
  });

  test('a tiny image gives a map at its own size (no upscaling)', async () => {
    const data = new Uint8Array(10 * 6 * 4).fill(255);
    for (let i = 0; i < 4; i++) data.set([200, 20, 20, 255], 4 * (2 * 10 + 3 + i)); // a red bar on white
    const { composition } = await services.st.analyzeImage({ width: 10, height: 6, data }, ['composition'], { saliencyMap: true });
    expect([composition.saliencyMap.width, composition.saliencyMap.height, composition.saliencyMap.data.length]).toEqual([10, 6, 60]);
  });
});
