// memory-cache.js: an in-memory LRU cache bounded by the bytes of its values.

/**
 * Least-recently-used cache; `maxBytes` counts typed-array bytes (plus a small cost per entry).
 * @example
 * const service = await ImageProcessingService.create({ cache: new MemoryCache({ maxBytes: 64 << 20 }) });
 */
export class MemoryCache {
  #entries = new Map(); // insertion order = recency order (oldest first)
  #bytes = 0;

  constructor({ maxBytes = 64 * 1024 * 1024 } = {}) {
    if (!(Number.isFinite(maxBytes) && maxBytes >= 0)) throw new RangeError('MemoryCache: maxBytes must be a number >= 0');
    this.maxBytes = maxBytes;
  }

  /** Bytes currently held. */
  get size() {
    return this.#bytes;
  }

  async get(key) {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  async set(key, value) {
    this.#remove(key);
    const bytes = byteSize(value);
    if (bytes > this.maxBytes) return; // would evict everything and still not fit
    this.#entries.set(key, { value, bytes });
    this.#bytes += bytes;
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.#remove(oldest);
    }
  }

  async delete(key) {
    return this.#remove(key);
  }

  /** Every key, least recently used first. */
  async keys() {
    return [...this.#entries.keys()];
  }

  async clear() {
    this.#entries.clear();
    this.#bytes = 0;
  }

  #remove(key) {
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
    return true;
  }
}

const ENTRY_COST = 64;

/** Approximate retained bytes of a cached value (typed arrays dominate). */
export function byteSize(value, seen = new Set()) {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (typeof value === 'string') return value.length * 2;
  if (value === null || typeof value !== 'object') return 8;
  if (seen.has(value)) return 0;
  seen.add(value);
  let total = ENTRY_COST;
  for (const inner of Object.values(value)) total += byteSize(inner, seen);
  return total;
}
