// SPDX-License-Identifier: MIT
// counters.js (classic script, runs before the library is imported): counts the page's live
// Workers and object URLs by wrapping the constructors the library would use, so that the soak
// (bench/soak.mjs) can check that neither leaks. Only the page's own scope is seen: nested
// workers (the threaded build's pthreads) and URLs made inside a worker are not; CDP's worker
// targets (Playwright page.workers()) count those.
(() => {
  const live = { workers: new Set(), urls: new Set() };
  const counts = { workersCreated: 0, workersTerminated: 0, urlsCreated: 0, urlsRevoked: 0 };
  const NativeWorker = globalThis.Worker;
  globalThis.Worker = class CountedWorker extends NativeWorker {
    constructor(...args) {
      super(...args);
      counts.workersCreated += 1;
      live.workers.add(this);
    }

    terminate() {
      if (live.workers.delete(this)) counts.workersTerminated += 1;
      super.terminate();
    }
  };
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (object) => {
    const url = create(object);
    counts.urlsCreated += 1;
    live.urls.add(url);
    return url;
  };
  URL.revokeObjectURL = (url) => {
    if (live.urls.delete(url)) counts.urlsRevoked += 1;
    revoke(url);
  };
  globalThis.soakCounters = () => ({ ...counts, liveWorkers: live.workers.size, liveObjectUrls: live.urls.size });
})();
