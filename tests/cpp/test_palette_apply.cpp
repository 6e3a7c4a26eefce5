// test_palette_apply.cpp: palette application checked with formulas written here from their
// specifications (Rec. 709 luma, Ottosson's OKLab in double precision, Reinhard's statistics):
// map keeps each pixel's OKLab lightness (and with black→white is exactly a greyscale), follows
// the palette's chroma dark → light and keeps luma order; quantize without dither leaves only
// palette colours, each the nearest in OKLab; transfer equals Reinhard's formulas evaluated in
// double, moves the image's OKLab mean onto the palette's and its dominant colours closer to the
// palette (CIEDE2000); strength blends; alpha is kept; bad input is INVALID_ARGUMENT.
#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "analysis/quantize.h"
#include "check.h"
#include "codec/decode.h"
#include "color/color.h"
#include "palette/apply_palette.h"
#include "test_images.h"

using namespace pixelpipe;
using palette::ApplyMode;
using palette::Rgb8;

namespace {

// ---- independent references ------------------------------------------------------------------
double ref_luma(const uint8_t *p) { return 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2]; }

struct RefLab { double l, a, b; };
// Ottosson 2020, linear sRGB → OKLab, in double, from the sRGB transfer of IEC 61966-2-1.
RefLab ref_oklab(double r8, double g8, double b8) {
    auto lin = [](double v) { v /= 255; return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const double r = lin(r8), g = lin(g8), b = lin(b8);
    const double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
    const double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
    const double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
    return {0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s, 1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}
RefLab ref_oklab(const uint8_t *p) { return ref_oklab(p[0], p[1], p[2]); }
RefLab ref_oklab(const Rgb8 &c) { return ref_oklab(c.r, c.g, c.b); }
// OKLab → 8-bit sRGB in double, clipped per channel (the inverse of ref_oklab).
void ref_srgb8(const RefLab &c, int out[3]) {
    const double l = std::pow(c.l + 0.3963377774 * c.a + 0.2158037573 * c.b, 3);
    const double m = std::pow(c.l - 0.1055613458 * c.a - 0.0638541728 * c.b, 3);
    const double s = std::pow(c.l - 0.0894841775 * c.a - 1.2914855480 * c.b, 3);
    const double lin[3] = {4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                           -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                           -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
    for (int k = 0; k < 3; ++k) {
        const double v = std::clamp(lin[k], 0.0, 1.0);
        out[k] = int(std::lround(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055)));
    }
}
double dist(const RefLab &x, const RefLab &y) { return std::hypot(x.l - y.l, x.a - y.a, x.b - y.b); }

Image load(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto dec = codec::decode_image(bytes.data(), bytes.size(), Limits{});
    if (!dec.ok()) { std::fprintf(stderr, "cannot load %s\n", path.c_str()); std::abort(); }
    return std::move(dec.value().image);
}

Image apply(const Image &src, const std::vector<Rgb8> &colors, ApplyMode mode, float strength = 1, float dither = 0) {
    auto r = palette::apply_palette(src, colors, mode, strength, dither);
    CHECK(r.ok());
    if (!r.ok()) { std::fprintf(stderr, "%s\n", r.status().message.c_str()); std::abort(); }
    return r.take();
}

size_t pixels(const Image &img) { return size_t(img.width()) * size_t(img.height()); }

// "ocean" from js/palette (a generated palette: background, surface, primary, secondary, accent, text).
const std::vector<Rgb8> kOcean = {{0xd1, 0xed, 0xfa}, {0xaf, 0xd8, 0xeb}, {0x17, 0xad, 0xde},
                                  {0x3e, 0x71, 0xbb}, {0x00, 0x6e, 0x97}, {0x23, 0x30, 0x36}};

// ---- map -------------------------------------------------------------------------------------
void test_map_black_white_is_greyscale(const Image &photo) {
    const Image out = apply(photo, {{255, 255, 255}, {0, 0, 0}}, ApplyMode::Map);
    int worst = 0;
    for (size_t i = 0; i < pixels(photo); ++i) {
        const uint8_t *p = photo.data() + i * 4, *o = out.data() + i * 4;
        const int want = int(std::lround(ref_luma(p)));
        worst = std::max({worst, std::abs(o[0] - want), std::abs(o[1] - want), std::abs(o[2] - want)});
    }
    CHECK(worst <= 1);
}

void test_map_keeps_lightness_and_follows_palette(const Image &photo) {
    const Image out = apply(photo, kOcean, ApplyMode::Map);
    double worst_l = 0;
    std::vector<double> l_by_luma(256, -1);
    bool monotone = true;
    for (size_t i = 0; i < pixels(photo); ++i) {
        const uint8_t *p = photo.data() + i * 4, *o = out.data() + i * 4;
        const double luma = ref_luma(p);
        const long y = std::lround(luma);
        const double grey_l = ref_oklab(double(y), double(y), double(y)).l;
        const double l = ref_oklab(o).l;
        worst_l = std::max(worst_l, std::fabs(l - grey_l));
        if (l_by_luma[size_t(y)] < 0) l_by_luma[size_t(y)] = l;
    }
    CHECK(worst_l < 0.01);   // lightness kept, up to 8-bit rounding of the output
    double prev = -1;
    for (double l : l_by_luma) {
        if (l < 0) continue;
        monotone &= l >= prev - 1e-3;
        prev = l;
    }
    CHECK(monotone);         // luma order kept
    // Stop k of the n L-sorted colours sits at luma 255·k/(n−1) and gives its own OKLab a, b there
    // (checked at k = 1 and n − 2: at luma 0 and 255 only black and white exist). The stop at k = 4
    // is in gamut at its luma's lightness: it keeps its chroma exactly.
    std::vector<Rgb8> sorted = kOcean;
    std::sort(sorted.begin(), sorted.end(), [](const Rgb8 &x, const Rgb8 &y) { return ref_oklab(x).l < ref_oklab(y).l; });
    const int n = int(sorted.size());
    for (int k : {1, n - 2}) {
        const int v = 255 * k / (n - 1);
        Image grey = test_images::to_image(test_images::random_image(1, 1, 1, false));
        std::fill(grey.data(), grey.data() + 3, uint8_t(v));
        const RefLab got = ref_oklab(apply(grey, kOcean, ApplyMode::Map).data()), want = ref_oklab(sorted[size_t(k)]);
        // Same hue; the same chroma unless sRGB has less at this lightness (then only less).
        CHECK_NEAR(std::atan2(got.b, got.a), std::atan2(want.b, want.a), 0.05);
        const double c_got = std::hypot(got.a, got.b), c_want = std::hypot(want.a, want.b);
        CHECK(c_got <= c_want + 0.005 && c_got >= 0.5 * c_want);
        if (k == n - 2) CHECK_NEAR(c_got, c_want, 0.005);
    }
}

// ---- quantize --------------------------------------------------------------------------------
void test_quantize_leaves_only_nearest_palette_colours() {
    const Image src = test_images::to_image(test_images::random_image(97, 61, 3, true));
    const Image out = apply(src, kOcean, ApplyMode::Quantize);
    bool only_palette = true, alpha_kept = true, nearest = true;
    for (size_t i = 0; i < pixels(src); ++i) {
        const uint8_t *p = src.data() + i * 4, *o = out.data() + i * 4;
        double best = 1e9, got = -1;
        for (const Rgb8 &c : kOcean) {
            const double d = dist(ref_oklab(p), ref_oklab(c));
            best = std::min(best, d);
            if (c.r == o[0] && c.g == o[1] && c.b == o[2]) got = d;
        }
        only_palette &= got >= 0;
        nearest &= got >= 0 && got <= best + 0.01;   // the quantizer's mapping cache is exact to half a cell
        alpha_kept &= o[3] == p[3];
    }
    CHECK(only_palette);
    CHECK(nearest);
    CHECK(alpha_kept);
    // Dithered: still only palette colours, but not the same image.
    const Image dithered = apply(src, kOcean, ApplyMode::Quantize, 1, 1);
    std::set<uint32_t> seen;
    for (size_t i = 0; i < pixels(src); ++i) {
        const uint8_t *o = dithered.data() + i * 4;
        seen.insert(uint32_t(o[0]) << 16 | uint32_t(o[1]) << 8 | o[2]);
    }
    CHECK(seen.size() <= kOcean.size());
    CHECK(!std::equal(out.data(), out.data() + out.size_bytes(), dithered.data()));
}

// ---- transfer and the dominant colours --------------------------------------------------------
RefLab mean_lab(const Image &img) {
    RefLab m{0, 0, 0};
    for (size_t i = 0; i < pixels(img); ++i) {
        const RefLab c = ref_oklab(img.data() + i * 4);
        m.l += c.l; m.a += c.a; m.b += c.b;
    }
    const double n = double(pixels(img));
    return {m.l / n, m.a / n, m.b / n};
}

// Mean over the image's 6 dominant colours of the CIEDE2000 to the nearest palette colour.
double dominant_delta_e(const Image &img, const std::vector<Rgb8> &pal) {
    analysis::QuantizeOptions opt;
    opt.max_colors = 6;
    auto dom = analysis::extract_palette(img, opt);
    CHECK(dom.ok());
    double sum = 0;
    for (const auto &d : dom.value()) {
        double best = 1e9;
        for (const Rgb8 &c : pal)
            best = std::min(best, double(color::ciede2000(color::srgb8_to_cielab(d.r, d.g, d.b), color::srgb8_to_cielab(c.r, c.g, c.b))));
        sum += best;
    }
    return sum / double(dom.value().size());
}

// Reinhard et al. 2001 written out in double on a small image (every pixel counted): per OKLab
// channel x' = (x − μ_img)·clamp(σ_pal/σ_img, 1/4, 4) + μ_pal, palette colours weighted equally.
void test_transfer_matches_reinhard_reference() {
    const Image src = test_images::to_image(test_images::random_image(83, 57, 5, false));
    const size_t n = pixels(src);
    double mean_i[3] = {0, 0, 0}, sd_i[3] = {0, 0, 0}, mean_p[3] = {0, 0, 0}, sd_p[3] = {0, 0, 0};
    auto channels = [](const RefLab &c) { return std::array<double, 3>{c.l, c.a, c.b}; };
    for (size_t i = 0; i < n; ++i) { auto v = channels(ref_oklab(src.data() + i * 4)); for (int k = 0; k < 3; ++k) mean_i[k] += v[size_t(k)] / double(n); }
    for (size_t i = 0; i < n; ++i) { auto v = channels(ref_oklab(src.data() + i * 4)); for (int k = 0; k < 3; ++k) sd_i[k] += std::pow(v[size_t(k)] - mean_i[k], 2) / double(n); }
    for (const Rgb8 &c : kOcean) { auto v = channels(ref_oklab(c)); for (int k = 0; k < 3; ++k) mean_p[k] += v[size_t(k)] / 6; }
    for (const Rgb8 &c : kOcean) { auto v = channels(ref_oklab(c)); for (int k = 0; k < 3; ++k) sd_p[k] += std::pow(v[size_t(k)] - mean_p[k], 2) / 6; }
    const Image out = apply(src, kOcean, ApplyMode::Transfer);
    int worst = 0;
    for (size_t i = 0; i < n; ++i) {
        auto v = channels(ref_oklab(src.data() + i * 4));
        double t[3];
        for (int k = 0; k < 3; ++k) {
            const double ratio = std::clamp(std::sqrt(sd_p[k]) / std::sqrt(sd_i[k]), 0.25, 4.0);
            t[k] = (v[size_t(k)] - mean_i[k]) * ratio + mean_p[k];
        }
        int want[3];
        ref_srgb8({t[0], t[1], t[2]}, want);
        for (int k = 0; k < 3; ++k) worst = std::max(worst, std::abs(int(out.data()[i * 4 + size_t(k)]) - want[k]));
    }
    std::printf("transfer vs double-precision Reinhard reference: max difference %d levels\n", worst);
    CHECK(worst <= 1);
}

void test_transfer_moves_statistics_to_palette(const Image &photo) {
    const Image out = apply(photo, kOcean, ApplyMode::Transfer);
    RefLab target{0, 0, 0};
    for (const Rgb8 &c : kOcean) { const RefLab x = ref_oklab(c); target.l += x.l / 6; target.a += x.a / 6; target.b += x.b / 6; }
    const RefLab before = mean_lab(photo), after = mean_lab(out);
    CHECK(dist(after, target) < 0.25 * dist(before, target));
    CHECK(dist(after, target) < 0.02);   // up to clipping into sRGB
    const double de_before = dominant_delta_e(photo, kOcean);
    for (ApplyMode mode : {ApplyMode::Transfer, ApplyMode::Map}) {
        const double de_after = dominant_delta_e(apply(photo, kOcean, mode), kOcean);
        std::printf("dominant colours → palette, mean CIEDE2000: before %.1f, after %s %.1f\n", de_before,
                    mode == ApplyMode::Map ? "map" : "transfer", de_after);
        CHECK(de_after < 0.7 * de_before);
    }
}

// ---- strength, alpha, errors ------------------------------------------------------------------
void test_strength_blends_and_alpha_is_kept() {
    const Image src = test_images::to_image(test_images::random_image(64, 48, 9, true));
    for (ApplyMode mode : {ApplyMode::Map, ApplyMode::Transfer, ApplyMode::Quantize}) {
        const Image none = apply(src, kOcean, mode, 0);
        CHECK(std::equal(src.data(), src.data() + src.size_bytes(), none.data()));
        const Image full = apply(src, kOcean, mode, 1), half = apply(src, kOcean, mode, 0.5f);
        bool between = true;
        for (size_t i = 0; i < src.size_bytes(); ++i) {
            const double want = (i % 4 == 3) ? src.data()[i] : 0.5 * (src.data()[i] + full.data()[i]);
            between &= std::fabs(half.data()[i] - want) <= 1.0;
        }
        CHECK(between);
    }
}

void test_bad_input_is_invalid_argument() {
    const Image src = test_images::to_image(test_images::random_image(8, 8, 1, false));
    auto code = [](const Result<Image> &r) { return r.status().code; };
    const auto bad = ErrorCode::INVALID_ARGUMENT;
    CHECK(code(palette::apply_palette(src, {}, ApplyMode::Map, 1, 0)) == bad);
    CHECK(code(palette::apply_palette(src, std::vector<Rgb8>(257), ApplyMode::Map, 1, 0)) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Map, -0.1f, 0)) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Map, 1.5f, 0)) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Map, std::nanf(""), 0)) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Quantize, 1, 2)) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Transfer, 1, 0, {1, 2})) == bad);
    CHECK(code(palette::apply_palette(src, kOcean, ApplyMode::Transfer, 1, 0, std::vector<float>(6, 0.f))) == bad);
    CHECK(code(palette::apply_palette(Image(), kOcean, ApplyMode::Map, 1, 0)) == bad);
    CHECK(palette::parse_apply_mode("map").ok() && palette::parse_apply_mode("quantize").ok());
    CHECK(palette::parse_apply_mode("posterize").status().code == bad);
    // One colour and a grey palette work (no division by a zero spread).
    CHECK(palette::apply_palette(src, {{200, 10, 10}}, ApplyMode::Transfer, 1, 0).ok());
    CHECK(palette::apply_palette(src, {{200, 10, 10}}, ApplyMode::Map, 1, 0).ok());
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    const Image photo = load(root + "/photos/kodim23.png");
    test_map_black_white_is_greyscale(photo);
    test_map_keeps_lightness_and_follows_palette(photo);
    test_quantize_leaves_only_nearest_palette_colours();
    test_transfer_matches_reinhard_reference();
    test_transfer_moves_statistics_to_palette(photo);
    test_strength_blends_and_alpha_is_kept();
    test_bad_input_is_invalid_argument();
    return check_summary();
}
