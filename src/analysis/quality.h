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
    double combing = 0;       // max over R, G, B of the share of empty codes between the 1st and
                              // 99th percentile (an 8-bit image brightened afterwards: ~0.35)
    double clipped_channels = 0;  // max over R, G, B of the share of values ≥ 253 (a burnt channel
                                  // luma does not show: a red flower 1.5 stops brighter has R clipped
                                  // in 56 % of its pixels and no luma at 253)
    int luma_p995 = 255;      // 99.5th percentile of luma (an image darkened afterwards has no
                              // near-white: 1.5 stops darker puts it at ≤ 160)
    std::optional<double> jpeg_blockiness;               // JPEG sources only
    double megapixels = 0;                               // of the full image
};

struct QualityScores {
    double sharpness = 0, noise = 0, exposure = 0, contrast = 0, entropy = 0, resolution = 0, overall = 0;
    std::optional<double> jpeg_blockiness;
};

struct Histograms;
struct LumaPlane;
// `luma`: full_luma(img). `all`: the full image's histograms when the caller has them (else they
// are computed).
Result<QualityMeasures> measure_quality(const Image &img, const LumaPlane &luma, const std::string &source_format,
                                        const Histograms *all);
QualityScores score_quality(const QualityMeasures &m);
void write_quality(JsonWriter &json, const QualityMeasures &m, const QualityScores &s);

}  // namespace pixelpipe::analysis
