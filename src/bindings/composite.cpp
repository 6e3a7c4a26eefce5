// composite.cpp (bindings): createComposite and measureText for the JS service.
//
// createComposite(request, limits, output) → { ok: true, format, width, height, data: Uint8Array }
//   (encoded per output = { op: format, ...formatOptions }; RGBA8 straight alpha when output is
//   null or 'raw') | { ok: false, code, message, variant } where variant is
//   the layer index (-1: the request itself) and message starts with the field ("blendMode: ...").
// request (already normalised by JS: colours parsed, defaults filled, blend mode names as in
// js-api.md or their CSS spellings):
//   { width, height, background: [r, g, b, a],
//     layers: [ {
//       handle?,                 // image layer: a handle from decodeImage (pipeline::find_image)
//       consumable?,             // true: the handle is the call's own copy, released after it;
//                                // its pixels are taken out of the store (may become the canvas)
//       text?, fontPtr?, fontLength?,   // text layer: UTF-8 string; font bytes malloc'ed by JS
//                                       // (freed by JS after the call)
//       gradient?: { type: 'linear' | 'radial', angle?, center?: [x, y], radius?,
//                    stops: [[offset, [r, g, b, a]], ...] },
//       color?: [r, g, b, a],    // solid fill, or the text colour
//       x, y, width?, height?, fit?, opacity?, blendMode?, rotate?,
//       transforms?: [{ op, ...params }],  // catalogue steps, as in processVariations
//       maskHandle?, maskMode?: 'luminance' | 'alpha',
//       size?, align?: 'left' | 'center' | 'right', maxWidth?, lineHeight? } ] }
//   Kind precedence: handle (image), text, gradient, color (js-api.md).
// measureText({ text, fontPtr, fontLength, size, maxWidth?, lineHeight? }) →
//   { ok: true, boxWidth, boxHeight, lines: [{ text, width, x, baseline }] } | error.
#include <emscripten/bind.h>

#include <cmath>
#include <deque>
#include <string>

#include "bindings/marshal.h"
#include "composite/composite.h"
#include "composite/text.h"
#include "pipeline/image_store.h"

