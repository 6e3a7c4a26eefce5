// palette.cpp: generateAndApplyPalette's engine call. The palettes themselves are made in JS
// (js/palette/generate.js); this applies one palette to a stored image:
//   applyPalette(handle, { mode, strength, dither, colors: [[r, g, b], …], weights? }, output?)
//   → { ok: true, format, width, height, data } | { ok: false, code, message }; data encoded per
//   output ({ op: format, ...formatOptions }), RGBA8 when output is null/undefined or 'raw'.
// The request was validated in JS; everything is checked again here (defence in depth), as
// INVALID_ARGUMENT rather than an abort.
#include <emscripten/bind.h>

#include <cmath>
#include <string>
#include <vector>

#include "bindings/marshal.h"
#include "palette/apply_palette.h"
#include "pipeline/image_store.h"

namespace pixelpipe::bindings {
using emscripten::val;

namespace {

bool is_array(const val &v) { return val::global("Array").call<bool>("isArray", v); }
bool is_number(const val &v) { return v.typeOf().as<std::string>() == "number"; }
Status invalid(const std::string &what) { return Status::error(ErrorCode::INVALID_ARGUMENT, "applyPalette: " + what); }

// request[key] as a number, `fallback` when absent; NaN (rejected by apply_palette) when not a number.
float number_or(const val &request, const char *key, float fallback) {
    const val v = request[key];
    if (v.isUndefined() || v.isNull()) return fallback;
    return is_number(v) ? v.as<float>() : std::nanf("");
}

Status colors_from_js(const val &list, std::vector<palette::Rgb8> &out) {
    if (!is_array(list)) return invalid("colors must be an array of [r, g, b]");
    const int n = list["length"].as<int>();
    if (n < 1 || size_t(n) > palette::kMaxPaletteColors) return invalid("colors must have 1..256 entries");
    for (int i = 0; i < n; ++i) {
        const val c = list[i];
        if (!is_array(c) || c["length"].as<int>() < 3) return invalid("colors[" + std::to_string(i) + "] must be [r, g, b]");
        uint8_t rgb[3];
        for (int k = 0; k < 3; ++k) {
            const val v = c[k];
            const double d = is_number(v) ? v.as<double>() : -1;
            if (!(d >= 0 && d <= 255 && d == std::floor(d)))
                return invalid("colors[" + std::to_string(i) + "] must hold integers 0..255");
            rgb[k] = uint8_t(d);
        }
        out.push_back({rgb[0], rgb[1], rgb[2]});
    }
    return Status::ok();
}

Status weights_from_js(const val &list, std::vector<float> &out) {
    if (list.isUndefined() || list.isNull()) return Status::ok();
    if (!is_array(list)) return invalid("weights must be an array of numbers");
    const int n = list["length"].as<int>();
    for (int i = 0; i < n; ++i) out.push_back(is_number(list[i]) ? list[i].as<float>() : std::nanf(""));
    return Status::ok();
}

val apply_palette_js(int handle, val request, val output) {
    const Image *image = pipeline::find_image(handle);
    if (!image) return error_to_js(invalid("unknown image handle " + std::to_string(handle)));
    if (request.typeOf().as<std::string>() != "object" || request.isNull()) return error_to_js(invalid("request must be an object"));
    const val mode_js = request["mode"];
    std::string mode_name = "map";
    if (!mode_js.isUndefined() && !mode_js.isNull()) {
        if (mode_js.typeOf().as<std::string>() != "string") return error_to_js(invalid("mode must be a string"));
        mode_name = mode_js.as<std::string>();
    }
    auto mode = palette::parse_apply_mode(mode_name);
    if (!mode.ok()) return error_to_js(mode.status());
    std::vector<palette::Rgb8> colors;
    Status s = colors_from_js(request["colors"], colors);
    if (!s.is_ok()) return error_to_js(s);
    std::vector<float> weights;
    s = weights_from_js(request["weights"], weights);
    if (!s.is_ok()) return error_to_js(s);
    auto out = palette::apply_palette(*image, colors, mode.value(), number_or(request, "strength", 1.f),
                                      number_or(request, "dither", 0.f), weights);
    if (!out.ok()) return error_to_js(out.status());
    return image_output_to_js(out.value(), output);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pixelpipe_palette) {
    emscripten::function("applyPalette", &apply_palette_js);
}

}  // namespace pixelpipe::bindings
