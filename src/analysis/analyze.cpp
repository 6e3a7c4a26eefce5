// analyze.cpp: runs what the requested types need, each part once (one luma pass for all; one
// histogram pass for colors, histogram and stats; one saliency map for composition and smartCrop).
#include "analysis/analyze.h"

#include <algorithm>
#include <cmath>

#include "analysis/colors.h"
#include "analysis/composition.h"
#include "analysis/horizon.h"
#include "analysis/json_writer.h"
#include "analysis/measures.h"
#include "analysis/quality.h"
#include "analysis/saliency.h"

namespace pixelpipe::analysis {
namespace {

bool wants(const AnalyzeRequest &req, const char *type) {
    return std::find(req.types.begin(), req.types.end(), type) != req.types.end();
}

Status validate(const Image &img, const AnalyzeRequest &req) {
    if (img.empty() || img.width() < 1 || img.height() < 1)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "analyzeImage: empty image");
    for (const std::string &t : req.types)
        if (std::find(supported_analysis_types().begin(), supported_analysis_types().end(), t) ==
            supported_analysis_types().end()) {
            std::string list;
            for (const std::string &s : supported_analysis_types()) list += (list.empty() ? "" : ", ") + s;
            return Status::error(ErrorCode::UNSUPPORTED_OPERATION,
                                 "unsupported analysis type '" + t + "' (supported: " + list + ")");
        }
    if (req.palette_size < 1 || req.palette_size > 20)
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "paletteSize must be 1..20, got " + std::to_string(req.palette_size));
    if (!(std::isfinite(req.aspect_ratio) && req.aspect_ratio >= 0.01 && req.aspect_ratio <= 100))
        return Status::error(ErrorCode::INVALID_ARGUMENT, "aspectRatio must be a number in 0.01..100");
    return Status::ok();
}

}  // namespace

const std::vector<std::string> &supported_analysis_types() {
    static const std::vector<std::string> types{"colors", "composition", "quality", "histogram", "stats", "smartCrop"};
    return types;
}

Result<std::string> analyze_to_json(const Image &img, const AnalyzeRequest &req) {
    if (Status st = validate(img, req); !st.is_ok()) return st;
    JsonWriter json;
    json.begin_object();

    // Every type reads luma (histograms, quality, the saliency and horizon copies): one pass.
    auto luma_result = full_luma(img);
    if (!luma_result.ok()) return luma_result.status();
    const LumaPlane &luma = luma_result.value();

    Histograms all;
    if (wants(req, "colors") || wants(req, "histogram") || wants(req, "stats")) {
        auto h = histograms(img, luma, false, 1, wants(req, "colors"));
        if (!h.ok()) return h.status();
        all = h.take();
    }
    if (wants(req, "colors")) {
        // Transparent pixels are not colours: count only alpha > 0 (a second pass only if any).
        const bool has_transparent = all.a[0] > 0;
        Histograms opaque = all;
        if (has_transparent) {
            auto h = histograms(img, luma, true, 1, true);
            if (!h.ok()) return h.status();
            opaque = h.take();
        }
        if (Status st = write_colors(json, img, opaque, has_transparent, req.palette_size); !st.is_ok()) return st;
    }
    if (wants(req, "composition") || wants(req, "smartCrop")) {
        auto map = saliency_map(luma);
        if (!map.ok()) return map.status();
        if (wants(req, "composition")) {
            const int side = std::max(img.width(), img.height());
            auto plane = box_downscale(luma, (side + kHorizonSide - 1) / kHorizonSide);
            if (!plane.ok()) return plane.status();
            const auto tilt = horizon_tilt_degrees(plane.value());
            write_composition(json, composition_of(map.value(), img.width(), img.height(), tilt));
        }
        if (wants(req, "smartCrop")) {
            const CropWindow size = largest_window(img.width(), img.height(), req.aspect_ratio);
            write_smart_crop(json, best_crop(map.value(), img.width(), img.height(), size.width, size.height));
        }
    }
    if (wants(req, "quality")) {
        auto m = measure_quality(img, luma, req.source_format, all.count > 0 ? &all : nullptr);
        if (!m.ok()) return m.status();
        write_quality(json, m.value(), score_quality(m.value()));
    }
    if (wants(req, "histogram")) write_histogram(json, all);
    if (wants(req, "stats")) write_stats(json, all);
    json.end_object();
    return json.str();
}

}  // namespace pixelpipe::analysis
