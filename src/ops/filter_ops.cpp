// filter_ops.cpp: the filters family's entries in the op registry. Parameter names are those of
// js/catalogue/families/filters.js (or their `wire` names); defaults are applied by JS, the
// fallbacks here only matter for callers that bypass it (the CLI).
#include <cmath>

#include "ops/filters.h"
#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

int integer(const OpSpec &op, const char *key, double fallback) {
    const double v = op.number(key, fallback);
    return std::isfinite(v) && std::fabs(v) < 1e9 ? int(std::lround(v)) : -1;
}

Result<Image> run_gaussian_blur(const Image &src, const OpSpec &op, const Limits &) {
    return gaussian_blur(src, float(op.number("sigma", 0)));
}
Result<Image> run_box_blur(const Image &src, const OpSpec &op, const Limits &) {
    return box_blur(src, integer(op, "radius", 1));
}
Result<Image> run_motion_blur(const Image &src, const OpSpec &op, const Limits &) {
    return motion_blur(src, float(op.number("angle", 0)), float(op.number("length", 10)));
}
Result<Image> run_sharpen(const Image &src, const OpSpec &op, const Limits &) {
    return sharpen(src, float(op.number("amount", 1)));
}
Result<Image> run_unsharp_mask(const Image &src, const OpSpec &op, const Limits &) {
    return unsharp_mask(src, float(op.number("sigma", 2)), float(op.number("amount", 1.5)),
                        float(op.number("threshold", 3)));
}
Result<Image> run_median(const Image &src, const OpSpec &op, const Limits &) {
    return median(src, integer(op, "size", 3));
}
Result<Image> run_edge_detect(const Image &src, const OpSpec &op, const Limits &) {
    return edge_detect(src, op.text("method", "sobel"));
}
Result<Image> run_emboss(const Image &src, const OpSpec &, const Limits &) { return emboss(src); }
Result<Image> run_convolve(const Image &src, const OpSpec &op, const Limits &) {
    return convolve(src, op.array("kernel"), op.number("divisor", 0), op.number("offset", 0));
}
Result<Image> run_denoise(const Image &src, const OpSpec &op, const Limits &) {
    return denoise(src, float(op.number("sigmaSpatial", 3)), float(op.number("sigmaRange", 30)));
}
Result<Image> run_pixelate(const Image &src, const OpSpec &op, const Limits &) {
    return pixelate(src, integer(op, "size", 10));
}
Result<Image> run_vignette(const Image &src, const OpSpec &op, const Limits &) {
    return vignette(src, float(op.number("strength", 0.5)), float(op.number("radius", 1)));
}

}  // namespace

void add_filter_ops(std::vector<OpEntry> &table) {
    table.push_back({"gaussian_blur", &run_gaussian_blur, false});
    table.push_back({"box_blur", &run_box_blur, false});
    table.push_back({"motion_blur", &run_motion_blur, false});
    table.push_back({"sharpen", &run_sharpen, false});
    table.push_back({"unsharp_mask", &run_unsharp_mask, false});
    table.push_back({"median", &run_median, false});
    table.push_back({"edge_detect", &run_edge_detect, false});
    table.push_back({"emboss", &run_emboss, false});
    table.push_back({"convolve", &run_convolve, false});
    table.push_back({"denoise", &run_denoise, false});
    table.push_back({"pixelate", &run_pixelate, false});
    table.push_back({"vignette", &run_vignette, false});
}

}  // namespace pixelpipe::ops
