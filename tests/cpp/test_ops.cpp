// test_ops.cpp: the Halide pipelines (through ops::) against the scalar double-precision
// references in reference/, plus properties and error paths.
// Tolerance: max |diff| <= 1 level per channel. Both sides implement the same formulas; the only
// differences are float32 vs double accumulation and round-half-even vs round-half-away, which
// can flip a value sitting on a .5 boundary by one level.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

#include "check.h"
#include "ops/ops.h"
#include "ops/registry.h"
#include "reference/gaussian_blur.h"
#include "reference/grayscale.h"
#include "reference/resample.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace test_images;


namespace {

void check_vs_reference(const char *what, const Result<Image> &got, const ref::Rgba &want, int tol) {
    CHECK(got.ok());
    if (!got.ok()) {
        std::fprintf(stderr, "  %s: %s\n", what, got.status().message.c_str());
        return;
    }
    const int d = max_diff(got.value(), want);
    std::printf("%-44s max diff %d (tolerance %d)\n", what, d, tol);
    CHECK(d >= 0 && d <= tol);
}

// Left half opaque red, right half fully transparent *black*: the classic dark-fringe trap.
ref::Rgba half_transparent(int w, int h) {
    ref::Rgba img(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w / 2; ++x) {
            img.at(x, y, 0) = 255;
            img.at(x, y, 3) = 255;
        }
    return img;
}

// Every pixel with any coverage keeps the pure red of the opaque side (premultiplied filtering).
bool keeps_red(const Image &img, int *worst) {
    *worst = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x) {
            const uint8_t *p = img.row(y) + x * 4;
            if (p[3] == 0) continue;
            *worst = std::max({*worst, 255 - p[0], int(p[1]), int(p[2])});
        }
    return *worst <= 1;
}

}  // namespace

// The grayscale operation as the engine runs it (the colour program's Rec.709 matrix).
Result<Image> grayscale(const Image &img) {
    ops::OpSpec spec;
    spec.op = "grayscale";
    return ops::find_op("grayscale")->run(img, spec, Limits{});
}

