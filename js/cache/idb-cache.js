// idb-cache.js: a persistent cache in IndexedDB for browsers: entries survive reloads, are shared
// by the tabs of one origin, stay under a total size cap (least recently used evicted first), and
// carry a checksum so a corrupt entry is detected. It never fails an operation: a quota error, a
// blocked or closed database or a corrupt entry rejects with a typed ImageProcessingError (code
// CACHE_*) that the service logs and treats as a miss; where IndexedDB is missing or refuses to
// open (Node, some private modes) the cache stores nothing (available() resolves false).
import { ImageProcessingError } from '../errors.js';
import { byteSize } from './memory-cache.js';
import { canonicalJson, sha256Hex } from './cache-key.js';
import { openDatabase, promisifyRequest, transactionDone } from './idb.js';

const SCHEMA_VERSION = 2;
const VALUES = 'values'; // key → { value, checksum }
const META = 'meta'; // { key, size, lastUsed }, index 'lastUsed': small records for size and LRU scans

/**
 * @example
 * const service = await ImageProcessingService.create({ cache: new IndexedDBCache({ maxBytes: 200 << 20 }) });
 */
export class IndexedDBCache {
  #db = null; // Promise<IDBDatabase|null>
  #unavailable; // why the cache stores nothing, once known

  /**
   * @param {object} [o]
   * @param {string} [o.name='pixelpipe-cache'] database name (one per origin is shared by its tabs)
   * @param {number} [o.maxBytes=268435456] total size cap (256 MiB); least recently used entries go first
   * @param {IDBFactory} [o.indexedDB=globalThis.indexedDB]
   */
  constructor({ name = 'pixelpipe-cache', maxBytes = 256 * 1024 * 1024, indexedDB = globalThis.indexedDB } = {}) {
    if (!(Number.isFinite(maxBytes) && maxBytes >= 0)) throw new RangeError('IndexedDBCache: maxBytes must be a number >= 0');
    this.name = name;
    this.maxBytes = maxBytes;
    this.indexedDB = indexedDB;
  }

  /** True once opened successfully; false when running as a no-op cache. */
  async available() {
    return (await this.#open()) !== null;
  }

  /** Why the cache is a no-op (undefined while it works). */
  get unavailableReason() {
    return this.#unavailable;
  }

  async get(key) {
    const record = await this.#withStores('readonly', (values) => promisifyRequest(values.get(key)));
    if (record === undefined) return undefined;
    if (!record || typeof record !== 'object' || typeof record.checksum !== 'string' || !('value' in record)
      || (await checksum(record.value)) !== record.checksum) {
      await this.delete(key).catch(() => {});
      throw new ImageProcessingError(`Cache entry ${key} is corrupt (checksum mismatch); it was deleted`, {
        code: 'CACHE_CORRUPT', details: { key },
      });
    }
    // Recency is bookkeeping: a failure here must not turn the hit into a miss.
    this.#withStores('readwrite', (values, meta) => {
      meta.get(key).onsuccess = (event) => {
        const m = event.target.result;
        if (m) meta.put({ ...m, lastUsed: Date.now() });
      };
    }).catch(() => {});
    return record.value;
  }

  async set(key, value) {
    const size = byteSize(value);
    if (size > this.maxBytes) return; // would evict everything and still not fit
    const record = { value, checksum: await checksum(value) }; // before the transaction: awaits end it
    const write = () => this.#withStores('readwrite', (values, meta) => {
      values.put(record, key);
      meta.put({ key, size, lastUsed: Date.now() });
      evictOver(meta, values, this.maxBytes, key);
    });
    try {
      await write();
    } catch (error) {
      if (error?.code !== 'CACHE_QUOTA_EXCEEDED') throw error;
      // The origin's quota is full: make room by half of our own entries, then try once more.
      await this.#withStores('readwrite', (values, meta) => evictOldest(meta, values, 0.5)).catch(() => {});
      await write();
    }
  }

  async delete(key) {
    await this.#withStores('readwrite', (values, meta) => {
      values.delete(key);
      meta.delete(key);
    });
  }

  async clear() {
    await this.#withStores('readwrite', (values, meta) => {
      values.clear();
      meta.clear();
    });
  }

  /** Every key (for invalidation and version purges). */
  async keys() {
    return (await this.#withStores('readonly', (values, meta) => promisifyRequest(meta.getAllKeys()))) ?? [];
  }

  /** { entries, bytes } currently stored. */
  async usage() {
    const all = (await this.#withStores('readonly', (values, meta) => promisifyRequest(meta.getAll()))) ?? [];
    return { entries: all.length, bytes: all.reduce((sum, m) => sum + m.size, 0) };
  }

  /** Closes the connection (a later call reopens it). */
  close() {
    this.#db?.then((db) => db?.close());
    this.#db = null;
  }

  /**
   * Runs `body(values, meta)` in one transaction over both stores and resolves with what body's
   * promise resolves to once the transaction commits. A closed connection is reopened once.
   * Without a database it resolves undefined (no-op cache).
   */
  async #withStores(mode, body, retry = true) {
    const db = await this.#open();
    if (!db) return undefined;
    let tx;
    try {
      tx = db.transaction([VALUES, META], mode);
    } catch (error) {
      // InvalidStateError: the connection was closed (versionchange, or the browser closed it).
      if (this.#db) this.#db = null;
      if (retry && error?.name === 'InvalidStateError') return this.#withStores(mode, body, false);
      throw cacheError(error, 'transaction');
    }
    const done = transactionDone(tx);
    try {
      const result = body(tx.objectStore(VALUES), tx.objectStore(META));
      const [value] = await Promise.all([result, done]);
      return value;
    } catch (error) {
      done.catch(() => {});
      try { tx.abort(); } catch { /* already finished */ }
      throw cacheError(tx.error ?? error, mode);
    }
  }

  #open() {
    if (this.#db) return this.#db;
    this.#db = (async () => {
      if (!this.indexedDB) return this.#disable('IndexedDB is not available here');
      try {
        const db = await openDatabase(this.indexedDB, this.name, SCHEMA_VERSION, upgrade);
        // Another tab upgrading or deleting the database: step aside, reopen on next use.
        db.onversionchange = () => {
          db.close();
          this.#db = null;
        };
        db.onclose = () => {
          this.#db = null;
        };
        return db;
      } catch (error) {
        if (error?.name === 'BlockedError') {
          this.#db = null; // try again on the next call
          throw cacheError(error, 'open');
        }
        return this.#disable(`IndexedDB refused to open: ${error?.name ?? ''} ${error?.message ?? error}`.trim());
      }
    })();
    return this.#db;
  }

  #disable(reason) {
    this.#unavailable = reason;
    return null;
  }
}

