// geometry_ops.cpp: the geometry family's entries in the op registry (OpSpec → ops:: call).
#include <cmath>

#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

Result<Fit> parse_fit(const std::string &name) {
    if (name == "contain") return Fit::Contain;
    if (name == "cover") return Fit::Cover;
    if (name == "fill") return Fit::Fill;
    if (name == "inside") return Fit::Inside;
    if (name == "outside") return Fit::Outside;
    return Status::error(ErrorCode::INVALID_ARGUMENT, "unknown fit '" + name + "'");
}

uint8_t channel(const OpSpec &op, const std::string &key) {
    const double v = op.number(key, 0);
    return uint8_t(v < 0 ? 0 : v > 255 ? 255 : std::lround(v));
}

Result<Image> run_resize(const Image &src, const OpSpec &op, const Limits &limits) {
    ResizeSpec spec;
    const double w = op.number("width", 0), h = op.number("height", 0);
    if (!(w >= 0 && h >= 0 && w <= limits.max_side && h <= limits.max_side) || (w == 0 && h == 0)) {
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "resize needs width and/or height within 1.." + std::to_string(limits.max_side));
    }
    spec.width = int(w);
    spec.height = int(h);
    auto fit = parse_fit(op.text("fit", "contain"));
    if (!fit.ok()) return fit.status();
    spec.fit = fit.value();
    spec.without_enlargement = op.number("withoutEnlargement", 0) != 0;
    spec.background = {channel(op, "background.0"), channel(op, "background.1"), channel(op, "background.2"),
                       channel(op, "background.3")};
    return resize(src, spec, limits);
}

}  // namespace

void add_geometry_ops(std::vector<OpEntry> &table) {
    table.push_back({"resize", &run_resize, false});
}

}  // namespace pixelpipe::ops
