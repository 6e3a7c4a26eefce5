// apply_palette.cpp: validation, the three modes, and the strength blend (see apply_palette.h).
#include "palette/apply_palette.h"

#include <algorithm>
#include <cmath>

#include "analysis/quantize.h"
#include "color/color.h"
#include "palette/blend.h"
#include "palette/gradient_map.h"
#include "pp_color_transfer.h"

namespace pixelpipe::palette {
namespace {

Status invalid(const std::string &what) { return Status::error(ErrorCode::INVALID_ARGUMENT, what); }

struct Stats {
    double mean[3] = {0, 0, 0};
    double sd[3] = {0, 0, 0};
};

// OKLab mean and standard deviation of the non-transparent pixels, on at most ~2^18 samples taken
// at a fixed stride (deterministic; the statistics of a 12 MP photo move < 0.001 in L).
Stats image_stats(const Image &src) {
    const size_t n = size_t(src.width()) * size_t(src.height());
    const size_t stride = std::max<size_t>(1, n >> 18);
    double sum[3] = {0, 0, 0}, sum2[3] = {0, 0, 0}, count = 0;
    for (size_t i = 0; i < n; i += stride) {
        const uint8_t *p = src.data() + i * 4;
        if (p[3] == 0) continue;
        const color::Lab lab = color::srgb8_to_oklab(p[0], p[1], p[2]);
        const double v[3] = {lab.l, lab.a, lab.b};
        for (int k = 0; k < 3; ++k) { sum[k] += v[k]; sum2[k] += v[k] * v[k]; }
        count += 1;
    }
    Stats s;
    if (count == 0) return s;
    for (int k = 0; k < 3; ++k) {
        s.mean[k] = sum[k] / count;
        s.sd[k] = std::sqrt(std::max(0.0, sum2[k] / count - s.mean[k] * s.mean[k]));
    }
    return s;
}

Stats palette_stats(const std::vector<Rgb8> &colors, const std::vector<float> &weights) {
    double sum[3] = {0, 0, 0}, sum2[3] = {0, 0, 0}, total = 0;
    for (size_t i = 0; i < colors.size(); ++i) {
        const double w = weights.empty() ? 1.0 : weights[i];
        const color::Lab lab = color::srgb8_to_oklab(colors[i].r, colors[i].g, colors[i].b);
        const double v[3] = {lab.l, lab.a, lab.b};
        for (int k = 0; k < 3; ++k) { sum[k] += w * v[k]; sum2[k] += w * v[k] * v[k]; }
        total += w;
    }
    Stats s;
    for (int k = 0; k < 3; ++k) {
        s.mean[k] = sum[k] / total;
        s.sd[k] = std::sqrt(std::max(0.0, sum2[k] / total - s.mean[k] * s.mean[k]));
    }
    return s;
}

// Reinhard et al. 2001, eq. (8)–(10) in OKLab: x' = (x − μ_src)·σ_pal/σ_src + μ_pal per channel,
// applied by the Halide pipeline pp_color_transfer. The σ ratio is limited to [1/4, 4]: a palette
// of one colour (σ = 0) would otherwise flatten the image into that colour, and a flat image
// (σ_src ≈ 0) would explode its noise.
Status transfer(const Image &src, const std::vector<Rgb8> &colors, const std::vector<float> &weights, int s256,
                Image &out) {
    const Stats from = image_stats(src), to = palette_stats(colors, weights);
    float scale[3], shift[3];
    for (int k = 0; k < 3; ++k) {
        const double ratio = from.sd[k] > 1e-6 ? std::clamp(to.sd[k] / from.sd[k], 0.25, 4.0) : 1.0;
        scale[k] = float(ratio);
        shift[k] = float(to.mean[k] - from.mean[k] * ratio);
    }
    auto in_buf = src.view();
    auto out_buf = out.view();
    const int err = pp_color_transfer(in_buf, scale[0], scale[1], scale[2], shift[0], shift[1], shift[2], s256, out_buf);
    return halide_status("pp_color_transfer", err);
}

Status quantize(const Image &src, const std::vector<Rgb8> &colors, float dither, int s256, Image &out) {
    std::vector<analysis::PaletteEntry> entries(colors.size());
    for (size_t i = 0; i < colors.size(); ++i) {
        entries[i].r = colors[i].r;
        entries[i].g = colors[i].g;
        entries[i].b = colors[i].b;
    }
    auto idx = analysis::map_to_palette(src, entries, dither);
    if (!idx.ok()) return idx.status();
    const size_t n = size_t(src.width()) * size_t(src.height());
    for (size_t i = 0; i < n; ++i) {
        const analysis::PaletteEntry &e = entries[idx.value()[i]];
        const uint8_t target[3] = {e.r, e.g, e.b};
        blend_pixel(src.data() + i * 4, target, out.data() + i * 4, s256);
    }
    return Status::ok();
}

}  // namespace

Result<ApplyMode> parse_apply_mode(const std::string &name) {
    if (name == "map") return ApplyMode::Map;
    if (name == "transfer") return ApplyMode::Transfer;
    if (name == "quantize") return ApplyMode::Quantize;
    return invalid("palette mode must be 'map', 'transfer' or 'quantize', got '" + name + "'");
}

Result<Image> apply_palette(const Image &src, const std::vector<Rgb8> &colors, ApplyMode mode, float strength,
                            float dither, const std::vector<float> &weights) {
    if (src.empty()) return invalid("apply_palette: empty image");
    if (colors.empty() || colors.size() > kMaxPaletteColors)
        return invalid("palette must have 1.." + std::to_string(kMaxPaletteColors) + " colours, got " +
                       std::to_string(colors.size()));
    if (!(strength >= 0.f && strength <= 1.f)) return invalid("strength must be a number 0..1");
    if (!(dither >= 0.f && dither <= 1.f)) return invalid("dither must be a number 0..1");
    if (!weights.empty()) {
        if (weights.size() != colors.size()) return invalid("palette weights must be one per colour");
        float total = 0;
        for (float w : weights) {
            if (!(w >= 0.f && std::isfinite(w))) return invalid("palette weights must be finite and >= 0");
            total += w;
        }
        if (!(total > 0.f)) return invalid("palette weights must not all be 0");
    }
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    const int s256 = int(std::lround(strength * 256.f));
    switch (mode) {
    case ApplyMode::Map: {
        Status s = apply_gradient_map(src, build_gradient_map(colors), s256, out.value());
        if (!s.is_ok()) return s;
        break;
    }
    case ApplyMode::Transfer: {
        Status s = transfer(src, colors, weights, s256, out.value());
        if (!s.is_ok()) return s;
        break;
    }
    case ApplyMode::Quantize: {
        Status s = quantize(src, colors, dither, s256, out.value());
        if (!s.is_ok()) return s;
        break;
    }
    }
    return out;
}

}  // namespace pixelpipe::palette
