// The parameter-mismatch test: JS (the catalogue's wire names) and C++ (the names its handlers
// read) must agree for every operation and every output format. The engine, in strict mode,
// rejects a parameter it was sent but never read, and a parameter it read that the request does
// not carry (and the catalogue does not default): so renaming a read on either side fails here.
import { createRequire } from 'node:module';
import path from 'node:path';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { normaliseOutput } from '../../js/config/output-options.js';
import { formats } from '../../js/catalogue/formats.js';
import { describeWithEngine, repoRoot } from '../helpers/engine.js';
import { OP_EXAMPLES } from '../helpers/op-examples.js';

// Optional parameters WITHOUT a catalogue default, filled so that every declared name is sent.
const OPTIONAL_VALUES = {
  resize: { width: 40, height: 30, fit: 'cover' },
  crop: { width: 10, height: 10 },
  'color_transform:grayscale': { amount: 0.5 },
  'color_transform:curves': { points: [[0, 0], [255, 255]], red: [[0, 0], [255, 250]], green: [[0, 5], [255, 255]], blue: [[0, 0], [128, 140], [255, 255]] },
  'filter:convolve': { divisor: 1 },
};

const keyOf = (c) => (c.transform ? `color_transform:${c.transform}` : c.filter ? `filter:${c.filter}` : c.type);

describeWithEngine('every parameter sent is read, under the name the catalogue declares', () => {
  let M;
  let handle;
  const limits = { maxPixels: 1e8, maxSide: 32768 };
  beforeAll(async () => {
    const require = createRequire(import.meta.url);
    M = await require(path.join(repoRoot, 'dist/node/pixelpipe-st.cjs'))();
    M.setStrictParameters(true);
    const w = 64;
    const h = 48;
    const ptr = M._malloc(w * h * 4);
    for (let i = 0; i < w * h * 4; i++) M.HEAPU8[ptr + i] = (i * 37) & 255;
    handle = M.adoptImage(ptr, w, h, limits).handle;
  });
  afterAll(() => M?.setStrictParameters(false));

  const run = (variants) => M.runVariations(handle, variants, limits, null);

  test.each(OP_EXAMPLES.map((c) => [keyOf(c), c]))('%s', (key, config) => {
    const full = { ...config, ...OPTIONAL_VALUES[key], id: 'v', format: 'raw' };
    const [baton] = normaliseVariationConfigs([full]);
    const r = run([baton]);
    expect(r.ok ? 'ok' : r.message).toBe('ok');
  });

  test.each(Object.keys(formats))('format %s: every option read', (format) => {
    const [baton] = normaliseVariationConfigs([{ id: 'v', type: 'flip' }]);
    baton.output = normaliseOutput({ format }, 'options');
    const r = run([baton]);
    expect(r.ok ? 'ok' : r.message).toBe('ok');
  });

  test('controls: a renamed parameter on the JS side, and one the engine does not know, are rejected', () => {
    const [blur] = normaliseVariationConfigs([{ id: 'v', type: 'filter', filter: 'gaussian_blur', radius: 2, format: 'raw' }]);
    blur.steps[0] = { op: 'gaussian_blur', sigmaa: 2 };
    expect(run([blur])).toMatchObject({ ok: false, code: 'INTERNAL', message: expect.stringContaining("'sigmaa' was sent but the engine does not read it") });
    const [jpeg] = normaliseVariationConfigs([{ id: 'v', type: 'flip', format: 'jpeg' }]);
    jpeg.output.qualty = 5;
    expect(run([jpeg])).toMatchObject({ ok: false, message: expect.stringContaining("'qualty'") });
  });

  test('control: with strictness on, a read the request does not carry is an error (the C++-side rename)', () => {
    // curves' `points` has no catalogue default: leaving it out means the engine reads a name the
    // request does not carry, exactly what a renamed C++ read looks like.
    const [curves] = normaliseVariationConfigs([{ id: 'v', ...OPTIONAL_VALUES['color_transform:curves'], type: 'color_transform', transform: 'curves', format: 'raw' }]);
    delete curves.steps[0].points;
    const r = run([curves]);
    expect(r).toMatchObject({ ok: false, message: expect.stringContaining("reads parameter 'points'") });
  });
});
