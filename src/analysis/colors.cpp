// colors.cpp: dominant colour, palette, average, colorfulness and the histogram/stats objects.
#include "analysis/colors.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <cstdio>

#include "HalideBuffer.h"
#include "analysis/quantize.h"
#include "color/color.h"

namespace pixelpipe::analysis {
namespace {

struct NamedColour {
    const char *name;
    int r, g, b;
};
const NamedColour kNames[] = {
#include "analysis/css_color_names.inc"
};

void write_hist_array(JsonWriter &json, const char *key, const Hist256 &h) {
    json.key(key).begin_array();
    for (int64_t n : h) json.integer(n);
    json.end_array();
}

void write_rgb(JsonWriter &json, uint8_t r, uint8_t g, uint8_t b) {
    json.key("hex").string(hex_of(r, g, b));
    json.key("rgb").begin_array().integer(r).integer(g).integer(b).end_array();
}

}  // namespace

std::string hex_of(uint8_t r, uint8_t g, uint8_t b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", r, g, b);
    return buf;
}

const char *nearest_css_name(uint8_t r, uint8_t g, uint8_t b) {
    const color::Lab lab = color::srgb8_to_cielab(r, g, b);
    const char *best = kNames[0].name;
    float bd = 1e9f;
    for (const NamedColour &n : kNames) {
        const float d = color::ciede2000(lab, color::srgb8_to_cielab(uint8_t(n.r), uint8_t(n.g), uint8_t(n.b)));
        if (d < bd) { bd = d; best = n.name; }
    }
    return best;
}

double colorfulness(const Histograms &h) {
    const double n = double(h.count);
    if (n == 0) return 0.0;
    const ColorMoments &m = h.moments;
    const double mrg = double(m.rg) / n, myb = double(m.yb2) / n / 2.0;
    const double vrg = std::max(0.0, double(m.rg2) / n - mrg * mrg);
    const double vyb = std::max(0.0, double(m.yb2_sq) / n / 4.0 - myb * myb);
    return std::sqrt(vrg + vyb) + 0.3 * std::sqrt(mrg * mrg + myb * myb);
}

void write_colors(JsonWriter &json, const std::vector<PaletteEntry> &palette, const Histograms &h) {
    const ChannelStats r = channel_stats(h.r), g = channel_stats(h.g), b = channel_stats(h.b);

    json.key("colors").begin_object();
    json.key("dominant");
    if (palette.empty()) {
        json.null();  // fully transparent: no colour to speak of
    } else {
        const PaletteEntry &d = palette[0];
        json.begin_object();
        write_rgb(json, d.r, d.g, d.b);
        json.field("proportion", d.proportion).field("name", std::string(nearest_css_name(d.r, d.g, d.b)));
        json.end_object();
    }
    json.key("average");
    if (h.count == 0) {
        json.null();
    } else {
        json.begin_object();
        // Mean of the 8-bit sRGB codes (as sharp's stats().channels[].mean), rounded.
        write_rgb(json, color::to_u8(float(r.mean / 255)), color::to_u8(float(g.mean / 255)), color::to_u8(float(b.mean / 255)));
        json.end_object();
    }
    json.key("palette").begin_array();
    for (const PaletteEntry &e : palette) {
        const color::Lch lch = color::oklab_to_oklch(color::srgb8_to_oklab(e.r, e.g, e.b));
        json.begin_object();
        write_rgb(json, e.r, e.g, e.b);
        json.key("oklch").begin_array().number(lch.l).number(lch.c).number(lch.h).end_array();
        json.field("proportion", e.proportion);
        json.end_object();
    }
    json.end_array();
    json.field("colorfulness", colorfulness(h));
    json.key("histogram").begin_object();
    write_hist_array(json, "r", h.r);
    write_hist_array(json, "g", h.g);
    write_hist_array(json, "b", h.b);
    write_hist_array(json, "luma", h.luma);
    json.end_object();
    json.end_object();
}

void write_histogram(JsonWriter &json, const Histograms &all) {
    json.key("histogram").begin_object();
    write_hist_array(json, "r", all.r);
    write_hist_array(json, "g", all.g);
    write_hist_array(json, "b", all.b);
    write_hist_array(json, "a", all.a);
    write_hist_array(json, "luma", all.luma);
    json.end_object();
}

void write_stats(JsonWriter &json, const Histograms &all) {
    json.key("stats").begin_object().key("channels").begin_array();
    for (const Hist256 *hist : {&all.r, &all.g, &all.b, &all.a}) {
        const ChannelStats s = channel_stats(*hist);
        json.begin_object().field_int("min", s.min).field_int("max", s.max).field("mean", s.mean).field("stdev", s.stdev).end_object();
    }
    json.end_array();
    json.key("isOpaque").boolean(all.a[255] == all.count);
    json.end_object();
}

}  // namespace pixelpipe::analysis
