// Property tests (fast-check) of everything JS does with a caller's config before the engine sees
// it: variation configs generated from the catalogue (valid and hostile), the colour parser and
// the theme parser. The property everywhere: a result or a typed ImageProcessingError, never a
// TypeError/RangeError from inside the library, never a hang; and a valid config means the same
// baton however it is spelt (key order, snake_case or alias names, defaults written or left out).
import fc from 'fast-check';
import { catalogueEntries } from '../../js/catalogue/walk.js';
import { normaliseVariationConfigs } from '../../js/config/normalise.js';
import { parseColor } from '../../js/config/color.js';
import { parseTheme, generatePalettes } from '../../js/palette/generate.js';
import { ImageProcessingError } from '../../js/errors.js';
import { catalogueConfig, hostileValue, respell, withOwnKey } from '../helpers/config-arbitraries.js';

// Fixed seed: a failure is reproducible from the log (fast-check prints seed and path).
const RUNS = { numRuns: 400, seed: 1414 };

/** Runs fn; returns 'ok' or 'typed', and rethrows anything that is not an ImageProcessingError. */
function outcome(fn) {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (error instanceof ImageProcessingError && typeof error.code === 'string' && error.message) return 'typed';
    throw error;
  }
}

const LIMITS = { maxPixels: 100_000_000, maxSide: 32768 };

describe('variation configs generated from the catalogue', () => {
  test('every generated valid config normalises, whatever its spelling, to the same baton', () => {
    fc.assert(fc.property(catalogueConfig(), fc.infiniteStream(fc.boolean()), (config, coin) => {
      const baton = normaliseVariationConfigs([config], 'variationConfigs');
      const again = normaliseVariationConfigs([respell(config, coin)], 'variationConfigs');
      expect(again).toEqual(baton);
      expect(baton[0].steps.length).toBe(1);
    }), RUNS);
  });

  test('one parameter replaced by a hostile value: result or typed error', () => {
    fc.assert(fc.property(catalogueConfig(), hostileValue(), fc.nat(), (config, value, pick) => {
      const keys = Object.keys(config).filter((k) => k !== 'id');
      const hostile = { ...config, [keys[pick % keys.length]]: value };
      outcome(() => normaliseVariationConfigs([hostile], 'variationConfigs', LIMITS));
    }), RUNS);
  });

  test('prototype keys (__proto__, constructor, prototype) as own keys are refused, and pollute nothing', () => {
    fc.assert(fc.property(catalogueConfig(), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'),
      hostileValue().filter((v) => v !== undefined), (config, key, value) => {   // undefined = absent
        const r = outcome(() => normaliseVariationConfigs([withOwnKey(config, key, value)], 'variationConfigs', LIMITS));
        expect(r).toBe('typed');   // an unknown field
        expect(({}).polluted).toBeUndefined();
        expect(Object.prototype.toString.call([])).toBe('[object Array]');
      }), RUNS);
  });

  test('whole-list shapes: not an array, holes, duplicates, null members, deep nesting', () => {
    const deep = (depth) => { let v = []; for (let i = 0; i < depth; i++) v = [v]; return v; };
    fc.assert(fc.property(fc.oneof(
      hostileValue(),
      fc.array(fc.oneof(hostileValue(), catalogueConfig()), { maxLength: 5 }),
      catalogueConfig().map((c) => [c, c]),                      // duplicate id
      fc.constant(deep(100_000)),
      catalogueConfig().map((c) => [{ ...c, steps: deep(50_000) }]),
    ), (configs) => {
      outcome(() => normaliseVariationConfigs(configs, 'variationConfigs', LIMITS));
    }), { ...RUNS, numRuns: 200 });
  });
});

describe('parseColor (js/config/color.js)', () => {
  const byte = fc.integer({ min: 0, max: 255 });
  const hex2 = (n) => n.toString(16).padStart(2, '0');

  test('any value: null or four bytes, never a throw', () => {
    fc.assert(fc.property(fc.oneof(fc.anything(), fc.string({ maxLength: 5000 }), fc.string({ unit: 'binary', maxLength: 200 })), (v) => {
      const c = parseColor(v);
      if (c !== null) {
        expect(c).toHaveLength(4);
        for (const x of c) expect(Number.isInteger(x) && x >= 0 && x <= 255).toBe(true);
      }
    }), { ...RUNS, numRuns: 2000 });
  });

  test('#rrggbbaa, rgb() and [r, g, b, a] give the bytes written (CSS Color 4), in any case and spacing', () => {
    fc.assert(fc.property(byte, byte, byte, byte, fc.boolean(), fc.constantFrom('', ' ', '  \t'), (r, g, b, a, upper, pad) => {
      const hex = `#${hex2(r)}${hex2(g)}${hex2(b)}${hex2(a)}`;
      expect(parseColor(`${pad}${upper ? hex.toUpperCase() : hex}${pad}`)).toEqual([r, g, b, a]);
      expect(parseColor(`rgb(${r}, ${g}, ${b})`)).toEqual([r, g, b, 255]);
      expect(parseColor(`rgb(${r} ${g} ${b})`)).toEqual([r, g, b, 255]);
      expect(parseColor([r, g, b, a])).toEqual([r, g, b, a]);
    }), RUNS);
  });

  test('hostile near-misses of the grammar are null, not a throw or a hang', () => {
    const piece = fc.constantFrom('rgb(', 'rgba(', 'hsl(', ')', ',', '/', '%', ' ', '1e999', '-0', '.5', 'NaN', '#', 'f', '(', 'deg');
    fc.assert(fc.property(fc.array(piece, { maxLength: 400 }).map((p) => p.join('')), (text) => {
      const c = parseColor(text);
      if (c !== null) expect(c).toHaveLength(4);
    }), { ...RUNS, numRuns: 1000 });
  });
});

describe('parseTheme and generatePalettes (js/palette)', () => {
  const words = fc.constantFrom('warm', 'autumn', 'sunset', 'pastel', 'ocean', 'dark', 'neon', 'forest', 'not', 'very',
    'and', 'with', 'a', 'touch', 'of', 'teal', 'crimson', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '#ff0000',
    'rgb(1,2,3)', 'ß', '日本', '😀', '-', '/');
  const theme = fc.oneof(fc.string({ maxLength: 1200 }), fc.array(words, { maxLength: 60 }).map((w) => w.join(' ')),
    fc.string({ unit: 'grapheme', maxLength: 200 }), fc.anything());

  test('any description: parsed terms or a typed error; palettes then have valid colours', () => {
    // generatePalettes is the slow half (0.5–2 s per call on this loaded 2-core machine): few runs, small counts.
    fc.assert(fc.property(theme, fc.integer({ min: 1, max: 3 }), (text, count) => {
      let parsed;
      if (outcome(() => { parsed = parseTheme(text); }) === 'typed') return;
      expect(Array.isArray(parsed.matchedTerms)).toBe(true);
      const palettes = generatePalettes(parsed, count, { fallbackColors: [[200, 100, 50]] });
      expect(palettes.length).toBeGreaterThan(0);
      for (const p of palettes) for (const c of p.colors) expect(parseColor(c.hex)).not.toBeNull();
    }), { ...RUNS, numRuns: 12 });
  });

  test('the theme parser alone: any text of any length answers at once', () => {
    fc.assert(fc.property(theme, (text) => { outcome(() => parseTheme(text)); }), { ...RUNS, numRuns: 2000 });
  });
});
