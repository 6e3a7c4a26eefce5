// geometry_ops.cpp: the geometry family's entries in the op registry (OpSpec → ops:: call).
// Parameter names are js/catalogue/families/geometry.js's; an absent parameter takes the
// catalogue's default (op_spec.h), never one written here.
#include <cmath>

#include "codec/encoders/pixels.h"
#include "ops/geometry.h"
#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

Status invalid(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

Result<Fit> parse_fit(const std::string &name) {
    if (name == "contain") return Fit::Contain;
    if (name == "cover") return Fit::Cover;
    if (name == "fill") return Fit::Fill;
    if (name == "inside") return Fit::Inside;
    if (name == "outside") return Fit::Outside;
    return invalid("unknown fit '" + name + "'");
}

Result<Kernel> parse_kernel(const std::string &name) {
    if (name == "nearest") return Kernel::Nearest;
    if (name == "bilinear") return Kernel::Bilinear;
    if (name == "bicubic") return Kernel::Bicubic;
    if (name == "mitchell") return Kernel::Mitchell;
    if (name == "lanczos2") return Kernel::Lanczos2;
    if (name == "lanczos3") return Kernel::Lanczos3;
    return invalid("unknown kernel '" + name + "'");
}

Result<Position> parse_position(const std::string &name) {
    if (name == "centre" || name == "center") return Position::Centre;
    if (name == "north") return Position::North;
    if (name == "northeast") return Position::NorthEast;
    if (name == "east") return Position::East;
    if (name == "southeast") return Position::SouthEast;
    if (name == "south") return Position::South;
    if (name == "southwest") return Position::SouthWest;
    if (name == "west") return Position::West;
    if (name == "northwest") return Position::NorthWest;
    if (name == "entropy") return Position::Entropy;
    if (name == "attention") return Position::Attention;
    return invalid("unknown position '" + name + "'");
}

uint8_t channel(const OpSpec &op, const std::string &key) {
    const double v = op.number(key);
    return uint8_t(v < 0 ? 0 : v > 255 ? 255 : std::lround(v));
}

Rgba8 color(const OpSpec &op, const std::string &key) {
    return {channel(op, key + ".0"), channel(op, key + ".1"), channel(op, key + ".2"), channel(op, key + ".3")};
}

// An integer parameter in [lo, hi]; NaN and fractions are rejected (defence in depth).
// `absent`: what leaving out an optional parameter without a catalogue default means.
Result<int> integer(const OpSpec &op, const std::string &key, double lo, double hi, double absent = NAN) {
    const double v = std::isnan(absent) ? op.number(key) : op.number_or(key, absent);
    if (!(v >= lo && v <= hi) || v != std::floor(v)) {
        return invalid(op.op + " " + key + " must be an integer in " + std::to_string(int64_t(lo)) + ".." +
                       std::to_string(int64_t(hi)));
    }
    return int(v);
}

Result<Image> run_resize(const Image &src, const OpSpec &op, const Limits &limits) {
    ResizeSpec spec;
    const double w = op.number_or("width", 0), h = op.number_or("height", 0);
    if (!(w >= 0 && h >= 0 && w <= limits.max_side && h <= limits.max_side) || (w == 0 && h == 0)) {
        return invalid("resize needs width and/or height within 1.." + std::to_string(limits.max_side));
    }
    spec.width = int(w);
    spec.height = int(h);
    auto fit = parse_fit(op.text("fit"));
    if (!fit.ok()) return fit.status();
    spec.fit = fit.value();
    auto kernel = parse_kernel(op.text("kernel"));
    if (!kernel.ok()) return kernel.status();
    spec.kernel = kernel.value();
    auto position = parse_position(op.text("position"));
    if (!position.ok()) return position.status();
    spec.position = position.value();
    spec.without_enlargement = op.number("withoutEnlargement") != 0;
    spec.pre_shrink = op.number("preshrink") != 0;
    spec.background = color(op, "background");
    return resize(src, spec, limits);
}

// width/height 0 (absent) = to the right/bottom edge.
Result<Image> run_crop(const Image &src, const OpSpec &op, const Limits &limits) {
    auto left = integer(op, "left", 0, limits.max_side), top = integer(op, "top", 0, limits.max_side);
    auto width = integer(op, "width", 0, limits.max_side, 0), height = integer(op, "height", 0, limits.max_side, 0);
    for (auto *r : {&left, &top, &width, &height})
        if (!r->ok()) return r->status();
    Box b{left.value(), top.value(), width.value(), height.value()};
    if (b.width == 0) b.width = src.width() - b.left;
    if (b.height == 0) b.height = src.height() - b.top;
    return crop(src, b);
}

Result<Image> run_rotate(const Image &src, const OpSpec &op, const Limits &limits) {
    const double angle = op.number("angle");
    if (!(std::fabs(angle) <= 360)) return invalid("rotate angle must be a number of degrees in -360..360");
    const std::string interp = op.text("interpolation");
    if (interp != "bilinear" && interp != "bicubic") return invalid("unknown interpolation '" + interp + "'");
    return rotate(src, angle, color(op, "background"),
                  interp == "bilinear" ? Interpolation::Bilinear : Interpolation::Bicubic, limits);
}

Result<Image> run_flip(const Image &src, const OpSpec &op, const Limits &) {
    const std::string d = op.text("direction");
    if (d == "horizontal") return flip(src, FlipDirection::Horizontal);
    if (d == "vertical") return flip(src, FlipDirection::Vertical);
    if (d == "both") return flip(src, FlipDirection::Both);
    return invalid("unknown flip direction '" + d + "'");
}

Result<Image> run_pad(const Image &src, const OpSpec &op, const Limits &limits) {
    int v[4];
    const char *keys[4] = {"top", "right", "bottom", "left"};
    for (int i = 0; i < 4; ++i) {
        auto r = integer(op, keys[i], 0, limits.max_side);
        if (!r.ok()) return r.status();
        v[i] = r.value();
    }
    return pad(src, v[0], v[1], v[2], v[3], color(op, "background"), limits);
}

Result<Image> run_trim(const Image &src, const OpSpec &op, const Limits &) {
    const double threshold = op.number("threshold");
    if (!(threshold >= 0 && threshold <= 255)) return invalid("trim threshold must be in 0..255");
    return trim(src, threshold);
}

// Straight alpha over the opaque colour (the encoders' flatten: one rule for both).
Result<Image> run_flatten(const Image &src, const OpSpec &op, const Limits &) {
    return codec::flatten(src, color(op, "background"));
}

}  // namespace

void add_geometry_ops(std::vector<OpEntry> &table) {
    table.push_back({"resize", &run_resize, false});
    table.push_back({"crop", &run_crop, false});
    table.push_back({"rotate", &run_rotate, false});
    table.push_back({"flip", &run_flip, false});
    table.push_back({"pad", &run_pad, false});
    table.push_back({"flatten", &run_flatten, false});
    table.push_back({"trim", &run_trim, false});
}

}  // namespace pixelpipe::ops
