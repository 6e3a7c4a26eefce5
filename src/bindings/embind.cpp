// embind.cpp: the ONLY file with EMSCRIPTEN_BINDINGS. Thin functions: marshal in, call the
// pipeline, marshal out. Results are plain objects {ok:true,...} | {ok:false, code, message}:
// nothing throws across the boundary (see .notes/CONTRACTS.md).
#include <emscripten/bind.h>
#include <emscripten/heap.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "HalideRuntime.h"
#include "bindings/marshal.h"
#include "codec/decode.h"
#include "codec/metadata.h"
#include "ops/registry.h"
#include "pipeline/image_store.h"
#include "pipeline/output.h"
#include "pipeline/variations.h"

namespace pixelpipe::bindings {
using emscripten::val;

namespace {

const uint8_t *as_ptr(double address) { return reinterpret_cast<const uint8_t *>(uintptr_t(address)); }

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

// Decode and keep: {ok, handle, width, height, format, decodeMs, bytes, shrink, sourceWidth,
// sourceHeight, warnings}. options_js: {shrink?: 1|2|4|8, colorManagement?: 'convert' | 'ignore' |
// 'preserve'} (JPEG shrink-on-load: `shrink` in the result is the factor applied, sourceWidth ×
// sourceHeight the file's upright full size; colour: codec::ColorManagement). The bytes at ptr
// stay the caller's (JS copied them in once for the probe and this decode, and frees them after).
val decode_image(double ptr, double len, val limits_js, val options_js) {
    const Limits limits = limits_from_js(limits_js);
    codec::DecodeOptions opts;
    if (options_js.typeOf().as<std::string>() == "object" && !options_js["shrink"].isUndefined())
        opts.shrink = options_js["shrink"].as<int>();
    if (options_js.typeOf().as<std::string>() == "object" && !options_js["colorManagement"].isUndefined()) {
        const std::string cm = options_js["colorManagement"].as<std::string>();
        opts.color = cm == "ignore"     ? codec::ColorManagement::Ignore
                     : cm == "preserve" ? codec::ColorManagement::Preserve
                                        : codec::ColorManagement::Convert;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto decoded = codec::decode_image(as_ptr(ptr), size_t(len), limits, opts);
    if (!decoded.ok()) return error_to_js(decoded.status());
    val warnings = val::array();
    for (const std::string &w : decoded.value().warnings) warnings.call<void>("push", w);
    const std::string format = decoded.value().format;
    const int orientation = decoded.value().orientation;
    const int shrink = decoded.value().shrink_applied;
    const int source_width = decoded.value().source_width, source_height = decoded.value().source_height;
    pipeline::CarriedMetadata carried = pipeline::carried_metadata(decoded.value());  // kept for exports
    Result<Image> img(std::move(decoded.value().image));
    val r = val::object();
    r.set("ok", true);
    r.set("width", img.value().width());
    r.set("height", img.value().height());
    r.set("bytes", double(img.value().size_bytes()));
    r.set("format", format);
    r.set("decodeMs", ms_since(t0));
    // Header facts for analyzeImage's `metadata` (a bounds-checked header walk, no pixel work).
    r.set("metadata", codec::to_json(codec::read_metadata(as_ptr(ptr), size_t(len))));
    r.set("orientation", orientation);
    r.set("shrink", shrink);
    r.set("sourceWidth", source_width);
    r.set("sourceHeight", source_height);
    r.set("warnings", warnings);
    r.set("handle", pipeline::store_image(img.take(), std::move(carried)));
    return r;
}

// Variants on a stored image → {ok, outputs: [{id, format, width, height, data, warnings?, …}]}
// (an output may keep the source's profile, EXIF and XMP: pipeline/output_metadata.h).
// `progress` (a JS function or null) is called with each finished variant's index.
val run_variations(int handle, val variants, val limits_js, val progress) {
    const Image *img = pipeline::find_image(handle);
    if (!img) {
        return error_to_js(Status::error(ErrorCode::INVALID_ARGUMENT, "unknown image handle " + std::to_string(handle)));
    }
    std::function<void(int)> on_variant;
    if (progress.typeOf().as<std::string>() == "function") on_variant = [&progress](int i) { progress(i); };
    auto r = pipeline::run_variations(*img, variants_from_js(variants), limits_from_js(limits_js), on_variant,
                                      pipeline::find_metadata(handle));
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

// {images, bytes} held by the store, the wasm memory size (which never shrinks) and the bytes
// malloc has handed out and not had back (dlmalloc's mallinfo): a leak shows in mallocBytes long
// before it pushes the memory size past its high-water mark (bench/soak.mjs samples both).
val memory_stats() {
    val r = val::object();
    r.set("storedImages", pipeline::stored_image_count());
    r.set("storedImageBytes", double(pipeline::stored_image_bytes()));
    r.set("heapBytes", double(emscripten_get_heap_size()));
    r.set("mallocBytes", double(mallinfo().uordblks));
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
    r.set("orientation", info.value().orientation);
    return r;
}

// Lowering the count after threads exist has no effect in Halide 14 unless the pool is shut
// down first (toolchain.md §2).
void set_threads(int n) {
    halide_shutdown_thread_pool();
    halide_set_num_threads(n);
}

std::string version() { return PIXELPIPE_VERSION; }

// {decode, encode}: the formats this build handles (capabilities().formats).
val formats() {
    auto list = [](const std::vector<std::string> &names) {
        val a = val::array();
        for (const auto &n : names) a.call<void>("push", n);
        return a;
    };
    val r = val::object();
    r.set("decode", list(pipeline::decodable_formats()));
    r.set("encode", list(pipeline::encodable_formats()));
    return r;
}

// The op ids this build executes: the catalogue drift test compares them with js/catalogue.
val list_operations() {
    val names = val::array();
    for (const auto &name : ops::list_operations()) names.call<void>("push", name);
    return names;
}

}  // namespace

EMSCRIPTEN_BINDINGS(pixelpipe) {
    emscripten::function("probe", &probe);
    emscripten::function("decodeImage", &decode_image);
    emscripten::function("adoptImage", &adopt_image);
    emscripten::function("runVariations", &run_variations);
    emscripten::function("releaseImage", &release_image);
    emscripten::function("memoryStats", &memory_stats);
    emscripten::function("setThreads", &set_threads);
    emscripten::function("version", &version);
    emscripten::function("listOperations", &list_operations);
    emscripten::function("formats", &formats);
    // Tests only: a parameter the engine reads but the request does not carry is an error too.
    emscripten::function("setStrictParameters", &ops::set_strict_parameters);
}

}  // namespace pixelpipe::bindings
