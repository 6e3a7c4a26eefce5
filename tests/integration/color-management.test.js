// Colour management (issue 15): embedded ICC profiles are converted to sRGB on decode by default,
// in both builds. Oracle: sharp 0.35 (libvips + Little CMS) writes a testdata photo into Display
// P3 (its built-in 'p3' profile), Adobe RGB (1998) and ProPhoto (ROMM) — the last two with Debian's
// libgs-common profiles a98.icc / rommrgb.icc — as PNG, WebP and JPEG with the profile embedded, and converts
// that file back to sRGB; pixelpipe's decode must agree within ±2 levels on 99 % of samples.
import { existsSync, readFileSync } from 'node:fs';
import zlib from 'node:zlib';
import sharp from 'sharp';
import { ImageProcessingService } from '../../js/index.js';
import { describeWithEngine } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const PHOTO = 'photos/kodim23.png';
const GS = '/usr/share/color/icc/ghostscript';
const SPACES = [['Display P3', 'p3'], ['Adobe RGB (1998)', `${GS}/a98.icc`], ['ProPhoto (ROMM)', `${GS}/rommrgb.icc`]];

/** The share of RGB samples within `tol` levels, and the largest difference. */
function agreement(a, b, tol) {
  let within = 0;
  let total = 0;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    const d = Math.abs(a[i] - b[i]);
    worst = Math.max(worst, d);
    within += d <= tol ? 1 : 0;
    total++;
  }
  return { share: within / total, worst };
}

