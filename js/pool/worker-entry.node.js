// worker-entry.node.js: Node's worker_threads script (started by spawn-worker.node.js).
import { parentPort } from 'node:worker_threads';
import { workerCore } from './worker-core.js';
import { nodeEngineHost } from '../wasm/engine-node.js';

const onMessage = workerCore(nodeEngineHost);
parentPort.on('message', (message) => onMessage(message, (reply, transfer) => parentPort.postMessage(reply, transfer)));
