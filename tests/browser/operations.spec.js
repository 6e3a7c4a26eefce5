// Every catalogue operation in Chromium, in both builds: the threaded build (page with COOP/COEP)
// and the single-threaded one (page without) give byte-identical pixels, and the same pixels as
// the st build in Node (tests/integration/operations-builds.test.js ties that to the native build and the
// native build to OpenCV/Pillow in tests/oracle).
import { test, expect } from '@playwright/test';
import { ImageProcessingService } from '../../js/index.js';
import { ISOLATED_ORIGIN, PLAIN_ORIGIN, openHarness, disposeService, watchConsole } from './helpers.js';
import { OP_EXAMPLES, exampleName, compareBytes } from '../helpers/op-examples.js';

test.afterEach(async ({ page }) => { await disposeService(page); });

/** Runs every example on the harness's synthetic image; returns {input, outputs} as base64. */
async function runAll(page) {
  return page.evaluate(async (examples) => {
    const input = h.synthetic(257, 191, 7);
    const out = await svc.generateVariations({ ...input, data: input.data.slice() }, examples);
    const enc = (o) => ({ width: o.width, height: o.height, data: h.toBase64(new Uint8Array(o.data.buffer, o.data.byteOffset, o.data.byteLength)) });
    return { input: enc(input), outputs: Object.fromEntries(Object.entries(out).map(([id, o]) => [id, enc(o)])) };
  }, OP_EXAMPLES);
}

const decode = (o) => ({ width: o.width, height: o.height, data: new Uint8Array(Buffer.from(o.data, 'base64')) });

test('every operation: Chromium mt = Chromium st = Node st, byte for byte', async ({ page }) => {
  test.setTimeout(120_000);
  const log = watchConsole(page);
  const mtCaps = await openHarness(page, ISOLATED_ORIGIN);
  expect(mtCaps.build).toBe('mt');
  const mt = await runAll(page);
  await disposeService(page);
  const stCaps = await openHarness(page, PLAIN_ORIGIN);
  expect(stCaps.build).toBe('st');
  const st = await runAll(page);

  const node = await ImageProcessingService.create({ build: 'st', workers: 1 });
  let fromNode;
  try {
    fromNode = await node.generateVariations(decode(mt.input), OP_EXAMPLES);
  } finally {
    await node.dispose();
  }
  for (const example of OP_EXAMPLES) {
    const a = decode(mt.outputs[example.id]);
    const b = decode(st.outputs[example.id]);
    const n = fromNode[example.id];
    const name = exampleName(example);
    expect([name, a.width, a.height], log.join('\n')).toEqual([name, n.width, n.height]);
    expect([name, compareBytes(a.data, b.data)]).toEqual([name, { max: 0, over1: 0 }]);
    expect([name, compareBytes(a.data, n.data)]).toEqual([name, { max: 0, over1: 0 }]);
  }
});