int main(int argc, char **argv) {
    // argv: [testdata dir] [--timing]; PIXELPIPE_TEST_TIMING=1 also enables the timing block.
    bool timing = std::getenv("PIXELPIPE_TEST_TIMING") != nullptr;
    for (int i = 1; i < argc; ++i) timing = timing || std::strcmp(argv[i], "--timing") == 0;
    // --- grayscale
    for (auto [w, h] : {std::pair{37, 23}, std::pair{1, 1}, std::pair{64, 3}}) {
        const ref::Rgba in = random_image(w, h, 1u + w, true);
        char what[64];
        std::snprintf(what, sizeof what, "grayscale %dx%d", w, h);
        check_vs_reference(what, grayscale(to_image(in)), ref::grayscale(in), 1);
    }

    // --- gaussian blur (random alpha: exercises premultiply/unpremultiply)
    for (float sigma : {0.3f, 1.0f, 1.5f, 3.2f, 10.0f}) {
        const ref::Rgba in = random_image(61, 47, 7u, true);
        char what[64];
        std::snprintf(what, sizeof what, "gaussian_blur 61x47 sigma %.1f", sigma);
        check_vs_reference(what, ops::gaussian_blur(to_image(in), sigma), ref::gaussian_blur(in, sigma), 1);
    }
    {
        const ref::Rgba in = random_image(3, 2, 9u, true);  // radius larger than the image
        check_vs_reference("gaussian_blur 3x2 sigma 4", ops::gaussian_blur(to_image(in), 4.0f), ref::gaussian_blur(in, 4.0), 1);
    }

    // --- Lanczos3 resample: down, up, one axis, extreme ratios
    const int sizes[][4] = {{61, 47, 20, 15}, {61, 47, 130, 90}, {61, 47, 61, 10}, {61, 47, 7, 47},
                            {1, 1, 5, 5},     {5, 5, 1, 1},      {300, 7, 13, 29}, {40, 40, 39, 41}};
    for (auto &s : sizes) {
        const ref::Rgba in = random_image(s[0], s[1], 11u + s[2], true);
        char what[64];
        std::snprintf(what, sizeof what, "resample_lanczos3 %dx%d -> %dx%d", s[0], s[1], s[2], s[3]);
        check_vs_reference(what, ops::resample_lanczos3(to_image(in), s[2], s[3]), ref::resample_lanczos3(in, s[2], s[3]),
                           1);
    }

    // --- properties
    {
        // A flat colour stays exactly that colour through resize and blur (weights sum to 1).
        ref::Rgba flat(50, 30);
        for (size_t i = 0; i < flat.px.size(); i += 4) {
            flat.px[i] = 200, flat.px[i + 1] = 17, flat.px[i + 2] = 99, flat.px[i + 3] = 128;
        }
        ref::Rgba want(23, 71);
        for (size_t i = 0; i < want.px.size(); i += 4) {
            want.px[i] = 200, want.px[i + 1] = 17, want.px[i + 2] = 99, want.px[i + 3] = 128;
        }
        check_vs_reference("flat colour resample 50x30 -> 23x71 exact", ops::resample_lanczos3(to_image(flat), 23, 71), want, 0);
        check_vs_reference("flat colour blur sigma 5 exact", ops::gaussian_blur(to_image(flat), 5.0f), flat, 0);
        // Same size = copy.
        const ref::Rgba in = random_image(17, 9, 3u, true);
        check_vs_reference("resample to the same size is a copy", ops::resample_lanczos3(to_image(in), 17, 9), in, 0);
    }
    {
        // Premultiplied alpha: half-transparent edges keep the opaque colour (no dark fringe).
        const ref::Rgba in = half_transparent(64, 64);
        int worst = 0;
        auto down = ops::resample_lanczos3(to_image(in), 23, 23);
        CHECK(down.ok() && keeps_red(down.value(), &worst));
        std::printf("%-44s worst colour error %d (tolerance 1)\n", "half-transparent resize keeps red", worst);
        auto up = ops::resample_lanczos3(to_image(in), 150, 97);
        CHECK(up.ok() && keeps_red(up.value(), &worst));
        std::printf("%-44s worst colour error %d (tolerance 1)\n", "half-transparent upscale keeps red", worst);
        auto blur = ops::gaussian_blur(to_image(in), 4.0f);
        CHECK(blur.ok() && keeps_red(blur.value(), &worst));
        std::printf("%-44s worst colour error %d (tolerance 1)\n", "half-transparent blur keeps red", worst);
        // ... and the alpha edge is really filtered (not a step any more).
        CHECK(blur.ok() && blur.value().row(10)[4 * 32 + 3] > 0 && blur.value().row(10)[4 * 32 + 3] < 255);
    }

    {
        // Alias-free downscaling: 1-pixel black/white stripes (Nyquist) shrunk by 5.4x must come out
        // near flat grey. A kernel that is not stretched by the scale factor aliases them into
        // high-contrast moire (tens of levels).
        ref::Rgba stripes(216, 8);
        for (int y = 0; y < 8; ++y)
            for (int x = 0; x < 216; ++x) {
                for (int c = 0; c < 3; ++c) stripes.at(x, y, c) = (x & 1) ? 255 : 0;
                stripes.at(x, y, 3) = 255;
            }
        auto down = ops::resample_lanczos3(to_image(stripes), 40, 8);
        int worst = 0;
        if (down.ok())
            for (int x = 3; x < 37; ++x) worst = std::max(worst, std::abs(int(down.value().row(4)[4 * x]) - 128));
        std::printf("%-44s max |v-128| %d (tolerance 4, away from the edges)\n", "stripes 216 -> 40 alias-free", worst);
        CHECK(down.ok() && worst <= 4);
    }

    // --- resize() with fit: sizes, letterbox fill, crop position
    {
        ref::Rgba in(40, 30);  // left half red, right half green, opaque
        for (int y = 0; y < 30; ++y)
            for (int x = 0; x < 40; ++x) {
                in.at(x, y, x < 20 ? 0 : 1) = 255;
                in.at(x, y, 3) = 255;
            }
        const Image src = to_image(in);
        ops::ResizeSpec spec;
        spec.width = 20;
        spec.height = 20;
        spec.fit = ops::Fit::Contain;
        spec.background = {0, 0, 255, 255};
        auto r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 20 && r.value().height() == 20);
        if (r.ok()) {
            // 20x15 content letterboxed at y 2..16: rows 0-1 and 17-19 are the blue background.
            const uint8_t *top = r.value().row(0), *bottom = r.value().row(19), *mid = r.value().row(10);
            CHECK(top[2] == 255 && top[0] == 0 && top[3] == 255);
            CHECK(bottom[4 * 19 + 2] == 255);
            CHECK(mid[0] >= 250 && mid[2] <= 2);               // red on the left
            CHECK(mid[4 * 19 + 1] >= 250 && mid[4 * 19 + 2] <= 2);  // green on the right
        }
        spec.fit = ops::Fit::Cover;  // 27x20 cropped to 20x20
        r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 20 && r.value().height() == 20);
        spec.fit = ops::Fit::Inside;
        r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 20 && r.value().height() == 15);
        spec.fit = ops::Fit::Outside;
        r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 27 && r.value().height() == 20);
        spec.fit = ops::Fit::Fill;
        r = ops::resize(src, spec, Limits{});
        CHECK(r.ok() && r.value().width() == 20 && r.value().height() == 20);

        // Limits are checked before allocating: output side, then the cover intermediate.
        Limits small;
        small.max_side = 100;
        spec.width = 101;
        spec.height = 10;
        spec.fit = ops::Fit::Fill;
        CHECK(ops::resize(src, spec, small).status().code == ErrorCode::IMAGE_TOO_LARGE);
        spec.width = 100;
        spec.height = 99;
        spec.fit = ops::Fit::Cover;  // 132x99 intermediate
        CHECK(ops::resize(src, spec, small).status().code == ErrorCode::IMAGE_TOO_LARGE);
        spec.width = -5;
        CHECK(ops::resize(src, spec, Limits{}).status().code == ErrorCode::INVALID_ARGUMENT);
    }

    // --- error paths
    {
        const Image src = to_image(random_image(4, 4, 5u, true));
        CHECK(ops::gaussian_blur(src, 0.0f).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(ops::gaussian_blur(src, -1.0f).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(ops::gaussian_blur(src, std::nanf("")).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(ops::resample_lanczos3(src, 0, 4).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(!grayscale(Image{}).ok());
    }

    // --- timing (informational, native host build): a 12 MP photo-sized image
    if (timing) {
        const Image big = to_image(random_image(4000, 3000, 1u, false));
        for (int rep = 0; rep < 3; ++rep) {
            auto t0 = std::chrono::steady_clock::now();
            auto g = grayscale(big);
            const double tg = ms_since(t0);
            t0 = std::chrono::steady_clock::now();
            auto b = ops::gaussian_blur(big, 3.0f);
            const double tb = ms_since(t0);
            t0 = std::chrono::steady_clock::now();
            auto b20 = ops::gaussian_blur(big, 20.0f);
            const double tb20 = ms_since(t0);
            t0 = std::chrono::steady_clock::now();
            auto r = ops::resample_lanczos3(big, 1000, 750);
            const double tr = ms_since(t0);
            t0 = std::chrono::steady_clock::now();
            auto u = ops::resample_lanczos3(big, 6000, 4500);
            const double tu = ms_since(t0);
            std::printf("timing 4000x3000: grayscale %.1f ms, blur s3 %.1f ms, blur s20 %.1f ms, "
                        "resize->1000x750 %.1f ms, resize->6000x4500 %.1f ms\n",
                        tg, tb, tb20, tr, tu);
        }
    }
    return check_summary();
}
