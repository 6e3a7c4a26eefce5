// load-module.js: instantiates the engine: the threaded build (pixelpipe-mt: pthreads + SIMD)
// where it can run, else the single-threaded one (pixelpipe-st: SIMD only), and says why.
// How a build is instantiated is the host's (engine-web.js, engine-node.js): this file has no
// platform code, so browser bundles never meet Node's.
import { isNode } from '../platform.js';
import { simdSupported } from './simd.js';

/**
 * @param {{ build?: 'auto'|'mt'|'st', threadStartTimeoutMs?: number }} options 'mt'/'st' force a
 *   build ('mt' then does not fall back)
 * @param {{ instantiate(build: 'mt'|'st'): Promise<object> }} host
 * @returns {Promise<{ module: object, build: 'mt'|'st', reason?: string }>}
 */
export async function loadModule({ build = 'auto', threadStartTimeoutMs = 10_000 } = {}, host) {
  // Both builds need SIMD: say so instead of a CompileError from deep inside the glue.
  if (!simdSupported()) throw new Error('this JavaScript engine has no WebAssembly SIMD (Chrome/Edge 91+, Firefox 89+, Safari 16.4+)');
  const instantiate = (b) => host.instantiate(b);
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
