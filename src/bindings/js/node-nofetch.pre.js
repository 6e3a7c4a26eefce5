// Emscripten 3.1.6 fetches the .wasm whenever `fetch` exists; Node's fetch rejects a file path
// (emscripten #16913). MODULARIZE wraps this file in the factory, so it shadows fetch only here.
var fetch = (typeof process == 'object' && typeof process.versions == 'object' && typeof process.versions.node == 'string') ? undefined : globalThis.fetch;
