// processForExport with stripMetadata: false and keepIccProfile (issues 11 and 15), on the real
// engine in Node. Oracle: sharp 0.35 (libvips, libexif, Little CMS) reads every output: its
// metadata() orientation, exif, xmp and icc buffers, and its sRGB conversion of the kept profile.
// Pillow checks the EXIF tag values one by one in tests/oracle/test_metadata_oracle.py.
import sharp from 'sharp';
import { InvalidConfigurationError } from '../../js/index.js';
import { describeWithEngine, servicesForBothBuilds } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const LANDSCAPE = (n) => `formats/exif_orientation/Landscape_${n}.jpg`;
const PHOTO = 'photos/kodim23.png';
const CMYK = 'formats/jpeg_ycck_adobe_icc_restart.jpg';
const XMP = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
  + 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
  + 'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>pixelpipe test</rdf:li></rdf:Seq>'
  + '</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
// Lossless or near-lossless settings, so the colour checks measure the profile round trip only.
const BEST = { png: {}, jpeg: { quality: 100, chromaSubsampling: '4:4:4' }, webp: { lossless: true } };

/** The share of RGB samples within `tol` levels. */
function within(a, b, tol) {
  let ok = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    if (i % 4 === 3) continue;
    ok += Math.abs(a[i] - b[i]) <= tol ? 1 : 0;
    total++;
  }
  return ok / total;
}

/** Bytes that differ between two equally long EXIF blocks (sharp's "Exif\0\0" + TIFF buffers). */
function changedBytes(a, b) {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) n += a[i] !== b[i] ? 1 : 0;
  return n;
}

const srgbBySharp = async (bytes) => new Uint8Array(await sharp(bytes).toColourspace('srgb').ensureAlpha().raw().toBuffer());
const profileName = (icc) => (icc ? new TextDecoder('utf-16be').decode(icc) + new TextDecoder('latin1').decode(icc) : '');

