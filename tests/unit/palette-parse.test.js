// palette-parse.test.js: what parseTheme understands of a description.
import { parseTheme } from '../../js/palette/generate.js';
import { InvalidConfigurationError } from '../../js/errors.js';
import { VOCABULARY, ALIASES } from '../../js/palette/vocabulary.js';

const kinds = (text) => parseTheme(text).terms.map((t) => `${t.kind}:${t.text}:${t.weight ?? ''}`);

test('the vocabulary has at least 150 theme words, each family with a rationale', () => {
  const words = VOCABULARY.flatMap((f) => Object.keys(f.entries));
  expect(words.length).toBeGreaterThanOrEqual(150);
  expect(new Set(words).size).toBe(words.length);
  for (const f of VOCABULARY) expect(f.rationale.length).toBeGreaterThan(20);
  for (const target of Object.values(ALIASES)) expect(words).toContain(target);
  expect(parseTheme('Fall').theme).toEqual(parseTheme('autumn').theme);
  for (const w of ['warm', 'cool', 'pastel', 'vibrant', 'muted', 'dark', 'light', 'earthy', 'neon', 'vintage', 'moody',
    'calm', 'autumn', 'winter', 'spring', 'summer', 'sunset', 'sunrise', 'ocean', 'forest', 'desert', 'midnight',
    'candy', 'corporate', 'retro']) {
    expect(words).toContain(w);
  }
});

test('multi-word colour names match as phrases before single words', () => {
  expect(kinds('burnt sienna')).toEqual(['color:burnt sienna:base']);
  expect(parseTheme('sea foam green').terms[0].color.name).toBe('seafoam green');
  expect(parseTheme('dark slate gray').terms[0].color.name).toBe('darkslategray');
  expect(kinds('black and gold')).toEqual(['color:black:base', 'color:gold:base']);
});

test('plurals, case and punctuation do not matter', () => {
  const names = (text) => parseTheme(text).terms.map((t) => t.color?.name ?? t.theme?.word);
  expect(names('Deep OCEAN blues!!')).toEqual(names('deep ocean blue'));
  expect(parseTheme('Sunsets, Forests & Oceans.').matchedTerms).toEqual(['sunsets', 'forests', 'oceans']);
  expect(parseTheme('jungles').terms[0].theme.word).toBe('jungle');
  expect(parseTheme('leaves').terms[0].theme.word).toBe('leaf');
});

test('modifiers bind to the next term, or to the whole theme when none follows', () => {
  const deep = parseTheme('deep forest');
  expect(deep.terms).toHaveLength(1);
  expect(deep.terms[0].modifiers).toHaveLength(1);
  expect(deep.theme.l[1]).toBeLessThan(parseTheme('forest').theme.l[1]);
  const tame = parseTheme('sunset, not too saturated');
  expect(tame.terms.map((t) => t.kind)).toEqual(['theme', 'modifier']);
  expect(tame.theme.c[1]).toBeLessThanOrEqual(0.1);
  expect(parseTheme('pale sunset').theme.c[1]).toBeLessThan(parseTheme('sunset').theme.c[1]);
  expect(parseTheme('bright sunset').theme.c[1]).toBeGreaterThan(parseTheme('sunset').theme.c[1]);
});

test("'a hint of X' makes X an accent, not the base", () => {
  const p = parseTheme('deep ocean blues with a hint of coral');
  expect(p.terms.map((t) => t.weight)).toEqual(['base', 'accent']);
  expect(p.theme.pins.find((x) => x.name === 'coral').weight).toBe('accent');
  expect(parseTheme('forest with a touch of sunset').theme.accentHues.length).toBeGreaterThan(0);
});

test('theme words that agree intersect their hues; disagreeing ones add up', () => {
  const [[from, to]] = parseTheme('warm sunset').theme.hues;
  expect(from).toBeGreaterThanOrEqual(15);
  expect(to).toBeLessThanOrEqual(85);
  expect(parseTheme('forest and ocean').theme.hues.length).toBe(2);
});

test('unknown words are reported; stopwords are not; no known word means fallback', () => {
  const p = parseTheme('a flibbertigibbet ocean with zorbs');
  expect(p.unmatchedTerms).toEqual(['flibbertigibbet', 'zorbs']);
  expect(p.fallback).toBe(false);
  const none = parseTheme('qwerty asdf');
  expect(none.fallback).toBe(true);
  expect(none.unmatchedTerms).toEqual(['qwerty', 'asdf']);
});

test('empty or non-string descriptions are InvalidConfigurationError', () => {
  for (const bad of ['', '   ', null, undefined, 42, ['ocean'], {}, 'ocean '.repeat(200)]) {
    expect(() => parseTheme(bad)).toThrow(InvalidConfigurationError);
  }
  try {
    parseTheme('');
  } catch (e) {
    expect(e.details.path).toBe('themeDescription');
  }
});
