// parse-theme.js: a theme description → terms. Phrases before words (longest first: "burnt
// sienna", "not too saturated", "a hint of"); a modifier binds to the term right after it, or to the
// whole theme when none follows; "a hint of X" makes X an accent; unknown words are reported.
import { VOCABULARY, ALIASES, MODIFIERS, ACCENT_PHRASES, STOPWORDS } from './vocabulary.js';
import { lookupColorName, longestNameWords, normaliseName } from './lexicon.js';

const THEME_WORDS = new Map();
for (const { family, entries } of VOCABULARY) {
  for (const [word, entry] of Object.entries(entries)) THEME_WORDS.set(normaliseName(word), { word, family, ...entry });
}
for (const [alias, word] of Object.entries(ALIASES)) THEME_WORDS.set(normaliseName(alias), THEME_WORDS.get(word));
const MODIFIER_WORDS = new Map(Object.entries(MODIFIERS.entries).map(([w, m]) => [normaliseName(w), { word: w, ...m }]));
const ACCENTS = new Set(ACCENT_PHRASES.map(normaliseName));
const STOP = new Set(STOPWORDS);
const phraseWords = (set) => Math.max(...[...set].map((k) => k.split(' ').length));
const LONGEST_OTHER = Math.max(phraseWords(THEME_WORDS.keys()), phraseWords(MODIFIER_WORDS.keys()), phraseWords(ACCENTS));

/** Description → lower-case words: '&' is 'and', punctuation separates, '-' and '/' join as spaces. */
export function tokenize(text) {
  return normaliseName(text.replace(/&/g, ' and ').replace(/[^\p{L}\p{N}'\s/_-]+/gu, ' ')).split(' ').filter(Boolean);
}

/** The forms a written word may stand for: itself, without "'s", and singulars of plurals. */
function wordForms(word) {
  const base = word.replace(/'s$/, '').replace(/'/g, '');
  const forms = [word, base];
  if (base.endsWith('ies') && base.length > 4) forms.push(`${base.slice(0, -3)}y`);
  if (base.endsWith('ves') && base.length > 4) forms.push(`${base.slice(0, -3)}f`);
  if (base.endsWith('es') && base.length > 3) forms.push(base.slice(0, -2));
  if (base.endsWith('s') && !base.endsWith('ss') && base.length > 3) forms.push(base.slice(0, -1));
  return [...new Set(forms)];
}

/** What starts at tokens[i]: the longest known phrase, as { kind, length, text, ... } or null. */
function matchAt(tokens, i) {
  const longest = Math.min(tokens.length - i, Math.max(longestNameWords(), LONGEST_OTHER));
  for (let len = longest; len >= 1; len -= 1) {
    const head = tokens.slice(i, i + len - 1);
    for (const last of wordForms(tokens[i + len - 1])) {
      const key = [...head, last].join(' ');
      const text = tokens.slice(i, i + len).join(' ');
      if (ACCENTS.has(key)) return { kind: 'accent', length: len, text };
      // A modifier word that is also a theme word ("dark", "muted") is decided by the caller.
      if (MODIFIER_WORDS.has(key)) return { kind: 'modifier', length: len, text, modifier: MODIFIER_WORDS.get(key), theme: THEME_WORDS.get(key) };
      if (THEME_WORDS.has(key)) return { kind: 'theme', length: len, text, theme: THEME_WORDS.get(key) };
      const color = lookupColorName(key);
      if (color) return { kind: 'color', length: len, text, color };
    }
  }
  return null;
}

/**
 * Terms of a description:
 *   { kind: 'color', text, weight: 'base'|'accent', color: { name, rgb, source }, modifiers: [...] }
 *   { kind: 'theme', text, weight, theme: { word, family, hue?, l?, c?, harmony? }, modifiers: [...] }
 *   { kind: 'modifier', text, modifier }           (applies to the whole theme)
 * plus the words nothing matched (stopwords excluded).
 */
export function parseTerms(text) {
  const tokens = tokenize(text);
  const terms = [];
  const unmatched = [];
  let pending = [];      // modifiers waiting for their term
  let weight = 'base';
  const flushGlobal = () => {
    for (const m of pending) terms.push({ kind: 'modifier', text: m.text, modifier: m.modifier });
    pending = [];
  };
  for (let i = 0; i < tokens.length;) {
    const match = matchAt(tokens, i);
    if (!match) {
      flushGlobal();
      if (!STOP.has(tokens[i]) && !/^\d+$/.test(tokens[i])) unmatched.push(tokens[i]);
      i += 1;
      continue;
    }
    i += match.length;
    if (match.kind === 'accent') {
      weight = 'accent';
      continue;
    }
    if (match.kind === 'modifier') {
      const next = i < tokens.length ? matchAt(tokens, i) : null;
      if (next && next.kind !== 'accent') {
        pending.push(match);
        continue;
      }
      if (!match.theme) {
        pending.push(match);
        flushGlobal();
        continue;
      }
      match.kind = 'theme';   // a lone "dark", "muted": the theme word
    }
    const mods = pending.map((m) => m.modifier);
    const written = [...pending.map((m) => m.text), match.text].join(' ');
    pending = [];
    if (match.kind === 'color') terms.push({ kind: 'color', text: written, weight, color: match.color, modifiers: mods });
    else terms.push({ kind: 'theme', text: written, weight, theme: match.theme, modifiers: mods });
    weight = 'base';
  }
  flushGlobal();
  return { tokens, terms, unmatched };
}
