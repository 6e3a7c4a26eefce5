// filter_ops.cpp: the filters family's entries in the op registry. Parameter names are those of
// js/catalogue/families/filters.js (or their `wire` names); an absent parameter takes the
// catalogue's default (op_spec.h), never one written here.
#include <cmath>

#include "ops/filters.h"
#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

int integer(const OpSpec &op, const char *key) {
    const double v = op.number(key);
    return std::isfinite(v) && std::fabs(v) < 1e9 ? int(std::lround(v)) : -1;
}

Result<Image> run_gaussian_blur(const Image &src, const OpSpec &op, const Limits &) {
    return gaussian_blur(src, float(op.number("sigma")));
}
Result<Image> run_box_blur(const Image &src, const OpSpec &op, const Limits &) {
    return box_blur(src, integer(op, "radius"));
}
Result<Image> run_motion_blur(const Image &src, const OpSpec &op, const Limits &) {
    return motion_blur(src, float(op.number("angle")), float(op.number("length")));
}
Result<Image> run_sharpen(const Image &src, const OpSpec &op, const Limits &) {
    return sharpen(src, float(op.number("amount")));
}
Result<Image> run_unsharp_mask(const Image &src, const OpSpec &op, const Limits &) {
    return unsharp_mask(src, float(op.number("sigma")), float(op.number("amount")),
                        float(op.number("threshold")));
}
Result<Image> run_median(const Image &src, const OpSpec &op, const Limits &) {
    return median(src, integer(op, "size"));
}
Result<Image> run_edge_detect(const Image &src, const OpSpec &op, const Limits &) {
    return edge_detect(src, op.text("method"));
}
Result<Image> run_emboss(const Image &src, const OpSpec &, const Limits &) { return emboss(src); }
Result<Image> run_convolve(const Image &src, const OpSpec &op, const Limits &) {
    return convolve(src, op.array("kernel"), op.number_or("divisor", 0), op.number("offset"));
}
Result<Image> run_denoise(const Image &src, const OpSpec &op, const Limits &) {
    return denoise(src, float(op.number("sigmaSpatial")), float(op.number("sigmaRange")));
}
Result<Image> run_pixelate(const Image &src, const OpSpec &op, const Limits &) {
    return pixelate(src, integer(op, "size"));
}
Result<Image> run_vignette(const Image &src, const OpSpec &op, const Limits &) {
    return vignette(src, float(op.number("strength")), float(op.number("radius")));
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
