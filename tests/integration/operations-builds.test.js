// Every catalogue operation runs in both wasm builds and gives the native build's pixels: the
// st and mt modules must agree (same SIMD code, threads only split the rows), and both must
// agree with the native (x86 AVX2) build within ±1 level on 99.9 % of the bytes, since FMA
// contraction and float rounding may differ between the targets (and a threshold, as in
// unsharp_mask, can turn a 1-level blur difference into a larger one at a few pixels). The native build itself is checked against OpenCV,
// Pillow and scikit-image by tests/oracle.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImageProcessingService } from '../../js/index.js';
import { catalogueEntries } from '../../js/catalogue/walk.js';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { describeWithEngine, repoRoot } from '../helpers/engine.js';
import { readTestdata, testdataPath } from '../helpers/testdata.js';
import { OP_EXAMPLES, exampleName, cliStep, compareBytes } from '../helpers/op-examples.js';

const PHOTO = 'photos/anemone_red.png'; // RGBA with soft alpha: exercises premultiplication
const CLI = path.join(repoRoot, 'build/host/src/pixelpipe_native');

test('every catalogue operation has an example in tests/helpers/op-examples.js', () => {
  const names = catalogueEntries().map((e) => e.name);
  const covered = new Set(OP_EXAMPLES.map(exampleName));
  expect(names.filter((n) => !covered.has(n))).toEqual([]);
});

function nativeRun(baton) {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'pp-ops-')), 'out.ppraw');
  const r = spawnSync(CLI, ['run', testdataPath(PHOTO), out, ...baton.steps.map(cliStep)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native CLI failed for ${baton.id}: ${r.stderr}`);
  const file = readFileSync(out);
  return { width: file.readUInt32LE(8), height: file.readUInt32LE(12), data: file.subarray(16) };
}

describeWithEngine('every operation in every build', () => {
  let st;
  let mt;
  let fromSt;
  let fromMt;
  beforeAll(async () => {
    [st, mt] = await Promise.all([ImageProcessingService.create({ build: 'st', workers: 1 }), ImageProcessingService.create({ build: 'mt' })]);
    const bytes = readTestdata(PHOTO);
    [fromSt, fromMt] = await Promise.all([st.generateVariations(bytes, OP_EXAMPLES), mt.generateVariations(bytes, OP_EXAMPLES)]);
  });
  afterAll(async () => { await st?.dispose(); await mt?.dispose(); });

  const batons = normaliseVariationConfigs(OP_EXAMPLES);
  test.each(batons.map((b, i) => [exampleName(OP_EXAMPLES[i]), b.id, b]))('%s (%s): st = mt = native ±1', (name, id, baton) => {
    const a = fromSt[id];
    const b = fromMt[id];
    const n = nativeRun(baton);
    expect([a.width, a.height]).toEqual([n.width, n.height]);
    expect([b.width, b.height]).toEqual([n.width, n.height]);
    expect(compareBytes(a.data, b.data)).toEqual({ max: 0, over1: 0 });
    const vsNative = compareBytes(a.data, n.data);
    expect(vsNative.over1 / a.data.length).toBeLessThanOrEqual(0.001);
    expect(vsNative.max).toBeLessThanOrEqual(8);
  });

  test('applyColorTransformations gives what the same transform gives as a variation', async () => {
    const bytes = readTestdata(PHOTO);
    const colour = OP_EXAMPLES.filter((c) => c.type === 'color_transform');
    for (const { id, type, format, ...transform } of colour) {
      const out = await st.applyColorTransformations(bytes, [transform], { format: 'raw' });
      expect([transform.transform, compareBytes(out.data, fromSt[id].data).max]).toEqual([transform.transform, 0]);
    }
  });
});
