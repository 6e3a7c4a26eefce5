// idb.js: the few IndexedDB helpers the cache needs (idb's ideas, without its Proxy layer):
// request → promise and transaction → promise, each removing its listeners when settled.

/** Resolves with request.result on success, rejects with request.error. */
export function promisifyRequest(request) {
  return new Promise((resolve, reject) => {
    const unlisten = () => {
      request.removeEventListener('success', onSuccess);
      request.removeEventListener('error', onError);
    };
    const onSuccess = () => { unlisten(); resolve(request.result); };
    const onError = () => { unlisten(); reject(request.error); };
    request.addEventListener('success', onSuccess);
    request.addEventListener('error', onError);
  });
}

/** Resolves when the transaction commits; rejects with its error when it errors or aborts. */
export function transactionDone(tx) {
  return new Promise((resolve, reject) => {
    const unlisten = () => {
      tx.removeEventListener('complete', onComplete);
      tx.removeEventListener('error', onError);
      tx.removeEventListener('abort', onError);
    };
    const onComplete = () => { unlisten(); resolve(); };
    const onError = () => {
      unlisten();
      reject(tx.error ?? new DOMException('IndexedDB transaction aborted', 'AbortError'));
    };
    tx.addEventListener('complete', onComplete);
    tx.addEventListener('error', onError);
    tx.addEventListener('abort', onError);
  });
}

/**
 * Opens a database; `upgrade(db, oldVersion, tx)` runs on version change. Rejects on error, and
 * with a 'blocked' error if other connections keep the old version open for `blockedMs`.
 */
export function openDatabase(factory, name, version, upgrade, { blockedMs = 2000 } = {}) {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, version);
    let timer;
    const unlisten = () => {
      clearTimeout(timer);
      request.onsuccess = request.onerror = request.onblocked = request.onupgradeneeded = null;
    };
    request.onupgradeneeded = (event) => upgrade(request.result, event.oldVersion, request.transaction);
    request.onsuccess = () => { unlisten(); resolve(request.result); };
    request.onerror = () => { unlisten(); reject(request.error); };
    request.onblocked = () => {
      timer = setTimeout(() => {
        unlisten();
        // The open still completes later if the other connection closes; close it then.
        request.onsuccess = () => request.result.close();
        reject(new DOMException(`IndexedDB '${name}' is blocked by another connection`, 'BlockedError'));
      }, blockedMs);
    };
  });
}
