// analyze.cpp: runs what the requested types need, each part once (one luma pass for all; one
// histogram pass for colors, histogram and stats; one saliency map for composition and smartCrop).
#include "analysis/analyze.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "HalideRuntime.h"
#include "analysis/colors.h"
#include "analysis/composition.h"
#include "analysis/horizon.h"
#include "analysis/json_writer.h"
#include "analysis/measures.h"
#include "analysis/quality.h"
#include "analysis/quantize.h"
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

// What the histograms do not need runs as concurrent tasks on Halide's thread pool: the palette
// (colors), the saliency map and horizon (composition, smartCrop) and quality. Each task still
// runs its own pipelines in parallel (Halide's pool takes nested loops), so the serial steps in
// them (palette clustering, the DFT, the Hough pass, the quality copy's histogram: 90 M of the
// 664 M instructions of a 12 MP colors + composition + quality analysis, callgrind) overlap with
// other work instead of leaving a thread idle. The JSON is written afterwards, in a fixed order.
struct Parts {
    enum Kind { kPalette, kSaliency, kQuality };
    const Image *img = nullptr;
    const LumaPlane *luma = nullptr;
    const AnalyzeRequest *req = nullptr;
    const Histograms *all = nullptr;  // null when no type asked for the histograms
    std::vector<Kind> run;            // task index → part
    Status status[3];
    std::vector<PaletteEntry> palette;
    std::optional<SaliencyMap> map;
    std::optional<double> tilt;
    QualityMeasures quality;
};

Status run_part(Parts &p, Parts::Kind kind) {
    const Image &img = *p.img;
    switch (kind) {
    case Parts::kPalette: {
        QuantizeOptions opt;
        opt.max_colors = p.req->palette_size;
        auto palette = extract_palette(img, opt);
        if (!palette.ok()) return palette.status();
        p.palette = palette.take();
        return Status::ok();
    }
    case Parts::kSaliency: {
        auto map = saliency_map(*p.luma);
        if (!map.ok()) return map.status();
        p.map = map.take();
        if (!wants(*p.req, "composition")) return Status::ok();
        const int side = std::max(img.width(), img.height());
        auto plane = box_downscale(*p.luma, (side + kHorizonSide - 1) / kHorizonSide);
        if (!plane.ok()) return plane.status();
        p.tilt = horizon_tilt_degrees(plane.value());
        return Status::ok();
    }
    case Parts::kQuality: {
        auto m = measure_quality(img, *p.luma, p.req->source_format, p.all);
        if (!m.ok()) return m.status();
        p.quality = m.value();
        return Status::ok();
    }
    }
    return Status::ok();
}

int part_task(void *, int task, uint8_t *closure) {
    Parts &p = *reinterpret_cast<Parts *>(closure);
    const Parts::Kind kind = p.run[size_t(task)];
    p.status[kind] = run_part(p, kind);
    return 0;
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

    // One luma plane serves quality and the saliency and horizon copies: the histogram pass makes
    // it as a by-product when it runs anyway, else pp_luma does.
    const bool need_luma = wants(req, "composition") || wants(req, "smartCrop") || wants(req, "quality");
    LumaPlane luma;
    Histograms all;
    if (wants(req, "colors") || wants(req, "histogram") || wants(req, "stats")) {
        auto h = histograms(img, false, 1, wants(req, "colors"), need_luma ? &luma : nullptr);
        if (!h.ok()) return h.status();
        all = h.take();
    } else if (need_luma) {
        auto l = full_luma(img);
        if (!l.ok()) return l.status();
        luma = l.take();
    }

    // Transparent pixels are not colours: colors counts only alpha > 0 (a second pass only if any).
    Histograms opaque;
    if (wants(req, "colors") && all.a[0] > 0) {
        auto h = histograms(img, true, 1, true);
        if (!h.ok()) return h.status();
        opaque = h.take();
    }

    Parts parts;
    parts.img = &img;
    parts.luma = &luma;
    parts.req = &req;
    parts.all = all.count > 0 ? &all : nullptr;
    if (wants(req, "colors")) parts.run.push_back(Parts::kPalette);
    if (wants(req, "composition") || wants(req, "smartCrop")) parts.run.push_back(Parts::kSaliency);
    if (wants(req, "quality")) parts.run.push_back(Parts::kQuality);
    if (Status st = halide_status("analysis tasks", halide_do_par_for(nullptr, part_task, 0, int(parts.run.size()),
                                                       reinterpret_cast<uint8_t *>(&parts)));
        !st.is_ok())
        return st;
    for (const Status &st : parts.status)
        if (!st.is_ok()) return st;

    if (wants(req, "colors")) write_colors(json, parts.palette, all.a[0] > 0 ? opaque : all);
    if (parts.map && wants(req, "composition"))
        write_composition(json, composition_of(*parts.map, img.width(), img.height(), parts.tilt),
                          req.saliency_map ? &*parts.map : nullptr);
    if (parts.map && wants(req, "smartCrop")) {
        const CropWindow size = largest_window(img.width(), img.height(), req.aspect_ratio);
        write_smart_crop(json, best_crop(*parts.map, img.width(), img.height(), size.width, size.height));
    }
    if (wants(req, "quality")) write_quality(json, parts.quality, score_quality(parts.quality));
    if (wants(req, "histogram")) write_histogram(json, all);
    if (wants(req, "stats")) write_stats(json, all);
    json.end_object();
    return json.str();
}

}  // namespace pixelpipe::analysis
