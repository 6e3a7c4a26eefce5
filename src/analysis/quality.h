// quality.h: analyzeImage's `quality`: raw measures (js-api.md's definitions) and 0–1 scores.
#pragma once
#include <optional>
#include <string>

#include "analysis/json_writer.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

// Quality runs on the full image up to this many pixels, above on a box-downscaled copy
// (integer factor ceil(sqrt(pixels / 4 MP))).
constexpr double kQualityMaxPixels = 4e6;

struct QualityMeasures {
    int analyzed_width = 0, analyzed_height = 0;
    double laplacian_sigma = 0, noise_sigma = 0, mean_luma = 0, rms_contrast = 0, entropy_bits = 0;
    double clipped_shadows = 0, clipped_highlights = 0;  // shares of luma ≤ 2 and ≥ 253
    std::optional<double> jpeg_blockiness;               // JPEG sources only
    double megapixels = 0;                               // of the full image
};

struct QualityScores {
    double sharpness = 0, noise = 0, exposure = 0, contrast = 0, entropy = 0, resolution = 0, overall = 0;
    std::optional<double> jpeg_blockiness;
};

Result<QualityMeasures> measure_quality(const Image &img, const std::string &source_format);
QualityScores score_quality(const QualityMeasures &m);
void write_quality(JsonWriter &json, const QualityMeasures &m, const QualityScores &s);

}  // namespace pixelpipe::analysis
