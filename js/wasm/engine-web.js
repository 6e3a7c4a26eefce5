// engine-web.js: how a browser worker starts an engine build and reads a packaged file.
// Every file of both builds is named by `new URL('<literal>', import.meta.url)`: bundlers (Vite,
// webpack 5, Parcel, esbuild with its file loader) copy each as an asset, and a page downloads
// only the build it runs. The glue script is imported by URL, not by specifier, so a bundler does
// not merge the two builds' JavaScript into the worker bundle; `locateFile` then hands the glue
// the (possibly renamed) .wasm and pthread .worker.js, and `mainScriptUrlOrBlob` lets those
// pthread workers import the glue again (toolchain.md §2, §4). The pthread script's query is for
// Vite; static servers and other bundlers ignore it: `no-inline` keeps `vite build` from inlining
// the 2 KB script as a data: URL (a data: worker has an opaque origin: it could neither import the
// glue nor share the memory); `worker_file&type=classic` tells the dev server that it is a classic
// worker script, which it then serves without prepending an `import` of its client (otherwise the
// worker fails with "Cannot use import statement outside a module": vitejs/vite#15650; verified
// with Vite 8.4.0, dev server and build, tests/package). The deferred code module (rarely used
// code, scripts/split-wasm.mjs) is named the same way; its URL goes into the engine's memory,
// where every pthread's loader finds it.
const BUILDS = {
  mt: {
    script: new URL('../../dist/web/pixelpipe-mt.mjs', import.meta.url),
    wasm: new URL('../../dist/web/pixelpipe-mt.wasm', import.meta.url),
    deferred: new URL('../../dist/web/pixelpipe-mt.deferred.wasm', import.meta.url),
    worker: new URL('../../dist/web/pixelpipe-mt.worker.js?no-inline&worker_file&type=classic', import.meta.url),
  },
  st: {
    script: new URL('../../dist/web/pixelpipe-st.mjs', import.meta.url),
    wasm: new URL('../../dist/web/pixelpipe-st.wasm', import.meta.url),
    deferred: new URL('../../dist/web/pixelpipe-st.deferred.wasm', import.meta.url),
  },
};

/** The URLs of one build's files (for tests and the size report). */
export const webBuildFiles = (build) => BUILDS[build];

export const webEngineHost = {
  /** Instantiates build 'mt' or 'st'; resolves once the module (and its thread pool) is ready. */
  async instantiate(build) {
    const files = BUILDS[build];
    const glue = await import(/* @vite-ignore */ /* webpackIgnore: true */ files.script.href);
    const module = await glue.default({
      locateFile: (name) => (name.endsWith('.wasm') ? files.wasm.href : name.endsWith('.worker.js') ? files.worker.href : name),
      mainScriptUrlOrBlob: files.script.href,
    });
    module.setDeferredUrl(files.deferred.href); // the rarely used code, fetched on first call (scripts/split-wasm.mjs)
    return module;
  },

  /** Bytes of a file shipped with the package (e.g. the default font). */
  async readFile(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url} could not be loaded (HTTP ${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  },
};
