// index.node.js: the package's "node" entry: the public API (index.js) with Node's worker host
// installed by a static import, so Node bundlers (esbuild/ncc --platform=node) include it.
import { installHost } from './pool/spawn-worker.js';
import { nodeHost } from './pool/spawn-worker.node.js';

installHost(nodeHost);
export * from './index.js';
