// cached-results.js: the service's side of caching, through any user cache: reads and writes
// results (cloned both ways, so callers mutating their outputs cannot corrupt the cache),
// invalidation of a group, and the purge of older versions' entries. A failing cache only logs: a
// cache must never turn a successful operation into a failed one.
import { KEY_ROOT, parseKey } from './cache-key.js';

/** Where groups are listed for caches that cannot enumerate their keys (no keys() method). */
const INDEX_ROOT = 'pixelpipe-index/';

export async function readCached(cache, key, logger) {
  try {
    const value = await cache.get(key);
    return value === undefined || value === null ? undefined : cloneResults(value);
  } catch (error) {
    logger.warn(`pixelpipe: cache miss (get failed: ${error?.code ? `${error.code}: ` : ''}${error?.message ?? error})`);
    return undefined;
  }
}

export async function writeCached(cache, key, results, logger, group) {
  try {
    await cache.set(key, cloneResults(results));
    if (group !== undefined && typeof cache.keys !== 'function') {
      const indexKey = INDEX_ROOT + encodeURIComponent(group);
      const list = (await cache.get(indexKey)) ?? [];
      if (!list.includes(key)) await cache.set(indexKey, [...list, key]);
    }
    return true;
  } catch (error) {
    logger.warn(`pixelpipe: cache set failed, result not cached (${error?.code ? `${error.code}: ` : ''}${error?.message ?? error})`);
    return false;
  }
}

/** Deletes every entry of `group` (any version). Resolves with the number deleted. */
export async function invalidateGroup(cache, group) {
  let keys;
  if (typeof cache.keys === 'function') {
    keys = (await cache.keys()).filter((key) => parseKey(key)?.group === group);
  } else {
    const indexKey = INDEX_ROOT + encodeURIComponent(group);
    keys = (await cache.get(indexKey)) ?? [];
    await cache.delete(indexKey);
  }
  for (const key of keys) await cache.delete(key);
  return keys.length;
}

/** Deletes pixelpipe entries written by other library versions (needs keys()). Resolves with the count. */
export async function purgeOtherVersions(cache, version) {
  if (typeof cache.keys !== 'function') return 0;
  const stale = (await cache.keys()).filter((key) => key.startsWith(KEY_ROOT) && parseKey(key)?.version !== version);
  for (const key of stale) await cache.delete(key);
  return stale.length;
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
