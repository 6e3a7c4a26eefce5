// embind.cpp: the ONLY file with EMSCRIPTEN_BINDINGS. Thin functions: marshal in, call the
// pipeline, marshal out. Results are plain objects {ok:true,...} | {ok:false, code, message}:
// nothing throws across the boundary (see .notes/CONTRACTS.md).
#include <emscripten/bind.h>

#include <algorithm>
#include <string>

#include "HalideRuntime.h"
#include "bindings/marshal.h"
#include "codec/decode.h"
#include "ops/registry.h"
#include "pipeline/variations.h"

namespace pixelpipe::bindings {
using emscripten::val;

namespace {

const uint8_t *as_ptr(double address) { return reinterpret_cast<const uint8_t *>(uintptr_t(address)); }

val process_variations(double ptr, double len, int raw_width, int raw_height, val variants, val limits_js) {
    const Limits limits = limits_from_js(limits_js);
    const auto specs = variants_from_js(variants);
    const uint8_t *data = as_ptr(ptr);
    const size_t size = size_t(len);
    if (raw_width <= 0) {
        auto r = pipeline::process_variations(data, size, specs, limits);
        return r.ok() ? result_to_js(r.value()) : error_to_js(r.status());
    }
    Status s = check_dimensions(raw_width, raw_height, limits);
    if (!s.is_ok()) return error_to_js(s);
    if (size != size_t(raw_width) * size_t(raw_height) * 4) {
        return error_to_js(Status::error(ErrorCode::INVALID_ARGUMENT, "raw pixel data must be width*height*4 bytes"));
    }
    // Image always owns its pixels; JS frees the input right after this call anyway.
    auto img = Image::allocate(raw_width, raw_height);
    if (!img.ok()) return error_to_js(img.status());
    std::copy(data, data + size, img.value().data());
    auto r = pipeline::run_variations(img.value(), specs, limits);
    return r.ok() ? result_to_js(r.value()) : error_to_js(r.status());
}

val probe(double ptr, double len) {
    auto info = codec::probe_image(as_ptr(ptr), size_t(len));
    if (!info.ok()) return error_to_js(info.status());
    val r = val::object();
    r.set("ok", true);
    r.set("width", info.value().width);
    r.set("height", info.value().height);
    r.set("format", info.value().format);
    return r;
}

// Lowering the count after threads exist has no effect in Halide 14 unless the pool is shut
// down first (toolchain.md §2).
void set_threads(int n) {
    halide_shutdown_thread_pool();
    halide_set_num_threads(n);
}

std::string version() { return PIXELPIPE_VERSION; }

// The op ids this build executes: the catalogue drift test compares them with js/catalogue.
val list_operations() {
    val names = val::array();
    for (const auto &name : ops::list_operations()) names.call<void>("push", name);
    return names;
}

}  // namespace

EMSCRIPTEN_BINDINGS(pixelpipe) {
    emscripten::function("processVariations", &process_variations);
    emscripten::function("probe", &probe);
    emscripten::function("setThreads", &set_threads);
    emscripten::function("version", &version);
    emscripten::function("listOperations", &list_operations);
}

}  // namespace pixelpipe::bindings
