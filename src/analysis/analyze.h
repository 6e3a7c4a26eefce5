// analyze.h: analyzeImage's engine: one image in, the JSON object of js-api.md out (camelCase
// keys), for the requested types. `metadata` is not made here (the caller knows the decode facts;
// see codec/metadata.h).
#pragma once
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

struct AnalyzeRequest {
    std::vector<std::string> types;  // colors, composition, quality, histogram, stats, smartCrop
    int palette_size = 6;            // 1..20
    double aspect_ratio = 1;         // smartCrop width / height, 0.01..100
    std::string source_format;       // "jpeg" enables quality.jpegBlockiness
    bool saliency_map = false;       // composition also carries saliencyMap (the map, 0–255)
};

// The types this engine answers, in the order they are written.
const std::vector<std::string> &supported_analysis_types();

// Errors: UNSUPPORTED_OPERATION for an unknown type (the message lists the supported ones),
// INVALID_ARGUMENT for an empty image or an option out of range; INTERNAL if a pipeline fails.
Result<std::string> analyze_to_json(const Image &img, const AnalyzeRequest &req);

}  // namespace pixelpipe::analysis
