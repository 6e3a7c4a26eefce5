// engine-node.js: how a Node worker_thread starts an engine build and reads a packaged file.
// Node runs the CommonJS builds in dist/node (3.1.6's ES6 output still uses __dirname,
// toolchain.md §4). Reached only through Node's entry points (worker-entry.node.js, tests, bench),
// never from browser code, so bundlers never see a node: import.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadModule as loadWith } from './load-module.js';

const require = createRequire(import.meta.url);

export const nodeEngineHost = {
  async instantiate(build) {
    const factory = build === 'mt' ? require('../../dist/node/pixelpipe-mt.cjs') : require('../../dist/node/pixelpipe-st.cjs');
    const module = await factory();
    // The rarely used code (scripts/split-wasm.mjs), read from disk on first call.
    module.setDeferredUrl(fileURLToPath(new URL(`../../dist/node/pixelpipe-${build}.deferred.wasm`, import.meta.url)));
    return module;
  },
  readFile: async (url) => new Uint8Array(await readFile(url)),
};

/** loadModule() with Node's builds (for tests and benchmarks that drive the engine directly). */
export const loadModule = (options) => loadWith(options, nodeEngineHost);
