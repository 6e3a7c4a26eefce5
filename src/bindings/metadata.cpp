// metadata.cpp: readMetadata(ptr, len) → the header facts of encoded bytes in wasm memory
// (codec/metadata.h): { bitDepth, hasAlpha, icc: {description, colorSpace} | null,
// exif: {make, model, dateTime, gps} | null }. Never fails: unknown or damaged bytes give defaults.
// analyzeImage's `metadata` = this + the decode facts (format, sizes, orientation) JS already has.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>

#include "codec/metadata.h"

namespace {

emscripten::val read_metadata_js(double ptr, double len) {
    const auto *data = reinterpret_cast<const uint8_t *>(uintptr_t(ptr));
    const std::string json = pixelpipe::codec::to_json(pixelpipe::codec::read_metadata(data, size_t(len)));
    return emscripten::val::global("JSON").call<emscripten::val>("parse", json);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pixelpipe_metadata) {
    emscripten::function("readMetadata", &read_metadata_js);
}
