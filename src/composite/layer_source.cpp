// layer_source.cpp: prepare_layer (layer_source.h). Geometry and transforms go through the ops
// registry (the same resize/rotate/colour code as generateVariations).
#include "composite/layer_source.h"

#include <cmath>
#include <cstring>

#include "composite/gradient.h"
#include "composite/text.h"
#include "ops/registry.h"

namespace pixelpipe::composite {
namespace {

Status field_error(const std::string &field, const Status &cause) {
    Status s = cause;
    s.message = field + ": " + cause.message;
    return s;
}

Status invalid(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

Result<Image> run_op(const Image &src, const ops::OpSpec &op, const Limits &limits) {
    const ops::OpEntry *entry = ops::find_op(op.op);
    if (!entry) return Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + op.op + "'");
    return entry->run(src, op, limits);
}

Result<Image> solid(int w, int h, const Rgba8 &c) {
    auto img = Image::allocate(w, h);
    if (!img.ok()) return img.status();
    uint8_t *p = img.value().data();
    for (size_t i = 0; i < img.value().size_bytes(); i += 4) std::memcpy(p + i, c.data(), 4);
    return img;
}

// The layer's own pixels before transforms. `borrowed` is set instead for image layers.
Result<Image> source_pixels(const Layer &l, const Limits &limits, const Image **borrowed) {
    switch (l.kind) {
    case LayerKind::Image:
        if (!l.image || l.image->empty()) return invalid("image: missing or empty image");
        *borrowed = l.image;
        return Image();
    case LayerKind::Text: {
        auto r = render_text(l.text, l.color, limits);
        return r;  // its messages already start with the field
    }
    case LayerKind::Gradient:
    case LayerKind::Solid: {
        if (l.width <= 0 || l.height <= 0) return invalid("width: solid and gradient layers need width and height >= 1");
        Status s = check_dimensions(l.width, l.height, limits);
        if (!s.is_ok()) return field_error("width", s);
        return l.kind == LayerKind::Solid ? solid(l.width, l.height, l.color) : render_gradient(l.gradient, l.width, l.height);
    }
    }
    return invalid("kind: unknown layer kind");
}

}  // namespace

Result<PreparedLayer> prepare_layer(const Layer &l, const Limits &limits) {
    if (!std::isfinite(l.x) || std::fabs(l.x) > 1e9) return invalid("x: must be a finite number of px");
    if (!std::isfinite(l.y) || std::fabs(l.y) > 1e9) return invalid("y: must be a finite number of px");
    if (!(l.opacity >= 0 && l.opacity <= 1)) return invalid("opacity: must be a number in 0..1");
    if (!std::isfinite(l.rotate)) return invalid("rotate: must be a finite number of degrees");
    if (l.width < 0 || l.height < 0) return invalid("width: width and height must be >= 0");

    const Image *borrowed = nullptr;
    auto own = source_pixels(l, limits, &borrowed);
    if (!own.ok()) return own.status();
    Image current = own.take();
    auto pixels = [&]() -> const Image & { return borrowed ? *borrowed : current; };
    auto replace = [&](Result<Image> r) {
        current = r.take();
        borrowed = nullptr;
    };

    for (size_t i = 0; i < l.steps.size(); ++i) {
        auto r = run_op(pixels(), l.steps[i], limits);
        if (!r.ok()) return field_error("transforms[" + std::to_string(i) + "]", r.status());
        replace(std::move(r));
    }
    if (l.kind == LayerKind::Image && (l.width > 0 || l.height > 0) &&
        (pixels().width() != l.width || pixels().height() != l.height)) {
        ops::OpSpec resize{"resize", {{"width", l.width}, {"height", l.height}}, {}};
        resize.str["fit"] = l.fit.empty() ? "contain" : l.fit;  // the JS API's default (as resize's)
        auto r = run_op(pixels(), resize, limits);
        if (!r.ok()) return field_error(r.status().message.rfind("unknown fit", 0) == 0 ? "fit" : "width", r.status());
        replace(std::move(r));
    }

    PreparedLayer out;
    const int box_w = pixels().width(), box_h = pixels().height();
    if (l.mask) {
        if (l.mask->empty()) return invalid("mask: empty image");
        if (l.mask->width() == box_w && l.mask->height() == box_h) {
            out.borrowed_mask = l.mask;
        } else {
            ops::OpSpec scale{"resize", {{"width", box_w}, {"height", box_h}}, {{"fit", "fill"}}};
            auto r = run_op(*l.mask, scale, limits);
            if (!r.ok()) return field_error("mask", r.status());
            out.own_mask = r.take();
        }
    }

    double x = l.x, y = l.y;
    if (std::fmod(l.rotate, 360.0) != 0) {
        ops::OpSpec rotate{"rotate", {{"angle", l.rotate}}, {{"interpolation", "bilinear"}}};
        auto r = run_op(pixels(), rotate, limits);
        if (!r.ok()) return field_error("rotate", r.status());
        replace(std::move(r));
        if (out.mask()) {
            auto m = run_op(*out.mask(), rotate, limits);
            if (!m.ok()) return field_error("mask", m.status());
            out.own_mask = m.take();
            out.borrowed_mask = nullptr;
        }
        // The grown box keeps the centre of the unrotated one.
        x += (box_w - current.width()) / 2.0;
        y += (box_h - current.height()) / 2.0;
    }
    out.x = int(std::lround(x));
    out.y = int(std::lround(y));
    out.borrowed_pixels = borrowed;
    out.own_pixels = std::move(current);
    return out;
}

}  // namespace pixelpipe::composite
