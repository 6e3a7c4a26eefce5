// generateAndApplyPalette on the real engine in Node, both builds. The theme understanding and the
// palettes themselves are unit-tested in tests/unit/palette-*.test.js (hue ranges, contrast,
// distinctness, the lexicon); here: the images, the modes, determinism and the errors. Oracle for
// the images: sharp decodes them.
import { spawnSync } from 'node:child_process';
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

  // Oracles: sharp's stats().dominant picks the dominant colour of the image before and after;
  // scikit-image's deltaE_ciede2000 (Debian's python3) measures its distance to the nearest
  // palette colour, which must fall in every mode.
  test.each(['map', 'transfer', 'quantize'])('%s moves the image\'s dominant colour toward the palette (sharp dominant, skimage ΔE00)', async (mode) => {
    const photo = readTestdata(PHOTO);
    const [p] = await services.st.generateAndApplyPalette(photo, 'deep ocean blues', 1, { mode });
    const dominant = async (bytes) => { const d = (await sharp(Buffer.from(bytes)).stats()).dominant; return [d.r, d.g, d.b]; };
    const before = await dominant(photo);
    const after = await dominant(p.image);
    const py = spawnSync('/usr/bin/python3', ['-c', `import json, sys
import numpy as np
from skimage.color import rgb2lab, deltaE_ciede2000
d = json.load(sys.stdin)
lab = lambda c: rgb2lab(np.array([[c]], dtype=float) / 255)[0, 0]
near = lambda c: min(float(deltaE_ciede2000(lab(c), lab(q))) for q in d["palette"])
print(json.dumps([near(d["before"]), near(d["after"])]))`], { input: JSON.stringify({ before, after, palette: p.colors.map((c) => c.rgb) }), encoding: 'utf8' });
    expect([py.status, py.stderr]).toEqual([0, '']);
    const [dBefore, dAfter] = JSON.parse(py.stdout);
    expect({ mode, before, after, dBefore, dAfter, falls: dAfter < dBefore }).toEqual(expect.objectContaining({ falls: true }));
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
