// worker-entry.js: the browser's worker script (a module worker started by spawn-worker.js).
// Static imports only and no top-level await, so bundlers can emit it in any worker format
// (Vite's default is 'iife').
import { workerCore } from './worker-core.js';
import { webEngineHost } from '../wasm/engine-web.js';

const onMessage = workerCore(webEngineHost);
// Attached synchronously: a module worker may drop messages that arrive before a listener exists.
self.onmessage = (event) => onMessage(event.data, (reply, transfer) => self.postMessage(reply, transfer));
