// test_geometry.cpp: the geometry family (resize kernels, pre-shrink, positions, smart crop,
// crop, rotate, flip, pad, trim) against the scalar references in reference/geometry.h, plus
// properties and error paths. Tolerances: 1 level where both sides compute the same formula
// (float32 vs double, rounding of .5 cases), 0 for exact moves.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "check.h"
#include "ops/fit.h"
#include "ops/geometry.h"
#include "ops/ops.h"
#include "reference/geometry.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace test_images;

using ops::Kernel;
using ops::Position;

namespace {

const char *kKernelNames[] = {"nearest", "bilinear", "bicubic", "mitchell", "lanczos2", "lanczos3"};

// Smooth content (sum of sines) with random alpha: closer to photos than white noise.
ref::Rgba smooth_image(int w, int h, uint32_t seed) {
    std::mt19937 rng(seed);
    ref::Rgba img(w, h);
    const double f = 0.05 + (rng() % 100) / 1000.0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            for (int c = 0; c < 3; ++c) img.at(x, y, c) = uint8_t(127.5 + 127 * std::sin(f * (x + 2 * c) + 0.07 * y * (c + 1)));
            img.at(x, y, 3) = uint8_t(rng() % 4 == 0 ? rng() & 255 : 255);
        }
    return img;
}

void check_vs_reference(const std::string &what, const Result<Image> &got, const ref::Rgba &want, int tol) {
    CHECK(got.ok());
    if (!got.ok()) {
        std::fprintf(stderr, "  %s: %s\n", what.c_str(), got.status().message.c_str());
        return;
    }
    const int d = max_diff(got.value(), want);
    std::printf("%-58s max diff %d (tolerance %d)\n", what.c_str(), d, tol);
    CHECK(d >= 0 && d <= tol);
}

void check_error(const std::string &what, const Result<Image> &got, ErrorCode code, const std::string &fragment) {
    const bool ok = !got.ok() && got.status().code == code && got.status().message.find(fragment) != std::string::npos;
    std::printf("%-58s %s: %s\n", what.c_str(), ok ? "error as expected" : "UNEXPECTED",
                got.ok() ? "(succeeded)" : got.status().message.c_str());
    CHECK(ok);
}

// Brute-force entropy window search (the definition in geometry.h), for the smart-crop check.
int entropy_offset_bruteforce(const ref::Rgba &img, int cw) {
    const int n = img.width - cw + 1;
    double best = -1;
    int at = 0;
    const double centre = (n - 1) / 2.0;
    for (int s = 0; s < n; ++s) {
        std::vector<double> hist(256, 0);
        for (int y = 0; y < img.height; ++y)
            for (int x = s; x < s + cw; ++x) {
                const int yv = int(0.2126 * img.at(x, y, 0) + 0.7152 * img.at(x, y, 1) + 0.0722 * img.at(x, y, 2) + 0.5);
                hist[yv] += 1;
            }
        double e = 0;
        for (double v : hist)
            if (v > 0) e -= v / (double(cw) * img.height) * std::log2(v / (double(cw) * img.height));
        if (e > best + 1e-9 || (std::fabs(e - best) <= 1e-9 && std::fabs(s - centre) < std::fabs(at - centre))) {
            best = std::max(best, e);
            at = s;
        }
    }
    return at;
}

}  // namespace

