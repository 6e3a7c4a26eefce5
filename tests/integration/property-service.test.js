// Property tests (fast-check) of the real service on the real wasm engine in Node: hostile
// arguments to all six public methods are each answered by a result or a typed
// ImageProcessingError — never an untyped throw, a dead worker or a hang (Jest's timeout) — the
// service answers a known call correctly afterwards, and a valid config generated from the
// catalogue gives the same bytes as the same config spelt another way by hand.
import fc from 'fast-check';
import { ImageProcessingService, ImageProcessingError } from '../../js/index.js';
import { readTestdata } from '../helpers/testdata.js';
import { describeWithEngine } from '../helpers/engine.js';
import { catalogueConfig, hostileValue, respell, withOwnKey } from '../helpers/config-arbitraries.js';

const SMALL = readTestdata('pngsuite/basn2c08.png');   // 32x32 RGB
const RUNS = { seed: 1414, numRuns: 30 };

/** Awaits the call: 'ok', or 'typed' for an ImageProcessingError with code and message; rethrows anything else. */
async function outcome(promise) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof ImageProcessingError && typeof error.code === 'string' && error.message) return 'typed';
    throw new Error(`untyped rejection: ${error?.constructor?.name} ${error?.message}`, { cause: error });
  }
}

// Each method's argument list with one slot hostile. Slots that take images get the small PNG or
// a hostile value; the rest get values from the catalogue or hostile ones.
const layer = fc.record({
  kind: fc.constantFrom('image', 'text', 'gradient', 'color'),
  x: fc.oneof(fc.integer({ min: -50, max: 50 }), hostileValue()),
  opacity: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), hostileValue()),
  blendMode: fc.oneof(fc.constantFrom('normal', 'multiply', 'color-dodge', 'lighter'), hostileValue()),
  extra: fc.oneof(hostileValue(), fc.constant(undefined)),
}).map(({ kind, extra, ...common }) => {
  const base = {
    image: { image: SMALL }, text: { text: 'Hi', size: 12 }, color: { color: '#336699', width: 8, height: 8 },
    gradient: { gradient: { type: 'linear', stops: ['red', 'blue'] }, width: 8, height: 8 },
  }[kind];
  return extra === undefined ? { ...base, ...common } : withOwnKey({ ...base, ...common }, 'rotate', extra);
});

const calls = fc.oneof(
  fc.tuple(fc.constant('generateVariations'), fc.oneof(fc.constant(SMALL), hostileValue()),
    fc.oneof(catalogueConfig().map((c) => [c]), fc.array(hostileValue(), { maxLength: 3 }), hostileValue())),
  fc.tuple(fc.constant('applyColorTransformations'), fc.constant(SMALL), fc.oneof(fc.array(hostileValue(), { maxLength: 3 }), hostileValue())),
  fc.tuple(fc.constant('createComposite'), fc.array(layer, { maxLength: 3 }),
    fc.oneof(fc.integer({ min: 1, max: 64 }), hostileValue()), fc.oneof(fc.integer({ min: 1, max: 64 }), hostileValue()),
    fc.oneof(fc.constant('white'), hostileValue())),
  fc.tuple(fc.constant('analyzeImage'), fc.constant(SMALL),
    fc.oneof(fc.subarray(['colors', 'composition', 'quality', 'histogram', 'stats', 'smartCrop', 'metadata']), hostileValue())),
  fc.tuple(fc.constant('generateAndApplyPalette'), fc.constant(SMALL), fc.oneof(fc.constant('warm autumn'), hostileValue()),
    fc.oneof(fc.constant(1), hostileValue())),
  fc.tuple(fc.constant('processForExport'), fc.constant(SMALL), fc.oneof(fc.constantFrom('png', 'jpeg', 'webp', 'svg', 'gif'), hostileValue()),
    fc.oneof(fc.constant({}), fc.record({ quality: hostileValue(), maxWidth: hostileValue() }, { requiredKeys: [] }), hostileValue())),
);

describeWithEngine('property: hostile calls to the real service (st build, one worker)', () => {
  let service;
  beforeAll(async () => { service = await ImageProcessingService.create({ build: 'st', workers: 1 }); });
  afterAll(() => service?.dispose());

  async function stillHealthy() {
    const r = await service.generateVariations(SMALL, [{ id: 'g', type: 'color_transform', transform: 'grayscale', format: 'raw' }]);
    expect(r.g.width).toBe(32);
    const { data } = r.g;
    for (let i = 0; i < data.length; i += 4) expect(data[i] === data[i + 1] && data[i + 1] === data[i + 2]).toBe(true);
    // no worker died or had to be replaced on the way (a crash is restarted silently, so count them)
    expect(await service.stats()).toMatchObject({ crashed: 0, timedOut: 0 });
  }

  test('every method, one hostile argument: a result or a typed error; the service still works', async () => {
    const seen = { ok: 0, typed: 0 };
    await fc.assert(fc.asyncProperty(calls, async ([method, ...args]) => {
      seen[await outcome(service[method](...args))] += 1;
    }), { ...RUNS, numRuns: 200 });
    expect(seen.ok).toBeGreaterThan(10);   // the generator also makes calls that must succeed
    await stillHealthy();
  }, 600_000);

  test('a valid generated config gives the same bytes however it is spelt', async () => {
    const seen = { ok: 0, typed: 0 };
    await fc.assert(fc.asyncProperty(catalogueConfig(), fc.infiniteStream(fc.boolean()), async (config, coin) => {
      const first = await outcome(service.generateVariations(SMALL, [config]).then((r) => { config.bytes = r.v; }));
      const other = respell(config, coin);
      delete other.bytes;
      const { bytes } = config;
      delete config.bytes;
      let again;
      const second = await outcome(service.generateVariations(SMALL, [other]).then((r) => { again = r.v; }));
      expect(second).toBe(first);   // both fail the same way (e.g. a crop outside 32x32) or both succeed
      seen[first] += 1;
      if (first === 'ok') expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    }), RUNS);
    // not vacuous: most generated configs must really run (failures are crops/pads outside 32x32)
    expect(seen.ok).toBeGreaterThan(seen.typed);
    await stillHealthy();
  }, 600_000);
});
