// processForExport with stripMetadata: false and XMP larger than one JPEG APP1 segment (issue 11:
// JPEG extended XMP, XMP Specification Part 3 §1.1.3.1), on the real engine in Node.
// Oracle: ExifTool 12.57 (Debian libimage-exiftool-perl, `exiftool -j -G1 -XMP:all`), which
// reassembles extended XMP on reading and writes it itself when a JPEG's XMP is too large; the
// segments are walked here from the spec's layout and the GUID recomputed with node:crypto's MD5.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describeWithEngine, servicesForBothBuilds } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const PHOTO = 'photos/kodim23.png';
const NS = {
  dc: 'http://purl.org/dc/elements/1.1/',
  xmp: 'http://ns.adobe.com/xap/1.0/',
  photoshop: 'http://ns.adobe.com/photoshop/1.0/',
  pp: 'http://example.com/pixelpipe/test/',
};
const LONG = `${'A long description of the picture, sentence after sentence, & <escaped> text. '.repeat(2000)}END`; // ~156 KB
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A ~200 KB packet: ExifTool's layout (one rdf:Description per namespace) or the XMP Toolkit's (one for all). */
function bigPacket(oneDescription) {
  const parts = {
    dc: `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Extended XMP test</rdf:li></rdf:Alt></dc:title>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escape(LONG)}</rdf:li></rdf:Alt></dc:description>
<dc:subject><rdf:Bag>${Array.from({ length: 300 }, (_, i) => `<rdf:li>keyword ${i}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    xmp: '<xmp:CreatorTool>pixelpipe oracle</xmp:CreatorTool>',
    photoshop: '<photoshop:City>Lyon</photoshop:City>',
    pp: Array.from({ length: 800 }, (_, i) => `<pp:Prop${i}>value ${i}</pp:Prop${i}>`).join('\n'),
  };
  const xmlns = (names) => names.map((n) => ` xmlns:${n}="${NS[n]}"`).join('');
  const body = oneDescription
    ? `<rdf:Description rdf:about=""${xmlns(Object.keys(parts))}>\n${Object.values(parts).join('\n')}\n</rdf:Description>`
    : Object.entries(parts).map(([n, p]) => `<rdf:Description rdf:about=""${xmlns([n])}>\n${p}\n</rdf:Description>`).join('\n');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF `
    + `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n${body}\n</rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
}

const STANDARD_ID = Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1');
const EXTENSION_ID = Buffer.from('http://ns.adobe.com/xmp/extension/\0', 'latin1');

/** A JPEG's XMP APP1 segments: the standard packet and the ExtendedXMP portions (header fields decoded). */
function xmpSegments(bytes) {
  const b = Buffer.from(bytes);
  const out = { standard: null, portions: [] };
  for (let at = 2; at + 4 <= b.length && b[at] === 0xff && b[at + 1] !== 0xda && b[at + 1] !== 0xd9;) {
    const len = b.readUInt16BE(at + 2);
    const body = b.subarray(at + 4, at + 2 + len);
    if (b[at + 1] === 0xe1 && body.subarray(0, 29).equals(STANDARD_ID)) out.standard = body.subarray(29).toString('utf8');
    if (b[at + 1] === 0xe1 && body.subarray(0, 35).equals(EXTENSION_ID)) {
      out.portions.push({ guid: body.subarray(35, 67).toString('latin1'), full: body.readUInt32BE(67),
        offset: body.readUInt32BE(71), data: body.subarray(75) });
    }
    at += 2 + len;
  }
  return out;
}

/** The ExtendedXMP put together (portions in offset order, each where the previous one ended). */
function extended(portions) {
  const sorted = [...portions].sort((a, b) => a.offset - b.offset);
  let pos = 0;
  for (const p of sorted) {
    expect([p.offset, p.full]).toEqual([pos, sorted[0].full]);
    pos += p.data.length;
  }
  expect(pos).toBe(sorted[0].full);
  return Buffer.concat(sorted.map((p) => p.data));
}

