// deferred_url.cpp: where the deferred code module is, and how often it was loaded
// (scripts/split-wasm.mjs). The JS host writes its URL here once after instantiating the engine;
// every thread's loader (js/deferred-code.pre.js) reads it when its first call into deferred code
// arrives. Memory is the one thing a pthread shares with the thread that created the engine, and
// bundlers rename files, so the URL cannot be derived from the glue script's own address.
#include <emscripten/emscripten.h>

#include <atomic>

namespace {
char deferred_url[4096];  // a URL or a file path; setDeferredUrl refuses longer ones
// The number of threads that have loaded it, counted in memory too (any thread may be the one
// that does): the tests check that core work never loads it.
std::atomic<int> deferred_loads{0};
}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE char *pp_deferred_url() { return deferred_url; }
extern "C" EMSCRIPTEN_KEEPALIVE int pp_deferred_url_capacity() { return int(sizeof deferred_url); }
extern "C" EMSCRIPTEN_KEEPALIVE void pp_deferred_loaded() { deferred_loads.fetch_add(1); }
extern "C" EMSCRIPTEN_KEEPALIVE int pp_deferred_load_count() { return deferred_loads.load(); }
