// processForExport and every method's `format` option, on the real engine in Node. Oracle: sharp
// (libvips, with its own libjpeg/libpng/libwebp/cgif/librsvg) decodes every output. Pillow checks
// bmp, ico and tga, every option and the lossless round trips in tests/oracle/test_encoders_oracle.py.
import sharp from 'sharp';
import { ImageProcessingService, UnsupportedFormatError, InvalidConfigurationError } from '../../js/index.js';
import { describeWithEngine } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const PHOTO = 'photos/kodim23.png'; // 768×512

describeWithEngine('processForExport', () => {
  let st;
  let raw;
  beforeAll(async () => {
    st = await ImageProcessingService.create({ build: 'st', workers: 1 });
    raw = await st.generateVariations(readTestdata(PHOTO), [{ id: 'r', type: 'flip', direction: 'both', format: 'raw' }]).then((o) => o.r);
  });
  afterAll(async () => { await st?.dispose(); });

  test.each([
    ['png', {}, 'png'], ['jpeg', { quality: 85 }, 'jpeg'], ['webp', { quality: 80 }, 'webp'], ['webp', { lossless: true }, 'webp'],
    ['gif', { colors: 64 }, 'gif'], ['svg', { mode: 'embed' }, 'svg'],
  ])('%s %j decodes in sharp at the right size', async (format, options, sharpFormat) => {
    const bytes = await st.processForExport(readTestdata(PHOTO), format, options);
    const meta = await sharp(Buffer.from(bytes)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual([sharpFormat, 768, 512]);
  });

  test('lossless outputs give back the exact pixels (png, webp lossless), decoded by sharp', async () => {
    for (const [format, options] of [['png', { compressionLevel: 1 }], ['png', { compressionLevel: 9 }], ['png', { interlace: true }], ['webp', { lossless: true }]]) {
      const bytes = await st.processForExport(readTestdata(PHOTO), format, options);
      const back = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer();
      const original = await sharp(Buffer.from(await st.processForExport(readTestdata(PHOTO), 'png', { compressionLevel: 0 }))).ensureAlpha().raw().toBuffer();
      expect([format, options, Buffer.compare(back, original)]).toEqual([format, options, 0]);
    }
  });

  // Oracle: sharp's own flatten of the same translucent pixels (libvips: straight alpha over the
  // colour), within 1 level (jpeg q100 4:4:4: 6); every output decodes opaque.
  test('background flattens every format onto the colour (png and lossless webp vs sharp.flatten, opaque; jpeg takes it as its own option)', async () => {
    const w = 64, h = 48;
    const data = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) data.set([(i * 7) & 255, (i * 3) & 255, 200, (i * 5) & 255], i * 4);
    const input = { width: w, height: h, data };
    const expected = await sharp(Buffer.from(data), { raw: { width: w, height: h, channels: 4 } }).flatten({ background: '#3366cc' }).raw().toBuffer();
    for (const [format, options] of [['png', {}], ['webp', { lossless: true }], ['jpeg', { quality: 100, chromaSubsampling: '4:4:4' }]]) {
      const bytes = await st.processForExport(input, format, { ...options, background: '#3366cc' });
      const got = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer();
      let worst = 0, minAlpha = 255;
      for (let i = 0; i < w * h; i++) {
        minAlpha = Math.min(minAlpha, got[i * 4 + 3]);
        for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[i * 4 + c] - expected[i * 3 + c]));
      }
      expect([format, minAlpha, worst <= (format === 'jpeg' ? 6 : 1)]).toEqual([format, 255, true]);
    }
  });

  test('jpeg: progressive and 4:4:4 are reported so by sharp; size falls with quality; optimised coding is smaller', async () => {
    const img = readTestdata(PHOTO);
    const meta = await sharp(Buffer.from(await st.processForExport(img, 'jpeg', { progressive: true, chromaSubsampling: '4:4:4' }))).metadata();
    expect([meta.isProgressive, meta.chromaSubsampling]).toEqual([true, '4:4:4']);
    const sizes = [];
    for (const quality of [95, 80, 60, 30]) sizes.push((await st.processForExport(img, 'jpeg', { quality })).byteLength);
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
    const plain = await st.processForExport(img, 'jpeg', { quality: 80, optimizeCoding: false });
    const optimised = await st.processForExport(img, 'jpeg', { quality: 80, optimizeCoding: true });
    expect(optimised.byteLength).toBeLessThan(plain.byteLength);
  });

  test('maxWidth/maxHeight fit inside, never enlarge', async () => {
    const small = await sharp(Buffer.from(await st.processForExport(readTestdata(PHOTO), 'png', { maxWidth: 200, maxHeight: 200 }))).metadata();
    expect([small.width, small.height]).toEqual([200, 133]);
    const same = await sharp(Buffer.from(await st.processForExport(readTestdata(PHOTO), 'png', { maxWidth: 4000 }))).metadata();
    expect([same.width, same.height]).toEqual([768, 512]);
  });

  test('targetSizeBytes lands within 5 % under the budget, or rejects with the smallest size', async () => {
    const img = readTestdata(PHOTO);
    const full = (await st.processForExport(img, 'jpeg', { quality: 90 })).byteLength;
    for (const budget of [Math.round(full * 0.6), Math.round(full * 0.3)]) {
      const out = await st.processForExport(img, 'jpeg', { quality: 90, targetSizeBytes: budget });
      expect(out.byteLength).toBeLessThanOrEqual(budget);
      expect(out.byteLength).toBeGreaterThanOrEqual(budget * 0.95);
    }
    const png = await st.processForExport(img, 'png', { targetSizeBytes: 150_000 });
    expect(png.byteLength).toBeLessThanOrEqual(150_000);
    const e = await st.processForExport(img, 'jpeg', { targetSizeBytes: 100 }).catch((x) => x);
    expect(e).toMatchObject({ code: 'TARGET_SIZE_UNREACHABLE', details: { targetSizeBytes: 100, smallestBytes: expect.any(Number) } });
    expect(e.details.smallestBytes).toBeGreaterThan(100);
  });

  test('unknown or unavailable formats and bad options are typed errors', async () => {
    const img = readTestdata(PHOTO);
    const avif = await st.processForExport(img, 'avif').catch((x) => x);
    expect(avif).toBeInstanceOf(UnsupportedFormatError);
    expect(avif.details).toMatchObject({ direction: 'encode', available: expect.arrayContaining(['png', 'jpeg', 'webp', 'svg']) });
    await expect(st.processForExport(img, 'jpeg', { quality: 0 })).rejects.toMatchObject({ name: 'InvalidConfigurationError', details: { path: 'exportOptions.quality' } });
    await expect(st.processForExport(img, 'webp', { progressive: true })).rejects.toBeInstanceOf(InvalidConfigurationError);
    await expect(st.processForExport(img, 'png', { stripMetadata: 'false' })).rejects.toMatchObject({ details: { path: 'exportOptions.stripMetadata' } });
  });

  test('every method\'s format option uses the same encoders (variations → webp, colour → gif, raw input → svg)', async () => {
    const v = await st.generateVariations(readTestdata(PHOTO), [{ id: 'w', type: 'resize', width: 100, format: 'webp', formatOptions: { quality: 70 } }]);
    expect((await sharp(Buffer.from(v.w)).metadata()).format).toBe('webp');
    const g = await st.applyColorTransformations(raw, [{ transform: 'sepia' }], { format: 'gif' });
    expect((await sharp(Buffer.from(g)).metadata()).format).toBe('gif');
    const svg = new TextDecoder().decode(await st.processForExport(raw, 'svg', { mode: 'trace', colors: 8 }));
    expect(svg).toMatch(/^<\?xml|^<svg/);
    expect((await sharp(Buffer.from(svg)).metadata()).width).toBe(768);
  });
});
