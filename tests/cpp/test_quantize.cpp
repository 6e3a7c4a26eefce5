// test_quantize.cpp: the quantizer against images whose answer is known by construction:
// k = 2…12 flat colours with unequal areas come back (CIEDE2000 < 2, itself checked against
// Sharma's table in test_color_science) with their area shares (±2 %); transparent pixels are not
// counted; mapping returns each pixel's own colour, and on a photo the brute-force nearest entry
// (within the cache's half-cell error); Floyd–Steinberg on flat grey between black and white
// yields white in the share 128/255 (error diffusion preserves the mean).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "analysis/quantize.h"
#include "analysis/quantize_space.h"
#include "check.h"
#include "codec/decode.h"
#include "color/color.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace pixelpipe::analysis;

namespace {

struct Rgb8 { uint8_t r, g, b; };
// Twelve colours far apart in CIELAB (every pair > 15 ΔE00).
const Rgb8 kColours[12] = {{230, 25, 75}, {60, 180, 75}, {255, 225, 25}, {0, 130, 200}, {245, 130, 48}, {145, 30, 180},
                           {70, 240, 240}, {240, 50, 230}, {250, 190, 212}, {0, 128, 128}, {128, 64, 0}, {20, 20, 20}};

float delta_e(Rgb8 x, const PaletteEntry &e) {
    return color::ciede2000(color::srgb8_to_cielab(x.r, x.g, x.b), color::srgb8_to_cielab(e.r, e.g, e.b));
}

// Colour i covers rows in proportion to (i + 1); a band of transparent pixels (random colours) too.
Image bands(int k, int w, int h, bool transparent_band, std::vector<double> &shares, std::vector<int> &band_of_row) {
    Image img = test_images::to_image(test_images::random_image(w, h, 7, false));
    const int opaque_h = transparent_band ? h - h / 5 : h;
    int total = 0;
    for (int i = 0; i < k; ++i) total += i + 1;
    band_of_row.assign(size_t(h), -1);
    shares.assign(size_t(k), 0);
    int y = 0;
    for (int i = 0; i < k; ++i) {
        const int rows = i == k - 1 ? opaque_h - y : opaque_h * (i + 1) / total;
        for (int r = 0; r < rows; ++r, ++y) {
            band_of_row[size_t(y)] = i;
            for (int x = 0; x < w; ++x) {
                uint8_t *p = img.row(y) + x * 4;
                p[0] = kColours[i].r; p[1] = kColours[i].g; p[2] = kColours[i].b; p[3] = 255;
            }
        }
        shares[size_t(i)] = double(rows) / opaque_h;
    }
    for (; y < h; ++y)
        for (int x = 0; x < w; ++x) img.row(y)[x * 4 + 3] = 0;
    return img;
}

void test_known_colours() {
    for (int k = 2; k <= 12; ++k)
        for (int extra : {0, 4}) {  // asked for exactly k, and for more than the image has
            std::vector<double> shares;
            std::vector<int> band_of_row;
            const Image img = bands(k, 301, 499, true, shares, band_of_row);
            QuantizeOptions opt;
            opt.max_colors = k + extra;
            opt.max_samples = 50000;  // sampled, as on large images
            auto pal = extract_palette(img, opt);
            CHECK(pal.ok());
            CHECK(int(pal.value().size()) == k);
            for (int i = 0; i < k; ++i) {
                float best = 1e9f;
                double share = -1;
                for (const PaletteEntry &e : pal.value())
                    if (delta_e(kColours[i], e) < best) { best = delta_e(kColours[i], e); share = e.proportion; }
                CHECK(best < 2.0f);
                CHECK_NEAR(share, shares[size_t(i)], 0.02);
            }
            for (size_t i = 1; i < pal.value().size(); ++i)
                CHECK(pal.value()[i - 1].proportion >= pal.value()[i].proportion);

            auto idx = map_to_palette(img, pal.value(), 0.f);
            CHECK(idx.ok());
            int wrong = 0;
            for (int y = 0; y < img.height(); ++y) {
                const int band = band_of_row[size_t(y)];
                if (band < 0) continue;
                for (int x = 0; x < img.width(); ++x)
                    if (delta_e(kColours[band], pal.value()[idx.value()[size_t(y) * 301 + size_t(x)]]) >= 2.0f) ++wrong;
            }
            CHECK(wrong == 0);
        }
}

void test_degenerate_images() {
    QuantizeOptions opt;
    opt.max_colors = 6;
    Image white = test_images::to_image(test_images::random_image(40, 30, 1, false));
    for (size_t i = 0; i < white.size_bytes(); ++i) white.data()[i] = 255;
    auto pal = extract_palette(white, opt);
    CHECK(pal.ok() && pal.value().size() == 1);
    CHECK(pal.value()[0].r == 255 && pal.value()[0].g == 255 && pal.value()[0].b == 255);
    CHECK_NEAR(pal.value()[0].proportion, 1.0, 1e-12);

    for (size_t i = 3; i < white.size_bytes(); i += 4) white.data()[i] = 0;  // fully transparent
    pal = extract_palette(white, opt);
    CHECK(pal.ok() && pal.value().empty());
    opt.include_alpha = true;  // with alpha, transparency is one entry
    pal = extract_palette(white, opt);
    CHECK(pal.ok() && pal.value().size() == 1 && pal.value()[0].a == 0);

    opt.max_colors = 0;
    CHECK(extract_palette(white, opt).status().code == ErrorCode::INVALID_ARGUMENT);
    opt.max_colors = 257;
    CHECK(extract_palette(white, opt).status().code == ErrorCode::INVALID_ARGUMENT);
    CHECK(map_to_palette(white, {}, 0.f).status().code == ErrorCode::INVALID_ARGUMENT);
    CHECK(map_to_palette(white, {PaletteEntry{}}, 1.5f).status().code == ErrorCode::INVALID_ARGUMENT);
    CHECK(map_to_palette(white, {PaletteEntry{}}, std::nanf("")).status().code == ErrorCode::INVALID_ARGUMENT);
}

void test_alpha_palette() {
    // Half opaque red, a quarter half-transparent blue, a quarter fully transparent.
    Image img = test_images::to_image(test_images::random_image(64, 64, 3, false));
    for (int y = 0; y < 64; ++y)
        for (int x = 0; x < 64; ++x) {
            uint8_t *p = img.row(y) + x * 4;
            if (y < 32) { p[0] = 255; p[1] = 0; p[2] = 0; p[3] = 255; }
            else if (y < 48) { p[0] = 0; p[1] = 0; p[2] = 255; p[3] = 128; }
            else p[3] = 0;
        }
    QuantizeOptions opt;
    opt.include_alpha = true;
    opt.max_colors = 8;
    auto pal = extract_palette(img, opt);
    CHECK(pal.ok() && pal.value().size() == 3);
    const auto &e = pal.value();
    CHECK(e[0].r == 255 && e[0].a == 255);
    CHECK_NEAR(e[0].proportion, 0.5, 1e-9);
    CHECK_NEAR(e[1].proportion, 0.25, 1e-9);
    CHECK_NEAR(e[2].proportion, 0.25, 1e-9);
    auto idx = map_to_palette(img, pal.value(), 0.f);
    CHECK(idx.ok());
    for (int y = 0; y < 64; ++y) {
        const PaletteEntry &got = e[idx.value()[size_t(y) * 64 + 17]];
        CHECK(got.a == (y < 32 ? 255 : y < 48 ? 128 : 0));
    }
}

Result<codec::DecodedImage> load_photo(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    return codec::decode_image(bytes.data(), bytes.size(), Limits{});
}

void test_map_is_nearest_on_photo(const std::string &root) {
    auto dec = load_photo(root + "/photos/kodim23.png");
    CHECK(dec.ok());
    if (!dec.ok()) return;
    const Image &img = dec.value().image;
    QuantizeOptions opt;
    opt.max_colors = 256;
    auto pal = extract_palette(img, opt);
    CHECK(pal.ok() && pal.value().size() > 200);
    auto idx = map_to_palette(img, pal.value(), 0.f);
    CHECK(idx.ok());
    std::vector<Point> centres;
    for (const PaletteEntry &e : pal.value()) centres.push_back(to_point(e.r, e.g, e.b, 255));
    // The cache answers for its cell's middle colour: the chosen entry may be farther than the
    // true nearest, by less than OKLab's just-noticeable difference (~0.02; measured max 0.014).
    // Black must map exactly (the reason the cells are even in lightness, not in code values).
    double worst = 0;
    const size_t n = size_t(img.width()) * size_t(img.height());
    for (size_t i = 0; i < n; i += 97) {
        const uint8_t *p = img.data() + i * 4;
        const Point q = to_point(p[0], p[1], p[2], 255);
        const double best = std::sqrt(distance2(centres[size_t(nearest(centres, q))], q));
        const double got = std::sqrt(distance2(centres[idx.value()[i]], q));
        worst = std::max(worst, got - best);
    }
    std::printf("photo %dx%d: %zu colours, worst extra distance from the cache %.4f\n", img.width(), img.height(),
                pal.value().size(), worst);
    CHECK(worst < 0.02);
    Image black = test_images::to_image(test_images::random_image(8, 8, 2, false));
    for (size_t i = 0; i < black.size_bytes(); i += 4) black.data()[i] = black.data()[i + 1] = black.data()[i + 2] = 0;
    PaletteEntry e0, e3;
    e3.r = e3.g = e3.b = 3;
    auto bi = map_to_palette(black, {e3, e0}, 0.f);
    CHECK(bi.ok() && bi.value()[0] == 1);
}

void test_dither_keeps_mean() {
    Image grey = test_images::to_image(test_images::random_image(200, 200, 5, false));
    for (size_t i = 0; i < grey.size_bytes(); i += 4) grey.data()[i] = grey.data()[i + 1] = grey.data()[i + 2] = 128;
    PaletteEntry black, white;
    white.r = white.g = white.b = 255;
    auto plain = map_to_palette(grey, {black, white}, 0.f);
    auto dith = map_to_palette(grey, {black, white}, 1.f);
    CHECK(plain.ok() && dith.ok());
    double whites = 0;
    for (uint8_t v : dith.value()) whites += v;
    CHECK_NEAR(whites / dith.value().size(), 128.0 / 255.0, 0.005);
    // Without dither every pixel takes one entry.
    CHECK(std::count(plain.value().begin(), plain.value().end(), plain.value()[0]) == long(plain.value().size()));
}

// Informational (--timing): the export issue's budget is extract ≤ 150 ms, map ≤ 150 ms for
// 12 MP / 256 colours, native.
void timing(const std::string &root) {
    auto dec = load_photo(root + "/photos/spider_web.png");  // 4256 x 2848
    if (!dec.ok()) return;
    const Image &img = dec.value().image;
    QuantizeOptions opt;
    double t_extract = 1e9, t_map = 1e9, t_dither = 1e9;
    for (int rep = 0; rep < 3; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        auto pal = extract_palette(img, opt);
        t_extract = std::min(t_extract, test_images::ms_since(t0));
        t0 = std::chrono::steady_clock::now();
        auto idx = map_to_palette(img, pal.value(), 0.f);
        t_map = std::min(t_map, test_images::ms_since(t0));
        t0 = std::chrono::steady_clock::now();
        idx = map_to_palette(img, pal.value(), 1.f);
        t_dither = std::min(t_dither, test_images::ms_since(t0));
    }
    std::printf("timing %dx%d, 256 colours, min of 3: extract %.1f ms, map %.1f ms, map+dither %.1f ms\n",
                img.width(), img.height(), t_extract, t_map, t_dither);
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    test_known_colours();
    test_degenerate_images();
    test_alpha_palette();
    test_map_is_nearest_on_photo(root);
    test_dither_keeps_mean();
    for (int i = 2; i < argc; ++i)
        if (std::string(argv[i]) == "--timing") timing(root);
    return check_summary();
}
