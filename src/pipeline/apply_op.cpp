// apply_op.cpp: op id → ops:: call. The op ids are the catalogue's (js/catalogue/operations.js);
// parameters arrive normalised, so only safety invariants are re-checked here.
#include <cmath>

#include "ops/ops.h"
#include "pipeline/variations.h"

namespace pixelpipe::pipeline {
namespace {

Result<ops::Fit> parse_fit(const std::string &name) {
    if (name == "contain") return ops::Fit::Contain;
    if (name == "cover") return ops::Fit::Cover;
    if (name == "fill") return ops::Fit::Fill;
    if (name == "inside") return ops::Fit::Inside;
    if (name == "outside") return ops::Fit::Outside;
    return Status::error(ErrorCode::INVALID_ARGUMENT, "unknown fit '" + name + "'");
}

uint8_t channel(const OpSpec &op, const char *key) {
    const double v = op.number(key, 0);
    return uint8_t(v < 0 ? 0 : v > 255 ? 255 : std::lround(v));
}

Result<Image> apply_resize(const Image &src, const OpSpec &op, const Limits &limits) {
    ops::ResizeSpec spec;
    const double w = op.number("width", 0), h = op.number("height", 0);
    if (!(w >= 0 && h >= 0 && w <= limits.max_side && h <= limits.max_side) || (w == 0 && h == 0)) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "resize needs width and/or height within 1.." +
                                                              std::to_string(limits.max_side));
    }
    spec.width = int(w);
    spec.height = int(h);
    auto fit = parse_fit(op.text("fit", "contain"));
    if (!fit.ok()) return fit.status();
    spec.fit = fit.value();
    spec.without_enlargement = op.number("withoutEnlargement", 0) != 0;
    spec.background = {channel(op, "background.0"), channel(op, "background.1"), channel(op, "background.2"),
                       channel(op, "background.3")};
    return ops::resize(src, spec, limits);
}

}  // namespace

Result<Image> apply_op(const Image &src, const OpSpec &op, const Limits &limits) {
    if (op.op == "resize") return apply_resize(src, op, limits);
    if (op.op == "grayscale") return ops::grayscale(src);
    if (op.op == "gaussian_blur") {
        const double sigma = op.number("sigma", 0);
        if (!(sigma > 0 && sigma <= 1000)) {
            return Status::error(ErrorCode::INVALID_ARGUMENT, "gaussian_blur needs sigma in (0, 1000]");
        }
        return ops::gaussian_blur(src, float(sigma));
    }
    return Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + op.op + "'");
}

}  // namespace pixelpipe::pipeline
