// cached-results.js: reads and writes results through any user cache. Values are cloned both
// ways so callers mutating their outputs cannot corrupt the cache, and a failing cache only logs:
// a cache must never turn a successful operation into a failed one.

export async function readCached(cache, key, logger) {
  try {
    const value = await cache.get(key);
    return value === undefined || value === null ? undefined : cloneResults(value);
  } catch (error) {
    logger.warn(`pixelpipe: cache get failed, processing without it: ${error?.message ?? error}`);
    return undefined;
  }
}

export async function writeCached(cache, key, results, logger) {
  try {
    await cache.set(key, cloneResults(results));
  } catch (error) {
    logger.warn(`pixelpipe: cache set failed: ${error?.message ?? error}`);
  }
}

/** Deep copy of a results map (typed arrays copied, plain objects rebuilt). */
export function cloneResults(value) {
  if (ArrayBuffer.isView(value)) return value.slice();
  if (Array.isArray(value)) return value.map(cloneResults);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneResults(v)]));
  }
  return value;
}
