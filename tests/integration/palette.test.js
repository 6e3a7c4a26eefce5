// generateAndApplyPalette on the real engine in Node, both builds. The theme understanding and the
// palettes themselves are unit-tested in tests/unit/palette-*.test.js (hue ranges, contrast,
// distinctness, the lexicon); here: the images, the modes, determinism and the errors. Oracle for
// the images: sharp decodes them.
import sharp from 'sharp';
import { InvalidConfigurationError } from '../../js/index.js';
import { servicesForBothBuilds, describeWithEngine } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

const PHOTO = 'photos/kodim23.png';

describeWithEngine('generateAndApplyPalette', () => {
  const services = servicesForBothBuilds();

  test('three palettes for a theme, each with roles, contrast and its image (PNG, decoded by sharp); st = mt byte for byte', async () => {
    const [a, b] = await Promise.all([services.st.generateAndApplyPalette(readTestdata(PHOTO), 'deep ocean blues with a hint of coral', 3),
      services.mt.generateAndApplyPalette(readTestdata(PHOTO), 'deep ocean blues with a hint of coral', 3)]);
    expect(a).toHaveLength(3);
    for (const [i, p] of a.entries()) {
      expect(p.colors.map((c) => c.role)).toEqual(expect.arrayContaining(['background', 'text']));
      expect(p.contrast).toBeGreaterThanOrEqual(4.5);
      expect(p.matchedTerms.length).toBeGreaterThan(0);
      const meta = await sharp(Buffer.from(p.image)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 768, 512]);
      expect(Buffer.compare(Buffer.from(p.image), Buffer.from(b[i].image))).toBe(0);
    }
  });

  test('quantize without dither leaves only palette colours', async () => {
    const [p] = await services.st.generateAndApplyPalette(readTestdata(PHOTO), 'black and gold', 1, { mode: 'quantize', format: 'raw' });
    const allowed = new Set(p.colors.map((c) => c.rgb.join(',')));
    const seen = new Set();
    for (let i = 0; i < p.image.data.length; i += 4) seen.add(`${p.image.data[i]},${p.image.data[i + 1]},${p.image.data[i + 2]}`);
    expect([...seen].filter((c) => !allowed.has(c))).toEqual([]);
  });

  test('a description with no known word falls back to the image\'s colours with a warning; bad arguments are typed errors', async () => {
    const [p] = await services.st.generateAndApplyPalette(readTestdata(PHOTO), 'qwzx blorf', 1, { format: 'raw', strength: 0.5 });
    expect(p.unmatchedTerms).toEqual(['qwzx', 'blorf']);
    expect(p.warnings.join(' ')).toMatch(/image/);
    await expect(services.st.generateAndApplyPalette(readTestdata(PHOTO), '', 3)).rejects.toBeInstanceOf(InvalidConfigurationError);
    await expect(services.st.generateAndApplyPalette(readTestdata(PHOTO), 'warm', 11)).rejects.toMatchObject({ details: { path: 'numPalettes' } });
    await expect(services.st.generateAndApplyPalette(readTestdata(PHOTO), 'warm', 2, { mode: 'posterize' })).rejects.toMatchObject({ details: { path: 'options.mode' } });
  });
});
