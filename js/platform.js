// platform.js: the few facts about the host that differ between browsers and Node.

/** True in Node (main thread or worker_thread), false in browsers and their workers. */
export const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined' &&
  typeof WorkerGlobalScope === 'undefined';

/** Logical CPU count (Node 20 has no navigator.hardwareConcurrency). */
export async function hardwareConcurrency() {
  if (typeof navigator === 'object' && navigator.hardwareConcurrency > 0) return navigator.hardwareConcurrency;
  if (isNode) {
    const os = await import('node:os');
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  return 1;
}
