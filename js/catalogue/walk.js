// walk.js: the catalogue as a flat list — one entry per variation type, or per choice of a
// selector type — for everything that walks it (the drift test, the generated artifacts, the
// tests that need every operation).
import { operations } from './operations.js';

/**
 * Every operation in catalogue order: { type, selector?, choice?, name, entry, params }, where
 * `name` is 'resize', 'color_transform:sepia', … and `entry.op` the engine op id.
 */
export function catalogueEntries(ops = operations) {
  return Object.entries(ops).flatMap(([type, entry]) => (entry.selector
    ? Object.entries(entry.choices).map(([choice, sub]) => (
      { type, selector: entry.selector, choice, name: `${type}:${choice}`, entry: sub, params: sub.params }))
    : [{ type, name: type, entry, params: entry.params }]));
}

/** Sorted, unique engine op ids (what C++'s registry must execute). */
export function catalogueOpIds(ops = operations) {
  return [...new Set(catalogueEntries(ops).map((e) => e.entry.op))].sort();
}
