// idb-cache.js: a basic IndexedDB-backed cache (one object store, key → structured-cloneable
// value). Where IndexedDB is missing or refuses to open (Node, some private modes) it becomes a
// no-op cache instead of failing the operations that use it.

/**
 * @example
 * const service = await ImageProcessingService.create({ cache: new IndexedDBCache() });
 */
export class IndexedDBCache {
  #db = null;

  constructor({ name = 'pixelpipe-cache', storeName = 'results', indexedDB = globalThis.indexedDB } = {}) {
    this.name = name;
    this.storeName = storeName;
    this.indexedDB = indexedDB;
  }

  /** True once opened successfully; false when running as a no-op cache. */
  async available() {
    return (await this.#open()) !== null;
  }

  async get(key) {
    const db = await this.#open();
    return db ? request(db.transaction(this.storeName, 'readonly').objectStore(this.storeName).get(key)) : undefined;
  }

  async set(key, value) {
    await this.#write((store) => store.put(value, key));
  }

  async delete(key) {
    await this.#write((store) => store.delete(key));
  }

  async clear() {
    await this.#write((store) => store.clear());
  }

  /** Closes the connection (a later call reopens it). */
  close() {
    this.#db?.then((db) => db?.close());
    this.#db = null;
  }

  async #write(change) {
    const db = await this.#open();
    if (!db) return;
    const tx = db.transaction(this.storeName, 'readwrite');
    change(tx.objectStore(this.storeName));
    await transactionDone(tx);
  }

  #open() {
    if (!this.#db) {
      this.#db = new Promise((resolve) => {
        if (!this.indexedDB) return resolve(null);
        let req;
        try {
          req = this.indexedDB.open(this.name, 1);
        } catch {
          return resolve(null);
        }
        req.onupgradeneeded = () => req.result.createObjectStore(this.storeName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => resolve(null);
        req.onblocked = () => resolve(null);
      });
    }
    return this.#db;
  }
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function transactionDone(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}