int main(int argc, char **argv) {
    bool timing = std::getenv("PIXELPIPE_TEST_TIMING") != nullptr;
    for (int i = 1; i < argc; ++i) timing = timing || std::strcmp(argv[i], "--timing") == 0;

    // --- pre-shrink rule: floor(in / out / 2), >= 1
    CHECK(ops::preshrink_factor(4000, 300) == 6);
    CHECK(ops::preshrink_factor(4000, 1000) == 2);
    CHECK(ops::preshrink_factor(100, 51) == 1);
    CHECK(ops::preshrink_factor(100, 25) == 2);
    CHECK(ops::preshrink_factor(100, 24) == 2);
    CHECK(ops::preshrink_factor(10, 100) == 1);
    CHECK(ops::preshrink_factor(7, 1) == 3);

    // --- every kernel, with and without pre-shrink, vs the double reference (random alpha)
    const int sizes[][4] = {{61, 47, 20, 15}, {61, 47, 130, 90}, {97, 13, 11, 40}, {1, 1, 5, 3},
                            {5, 5, 1, 1},     {300, 7, 13, 29},  {40, 40, 39, 41}, {203, 101, 25, 12}};
    for (int k = 0; k < 6; ++k) {
        for (auto &s : sizes) {
            const ref::Rgba in = (k % 2) ? random_image(s[0], s[1], 11u + s[2] + k, true) : smooth_image(s[0], s[1], 5u + k);
            for (bool shrink : {false, true}) {
                const int fx = shrink && k != ref::kNearest ? ops::preshrink_factor(s[0], s[2]) : 1;
                const int fy = shrink && k != ref::kNearest ? ops::preshrink_factor(s[1], s[3]) : 1;
                if (shrink && fx == 1 && fy == 1) continue;
                char what[96];
                std::snprintf(what, sizeof what, "resample %s %dx%d -> %dx%d%s", kKernelNames[k], s[0], s[1], s[2], s[3],
                              shrink ? " (box pre-shrink)" : "");
                check_vs_reference(what, ops::resample(to_image(in), s[2], s[3], Kernel(k), shrink),
                                   ref::resample(in, s[2], s[3], k, fx, fy), 1);
            }
        }
    }
    // Nearest picks source pixels: on an opaque image the output values are exactly source values.
    {
        const ref::Rgba in = random_image(50, 40, 3u, false);
        check_vs_reference("nearest 50x40 -> 17x93 exact (opaque)", ops::resample(to_image(in), 17, 93, Kernel::Nearest, true),
                           ref::resample(in, 17, 93, ref::kNearest, 1, 1), 0);
    }
    // A flat colour stays that colour for every kernel and both directions (weights sum to 1).
    for (int k = 0; k < 6; ++k) {
        ref::Rgba flat(64, 48);
        for (size_t i = 0; i < flat.px.size(); i += 4) flat.px[i] = 200, flat.px[i + 1] = 17, flat.px[i + 2] = 99, flat.px[i + 3] = 128;
        for (auto [w, h] : {std::pair{7, 5}, std::pair{150, 101}}) {
            ref::Rgba want(w, h);
            for (size_t i = 0; i < want.px.size(); i += 4) want.px[i] = 200, want.px[i + 1] = 17, want.px[i + 2] = 99, want.px[i + 3] = 128;
            check_vs_reference(std::string("flat colour ") + kKernelNames[k] + " -> " + std::to_string(w) + "x" + std::to_string(h),
                               ops::resample(to_image(flat), w, h, Kernel(k), true), want, 0);
        }
    }
    // Alias-free large downscale: 1-pixel stripes shrunk 54x (pre-shrink 27, kernel 2x) come out grey.
    for (int k = 1; k < 6; ++k) {
        ref::Rgba stripes(2160, 8);
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 2160; ++x) {
                for (int c = 0; c < 3; ++c) stripes.at(x, y, c) = (x & 1) ? 255 : 0;
                stripes.at(x, y, 3) = 255;
            }
        auto down = ops::resample(to_image(stripes), 40, 8, Kernel(k), true);
        int worst = 0;
        if (down.ok())
            for (int x = 0; x < 40; ++x) worst = std::max(worst, std::abs(int(down.value().row(4)[4 * x]) - 128));
        std::printf("%-58s max |v-128| %d (tolerance 2)\n", (std::string("stripes 2160 -> 40 alias-free ") + kKernelNames[k]).c_str(), worst);
        CHECK(down.ok() && worst <= 2);
    }

    // --- resize(): windows computed directly equal crops of the full resize (exact)
    {
        const ref::Rgba in = smooth_image(160, 90, 9u);
        const Image src = to_image(in);
        const Position positions[] = {Position::Centre, Position::North, Position::NorthEast, Position::East, Position::SouthEast,
                                      Position::South, Position::SouthWest, Position::West, Position::NorthWest};
        for (Position pos : positions) {
            for (auto [w, h, fit] : {std::tuple{50, 50, ops::Fit::Cover}, std::tuple{90, 30, ops::Fit::Cover},
                                     std::tuple{50, 50, ops::Fit::Contain}, std::tuple{90, 20, ops::Fit::Contain}}) {
                ops::ResizeSpec spec;
                spec.width = w;
                spec.height = h;
                spec.fit = fit;
                spec.position = pos;
                spec.kernel = Kernel::Bicubic;
                spec.background = {1, 2, 3, 255};
                auto plan = ops::plan_fit(160, 90, spec).value();
                const ref::Rgba full = to_ref(ops::resample(src, plan.resize_width, plan.resize_height, Kernel::Bicubic, true).value());
                ref::Rgba want(plan.out_width, plan.out_height);
                for (size_t i = 0; i < want.px.size(); i += 4) want.px[i] = 1, want.px[i + 1] = 2, want.px[i + 2] = 3, want.px[i + 3] = 255;
                for (int y = 0; y < plan.copy_height; ++y)
                    for (int x = 0; x < plan.copy_width; ++x)
                        for (int c = 0; c < 4; ++c) want.at(plan.dst_x + x, plan.dst_y + y, c) = full.at(plan.src_x + x, plan.src_y + y, c);
                char what[96];
                std::snprintf(what, sizeof what, "resize %s %dx%d position %d = crop/embed of full resize", fit == ops::Fit::Cover ? "cover" : "contain",
                              w, h, int(pos));
                auto got = ops::resize(src, spec, Limits{});
                const int d = got.ok() ? max_diff(got.value(), want) : -1;
                if (d != 0) check_vs_reference(what, got, want, 0);
                CHECK(d == 0);
            }
        }
        std::printf("%-58s exact for 9 positions x 4 boxes\n", "resize windows = crop/embed of the full resize");
    }

    // --- smart crop
    {
        // Left 2/3 flat grey, right third noise: entropy picks the right edge. (Attention does
        // not: spectral residual reads uniform noise as expected, not salient; see below.)
        ref::Rgba img(300, 100);
        std::mt19937 rng(4);
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 300; ++x) {
                for (int c = 0; c < 3; ++c) img.at(x, y, c) = x >= 200 ? uint8_t(rng() & 255) : 128;
                img.at(x, y, 3) = 255;
            }
        const Image src = to_image(img);
        auto e = ops::smart_crop(src, 100, 100, Position::Entropy);
        std::printf("%-58s entropy left %d (want 200)\n", "smart crop finds the busy third", e.left);
        CHECK(e.left == 200 && e.top == 0 && e.width == 100 && e.height == 100);
        // Attention: one bright square (an object) at x 230..259 on grey with ±3 levels of noise
        // → the window holds it. (On exactly flat grey the spectrum has exact zeros and spectral
        // residual, OpenCV's too, turns on rounding noise: real images never have them.)
        ref::Rgba obj(300, 100);
        for (int y = 0; y < 100; ++y)
            for (int x = 0; x < 300; ++x) {
                const bool in = x >= 230 && x < 260 && y >= 35 && y < 65;
                const int grey = 125 + int(rng() % 7);
                for (int c = 0; c < 3; ++c) obj.at(x, y, c) = uint8_t(in ? 240 : grey);
                obj.at(x, y, 3) = 255;
            }
        auto a = ops::smart_crop(to_image(obj), 100, 100, Position::Attention);
        std::printf("%-58s attention left %d (window must contain x 230..259)\n", "attention crop finds the object", a.left);
        CHECK(a.left <= 230 && a.left + 100 >= 260 && a.top == 0);
        // Entropy on a real-ish image vs brute force.
        const ref::Rgba sm = smooth_image(120, 40, 77u);
        auto e2 = ops::smart_crop(to_image(sm), 37, 40, Position::Entropy);
        const int want = entropy_offset_bruteforce(sm, 37);
        std::printf("%-58s %d vs brute force %d\n", "entropy crop offset 120x40 -> 37x40", e2.left, want);
        CHECK(e2.left == want);
        // Featureless: centre crop (ties go to the centre).
        ref::Rgba flat(90, 30);
        for (size_t i = 0; i < flat.px.size(); ++i) flat.px[i] = 77;
        auto f1 = ops::smart_crop(to_image(flat), 30, 30, Position::Entropy);
        auto f2 = ops::smart_crop(to_image(flat), 30, 30, Position::Attention);
        CHECK(f1.left == 30 && f2.left == 30);
        // Vertical free axis; a red (saturated, skin-like) patch near the bottom.
        ref::Rgba tall(40, 200);
        for (int y = 0; y < 200; ++y)
            for (int x = 0; x < 40; ++x) {
                const bool patch = y >= 150 && y < 180;
                tall.at(x, y, 0) = patch ? 220 : 120, tall.at(x, y, 1) = patch ? 120 : 120, tall.at(x, y, 2) = patch ? 90 : 120;
                tall.at(x, y, 3) = 255;
            }
        auto t = ops::smart_crop(to_image(tall), 40, 40, Position::Attention);
        std::printf("%-58s top %d (window must contain rows 150..179)\n", "attention crop finds the saturated patch", t.top);
        CHECK(t.left == 0 && t.top <= 150 && t.top + 40 >= 180);
        // Through resize(): cover + entropy keeps the busy side.
        ops::ResizeSpec spec;
        spec.width = 50;
        spec.height = 50;
        spec.fit = ops::Fit::Cover;
        spec.position = Position::Entropy;
        auto r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 50 && r.value().height() == 50);
        if (r.ok()) {
            int flat_px = 0;  // the flat grey area is mostly outside the crop
            for (int x = 0; x < 50; ++x) flat_px += r.value().row(25)[4 * x] == 128;
            CHECK(flat_px < 5);
        }
    }

    // --- crop
    {
        const ref::Rgba in = random_image(37, 23, 21u, true);
        const Image src = to_image(in);
        check_vs_reference("crop 37x23 at 5,7 size 20x10", ops::crop(src, {5, 7, 20, 10}), ref::crop(in, 5, 7, 20, 10), 0);
        check_vs_reference("crop whole image", ops::crop(src, {0, 0, 37, 23}), in, 0);
        check_vs_reference("crop 1x1 corner", ops::crop(src, {36, 22, 1, 1}), ref::crop(in, 36, 22, 1, 1), 0);
        check_error("crop partly outside is rejected", ops::crop(src, {30, 0, 10, 5}), ErrorCode::INVALID_ARGUMENT,
                    "crop box (left 30, top 0, width 10, height 5) is not inside the 37x23 image");
        check_error("crop entirely outside is rejected", ops::crop(src, {100, 100, 5, 5}), ErrorCode::INVALID_ARGUMENT, "37x23");
        check_error("crop of zero width is rejected", ops::crop(src, {0, 0, 0, 5}), ErrorCode::INVALID_ARGUMENT, "not inside");
        check_error("crop with huge left does not overflow", ops::crop(src, {2147483000, 0, 2000, 5}), ErrorCode::INVALID_ARGUMENT,
                    "not inside");
    }

    // --- flip, rotate by quarter turns (exact), properties
    {
        const ref::Rgba in = random_image(13, 7, 31u, true);
        const Image src = to_image(in);
        check_vs_reference("flip horizontal 13x7", ops::flip(src, ops::FlipDirection::Horizontal), ref::flip(in, true, false), 0);
        check_vs_reference("flip vertical 13x7", ops::flip(src, ops::FlipDirection::Vertical), ref::flip(in, false, true), 0);
        check_vs_reference("flip both 13x7", ops::flip(src, ops::FlipDirection::Both), ref::flip(in, true, true), 0);
        for (auto d : {ops::FlipDirection::Horizontal, ops::FlipDirection::Vertical, ops::FlipDirection::Both}) {
            auto once = ops::flip(src, d);
            check_vs_reference("flip twice = identity (direction " + std::to_string(int(d)) + ")", ops::flip(once.value(), d), in, 0);
        }
        const uint8_t bg[4] = {0, 0, 0, 0};
        (void)bg;
        for (int q : {1, 2, 3, -1, -3, 4, 0}) {
            check_vs_reference("rotate " + std::to_string(q * 90) + " = rot90 (exact)",
                               ops::rotate(src, q * 90.0, {0, 0, 0, 0}, ops::Interpolation::Bilinear, Limits{}), ref::rot90(in, q), 0);
        }
        const ref::Rgba big = random_image(130, 70, 8u, true);  // larger than one 64x64 tile
        Image cur = to_image(big);
        for (int i = 0; i < 4; ++i) cur = ops::rotate(cur, 90, {0, 0, 0, 0}, ops::Interpolation::Bilinear, Limits{}).take();
        check_vs_reference("rotate 90 four times = identity (130x70)", Result<Image>(std::move(cur)), big, 0);
        check_vs_reference("rotate 180 = flip both", ops::rotate(src, 180, {0, 0, 0, 0}, ops::Interpolation::Bicubic, Limits{}),
                           ref::flip(in, true, true), 0);
        check_vs_reference("rotate 450 = rotate 90", ops::rotate(src, 450, {0, 0, 0, 0}, ops::Interpolation::Bilinear, Limits{}),
                           ref::rot90(in, 1), 0);
    }

    // --- arbitrary rotation vs the double reference
    {
        const ref::Rgba in = smooth_image(61, 37, 12u);
        const uint8_t bg[4] = {30, 60, 90, 200};
        for (double deg : {17.0, 45.0, -30.0, 135.5, 271.0, 0.5}) {
            for (bool bicubic : {false, true}) {
                int ow, oh;
                ops::rotated_size(61, 37, deg, &ow, &oh);
                char what[96];
                std::snprintf(what, sizeof what, "rotate %.1f %s 61x37 -> %dx%d", deg, bicubic ? "bicubic" : "bilinear", ow, oh);
                check_vs_reference(what,
                                   ops::rotate(to_image(in), deg, {30, 60, 90, 200},
                                               bicubic ? ops::Interpolation::Bicubic : ops::Interpolation::Bilinear, Limits{}),
                                   ref::rotate(in, deg, ow, oh, bg, bicubic), 1);
            }
        }
        int w, h;
        ops::rotated_size(100, 100, 45, &w, &h);
        CHECK(w == 142 && h == 142);  // ceil(141.42)
        ops::rotated_size(200, 100, 30, &w, &h);
        CHECK(w == 224 && h == 187);  // ceil(173.2 + 50), ceil(100 + 86.6)
        // Transparent background: the colour of edge pixels stays the image's (premultiplied).
        ref::Rgba red(40, 30);
        for (size_t i = 0; i < red.px.size(); i += 4) red.px[i] = 255, red.px[i + 3] = 255;
        auto r = ops::rotate(to_image(red), 33, {0, 0, 0, 0}, ops::Interpolation::Bicubic, Limits{});
        int worst = 0, partial = 0;
        if (r.ok())
            for (int y = 0; y < r.value().height(); ++y)
                for (int x = 0; x < r.value().width(); ++x) {
                    const uint8_t *p = r.value().row(y) + 4 * x;
                    if (p[3] == 0) continue;
                    partial += p[3] < 255;
                    worst = std::max({worst, 255 - p[0], int(p[1]), int(p[2])});
                }
        std::printf("%-58s worst colour error %d over %d soft edge pixels (tolerance 1)\n", "rotate 33 on transparent keeps red",
                    worst, partial);
        CHECK(r.ok() && worst <= 1 && partial > 0);
        Limits small;
        small.max_side = 45;  // 40x30 at 45 degrees needs 50x50
        check_error("rotate whose canvas exceeds the limit", ops::rotate(to_image(red), 45, {0, 0, 0, 0}, ops::Interpolation::Bilinear, small),
                    ErrorCode::IMAGE_TOO_LARGE, "");
    }

    // --- pad
    {
        const ref::Rgba in = random_image(9, 5, 41u, true);
        const uint8_t bg[4] = {10, 20, 30, 40};
        check_vs_reference("pad 1,2,3,4", ops::pad(to_image(in), 1, 2, 3, 4, {10, 20, 30, 40}, Limits{}), ref::pad(in, 1, 2, 3, 4, bg), 0);
        check_vs_reference("pad 0,0,0,0 = copy", ops::pad(to_image(in), 0, 0, 0, 0, {10, 20, 30, 40}, Limits{}), in, 0);
        check_vs_reference("pad top only", ops::pad(to_image(in), 6, 0, 0, 0, {10, 20, 30, 40}, Limits{}), ref::pad(in, 6, 0, 0, 0, bg), 0);
        Limits small;
        small.max_side = 20;
        check_error("pad beyond max side", ops::pad(to_image(in), 0, 12, 0, 0, {0, 0, 0, 0}, small), ErrorCode::IMAGE_TOO_LARGE, "");
        check_error("pad negative", ops::pad(to_image(in), -1, 0, 0, 0, {0, 0, 0, 0}, Limits{}), ErrorCode::INVALID_ARGUMENT, ">= 0");
    }

    // --- trim
    {
        const ref::Rgba content = random_image(11, 6, 51u, false);
        const uint8_t bg[4] = {200, 200, 200, 255};
        ref::Rgba framed = ref::pad(content, 3, 5, 2, 7, bg);
        // Border noise within the threshold (±10) still counts as border.
        std::mt19937 rng(2);
        for (int y = 0; y < framed.height; ++y)
            for (int x = 0; x < framed.width; ++x)
                if (x < 7 || y < 3 || x >= 7 + 11 || y >= 3 + 6)
                    for (int c = 0; c < 3; ++c) framed.at(x, y, c) = uint8_t(195 + rng() % 11);
        framed.at(0, 0, 0) = 200, framed.at(0, 0, 1) = 200, framed.at(0, 0, 2) = 200;
        // The content's own edge pixels must differ from the border by > 10 for the box to be exact.
        ref::Rgba c2 = content;
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 11; ++x)
                if (x == 0 || y == 0 || x == 10 || y == 5) c2.at(x, y, 0) = 0;
        for (int y = 0; y < 6; ++y)
            for (int x = 0; x < 11; ++x)
                for (int c = 0; c < 4; ++c) framed.at(7 + x, 3 + y, c) = c2.at(x, y, c);
        const ops::Box b = ops::trim_box(to_image(framed), 10);
        std::printf("%-58s box %d,%d %dx%d (want 7,3 11x6)\n", "trim noisy border, threshold 10", b.left, b.top, b.width, b.height);
        CHECK(b.left == 7 && b.top == 3 && b.width == 11 && b.height == 6);
        check_vs_reference("trim result = the content", ops::trim(to_image(framed), 10), c2, 0);
        // Threshold 0: the noisy border counts as content → (almost) nothing trimmed.
        const ops::Box b0 = ops::trim_box(to_image(framed), 0);
        CHECK(b0.width > 11 && b0.height > 6);
        ref::Rgba flat(8, 8);
        for (size_t i = 0; i < flat.px.size(); ++i) flat.px[i] = 9;
        check_vs_reference("trim of a one-colour image is unchanged", ops::trim(to_image(flat), 10), flat, 0);
        // Alpha counts: an opaque dot on transparent black.
        ref::Rgba dot(10, 10);
        dot.at(6, 2, 3) = 255;
        const ops::Box bd = ops::trim_box(to_image(dot), 10);
        CHECK(bd.left == 6 && bd.top == 2 && bd.width == 1 && bd.height == 1);
    }

    // --- limits: a resize whose output would break them is refused before allocating
    {
        const Image src = to_image(random_image(10, 10, 1u, false));
        ops::ResizeSpec spec;
        spec.width = 30000;
        spec.height = 30000;
        spec.fit = ops::Fit::Fill;  // 900 MP > the 100 MP default
        auto t0 = std::chrono::steady_clock::now();
        check_error("resize to 30000x30000 refused (max pixels)", ops::resize(src, spec, Limits{}), ErrorCode::IMAGE_TOO_LARGE, "");
        CHECK(ms_since(t0) < 50);  // no allocation, no pixel work
        spec.width = 40000;
        spec.height = 10;
        check_error("resize to 40000 wide refused (max side)", ops::resize(src, spec, Limits{}), ErrorCode::IMAGE_TOO_LARGE, "");
    }

    if (timing) {
        const Image big = to_image(random_image(4000, 3000, 1u, false));
        auto time = [&](const char *what, auto fn) {
            double best = 1e9;
            for (int rep = 0; rep < 3; ++rep) {
                auto t0 = std::chrono::steady_clock::now();
                auto r = fn();
                best = std::min(best, ms_since(t0));
                CHECK(r.ok());
            }
            std::printf("timing 4000x3000 %-40s %8.1f ms\n", what, best);
        };
        for (int k = 0; k < 6; ++k) {
            std::string name = std::string("resize -> 1000x750 ") + kKernelNames[k];
            time(name.c_str(), [&] { return ops::resample(big, 1000, 750, Kernel(k), true); });
        }
        time("resize -> 1000x750 lanczos3 no pre-shrink", [&] { return ops::resample(big, 1000, 750, Kernel::Lanczos3, false); });
        time("resize -> 300x225 lanczos3", [&] { return ops::resample(big, 300, 225, Kernel::Lanczos3, true); });
        time("resize -> 300x225 lanczos3 no pre-shrink", [&] { return ops::resample(big, 300, 225, Kernel::Lanczos3, false); });
        time("resize -> 6000x4500 lanczos3", [&] { return ops::resample(big, 6000, 4500, Kernel::Lanczos3, true); });
        ops::ResizeSpec cover;
        cover.width = 300;
        cover.height = 300;
        cover.fit = ops::Fit::Cover;
        time("resize cover 300x300 centre", [&] { return ops::resize(big, cover, Limits{}); });
        cover.position = Position::Entropy;
        time("resize cover 300x300 entropy", [&] { return ops::resize(big, cover, Limits{}); });
        cover.position = Position::Attention;
        time("resize cover 300x300 attention", [&] { return ops::resize(big, cover, Limits{}); });
        time("rotate 90", [&] { return ops::rotate(big, 90, {0, 0, 0, 0}, ops::Interpolation::Bilinear, Limits{}); });
        time("rotate 17 bilinear", [&] { return ops::rotate(big, 17, {0, 0, 0, 0}, ops::Interpolation::Bilinear, Limits{}); });
        time("rotate 17 bicubic", [&] { return ops::rotate(big, 17, {0, 0, 0, 0}, ops::Interpolation::Bicubic, Limits{}); });
        time("flip horizontal", [&] { return ops::flip(big, ops::FlipDirection::Horizontal); });
        time("crop 2000x1500", [&] { return ops::crop(big, {1000, 700, 2000, 1500}); });
        time("pad 100 each side", [&] { return ops::pad(big, 100, 100, 100, 100, {0, 0, 0, 255}, Limits{}); });
        time("trim (nothing to trim)", [&] { return ops::trim(big, 10); });
    }
    return check_summary();
}
