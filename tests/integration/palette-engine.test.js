// palette-engine.test.js: the applyPalette binding (src/bindings/palette.cpp) in both wasm builds:
// st and mt give the same bytes (threads only split rows), quantize leaves only palette colours
// and keeps alpha, and bad requests come back as { ok: false, code } instead of throwing. The
// pixels themselves are checked against independent references natively (tests/cpp/test_palette_apply.cpp).
import { loadModule } from '../../js/wasm/engine-node.js';
import { copyIn, decodeAt, free } from '../../js/wasm/module-api.js';
import { parseTheme, generatePalettes, applyRequest } from '../../js/palette/generate.js';
import { describeWithEngine } from '../helpers/engine.js';
import { readTestdata } from '../helpers/testdata.js';

describeWithEngine('applyPalette in the wasm builds', () => {
  const engines = {};
  const handles = {};
  const [palette] = generatePalettes(parseTheme('warm autumn sunset'), 1);
  beforeAll(async () => {
    for (const build of ['st', 'mt']) {
      engines[build] = (await loadModule({ build })).module;
      const M = engines[build];
      const { ptr, len } = copyIn(M, readTestdata('photos/anemone_red.png'));
      handles[build] = decodeAt(M, ptr, len, {}).handle;
      free(M, ptr);
    }
  });
  afterAll(() => engines.mt?.PThread?.terminateAllThreads());

  test.each(['map', 'transfer', 'quantize'])('%s: st and mt give identical bytes', (mode) => {
    const request = applyRequest(palette, { mode, strength: 0.9, dither: mode === 'quantize' ? 0.5 : 0 });
    const st = engines.st.applyPalette(handles.st, request, null);
    const mt = engines.mt.applyPalette(handles.mt, request, null);
    expect(st.ok).toBe(true);
    expect([st.width, st.height]).toEqual([600, 520]);
    expect(st.data).toBeInstanceOf(Uint8Array);
    expect(st.data.length).toBe(600 * 520 * 4);
    expect(Buffer.compare(Buffer.from(st.data), Buffer.from(mt.data))).toBe(0);
  });

  test('quantize without dither leaves only palette colours, alpha kept', () => {
    const source = engines.st.applyPalette(handles.st, { mode: 'map', strength: 0, colors: [[0, 0, 0]] }, null);
    const out = engines.st.applyPalette(handles.st, applyRequest(palette, { mode: 'quantize' }), null);
    const allowed = new Set(palette.colors.map((c) => c.rgb.join(',')));
    let foreign = 0;
    let alpha = 0;
    for (let i = 0; i < out.data.length; i += 4) {
      if (!allowed.has(`${out.data[i]},${out.data[i + 1]},${out.data[i + 2]}`)) foreign += 1;
      if (out.data[i + 3] !== source.data[i + 3]) alpha += 1;
    }
    expect(foreign).toBe(0);
    expect(alpha).toBe(0);
  });

  test('bad requests are { ok: false, code: INVALID_ARGUMENT }, never a throw', () => {
    const m = engines.st;
    const h = handles.st;
    const colors = [[1, 2, 3]];
    for (const [handle, request] of [
      [h, { mode: 'posterize', colors }],
      [h, { mode: 3, colors }],
      [h, { colors: [] }],
      [h, { colors: [[1, 2]] }],
      [h, { colors: [[1, 2, 256]] }],
      [h, { colors: [[1, 2, 3.5]] }],
      [h, { colors: 'red' }],
      [h, { colors, strength: 2 }],
      [h, { colors, strength: 'half' }],
      [h, { colors, dither: -1 }],
      [h, { colors, weights: [1, 2] }],
      [h, null],
      [987654, { colors }],
    ]) {
      const r = m.applyPalette(handle, request, null);
      expect({ request, ok: r.ok, code: r.code }).toEqual({ request, ok: false, code: 'INVALID_ARGUMENT' });
    }
  });
});
