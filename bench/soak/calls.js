// SPDX-License-Identifier: MIT
// calls.js: the soak's call mix. Call i is chosen from a seeded generator (the same sequence on
// every run and in both builds), and each kind says what it may answer: `expect` lists the
// outcomes that are correct for it: 'ok' or an error class name (js-api.md "Errors"). Anything
// else, an untyped throw, an engine/worker crash code or no answer at all, fails the soak.
import {
  AbortError, DecodeError, ImageProcessingError, InvalidConfigurationError, InvalidLayerError, ResourceLimitError, TimeoutError,
  UnsupportedAnalysisError, UnsupportedFormatError, UnsupportedTransformationError,
} from '/js/index.js';

export const ERROR_CLASSES = [AbortError, TimeoutError, DecodeError, ResourceLimitError, InvalidLayerError, InvalidConfigurationError,
  UnsupportedAnalysisError, UnsupportedFormatError, UnsupportedTransformationError, ImageProcessingError];

// Codes that are never a correct answer to any input: the engine or a worker died.
export const CRASH_CODES = new Set(['WORKER_CRASHED', 'ENGINE_CRASHED', 'INTERNAL', 'WORKER_POST_FAILED', 'ENGINE_LOAD_FAILED']);

// A malformed file may still decode (stb reads truncated files as far as they go); else it is
// refused with a typed decode, format or limit error (bombs: before allocation).
const MALFORMED = ['ok', 'DecodeError', 'UnsupportedFormatError', 'ResourceLimitError'];

/** mulberry32: a tiny seeded PRNG, so call i is the same call on every run. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VARIATIONS = [
  [{ id: 'thumb', type: 'resize', width: 160, height: 160, maintainAspectRatio: true }],
  [{ id: 'gray', type: 'color_transform', transform: 'grayscale', format: 'jpeg', quality: 80 }],
  [{ id: 'blur', type: 'filter', filter: 'gaussian_blur', radius: 3, format: 'raw' }],
  [{ id: 'a', type: 'resize', width: 64 }, { id: 'b', steps: [{ type: 'resize', width: 200 }, { type: 'color_transform', transform: 'sepia' }], format: 'webp' }],
];
const COLOR = [
  [{ transform: 'grayscale' }],
  [{ transform: 'brightness', amount: 1.2 }, { transform: 'contrast', amount: 0.8 }],
  [{ transform: 'sepia' }, { transform: 'invert' }],
];
const ANALYSES = [['colors', 'quality'], ['histogram', 'stats'], ['composition', 'smartCrop'], ['metadata'],
  ['colors', 'composition', 'quality', 'histogram', 'stats', 'metadata', 'smartCrop']];
const THEMES = [['deep ocean blues with a hint of coral', { mode: 'map' }], ['warm autumn sunset', { mode: 'transfer', strength: 0.8 }],
  ['black and gold', { mode: 'quantize', dither: 0.5 }]];
const EXPORTS = [['png', {}], ['jpeg', { quality: 70, maxWidth: 200 }], ['webp', { quality: 60 }], ['gif', { maxWidth: 128 }],
  ['ico', { maxWidth: 64, maxHeight: 64 }], ['bmp', { maxWidth: 100 }], ['tga', { maxWidth: 100 }], ['svg', { maxWidth: 96 }]];

const pick = (r, list) => list[Math.floor(r() * list.length)];

// Invalid configs, one per method family, with the class js-api.md promises for each.
const INVALID = [
  ['UnsupportedTransformationError', (s, img) => s.generateVariations(img, [{ id: 'x', type: 'warp' }])],
  ['InvalidConfigurationError', (s, img) => s.generateVariations(img, [{ id: 'x', type: 'resize', width: -5 }])],
  ['InvalidConfigurationError', (s, img) => s.generateVariations(img, [{ id: 'x', type: 'filter', filter: 'gaussian_blur', radius: NaN }])],
  ['InvalidConfigurationError', (s, img) => s.generateVariations(img, 'not a list')],
  ['InvalidConfigurationError', (s, img) => s.generateVariations(img, [JSON.parse('{"id":"p","type":"resize","width":10,"__proto__":{"polluted":1}}')])],
  ['InvalidConfigurationError', (s, img) => s.generateVariations(img, [{ id: 'x', type: 'resize', width: 1e300 }])],
  ['UnsupportedTransformationError', (s, img) => s.applyColorTransformations(img, [{ transform: 'sepia-ish' }])],
  ['InvalidConfigurationError', (s, img) => s.applyColorTransformations(img, [{ transform: 'brightness', amount: 'bright' }])],
  ['InvalidConfigurationError', (s, img) => s.applyColorTransformations(img, [{ transform: 'grayscale' }], { timeoutMs: -1 })],
  ['InvalidLayerError', (s) => s.createComposite([{ color: 'not-a-colour' }], 64, 64)],
  ['InvalidLayerError', (s, img) => s.createComposite([{ image: img, x: 0, y: 0, blendMode: 'sparkle' }], 64, 64)],
  ['InvalidConfigurationError', (s) => s.createComposite([{ color: 'red' }], 0, 64)],
  ['UnsupportedAnalysisError', (s, img) => s.analyzeImage(img, ['colors', 'aura'])],
  ['InvalidConfigurationError', (s, img) => s.generateAndApplyPalette(img, 'sea', 11)],
  ['InvalidConfigurationError', (s, img) => s.generateAndApplyPalette(img, 'sea', 2, { mode: 'posterize' })],
  ['UnsupportedFormatError', (s, img) => s.processForExport(img, 'tiff')],
  ['InvalidConfigurationError', (s, img) => s.processForExport(img, 'jpeg', { quality: 1000 })],
  ['InvalidConfigurationError', (s) => s.generateVariations({ width: 10, height: 10, data: new Uint8Array(3) }, [{ id: 'x', type: 'resize', width: 5 }])],
];

/**
 * The kinds and their weights (per 100 calls). Each `make(ctx)` returns `{ promise, expect }`;
 * ctx = { r (PRNG), s (service), image() (a valid input), malformed() (a bad file), handles (the
 * open ImageHandles, kept by the page) }.
 */
