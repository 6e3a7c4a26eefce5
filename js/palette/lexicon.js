// lexicon.js: colour names → sRGB, and the nearest name of a colour. The names are data generated
// from Debian's python3-matplotlib (scripts/gen-palette-lexicon.mjs): CSS Color 4 + XKCD survey.
import ENTRIES from './lexicon.generated.js';
import { deltaE00Rgb, hexToRgb, rgbToCielab, ciede2000 } from '../color/color.js';

// The XKCD survey kept its respondents' jokes ("puke green"); they match when typed, but are never
// offered as the name of a generated colour.
const NOT_FOR_NAMING = /\b(poo|poop|puke|vomit|barf|snot|booger|shit|piss|diarrhea|ugly|nasty|sick|sickly|dirty)\b/;

/** Lower case, '/' '-' '_' and runs of spaces → one space: how names and descriptions are compared. */
export const normaliseName = (text) => text.toLowerCase().replace(/[/_-]+/g, ' ').replace(/\s+/g, ' ').trim();

let index = null;
function lexiconIndex() {
  if (index) return index;
  const byName = new Map();
  const compact = new Map();   // without spaces: "sea foam" finds "seafoam", "dark slate gray" "darkslategray"
  const nameable = [];
  for (const [name, hex, source] of ENTRIES) {
    const key = normaliseName(name);
    if (byName.has(key)) continue;
    const entry = Object.freeze({ name, rgb: hexToRgb(hex), source });
    byName.set(key, entry);
    if (!compact.has(key.replace(/ /g, ''))) compact.set(key.replace(/ /g, ''), entry);
    if (!NOT_FOR_NAMING.test(name)) nameable.push({ entry, lab: rgbToCielab(entry.rgb) });
  }
  const maxWords = Math.max(...[...byName.keys()].map((k) => k.split(' ').length));
  index = { byName, compact, nameable, maxWords };
  return index;
}

/** { name, rgb, source } of a normalised name, or undefined. */
export const lookupColorName = (key) => lexiconIndex().byName.get(key) ?? lexiconIndex().compact.get(key.replace(/ /g, ''));
/** Longest name in words (phrase matching looks this far ahead). */
export const longestNameWords = () => lexiconIndex().maxWords;

/** Nearest lexicon name (ΔE00) of an [r, g, b] colour: { name, deltaE }. */
export function nearestColorName(rgb) {
  const lab = rgbToCielab(rgb);
  let best = null;
  let bestDe = Infinity;
  for (const { entry, lab: other } of lexiconIndex().nameable) {
    const de = ciede2000(lab, other);
    if (de < bestDe) {
      bestDe = de;
      best = entry;
    }
  }
  return { name: best.name, deltaE: deltaE00Rgb(rgb, best.rgb) };
}
