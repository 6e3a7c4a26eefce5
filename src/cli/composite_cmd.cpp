// composite_cmd.cpp: see composite_cmd.h. JSON via Debian's nlohmann-json3-dev (native only).
#include "cli/composite_cmd.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <list>
#include <map>

#include "cli/cli_io.h"
#include "composite/composite.h"
#include "composite/text.h"

namespace pixelpipe::cli {
namespace {

using nlohmann::json;
using composite::Layer;
using composite::LayerKind;

Status bad(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

// The inputs a request refers to, kept alive (and at fixed addresses) while it runs.
struct Inputs {
    std::string folder;
    std::list<Image> images;
    std::list<std::vector<uint8_t>> fonts;
    Limits limits;

    std::string path(const std::string &p) const { return p.empty() || p[0] == '/' ? p : folder + p; }
    Result<const Image *> image(const std::string &p) {
        auto r = load_image_file(path(p), limits);
        if (!r.ok()) return r.status();
        images.push_back(r.take());
        return &images.back();
    }
    Result<const std::vector<uint8_t> *> font(const std::string &p) {
        fonts.emplace_back();
        if (!read_file(path(p).c_str(), fonts.back())) return bad("cannot read " + path(p));
        return &fonts.back();
    }
};

Result<composite::Rgba8> color_of(const json &j, const std::string &field) {
    if (!j.is_array() || j.size() != 4) return bad(field + ": colours are [r, g, b, a] arrays of 0..255");
    composite::Rgba8 c;
    for (int i = 0; i < 4; ++i) {
        if (!j[i].is_number()) return bad(field + ": colours are [r, g, b, a] arrays of 0..255");
        c[i] = uint8_t(std::min(255.0, std::max(0.0, j[i].get<double>() + 0.5)));
    }
    return c;
}

// {"op": "...", key: number | bool | string | (nested) number array} → OpSpec (op_spec.h layout).
void flatten(const json &v, const std::string &key, ops::OpSpec &op) {
    if (v.is_number()) op.num[key] = v.get<double>();
    else if (v.is_boolean()) op.num[key] = v.get<bool>() ? 1 : 0;
    else if (v.is_string()) op.str[key] = v.get<std::string>();
    else if (v.is_array()) {
        size_t i = 0;
        std::vector<double> flat;
        std::function<void(const json &)> walk = [&](const json &a) {
            for (const auto &e : a) e.is_array() ? walk(e) : flat.push_back(e.is_number() ? e.get<double>() : 0);
        };
        walk(v);
        for (double d : flat) op.num[key + "." + std::to_string(i++)] = d;
    }
}

Status parse_layer(const json &j, Inputs &in, Layer &l) {
    auto num = [&](const char *k, double fallback) { return j.contains(k) && j[k].is_number() ? j[k].get<double>() : fallback; };
    auto str = [&](const char *k, const std::string &fallback) {
        return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : fallback;
    };
    if (j.contains("image")) {
        l.kind = LayerKind::Image;
        auto img = in.image(str("image", ""));
        if (!img.ok()) return Status::error(img.status().code, "image: " + img.status().message);
        l.image = img.value();
    } else if (j.contains("text")) {
        l.kind = LayerKind::Text;
        l.text.text = str("text", "");
        auto font = in.font(str("font", ""));
        if (!font.ok()) return Status::error(font.status().code, "font: " + font.status().message);
        l.text.font = font.value()->data();
        l.text.font_size = font.value()->size();
        l.text.size = num("size", 16);
        l.text.max_width = num("maxWidth", 0);
        l.text.line_height = num("lineHeight", 1.2);
        const std::string align = str("align", "left");
        if (align != "left" && align != "center" && align != "right") return bad("align: must be left, center or right");
        l.text.align = align == "center" ? composite::TextAlign::Center
                       : align == "right" ? composite::TextAlign::Right : composite::TextAlign::Left;
    } else if (j.contains("gradient")) {
        l.kind = LayerKind::Gradient;
        const json &g = j["gradient"];
        l.gradient.radial = g.value("type", "linear") == "radial";
        l.gradient.angle = g.value("angle", 180.0);
        if (g.contains("center") && g["center"].is_array() && g["center"].size() == 2) {
            l.gradient.center_x = g["center"][0].get<double>();
            l.gradient.center_y = g["center"][1].get<double>();
        }
        l.gradient.radius = g.value("radius", double(NAN));
        for (const auto &s : g.value("stops", json::array())) {
            if (!s.is_array() || s.size() != 2 || !s[0].is_number()) return bad("gradient: stops are [[offset, color], ...]");
            auto c = color_of(s[1], "gradient");
            if (!c.ok()) return c.status();
            l.gradient.stops.push_back({s[0].get<double>(), c.value()});
        }
    } else if (j.contains("color")) {
        l.kind = LayerKind::Solid;
    } else {
        return bad("kind: a layer needs image, text, gradient or color");
    }
    if (j.contains("color")) {
        auto c = color_of(j["color"], "color");
        if (!c.ok()) return c.status();
        l.color = c.value();
    }
    l.x = num("x", 0);
    l.y = num("y", 0);
    l.width = int(num("width", 0));
    l.height = int(num("height", 0));
    l.fit = str("fit", "");
    l.opacity = num("opacity", 1);
    l.rotate = num("rotate", 0);
    auto mode = composite::parse_blend_mode(str("blendMode", "normal"));
    if (!mode.ok()) return mode.status();
    l.blend = mode.value();
    if (j.contains("mask")) {
        auto m = in.image(str("mask", ""));
        if (!m.ok()) return Status::error(m.status().code, "mask: " + m.status().message);
        l.mask = m.value();
        const std::string mm = str("maskMode", "luminance");
        if (mm != "luminance" && mm != "alpha") return bad("maskMode: must be luminance or alpha");
        l.mask_mode = mm == "alpha" ? composite::MaskMode::Alpha : composite::MaskMode::Luminance;
    }
    for (const auto &step : j.value("transforms", json::array())) {
        ops::OpSpec op;
        op.op = step.value("op", step.value("type", ""));
        for (auto it = step.begin(); it != step.end(); ++it)
            if (it.key() != "op") flatten(it.value(), it.key(), op);
        l.steps.push_back(std::move(op));
    }
    return Status::ok();
}

Result<json> read_json(const char *path) {
    std::vector<uint8_t> bytes;
    if (!read_file(path, bytes)) return bad(std::string("cannot read ") + path);
    json j = json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) return bad(std::string(path) + " is not a JSON object");
    return j;
}

}  // namespace

int cmd_composite(int argc, char **argv) {
    auto req_json = read_json(argv[2]);
    if (!req_json.ok()) return fail(req_json.status());
    const json &j = req_json.value();
    int repeat = 1;
    for (int i = 4; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--repeat") repeat = std::max(1, std::atoi(argv[i + 1]));
    Inputs in;
    const std::string req_path = argv[2];
    const size_t slash = req_path.rfind('/');
    in.folder = slash == std::string::npos ? "" : req_path.substr(0, slash + 1);
    composite::CompositeRequest req;
    req.width = j.value("width", 0);
    req.height = j.value("height", 0);
    if (j.contains("background")) {
        auto c = color_of(j["background"], "backgroundColor");
        if (!c.ok()) return fail(c.status());
        req.background = c.value();
    }
    const json layers = j.value("layers", json::array());
    for (size_t i = 0; i < layers.size(); ++i) {
        Layer l;
        Status s = parse_layer(layers[i], in, l);
        if (!s.is_ok()) return fail(s, "layer " + std::to_string(i));
        req.layers.push_back(std::move(l));
    }
    Result<Image> out = Status::error(ErrorCode::INTERNAL, "not run");
    double best_ms = 1e300;
    for (int r = 0; r < repeat; ++r) {  // --repeat: benchmarks report the best time
        const auto t0 = std::chrono::steady_clock::now();
        out = composite::create_composite(req, in.limits);
        best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        if (!out.ok()) break;
    }
    if (!out.ok()) {
        const Status &s = out.status();
        return fail(s, s.variant >= 0 ? "layer " + std::to_string(s.variant) : "");
    }
    if (!write_ppraw(argv[3], out.value())) {
        std::fprintf(stderr, "cannot write %s\n", argv[3]);
        return 64;
    }
    std::printf("{\"width\":%d,\"height\":%d,\"bestMs\":%.3f}\n", out.value().width(), out.value().height(), best_ms);
    return 0;
}

int cmd_measure_text(int argc, char **argv) {
    (void)argc;
    std::vector<uint8_t> font;
    if (!read_file(argv[2], font)) return fail(bad(std::string("font: cannot read ") + argv[2]));
    composite::TextStyle st;
    st.font = font.data();
    st.font_size = font.size();
    st.size = std::atof(argv[3]);
    st.max_width = std::atof(argv[4]);
    st.line_height = std::atof(argv[5]);
    st.text = argv[6];
    auto m = composite::measure_text(st);
    if (!m.ok()) return fail(m.status());
    json out = {{"boxWidth", m.value().box_width}, {"boxHeight", m.value().box_height}, {"lines", json::array()}};
    for (const auto &line : m.value().lines)
        out["lines"].push_back({{"text", line.text}, {"width", line.width}, {"x", line.x}, {"baseline", line.baseline}});
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

}  // namespace pixelpipe::cli