const identity = [{ transform: 'invert', amount: 0 }];
const srgbBySharp = async (bytes) => new Uint8Array(await sharp(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer());

describeWithEngine('colour management: embedded profiles → sRGB (oracle: sharp)', () => {
  const services = {};
  const warnings = [];
  beforeAll(async () => {
    const logger = { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} };
    services.st = await ImageProcessingService.create({ build: 'st', workers: 1, logger });
    services.mt = await ImageProcessingService.create({ build: 'mt', logger });
  });
  afterAll(async () => { await services.st?.dispose(); await services.mt?.dispose(); });

  test('libgs-common profiles are installed (test prerequisite)', () => {
    expect(existsSync(`${GS}/a98.icc`) && existsSync(`${GS}/rommrgb.icc`)).toBe(true);
  });

  // The profile in each container's own chunk: PNG iCCP, WebP ICCP (VP8X, lossless so the pixels
  // are exact), JPEG APP2 ICC_PROFILE (q95; both sides decode with libjpeg-turbo).
  const CONTAINERS = {
    png: (img) => img.png(),
    webp: (img) => img.webp({ lossless: true }),
    jpeg: (img) => img.jpeg({ quality: 95 }),
  };
  for (const [name, profile] of SPACES) {
    for (const [container, encode] of Object.entries(CONTAINERS)) {
      for (const build of ['st', 'mt']) {
        test(`${name} ${container} decodes to sharp's sRGB within ±2 on 99 % (${build})`, async () => {
          const wide = await encode(sharp(readTestdata(PHOTO)).withIccProfile(profile)).toBuffer();
          expect((await sharp(wide).metadata()).icc).toBeDefined(); // sharp embedded the profile
          const want = await srgbBySharp(wide);
          const got = await services[build].applyColorTransformations(wide, identity, { format: 'raw' });
          const r = agreement(got.data, want, 2);
          expect(r.share).toBeGreaterThanOrEqual(0.99);
          // 'ignore' keeps the stored wide-gamut pixels, which are visibly different (the test can fail).
          const raw = await services[build].applyColorTransformations(wide, identity, { format: 'raw', colorManagement: 'ignore' });
          const stored = new Uint8Array(await sharp(wide).keepIccProfile().ensureAlpha().raw().toBuffer()); // as stored: no conversion
          expect(agreement(raw.data, stored, container === 'jpeg' ? 1 : 0).share).toBeGreaterThanOrEqual(container === 'jpeg' ? 0.99 : 1);
          expect(agreement(raw.data, want, 2).share).toBeLessThan(0.9);
        });
      }
    }
  }

  test("create({ colorManagement: 'ignore' }) is the default a call can override; the cache keys differ", async () => {
    const map = new Map();
    const cache = { get: async (k) => map.get(k), set: async (k, v) => { map.set(k, v); }, delete: async (k) => map.delete(k), clear: async () => map.clear() };
    const svc = await ImageProcessingService.create({ build: 'st', workers: 1, colorManagement: 'ignore', cache });
    try {
      const wide = await sharp(readTestdata(PHOTO)).withIccProfile('p3').png().toBuffer();
      const stored = new Uint8Array(await sharp(wide).keepIccProfile().ensureAlpha().raw().toBuffer()); // as stored: no conversion
      const a = await svc.applyColorTransformations(wide, identity, { format: 'raw' });
      const b = await svc.applyColorTransformations(wide, identity, { format: 'raw', colorManagement: 'convert' });
      expect(agreement(a.data, stored, 0).share).toBe(1);
      expect(agreement(b.data, await srgbBySharp(wide), 2).share).toBeGreaterThanOrEqual(0.99);
      expect(map.size).toBe(2);
    } finally {
      await svc.dispose();
    }
  });

  test('a truncated profile decodes as stored, with a logged warning', async () => {
    const icc = readFileSync(`${GS}/a98.icc`);
    const png = await sharp(readTestdata(PHOTO)).png().toBuffer();
    // Re-embed a cut profile by hand: sharp refuses to write a broken one.
    const cut = withIccp(png, icc.subarray(0, 300));
    warnings.length = 0;
    const got = await services.st.applyColorTransformations(cut, identity, { format: 'raw' });
    const stored = new Uint8Array(await sharp(png).ensureAlpha().raw().toBuffer());
    expect(agreement(got.data, stored, 0).share).toBe(1);
    expect(warnings.join('\n')).toMatch(/ICC profile ignored: truncated/);
  });

  test("processForExport iccProfile 'p3': sharp reads a Display P3 profile and converts back to the same sRGB within ±2", async () => {
    const photo = readTestdata(PHOTO);
    const srgb = new Uint8Array(await sharp(photo).ensureAlpha().raw().toBuffer());
    for (const format of ['png', 'jpeg', 'webp']) {
      const options = format === 'png' ? { iccProfile: 'p3' } : { iccProfile: 'p3', quality: 100, ...(format === 'jpeg' ? { chromaSubsampling: '4:4:4' } : { lossless: true }) };
      const out = await services.st.processForExport(photo, format, options);
      const meta = await sharp(out).metadata();
      expect([format, new TextDecoder('utf-16be').decode(meta.icc).includes('Display P3')]).toEqual([format, true]);
      const back = await srgbBySharp(out);
      expect([format, agreement(back, srgb, format === 'jpeg' ? 3 : 2).share >= 0.99]).toEqual([format, true]);
    }
    // The default output says sRGB: PNG sRGB chunk, JPEG an sRGB profile sharp reads.
    const png = await services.st.processForExport(photo, 'png', {});
    expect(Buffer.from(png).indexOf('sRGB', 0, 'latin1')).toBeGreaterThan(0);
    const jpeg = await services.st.processForExport(photo, 'jpeg', {});
    expect(new TextDecoder('utf-16be').decode((await sharp(jpeg).metadata()).icc)).toContain('sRGB');
  });

  test('invalid colorManagement values are rejected', async () => {
    await expect(services.st.applyColorTransformations(readTestdata(PHOTO), identity, { colorManagement: 'p3' }))
      .rejects.toMatchObject({ name: 'InvalidConfigurationError' });
    await expect(ImageProcessingService.create({ colorManagement: 'yes' })).rejects.toMatchObject({ name: 'InvalidConfigurationError' });
  });
});

/** PNG bytes with an iCCP chunk (zlib-compressed `icc`) inserted after IHDR. */
function withIccp(png, icc) {
  const body = Buffer.concat([Buffer.from('cut\0\0', 'latin1'), zlib.deflateSync(icc)]);
  const chunk = Buffer.alloc(12 + body.length);
  chunk.writeUInt32BE(body.length, 0);
  chunk.write('iCCP', 4, 'latin1');
  body.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + body.length)), 8 + body.length);
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xEDB88320 & -(c & 1));
  }
  return ~c >>> 0;
}