describeWithEngine('processForExport: XMP over one JPEG segment as extended XMP (oracle: ExifTool)', () => {
  const warnings = [];
  const services = servicesForBothBuilds({ logger: { debug() {}, info() {}, warn: (m) => warnings.push(m), error() {} } });
  let tmp;
  beforeAll(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'pixelpipe-xmp-')); });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  let n = 0;
  const exiftoolXmp = (bytes, ext) => {
    const file = path.join(tmp, `f${n++}.${ext}`);
    writeFileSync(file, bytes);
    const [tags] = JSON.parse(execFileSync('exiftool', ['-j', '-G1', '-XMP:all', file], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    delete tags.SourceFile;
    return tags;
  };
  const withoutNote = (tags) => Object.fromEntries(Object.entries(tags).filter(([k]) => k !== 'XMP-xmpNote:HasExtendedXMP'));

  test.each([['one rdf:Description per namespace', false, 'st'], ['a single rdf:Description', true, 'mt']])(
    'a ~200 KB packet from a PNG (%s) → jpeg: ExifTool reads every property in full; GUID = MD5 of the extended part', async (_, one, build) => {
      const xmp = bigPacket(one);
      expect(Buffer.byteLength(xmp)).toBeGreaterThan(190_000);
      const source = await sharp(readTestdata(PHOTO)).resize(96).withXmp(xmp).png().toBuffer();
      const want = exiftoolXmp(source, 'png');
      expect([want['XMP-dc:Description'], want['XMP-pp:Prop799'], Object.keys(want).length])
        .toEqual([LONG, 'value 799', 805]); // prerequisite: ExifTool reads the source in full
      warnings.length = 0;
      const out = await services[build].processForExport(source, 'jpeg', { stripMetadata: false });
      expect(warnings).toEqual([]);
      const got = exiftoolXmp(out, 'jpg');
      expect(withoutNote(got)).toEqual(want);
      const segs = xmpSegments(out);
      const md5 = createHash('md5').update(extended(segs.portions)).digest('hex').toUpperCase();
      expect(Buffer.byteLength(segs.standard)).toBeLessThanOrEqual(65502);
      expect(segs.portions.length).toBeGreaterThanOrEqual(3);
      expect(new Set(segs.portions.map((p) => p.guid))).toEqual(new Set([md5]));
      expect(got['XMP-xmpNote:HasExtendedXMP']).toBe(md5);
      // What a reader without extended XMP (libvips) sees: the small descriptions stayed standard.
      const standardOnly = (await sharp(Buffer.from(out)).metadata()).xmpAsString;
      expect([standardOnly.includes('Lyon'), standardOnly.includes('END')]).toEqual([!one, false]);
    });

  test('extended XMP written by ExifTool → jpeg (both parts as they were), png and webp (one merged packet)', async () => {
    const file = path.join(tmp, 'exiftool.jpg');
    writeFileSync(file, await sharp(readTestdata(PHOTO)).resize(96).jpeg().toBuffer());
    const descFile = path.join(tmp, 'desc.txt');
    writeFileSync(descFile, LONG);
    const subjects = Array.from({ length: 300 }, (_, i) => `-XMP-dc:Subject+=keyword ${i}`);
    execFileSync('exiftool', ['-q', '-overwrite_original', `-XMP-dc:Description<=${descFile}`, '-XMP-dc:Title=Extended XMP test',
      '-XMP-xmp:CreatorTool=pixelpipe oracle', '-XMP-photoshop:City=Lyon', ...subjects, file]);
    const source = new Uint8Array(readFileSync(file));
    const src = xmpSegments(source);
    expect(src.portions.length).toBeGreaterThanOrEqual(2); // prerequisite: ExifTool wrote extended XMP
    const want = exiftoolXmp(source, 'jpg');
    expect([want['XMP-dc:Description'], want['XMP-dc:Subject'].length]).toEqual([LONG, 300]);
    warnings.length = 0;
    const jpeg = await services.st.processForExport(source, 'jpeg', { stripMetadata: false });
    expect(exiftoolXmp(jpeg, 'jpg')).toEqual(want);
    const out = xmpSegments(jpeg);
    expect(out.standard).toBe(src.standard);
    expect(Buffer.compare(extended(out.portions), extended(src.portions))).toBe(0);
    for (const format of ['png', 'webp']) {
      const bytes = await services.st.processForExport(source, format, { stripMetadata: false });
      const got = exiftoolXmp(bytes, format);
      expect([format, got]).toEqual([format, withoutNote(want)]);
      const packet = (await sharp(Buffer.from(bytes)).metadata()).xmpAsString; // one packet, all of it
      expect([format, packet.includes('HasExtendedXMP'), packet.includes('END</rdf:li>'), packet.includes('keyword 299')])
        .toEqual([format, false, true, true]);
    }
    expect(warnings).toEqual([]);
  });
});
