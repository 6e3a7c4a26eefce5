// deferred-code.pre.js: loads the deferred code module (scripts/split-wasm.mjs) when a thread first
// calls into it. Emscripten 3.1.6's SPLIT_MODULE glue calls Module.loadSplitModule synchronously
// from a placeholder import, on whichever thread made the call (a Halide pool thread as often as
// the engine's own), so the loader must be synchronous: a synchronous XMLHttpRequest in browsers
// (allowed in workers; the glue's own readBinary does not exist in a module worker, which it does
// not recognise as a worker), the glue's fs reader in Node. The URL comes from the engine's memory
// (src/bindings/deferred_url.cpp), written by the host through Module.setDeferredUrl.
Module['setDeferredUrl'] = function (url) {
  var bytes = new TextEncoder().encode(url);
  var capacity = Module['_pp_deferred_url_capacity']();
  if (bytes.length >= capacity) throw new Error('deferred code URL longer than ' + (capacity - 1) + ' bytes: ' + url);
  var at = Module['_pp_deferred_url']();
  Module['HEAPU8'].set(bytes, at);
  Module['HEAPU8'][at + bytes.length] = 0;
};
function ppDeferredUrl() { return UTF8ToString(Module['_pp_deferred_url']()); }
Module['loadSplitModule'] = function (file, imports) {
  var url = ppDeferredUrl() || file;
  var bytes;
  if (typeof XMLHttpRequest != 'undefined') {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url, false);
    xhr.responseType = 'arraybuffer';
    xhr.send(null);
    if (xhr.status != 200 && !(xhr.status == 0 && xhr.response)) throw new Error('deferred code ' + url + ': HTTP ' + xhr.status);
    bytes = new Uint8Array(xhr.response);
  } else {
    bytes = readBinary(url);
  }
  var module = new WebAssembly.Module(bytes);
  Module['_pp_deferred_loaded']();
  return [new WebAssembly.Instance(module, imports), module];
};
// How many threads have loaded the deferred code so far (tests: core work loads none).
Module['deferredCodeLoads'] = function () { return Module['_pp_deferred_load_count'](); };
// The glue reports every placeholder call and load on stderr; a library must not.
(function (printErr) {
  Module['printErr'] = function (text) {
    if (/^(placeholder function called|instantiated deferred module)/.test(text)) return;
    (printErr || console.warn.bind(console))(text);
  };
})(Module['printErr']);
// The same, ahead of use and asynchronously, for a module on a page's main thread (where browsers
// refuse to compile or instantiate a large module synchronously; the service never runs there):
// instantiating the deferred module fills this thread's function table, so no placeholder is called.
Module['loadDeferredCode'] = function (url) {
  url = url || ppDeferredUrl();
  return fetch(url, { credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) throw new Error('deferred code ' + url + ': HTTP ' + response.status);
      return response.arrayBuffer();
    })
    .then(function (bytes) { return WebAssembly.instantiate(bytes, { 'primary': Module['asm'] }); })
    .then(function () { Module['_pp_deferred_loaded'](); });
};
