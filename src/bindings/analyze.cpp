// analyze.cpp: analyzeImage(handle, request) → the analysis object with ok: true, or an error
// object (marshal.h's error_to_js). request = { types: string[], paletteSize?, aspectRatio?,
// sourceFormat?, saliencyMap? }; the JS layer validates it first (names and ranges), C++ checks
// again. With saliencyMap, composition.saliencyMap.data is a Uint8Array (JSON carries numbers).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "analysis/analyze.h"
#include "bindings/marshal.h"
#include "pipeline/image_store.h"

namespace pixelpipe::bindings {
namespace {

using emscripten::val;

analysis::AnalyzeRequest request_from_js(const val &req) {
    analysis::AnalyzeRequest r;
    if (req.isUndefined() || req.isNull()) return r;
    const val types = req["types"];
    if (!types.isUndefined() && !types.isNull()) {
        const int n = types["length"].as<int>();
        for (int i = 0; i < n; ++i) r.types.push_back(types[i].as<std::string>());
    }
    if (req["paletteSize"].isNumber()) r.palette_size = req["paletteSize"].as<int>();
    if (req["aspectRatio"].isNumber()) r.aspect_ratio = req["aspectRatio"].as<double>();
    if (req["sourceFormat"].isString()) r.source_format = req["sourceFormat"].as<std::string>();
    r.saliency_map = req["saliencyMap"].isTrue();
    return r;
}

val analyze_image(int handle, val request) {
    const Image *img = pipeline::find_image(handle);
    if (!img) return error_to_js(Status::error(ErrorCode::INVALID_ARGUMENT, "unknown image handle " + std::to_string(handle)));
    const analysis::AnalyzeRequest req = request_from_js(request);
    auto json = analysis::analyze_to_json(*img, req);
    if (!json.ok()) return error_to_js(json.status());
    val result = val::global("JSON").call<val>("parse", json.value());
    if (req.saliency_map && result.hasOwnProperty("composition")) {
        val map = result["composition"]["saliencyMap"];
        map.set("data", val::global("Uint8Array").call<val>("from", map["data"]));
    }
    result.set("ok", true);
    return result;
}

}  // namespace
}  // namespace pixelpipe::bindings

EMSCRIPTEN_BINDINGS(pixelpipe_analyze) {
    emscripten::function("analyzeImage", &pixelpipe::bindings::analyze_image);
}