namespace pixelpipe::bindings {
using emscripten::val;

namespace {

bool has(const val &o, const char *key) { return !o[key].isUndefined() && !o[key].isNull(); }
double number(const val &o, const char *key, double fallback) { return has(o, key) ? o[key].as<double>() : fallback; }
std::string text(const val &o, const char *key, const std::string &fallback) {
    return has(o, key) ? o[key].as<std::string>() : fallback;
}

composite::Rgba8 rgba(const val &v) {
    composite::Rgba8 c{0, 0, 0, 255};
    for (int i = 0; i < 4; ++i) c[i] = uint8_t(std::lround(std::fmin(255.0, std::fmax(0.0, v[i].as<double>()))));
    return c;
}

Status bad(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

void text_style(const val &o, composite::TextStyle &st) {
    st.text = text(o, "text", "");
    st.font = reinterpret_cast<const uint8_t *>(uintptr_t(number(o, "fontPtr", 0)));
    st.font_size = size_t(number(o, "fontLength", 0));
    st.size = number(o, "size", 16);
    st.max_width = number(o, "maxWidth", 0);
    st.line_height = number(o, "lineHeight", 1.2);
    const std::string align = text(o, "align", "left");
    st.align = align == "center" ? composite::TextAlign::Center
               : align == "right" ? composite::TextAlign::Right : composite::TextAlign::Left;
}

// `taken`: the images of consumable handles, owned for the call (a deque: stable addresses).
Status layer_from_js(const val &o, composite::Layer &l, std::deque<Image> &taken) {
    if (has(o, "handle")) {
        l.kind = composite::LayerKind::Image;
        const int handle = o["handle"].as<int>();
        if (has(o, "consumable") && o["consumable"].as<bool>()) {
            taken.push_back(pipeline::take_image(handle));
            l.movable = taken.back().empty() ? nullptr : &taken.back();
            l.image = l.movable;
        } else {
            l.image = pipeline::find_image(handle);
        }
        if (!l.image) return bad("image: unknown or released image handle");
    } else if (has(o, "text")) {
        l.kind = composite::LayerKind::Text;
        text_style(o, l.text);
    } else if (has(o, "gradient")) {
        l.kind = composite::LayerKind::Gradient;
        const val g = o["gradient"];
        l.gradient.radial = text(g, "type", "linear") == "radial";
        l.gradient.angle = number(g, "angle", 180);
        if (has(g, "center")) {
            l.gradient.center_x = g["center"][0].as<double>();
            l.gradient.center_y = g["center"][1].as<double>();
        }
        l.gradient.radius = number(g, "radius", NAN);
        const val stops = has(g, "stops") ? g["stops"] : val::array();
        for (int i = 0, n = stops["length"].as<int>(); i < n; ++i)
            l.gradient.stops.push_back({stops[i][0].as<double>(), rgba(stops[i][1])});
    } else if (has(o, "color")) {
        l.kind = composite::LayerKind::Solid;
    } else {
        return bad("kind: a layer needs image, text, gradient or color");
    }
    if (has(o, "color")) l.color = rgba(o["color"]);
    l.x = number(o, "x", 0);
    l.y = number(o, "y", 0);
    l.width = int(number(o, "width", 0));
    l.height = int(number(o, "height", 0));
    l.fit = text(o, "fit", "");
    l.opacity = number(o, "opacity", 1);
    l.rotate = number(o, "rotate", 0);
    auto mode = composite::parse_blend_mode(text(o, "blendMode", "normal"));
    if (!mode.ok()) return mode.status();
    l.blend = mode.value();
    if (has(o, "maskHandle")) {
        l.mask = pipeline::find_image(o["maskHandle"].as<int>());
        if (!l.mask) return bad("mask: unknown or released image handle");
        l.mask_mode = text(o, "maskMode", "luminance") == "alpha" ? composite::MaskMode::Alpha : composite::MaskMode::Luminance;
    }
    if (has(o, "transforms")) {
        const val steps = o["transforms"];
        for (int i = 0, n = steps["length"].as<int>(); i < n; ++i) l.steps.push_back(step_from_js(steps[i]));
    }
    return Status::ok();
}

val create_composite(val request, val limits_js, val output) {
    const Limits limits = limits_from_js(limits_js);
    composite::CompositeRequest req;
    req.width = int(number(request, "width", 0));
    req.height = int(number(request, "height", 0));
    if (has(request, "background")) req.background = rgba(request["background"]);
    const val layers = has(request, "layers") ? request["layers"] : val::array();
    std::deque<Image> taken;
    for (int i = 0, n = layers["length"].as<int>(); i < n; ++i) {
        composite::Layer l;
        Status s = layer_from_js(layers[i], l, taken);
        if (!s.is_ok()) {
            s.variant = i;
            return error_to_js(s);
        }
        req.layers.push_back(std::move(l));
    }
    auto out = composite::create_composite(req, limits);
    if (!out.ok()) return error_to_js(out.status());
    return image_output_to_js(out.value(), output);
}

val measure_text(val request) {
    composite::TextStyle st;
    text_style(request, st);
    auto m = composite::measure_text(st);
    if (!m.ok()) return error_to_js(m.status());
    val r = val::object();
    r.set("ok", true);
    r.set("boxWidth", m.value().box_width);
    r.set("boxHeight", m.value().box_height);
    val lines = val::array();
    for (const auto &line : m.value().lines) {
        val l = val::object();
        l.set("text", line.text);
        l.set("width", line.width);
        l.set("x", line.x);
        l.set("baseline", line.baseline);
        lines.call<void>("push", l);
    }
    r.set("lines", lines);
    return r;
}

}  // namespace

EMSCRIPTEN_BINDINGS(pixelpipe_composite) {
    emscripten::function("createComposite", &create_composite);
    emscripten::function("measureText", &measure_text);
}

}  // namespace pixelpipe::bindings
