// store.js: the decoded images a worker keeps in its engine, keyed by content hash plus the
// decode hints that change the pixels (a future shrink-on-load factor, say): the same bytes
// decoded differently are different entries. Least recently used entries give way first, by
// bytes; entries pinned by an ImageHandle (service.load) are never evicted, only released.
import * as api from '../wasm/module-api.js';

/** The store's key: content hash, then the hints in a fixed order. */
export function storeKey(hash, hints = {}) {
  const parts = Object.keys(hints).sort().filter((k) => hints[k] !== undefined).map((k) => `${k}=${hints[k]}`);
  return parts.length ? `${hash}|${parts.join('|')}` : hash;
}

export class ImageStore {
  #module;
  #capacity;
  #entries = new Map(); // key → { handle, bytes, width, height, format, meta, pins }; Map order = LRU order

  constructor(module, capacityBytes) {
    this.#module = module;
    this.#capacity = capacityBytes;
  }

  /** The entry under `key`, marked most recently used; undefined when absent. */
  get(key) {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  has(key) { return this.#entries.has(key); }

  /**
   * The header ({ width, height, format, orientation } from the probe) of any stored decode of
   * the bytes with this content hash, whatever its hints; undefined when none is held.
   */
  header(hash) {
    for (const [key, entry] of this.#entries) {
      if (entry.source && (key === hash || key.startsWith(`${hash}|`))) return entry.source;
    }
    return undefined;
  }

  /**
   * Keeps a freshly acquired image under `key` if it fits the capacity (or is pinned), else frees
   * it. Returns true when kept.
   */
  keep(key, entry, { pin = false } = {}) {
    if (!key || (!pin && entry.bytes > this.#capacity)) {
      api.releaseImage(this.#module, entry.handle);
      return false;
    }
    const old = this.#entries.get(key);
    if (old && old.handle !== entry.handle) api.releaseImage(this.#module, old.handle);
    entry.pins = (old?.pins ?? 0) + (pin ? 1 : 0);
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.evictUntil(this.#capacity);
    return true;
  }

  /** Adds a pin to a stored entry; false when absent. */
  pin(key) {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    entry.pins += 1;
    return true;
  }

  /** Drops one pin; the entry then ages out like any other. */
  unpin(key) {
    const entry = this.#entries.get(key);
    if (entry && entry.pins > 0) entry.pins -= 1;
    this.evictUntil(this.#capacity);
  }

  /** Bytes held by unpinned entries plus pinned ones. */
  bytes() {
    let total = 0;
    for (const entry of this.#entries.values()) total += entry.bytes;
    return total;
  }

  /** Frees least recently used unpinned entries until at most `budget` bytes are held. */
  evictUntil(budget) {
    for (const [key, entry] of this.#entries) {
      if (this.bytes() <= Math.max(0, budget)) break;
      if (entry.pins > 0) continue;
      this.#entries.delete(key);
      api.releaseImage(this.#module, entry.handle);
    }
  }

  /** Content keys held, for the pool's routing. */
  keys() { return [...this.#entries.keys()]; }
}
