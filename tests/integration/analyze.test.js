// analyzeImage in Node on the real engine, both builds. Independent oracles: sharp (libvips)
// decodes the file and computes per-channel stats; histograms are counted here from sharp's
// pixels. The measures themselves (Laplacian, Immerkær noise, entropy, saliency, palette, …) are
// checked against OpenCV / numpy / Pillow in tests/oracle/test_analysis_oracle.py.
import sharp from 'sharp';
import { UnsupportedAnalysisError } from '../../js/index.js';
import { servicesForBothBuilds, describeWithEngine } from '../helpers/engine.js';
import { readTestdata, testdataPath } from '../helpers/testdata.js';

const PHOTO = 'photos/kodim23.png';
const ALL = ['colors', 'composition', 'quality', 'histogram', 'stats', 'metadata', 'smartCrop'];

describeWithEngine('analyzeImage', () => {
  const services = servicesForBothBuilds();

  test('every type in one call; st and mt give the same answer', async () => {
    const bytes = readTestdata(PHOTO);
    const [a, b] = await Promise.all([services.st.analyzeImage(bytes, ALL), services.mt.analyzeImage(bytes, ALL)]);
    expect(Object.keys(a)).toEqual(ALL);
    expect(b).toEqual(a);
    expect(a.quality.overallScore).toBeGreaterThan(0);
    expect(a.quality.overallScore).toBeLessThanOrEqual(1);
    expect(a.colors.palette).toHaveLength(6);
    expect(a.smartCrop.width / a.smartCrop.height).toBeCloseTo(1, 1);
  });

  test('stats equal sharp\'s stats(); histograms equal counts over sharp\'s decode', async () => {
    const { data, info } = await sharp(testdataPath(PHOTO)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const oracle = await sharp(testdataPath(PHOTO)).ensureAlpha().stats();
    const r = await services.st.analyzeImage(readTestdata(PHOTO), ['stats', 'histogram']);
    expect(oracle.channels).toHaveLength(3); // sharp reports the file's r, g, b; alpha (opaque) checked below
    expect(r.stats.channels[3]).toEqual({ min: 255, max: 255, mean: 255, stdev: 0 });
    r.stats.channels.slice(0, 3).forEach((c, i) => {
      const o = oracle.channels[i];
      expect([c.min, c.max]).toEqual([o.min, o.max]);
      expect(c.mean).toBeCloseTo(o.mean, 6);
      // libvips reports the sample deviation (n − 1); with 393 216 pixels the two agree to 1e-5
      expect(Math.abs(c.stdev - o.stdev) / o.stdev).toBeLessThan(1e-4);
    });
    expect(r.stats.isOpaque).toBe(oracle.isOpaque);
    const counts = [0, 1, 2, 3].map(() => new Array(256).fill(0));
    for (let i = 0; i < info.width * info.height; i++) for (let c = 0; c < 4; c++) counts[c][data[i * 4 + c]]++;
    expect([r.histogram.r, r.histogram.g, r.histogram.b, r.histogram.a]).toEqual(counts);
  });

  test('metadata: the decode facts (EXIF orientation 6: stored 1800×1200 is upright 1200×1800)', async () => {
    const m = (await services.st.analyzeImage(readTestdata('formats/exif_orientation/Landscape_6.jpg'), ['metadata'])).metadata;
    const stored = await sharp(testdataPath('formats/exif_orientation/Landscape_6.jpg')).metadata();
    expect(m).toMatchObject({ format: 'jpeg', orientation: 6, width: stored.width, height: stored.height, uprightWidth: stored.height, uprightHeight: stored.width, bitDepth: 8 });
  });

  test('unknown types reject with UnsupportedAnalysisError listing the supported ones; the service keeps serving', async () => {
    const e = await services.st.analyzeImage(readTestdata(PHOTO), ['colors', 'sharpness']).catch((x) => x);
    expect(e).toBeInstanceOf(UnsupportedAnalysisError);
    expect(e.details).toMatchObject({ path: 'analysisTypes[1]', value: 'sharpness', supported: ALL });
    await expect(services.st.analyzeImage(readTestdata(PHOTO), [])).rejects.toMatchObject({ name: 'InvalidConfigurationError' });
    await expect(services.st.analyzeImage(readTestdata(PHOTO), ['colors'], { paletteSize: 21 })).rejects.toMatchObject({ details: { path: 'options.paletteSize' } });
    const ok = await services.st.analyzeImage(readTestdata(PHOTO), ['colors'], { palette_size: 3 });
    expect(ok.colors.palette).toHaveLength(3);
  });

  test('a fully transparent and a one-colour image give sane answers, never NaN', async () => {
    const clear = { width: 16, height: 16, data: new Uint8Array(16 * 16 * 4) };
    const red = { width: 16, height: 16, data: new Uint8Array(16 * 16 * 4).map((_, i) => [255, 0, 0, 255][i % 4]) };
    for (const img of [clear, red]) {
      const r = await services.st.analyzeImage(img, ['colors', 'quality', 'composition', 'stats']);
      expect(JSON.stringify(r)).not.toMatch(/NaN|null,"score"|Infinity/);
    }
    expect((await services.st.analyzeImage(red, ['colors'])).colors.dominant).toMatchObject({ hex: '#ff0000', name: 'red' });
  });
});