describeWithEngine('processForExport: EXIF, XMP and ICC profiles kept (oracle: sharp metadata)', () => {
  const warnings = [];
  const services = servicesForBothBuilds({ logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } });

  test.each([2, 3, 4, 5, 6, 7, 8])('Landscape_%i.jpg → jpeg with stripMetadata: false: orientation 1, the rest of the EXIF as in the source', async (n) => {
    const source = readTestdata(LANDSCAPE(n));
    const src = await sharp(source).metadata();
    const out = await services.st.processForExport(source, 'jpeg', { stripMetadata: false });
    const meta = await sharp(Buffer.from(out)).metadata();
    const upright = n >= 5 ? [src.height, src.width] : [src.width, src.height];
    expect([meta.orientation, meta.width, meta.height]).toEqual([1, ...upright]);
    // Same block, edited in place: the orientation value (1 byte) and, for 5–8 whose
    // PixelX/YDimension hold the stored 450×600, the two swapped SHORTs (4 bytes).
    expect(changedBytes(meta.exif, src.exif)).toBe(n >= 5 ? 5 : 1);
    expect(meta.exif.length).toBe(src.exif.length);
  });

  test('png and webp carry the EXIF too (orientation 1), in both builds; the default strips it', async () => {
    const source = readTestdata(LANDSCAPE(6));
    for (const build of ['st', 'mt']) {
      for (const format of ['png', 'webp', 'jpeg']) {
        const meta = await sharp(Buffer.from(await services[build].processForExport(source, format, { stripMetadata: false }))).metadata();
        expect([build, format, meta.orientation, Boolean(meta.exif)]).toEqual([build, format, 1, true]);
        const stripped = await sharp(Buffer.from(await services[build].processForExport(source, format, {}))).metadata();
        expect([build, format, stripped.exif, stripped.orientation]).toEqual([build, format, undefined, undefined]);
      }
    }
  });

  test('a resized export rewrites PixelXDimension/PixelYDimension to the output size (snake_case spelling too)', async () => {
    const source = readTestdata(CMYK); // Canon EOS 300D EXIF, 500×333, PixelXDimension 500
    const out = await services.st.processForExport(source, 'jpeg', { strip_metadata: false, maxWidth: 250 });
    const meta = await sharp(Buffer.from(out)).metadata();
    const exif = Buffer.from(meta.exif);
    expect(meta.width).toBe(250);
    expect(exif.includes('Canon EOS 300D DIGITAL')).toBe(true);
    const src = Buffer.from((await sharp(source).metadata()).exif);
    // Little-endian TIFF: an IFD entry is tag, type (3 SHORT, 4 LONG), count 1, value at +8.
    const value = (b, tag) => {
      for (const type of [3, 4]) {
        const at = b.indexOf(Buffer.from([tag & 0xff, tag >> 8, type, 0, 1, 0, 0, 0]));
        if (at >= 0) return type === 3 ? b.readUInt16LE(at + 8) : b.readUInt32LE(at + 8);
      }
      return undefined;
    };
    expect([value(src, 0xa002), value(exif, 0xa002), value(exif, 0xa003), value(exif, 0x0112)]).toEqual([500, 250, meta.height, 1]);
  });

  test('XMP written by sharp comes out byte-identical in jpeg, png and webp', async () => {
    const source = await sharp(readTestdata(PHOTO)).resize(96).withXmp(XMP).png().toBuffer();
    expect((await sharp(source).metadata()).xmpAsString).toContain('pixelpipe test'); // prerequisite
    for (const format of ['jpeg', 'png', 'webp']) {
      const meta = await sharp(Buffer.from(await services.st.processForExport(source, format, { stripMetadata: false }))).metadata();
      expect([format, meta.xmpAsString]).toEqual([format, (await sharp(source).metadata()).xmpAsString]);
    }
  });

  test('gif, bmp, tga, ico and svg ignore stripMetadata: false (no metadata container)', async () => {
    const source = readTestdata(LANDSCAPE(6));
    for (const format of ['gif', 'bmp', 'tga', 'ico', 'svg']) {
      const kept = await services.st.processForExport(source, format, { stripMetadata: false });
      const stripped = await services.st.processForExport(source, format, {});
      expect([format, Buffer.compare(Buffer.from(kept), Buffer.from(stripped))]).toEqual([format, 0]);
    }
  });

  for (const mode of ['convert', 'preserve']) {
    test(`keepIccProfile (colorManagement '${mode}'): sharp reads the source's P3 profile and converts back to the input's sRGB within ±2`, async () => {
      const wide = await sharp(readTestdata(PHOTO)).withIccProfile('p3').png().toBuffer();
      const { icc } = await sharp(wide).metadata(); // libvips' compact P3 profile ("sP3C")
      const want = await srgbBySharp(wide);
      for (const format of ['png', 'jpeg', 'webp']) {
        const out = await services.st.processForExport(wide, format, { keepIccProfile: true, ...BEST[format] }, { colorManagement: mode });
        const meta = await sharp(Buffer.from(out)).metadata();
        expect([format, Buffer.compare(meta.icc, icc)]).toEqual([format, 0]);
        const share = within(await srgbBySharp(Buffer.from(out)), want, format === 'jpeg' ? 3 : 2);
        expect([format, share >= 0.99]).toEqual([format, true]);
      }
    });
  }

  test("keepIccProfile in the mt build, and iccProfile given explicitly wins ('srgb' and 'p3')", async () => {
    const a98 = await sharp(readTestdata(PHOTO)).withIccProfile('/usr/share/color/icc/ghostscript/a98.icc').png().toBuffer();
    const kept = await sharp(Buffer.from(await services.mt.processForExport(a98, 'png', { keepIccProfile: true }))).metadata();
    expect(Buffer.compare(kept.icc, (await sharp(a98).metadata()).icc)).toBe(0);
    const srgb = await services.mt.processForExport(a98, 'png', { keepIccProfile: true, iccProfile: 'srgb' });
    expect((await sharp(Buffer.from(srgb)).metadata()).icc).toBeUndefined();
    expect(Buffer.from(srgb).indexOf('sRGB', 0, 'latin1')).toBeGreaterThan(0);
    const p3 = await sharp(Buffer.from(await services.mt.processForExport(a98, 'png', { keepIccProfile: true, iccProfile: 'p3' }))).metadata();
    expect(profileName(p3.icc)).toContain('Display P3');
  });

  test('keepIccProfile on a CMYK source keeps sRGB and logs a warning; without a source profile the output is sRGB', async () => {
    warnings.length = 0;
    const out = await services.st.processForExport(readTestdata(CMYK), 'jpeg', { keepIccProfile: true });
    expect(profileName((await sharp(Buffer.from(out)).metadata()).icc)).toContain('sRGB');
    expect(warnings.join('\n')).toMatch(/keepIccProfile: the source's CMYK profile cannot describe RGB output/);
    const plain = await services.st.processForExport(readTestdata('formats/exif_orientation/Landscape_1.jpg'), 'jpeg', { keepIccProfile: true });
    expect(profileName((await sharp(Buffer.from(plain)).metadata()).icc)).toContain('sRGB');
  });

  test('bad values are typed errors', async () => {
    const img = readTestdata(PHOTO);
    await expect(services.st.processForExport(img, 'png', { stripMetadata: 'no' })).rejects.toBeInstanceOf(InvalidConfigurationError);
    await expect(services.st.processForExport(img, 'png', { keepIccProfile: 1 })).rejects.toMatchObject({ details: { path: 'exportOptions.keepIccProfile' } });
  });
});