export const KINDS = {
  variations: [13, ({ r, s, image }) => ({ promise: s.generateVariations(image(), pick(r, VARIATIONS)) })],
  color: [10, ({ r, s, image }) => ({ promise: s.applyColorTransformations(image(), pick(r, COLOR), { format: pick(r, ['png', 'jpeg', 'raw']) }) })],
  composite: [8, ({ r, s, image }) => ({
    promise: s.createComposite([
      { image: image(), x: 0, y: 0, width: 320, height: 200, fit: 'cover' },
      { gradient: { type: 'linear', angle: 180, stops: [[0.5, 'rgba(0,0,0,0)'], [1, 'rgba(0,0,0,0.7)']] } },
      { color: 'rgba(255,128,0,0.3)', blendMode: pick(r, ['multiply', 'screen', 'overlay', 'hue']) },
      { text: 'Soak test', size: 24, color: 'white', x: 10, y: 150 },
    ], 320, 200, '#203040', { format: pick(r, ['png', 'jpeg', 'raw']) }),
  })],
  analyze: [10, ({ r, s, image }) => ({ promise: s.analyzeImage(image(), pick(r, ANALYSES)) })],
  palette: [6, ({ r, s, image }) => {
    const [theme, options] = pick(r, THEMES);
    return { promise: s.generateAndApplyPalette(image(), theme, 1 + Math.floor(r() * 3), options) };
  }],
  export: [10, ({ r, s, image }) => {
    const [format, options] = pick(r, EXPORTS);
    return { promise: s.processForExport(image(), format, options) };
  }],
  // A Blob input (the browser's File): read by the library, not by the caller.
  blob: [3, ({ s, image }) => ({ promise: s.processForExport(new Blob([image({ encoded: true })]), 'jpeg', { maxWidth: 120 }) })],
  // load() → the handle joins the open set (the oldest is released past three); a later call uses it.
  load: [4, ({ s, image, handles }) => ({
    promise: s.load(image({ encoded: true })).then((h) => {
      handles.push(h);
      if (handles.length > 3) handles.shift().release();
      return h;
    }),
  })],
  handle: [6, ({ r, s, image, handles }) => {
    if (handles.length === 0) return KINDS.variations[1]({ r, s, image });
    const h = pick(r, handles);
    return { promise: pick(r, [() => s.generateVariations(h, pick(r, VARIATIONS)), () => s.analyzeImage(h, ['colors']),
      () => s.processForExport(h, 'png', { maxWidth: 100 }), () => s.applyColorTransformations(h, pick(r, COLOR), { format: 'raw' })])() };
  }],
  // A released handle is a configuration error, whatever the method.
  released: [2, ({ s, image }) => ({
    promise: s.load(image({ encoded: true })).then((h) => { h.release(); return s.analyzeImage(h, ['stats']); }),
    expect: ['InvalidConfigurationError'],
  })],
  malformed: [8, ({ r, s, malformed }) => {
    const bytes = malformed();
    const call = pick(r, [() => s.generateVariations(bytes, VARIATIONS[0]), () => s.analyzeImage(bytes, ['stats']),
      () => s.processForExport(bytes, 'png'), () => s.load(bytes).then((h) => h.release()), () => s.applyColorTransformations(bytes, COLOR[0])]);
    return { promise: call(), expect: MALFORMED };
  }],
  // A malformed file as a composite layer is the layer's error (InvalidLayerError), or it decodes.
  malformedLayer: [2, ({ s, malformed }) => ({
    promise: s.createComposite([{ image: malformed(), x: 0, y: 0 }], 64, 64), expect: ['ok', 'InvalidLayerError'],
  })],
  invalid: [8, ({ r, s, image }) => {
    const [expected, call] = pick(r, INVALID);
    return { promise: call(s, image()), expect: [expected] };
  }],
  // Aborted before the call: always AbortError.
  preAborted: [3, ({ s, image }) => ({
    promise: s.generateVariations(image(), VARIATIONS[0], { signal: AbortSignal.abort() }), expect: ['AbortError'],
  })],
  // Aborted 0–30 ms later: queued, running or already done.
  abort: [2, ({ r, s, image }) => {
    const c = new AbortController();
    setTimeout(() => c.abort(), Math.floor(r() * 30));
    return { promise: s.analyzeImage(image(), ANALYSES[4], { signal: c.signal }), expect: ['ok', 'AbortError'] };
  }],
  // A 1–20 ms limit: times out queued or running, or makes it.
  timeout: [2, ({ r, s, image }) => ({
    promise: s.applyColorTransformations(image(), COLOR[1], { timeoutMs: 1 + Math.floor(r() * 20) }), expect: ['ok', 'TimeoutError'],
  })],
};

/** Call number `i` (0-based) of the run: `{ kind, promise, expect }`; `context(r)` gives the ctx. */
export function makeCall(i, seed, context) {
  const r = prng(seed * 1_000_003 + i);
  const ctx = context(r);
  const total = Object.values(KINDS).reduce((n, [w]) => n + w, 0);
  let x = r() * total;
  const [kind, [, make]] = Object.entries(KINDS).find(([, [w]]) => (x -= w) < 0) ?? Object.entries(KINDS)[0];
  const call = make({ ...ctx, r });
  return { kind, promise: call.promise, expect: call.expect ?? ['ok'] };
}

/** 'ok', or the error's class name (the first of ERROR_CLASSES it is an instance of), or 'untyped'. */
export function outcomeOf(error) {
  if (error === undefined) return 'ok';
  const cls = ERROR_CLASSES.find((C) => error instanceof C);
  return cls ? cls.name : 'untyped';
}
