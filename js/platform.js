// platform.js: the one fact about the host that both sides of the package branch on.
// (Platform code itself lives in the *.node.js files and engine-web.js / engine-node.js.)

/** True in Node (main thread or worker_thread), false in browsers and their workers. */
export const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined' &&
  typeof WorkerGlobalScope === 'undefined';
