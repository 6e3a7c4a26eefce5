// op-ids.js: the engine op ids the catalogue names (what C++'s registry must execute).
import { operations } from './operations.js';

/** Sorted, unique op ids of every variation type and every selector choice. */
export function catalogueOpIds(ops = operations) {
  const ids = new Set();
  for (const entry of Object.values(ops)) {
    if (entry.selector) for (const choice of Object.values(entry.choices)) ids.add(choice.op);
    else ids.add(entry.op);
  }
  return [...ids].sort();
}
