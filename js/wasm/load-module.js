// load-module.js: instantiates the engine: the threaded build (pixelpipe-mt: pthreads + SIMD)
// where it can run, else the single-threaded one (pixelpipe-st: SIMD only), and says why.
// Import specifiers are static strings so that bundlers find and copy the dist files.
import { isNode } from '../platform.js';

/**
 * @param {{ build?: 'auto'|'mt'|'st', threadStartTimeoutMs?: number }} [options] 'mt'/'st' force a
 *   build ('mt' then does not fall back)
 * @returns {Promise<{ module: object, build: 'mt'|'st', reason?: string }>}
 */
export async function loadModule({ build = 'auto', threadStartTimeoutMs = 10_000 } = {}) {
  if (build === 'st') return { module: await instantiate('st'), build: 'st', reason: 'single-threaded build requested' };
  const blocker = build === 'mt' ? undefined : threadsBlocker();
  if (blocker) return { module: await instantiate('st'), build: 'st', reason: blocker };
  try {
    // The threaded factory resolves only once its pthread pool has loaded; a pool worker that
    // cannot start (blocked script, CSP, no nested workers after all) leaves it pending forever.
    return { module: await withTimeout(instantiate('mt'), threadStartTimeoutMs), build: 'mt' };
  } catch (error) {
    if (build === 'mt') throw error;
    // e.g. "SharedArrayBuffer is not defined" thrown synchronously by the factory (toolchain.md §3)
    const reason = `threaded build failed to load: ${error?.message ?? error}`;
    return { module: await instantiate('st'), build: 'st', reason };
  }
}

/** Why the threaded build cannot run here, or undefined when it can. */
export function threadsBlocker() {
  if (isNode) return typeof SharedArrayBuffer === 'function' ? undefined : 'SharedArrayBuffer is unavailable';
  if (globalThis.crossOriginIsolated !== true) {
    return 'the page is not cross-origin isolated (needs COOP: same-origin and COEP: require-corp)';
  }
  if (typeof SharedArrayBuffer !== 'function') return 'SharedArrayBuffer is unavailable';
  if (typeof Worker !== 'function') return 'nested workers are unavailable in this worker (pthreads need them)';
  return undefined;
}

function withTimeout(promise, ms) {
  if (!Number.isFinite(ms)) return promise;
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`its threads did not start within ${ms} ms`)), ms);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

async function instantiate(build) {
  const factory = await importFactory(build);
  return factory();
}

async function importFactory(build) {
  if (isNode) {
    // Node must use the CommonJS build: the ES6 build still uses __dirname (toolchain.md §4).
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    return build === 'mt' ? require('../../dist/node/pixelpipe-mt.cjs') : require('../../dist/node/pixelpipe-st.cjs');
  }
  const mod = build === 'mt'
    ? await import('../../dist/web/pixelpipe-mt.mjs')
    : await import('../../dist/web/pixelpipe-st.mjs');
  return mod.default;
}