function upgrade(db) {
  for (const name of [...db.objectStoreNames]) db.deleteObjectStore(name); // schema 1 had one 'results' store
  db.createObjectStore(VALUES);
  db.createObjectStore(META, { keyPath: 'key' }).createIndex('lastUsed', 'lastUsed');
}

/** Deletes least recently used entries (never `keep`) until the total is within maxBytes. */
function evictOver(meta, values, maxBytes, keep) {
  meta.getAll().onsuccess = (event) => {
    const all = event.target.result;
    let total = all.reduce((sum, m) => sum + m.size, 0);
    for (const m of all.sort((a, b) => a.lastUsed - b.lastUsed)) {
      if (total <= maxBytes) break;
      if (m.key === keep) continue;
      values.delete(m.key);
      meta.delete(m.key);
      total -= m.size;
    }
  };
}

/** Deletes the least recently used `fraction` of the entries (at least one). */
function evictOldest(meta, values, fraction) {
  meta.getAll().onsuccess = (event) => {
    const all = event.target.result.sort((a, b) => a.lastUsed - b.lastUsed);
    for (const m of all.slice(0, Math.max(1, Math.ceil(all.length * fraction)))) {
      values.delete(m.key);
      meta.delete(m.key);
    }
  };
}

/** SHA-256 over the value's structure and bytes (typed arrays hashed as bytes). */
async function checksum(value) {
  const parts = [];
  const walk = (v) => {
    if (ArrayBuffer.isView(v)) {
      parts.push(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return `<${v.constructor.name}:${v.byteLength}>`;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const shape = new TextEncoder().encode(canonicalJson(walk(value)));
  const total = parts.reduce((n, p) => n + p.byteLength, shape.byteLength);
  const all = new Uint8Array(total);
  all.set(shape, 0);
  let offset = shape.byteLength;
  for (const p of parts) {
    all.set(p, offset);
    offset += p.byteLength;
  }
  return sha256Hex(all);
}

function cacheError(error, where) {
  if (error instanceof ImageProcessingError) return error;
  const name = error?.name;
  const code = name === 'QuotaExceededError' ? 'CACHE_QUOTA_EXCEEDED'
    : name === 'BlockedError' || name === 'InvalidStateError' ? 'CACHE_UNAVAILABLE'
      : 'CACHE_FAILED';
  return new ImageProcessingError(`IndexedDB cache ${where} failed: ${name ?? 'Error'}: ${error?.message ?? error}`, {
    code, cause: error, details: { where },
  });
}
