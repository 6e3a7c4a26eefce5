// measures.h: the raw measures of analyzeImage, each one pass of a Halide pipeline
// (halide_generators/analysis_generator.cpp) plus a few lines of C++ summing its partial results.
// Definitions are js-api.md's: luma = round(0.2126 R + 0.7152 G + 0.0722 B) on 8-bit sRGB codes.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

using Hist256 = std::array<int64_t, 256>;

// Sums for Hasler & Süsstrunk's colorfulness over the counted pixels: rg = R − G and
// yb2 = R + G − 2B (twice their yb, to stay in integers), and their squares.
struct ColorMoments {
    int64_t rg = 0, rg2 = 0, yb2 = 0, yb2_sq = 0;
    ColorMoments &operator+=(const ColorMoments &o) {
        rg += o.rg, rg2 += o.rg2, yb2 += o.yb2, yb2_sq += o.yb2_sq;
        return *this;
    }
};

struct LumaPlane {
    int width = 0, height = 0;
    std::vector<uint8_t> px;
    uint8_t at(int x, int y) const { return px[size_t(y) * size_t(width) + size_t(x)]; }
};
// Luma of every pixel: computed once per analysis (here, or by the histogram pass as a
// by-product); the box-downscaled copies and the JPEG grid are made from it.
Result<LumaPlane> full_luma(const Image &img);
// Box average over factor × factor blocks (rounded half up); the output is floor(w / factor) ×
// floor(h / factor) (at least 1×1: factor is lowered to fit); the blocks are centred in the plane.
// Of full_luma(img) this is the box-averaged luma of img's pixels, exactly.
Result<LumaPlane> box_downscale(const LumaPlane &in, int factor);

struct Histograms {
    Hist256 r{}, g{}, b{}, a{}, luma{};
    int64_t count = 0;  // pixels counted
    ColorMoments moments;  // only when asked for (with_moments)
};
// Every pixel, or (skip_transparent) only pixels with alpha > 0; row_step > 1 counts only every
// row_step-th row (for measures that need the shape of a histogram, not its counts). One pass;
// with_moments adds the colorfulness sums to it. `luma_out` (only with every pixel and every row):
// receives full_luma(img) as a by-product, so an analysis reads RGBA once.
Result<Histograms> histograms(const Image &img, bool skip_transparent, int row_step = 1, bool with_moments = false,
                              LumaPlane *luma_out = nullptr);

struct ChannelStats {
    int min = 0, max = 0;
    double mean = 0, stdev = 0;  // population standard deviation
};
// From a histogram: exact. An empty histogram gives zeros.
ChannelStats channel_stats(const Hist256 &h);
double histogram_entropy_bits(const Hist256 &h);

struct LaplacianNoise {
    double laplacian_sigma = 0;  // stdev of the 4-neighbour Laplacian over interior pixels
    double noise_sigma = 0;      // Immerkær 1996: sqrt(Σ (I * N)² / (36 (W-2)(H-2))), the paper's
                                 // variance estimate. Not its absolute-value shortcut: over texture
                                 // that one does not add in quadrature, so √(noisy² − clean²) read
                                 // added σ 5 on coffee.png 22.5 % high (this form: within 2.5 % on
                                 // every test photo, σ 5–30).
};
// Planes smaller than 3×3 have no interior: zeros.
Result<LaplacianNoise> laplacian_noise(const LumaPlane &luma);

// JPEG blockiness on the full-resolution luma plane: the mean absolute luma step across the 8-pixel grid
// lines divided by the mean step elsewhere, minus 1 (0 = no grid; the grid's phase is found,
// not assumed, because orientation or cropping may shift it). Horizontal and vertical averaged.
Result<double> jpeg_blockiness(const LumaPlane &luma);

}  // namespace pixelpipe::analysis
