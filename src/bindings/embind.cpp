// embind.cpp: the ONLY file with EMSCRIPTEN_BINDINGS. Thin functions: marshal in, call the
// pipeline, marshal out. Results are plain objects {ok:true,...} | {ok:false, code, message}:
// nothing throws across the boundary (see .notes/CONTRACTS.md).
#include <emscripten/bind.h>
#include <emscripten/heap.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>

#include "HalideRuntime.h"
#include "bindings/marshal.h"
#include "codec/decode.h"
#include "ops/registry.h"
#include "pipeline/image_store.h"
#include "pipeline/variations.h"

namespace pixelpipe::bindings {
using emscripten::val;

namespace {

const uint8_t *as_ptr(double address) { return reinterpret_cast<const uint8_t *>(uintptr_t(address)); }

// Encoded bytes (raw_width == 0) or raw RGBA8 pixels → an upright Image.
Result<Image> image_from_input(const uint8_t *data, size_t size, int raw_width, int raw_height, const Limits &limits,
                               std::string &format) {
    if (raw_width <= 0) {
        auto decoded = codec::decode_image(data, size, limits);
        if (!decoded.ok()) return decoded.status();
        format = decoded.value().format;
        return std::move(decoded.value().image);
    }
    Status s = check_dimensions(raw_width, raw_height, limits);
    if (!s.is_ok()) return s;
    if (size != size_t(raw_width) * size_t(raw_height) * 4) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "raw pixel data must be width*height*4 bytes");
    }
    // Image always owns its pixels; JS frees the input right after this call anyway.
    auto img = Image::allocate(raw_width, raw_height);
    if (!img.ok()) return img.status();
    std::copy(data, data + size, img.value().data());
    format = "raw";
    return img;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// One call: input → variants → outputs; nothing is kept.
val process_variations(double ptr, double len, int raw_width, int raw_height, val variants, val limits_js) {
    const Limits limits = limits_from_js(limits_js);
    const auto specs = variants_from_js(variants);
    const auto t0 = std::chrono::steady_clock::now();
    std::string format;
    auto img = image_from_input(as_ptr(ptr), size_t(len), raw_width, raw_height, limits, format);
    if (!img.ok()) return error_to_js(img.status());
    const double decode_ms = ms_since(t0);
    auto r = pipeline::run_variations(img.value(), specs, limits);
    if (!r.ok()) return error_to_js(r.status());
    r.value().source_format = format;
    r.value().decode_ms = decode_ms;
    return result_to_js(r.value());
}

// Decode and keep: {ok, handle, width, height, format, decodeMs, bytes}.
val decode_image(double ptr, double len, int raw_width, int raw_height, val limits_js) {
    const Limits limits = limits_from_js(limits_js);
    const auto t0 = std::chrono::steady_clock::now();
    std::string format;
    auto img = image_from_input(as_ptr(ptr), size_t(len), raw_width, raw_height, limits, format);
    if (!img.ok()) return error_to_js(img.status());
    val r = val::object();
    r.set("ok", true);
    r.set("width", img.value().width());
    r.set("height", img.value().height());
    r.set("bytes", double(img.value().size_bytes()));
    r.set("format", format);
    r.set("decodeMs", ms_since(t0));
    r.set("handle", pipeline::store_image(img.take()));
    return r;
}

// Variants on a stored image: same result shape as processVariations (decodeMs 0).
val run_variations(int handle, val variants, val limits_js) {
    const Image *img = pipeline::find_image(handle);
    if (!img) {
        return error_to_js(Status::error(ErrorCode::INVALID_ARGUMENT, "unknown image handle " + std::to_string(handle)));
    }
    auto r = pipeline::run_variations(*img, variants_from_js(variants), limits_from_js(limits_js));
    return r.ok() ? result_to_js(r.value()) : error_to_js(r.status());
}

// Raw RGBA8 pixels that JS malloc'ed in wasm memory become the stored image as they are: no
// second copy. Ownership of `ptr` passes to C++ on EVERY path (success: the image store frees it
// on releaseImage; error: freed here), so JS must never free `ptr` once this is called.
// Same result shape as decodeImage (format 'raw').
val adopt_image(double ptr, int raw_width, int raw_height, val limits_js) {
    std::unique_ptr<uint8_t, FreeDeleter> owned(reinterpret_cast<uint8_t *>(uintptr_t(ptr)));
    const auto t0 = std::chrono::steady_clock::now();
    if (!owned) return error_to_js(Status::error(ErrorCode::INVALID_ARGUMENT, "adoptImage: null pixel pointer"));
    const Limits limits = limits_from_js(limits_js);
    Status s = check_dimensions(raw_width, raw_height, limits);
    if (!s.is_ok()) return error_to_js(s);
    Image img = Image::adopt(owned.release(), raw_width, raw_height);
    val r = val::object();
    r.set("ok", true);
    r.set("width", img.width());
    r.set("height", img.height());
    r.set("bytes", double(img.size_bytes()));
    r.set("format", std::string("raw"));
    r.set("decodeMs", ms_since(t0));
    r.set("handle", pipeline::store_image(std::move(img)));
    return r;
}

bool release_image(int handle) { return pipeline::release_image(handle); }

// {images, bytes} held by the store, and the wasm memory size (which never shrinks).
val memory_stats() {
    val r = val::object();
    r.set("storedImages", pipeline::stored_image_count());
    r.set("storedImageBytes", double(pipeline::stored_image_bytes()));
    r.set("heapBytes", double(emscripten_get_heap_size()));
    return r;
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
    emscripten::function("decodeImage", &decode_image);
    emscripten::function("adoptImage", &adopt_image);
    emscripten::function("runVariations", &run_variations);
    emscripten::function("releaseImage", &release_image);
    emscripten::function("memoryStats", &memory_stats);
    emscripten::function("setThreads", &set_threads);
    emscripten::function("version", &version);
    emscripten::function("listOperations", &list_operations);
}

}  // namespace pixelpipe::bindings
