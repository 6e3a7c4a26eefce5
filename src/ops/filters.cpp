// filters.cpp: filters-family adapters over the Halide pipelines of
// halide_generators/{convolve,filter,rank}_generator.cpp. Each checks what memory safety and
// meaningful output need, allocates the output and runs one or two pipelines.
#include "ops/filters.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "ops/ops.h"
#include "pp_bilateral.h"
#include "pp_box_blur3.h"
#include "pp_convolve.h"
#include "pp_edge_detect.h"
#include "pp_gaussian_blur.h"
#include "pp_median3.h"
#include "pp_median5.h"
#include "pp_median7.h"
#include "pp_motion_blur.h"
#include "pp_pixelate.h"
#include "pp_unsharp_combine.h"
#include "pp_vignette.h"

namespace pixelpipe::ops {
namespace {

// Far above the catalogue's maxima; keeps loops and halos sane if a caller bypasses validation.
constexpr float kMaxSigma = 1000.0f;
constexpr int kMaxBoxRadius = 4096;

Status invalid(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

bool in_range(double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; }

// Allocates the output and runs `call(in_view, out_view)`.
template <typename Call>
Result<Image> run_same_size(const Image &src, const char *what, const char *pipeline, Call call) {
    if (src.empty()) return invalid(std::string(what) + " of an empty image");
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    auto in_buf = src.view();
    auto out_buf = out.value().view();
    Status st = halide_status(pipeline, call(in_buf, out_buf));
    if (!st.is_ok()) return st;
    return out;
}

// Every alpha is 255 (then premultiplying is the identity and the pipelines skip it). Stops at
// the first translucent pixel; a full scan of an opaque 12 MP image is ~3 ms natively.
bool is_opaque(const Image &img) {
    const uint8_t *p = img.data();
    const size_t n = size_t(img.width()) * img.height();
    constexpr size_t kBlock = 4096;
    for (size_t i = 0; i < n; i += kBlock) {
        const size_t end = std::min(n, i + kBlock);
        unsigned all = 255;
        for (size_t j = i; j < end; ++j) all &= p[4 * j + 3];
        if (all != 255) return false;
    }
    return true;
}

// The combine of unsharp_mask for sigmas above kExactGaussianMaxSigma (the box-cascade blur is its
// own pipeline): the same float formula as pp_unsharp_combine, scalar.
Result<Image> combine_unsharp(const Image &src, const Image &blurred, float amount, float threshold) {
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    const uint8_t *s = src.data(), *b = blurred.data();
    uint8_t *o = out.value().data();
    const size_t n = size_t(src.width()) * src.height() * 4;
    for (size_t i = 0; i < n; ++i) {
        const float v = s[i], d = v - float(b[i]);
        const float sharp = std::fabs(d) > threshold ? std::min(255.0f, std::max(0.0f, v + amount * d)) : v;
        o[i] = (i % 4 == 3) ? s[i] : uint8_t(std::nearbyint(sharp));  // half to even, as Halide round()
    }
    return out;
}

}  // namespace

std::array<int, 3> gaussian_box_radii(float sigma) {
    // Kovesi (2010): ideal width sqrt(12 s^2 / n + 1); m boxes of the odd width below it, n - m of
    // the next odd width, m chosen so the summed variance (w^2 - 1) / 12 is closest to s^2.
    const int n = 3;
    const double s2 = double(sigma) * sigma;
    int wl = int(std::floor(std::sqrt(12.0 * s2 / n + 1.0)));
    if (wl % 2 == 0) --wl;
    const int wu = wl + 2;
    const int m = int(std::lround((12.0 * s2 - n * wl * wl - 4.0 * n * wl - 3.0 * n) / (-4.0 * wl - 4.0)));
    std::array<int, 3> r{};
    for (int i = 0; i < n; ++i) r[i] = ((i < m ? wl : wu) - 1) / 2;
    return r;
}

Result<Image> gaussian_blur(const Image &src, float sigma) {
    if (src.empty()) return invalid("gaussian_blur of an empty image");
    if (!(sigma > 0.0f) || !std::isfinite(sigma) || sigma > kMaxSigma) {
        return invalid("gaussian_blur sigma must be in (0, 1000], got " + std::to_string(sigma));
    }
    if (sigma > kExactGaussianMaxSigma) {
        const auto r = gaussian_box_radii(sigma);
        return box_blur3(src, r[0], r[1], r[2]);
    }
    const bool opaque = is_opaque(src);
    return run_same_size(src, "gaussian_blur", "pp_gaussian_blur",
                         [&](auto &in, auto &out) { return pp_gaussian_blur(in, sigma, opaque, out); });
}

Result<Image> box_blur3(const Image &src, int r0, int r1, int r2) {
    for (int r : {r0, r1, r2})
        if (r < 0 || r > kMaxBoxRadius) return invalid("box radius must be in [0, 4096], got " + std::to_string(r));
    return run_same_size(src, "box_blur", "pp_box_blur3",
                         [&](auto &in, auto &out) { return pp_box_blur3(in, r0, r1, r2, out); });
}

Result<Image> box_blur(const Image &src, int radius) {
    if (radius < 1 || radius > kMaxBoxRadius) return invalid("box_blur radius must be in [1, 4096], got " + std::to_string(radius));
    return box_blur3(src, radius, 0, 0);
}

Result<Image> motion_blur(const Image &src, float angle_deg, float length) {
    if (!in_range(angle_deg, -3600, 3600)) return invalid("motion_blur angle must be finite degrees");
    if (!in_range(length, 1, 1000)) return invalid("motion_blur length must be in [1, 1000], got " + std::to_string(length));
    const int taps = std::max(1, int(std::lround(length)));
    const double a = double(angle_deg) * M_PI / 180.0;
    // y grows downward in the image: counter-clockwise on screen is -sin in y.
    const float dx = float(std::cos(a)), dy = float(-std::sin(a));
    return run_same_size(src, "motion_blur", "pp_motion_blur",
                         [&](auto &in, auto &out) { return pp_motion_blur(in, dx, dy, taps, out); });
}

Result<Image> unsharp_mask(const Image &src, float sigma, float amount, float threshold) {
    if (!in_range(amount, 0, 100)) return invalid("unsharp_mask amount must be in [0, 100]");
    if (!in_range(threshold, 0, 255)) return invalid("unsharp_mask threshold must be in [0, 255]");
    if (src.empty()) return invalid("unsharp_mask of an empty image");
    if (!(sigma > 0.0f) || !std::isfinite(sigma) || sigma > kMaxSigma) {
        return invalid("unsharp_mask sigma must be in (0, 1000], got " + std::to_string(sigma));
    }
    const bool opaque = is_opaque(src);
    if (sigma <= kExactGaussianMaxSigma) {
        // One fused pipeline: exact blur rounded to 8 bits + combine, no blurred image in memory.
        return run_same_size(src, "unsharp_mask", "pp_unsharp_combine", [&](auto &in, auto &out) {
            return pp_unsharp_combine(in, sigma, opaque, amount, threshold, out);
        });
    }
    // Large sigma: the box-cascade blur is its own pipeline; combine its result here.
    auto blurred = gaussian_blur(src, sigma);
    if (!blurred.ok()) return blurred.status();
    return combine_unsharp(src, blurred.value(), amount, threshold);
}

Result<Image> sharpen(const Image &src, float amount) { return unsharp_mask(src, 1.0f, amount, 0.0f); }

Result<Image> median(const Image &src, int size) {
    switch (size) {
        case 3: return run_same_size(src, "median", "pp_median3", [](auto &in, auto &out) { return pp_median3(in, out); });
        case 5: return run_same_size(src, "median", "pp_median5", [](auto &in, auto &out) { return pp_median5(in, out); });
        case 7: return run_same_size(src, "median", "pp_median7", [](auto &in, auto &out) { return pp_median7(in, out); });
        default: return invalid("median size must be 3, 5 or 7, got " + std::to_string(size));
    }
}

Result<Image> edge_detect(const Image &src, const std::string &method) {
    int m = -1;
    if (method == "sobel") m = 0;
    if (method == "laplacian") m = 1;
    if (m < 0) return invalid("edge_detect method must be 'sobel' or 'laplacian', got '" + method + "'");
    return run_same_size(src, "edge_detect", "pp_edge_detect",
                         [&](auto &in, auto &out) { return pp_edge_detect(in, m, out); });
}

Result<Image> convolve(const Image &src, const std::vector<double> &kernel, double divisor, double offset) {
    int k = 0;
    for (int size : {1, 3, 5, 7})
        if (kernel.size() == size_t(size * size)) k = size;
    if (k == 0) return invalid("convolve kernel must have 1, 9, 25 or 49 numbers, got " + std::to_string(kernel.size()));
    double sum = 0;
    for (double v : kernel) {
        if (!std::isfinite(v)) return invalid("convolve kernel values must be finite");
        sum += v;
    }
    if (!std::isfinite(divisor) || !std::isfinite(offset)) return invalid("convolve divisor and offset must be finite");
    if (divisor == 0) divisor = sum != 0 ? sum : 1.0;
    float weights[49];
    for (int i = 0; i < k * k; ++i) weights[i] = float(kernel[i] / divisor);
    // kernel given row by row: element (column i, row j) at i + k j = Halide's (x, y) layout.
    Halide::Runtime::Buffer<float, 2> kbuf(weights, k, k);
    return run_same_size(src, "convolve", "pp_convolve",
                         [&](auto &in, auto &out) { return pp_convolve(in, kbuf, float(offset), out); });
}

// Pillow's EMBOSS is (-1 0 0 / 0 1 0 / 0 0 0), but its ImagingFilter3x3 applies kernel row 0 to
// the row *below* the pixel; as a correlation (our convolve) that is the vertically flipped kernel.
// This reproduces PIL's output exactly (oracle: max diff 0 in the interior).
Result<Image> emboss(const Image &src) { return convolve(src, {0, 0, 0, 0, 1, 0, -1, 0, 0}, 1.0, 128.0); }

Result<Image> denoise(const Image &src, float sigma_spatial, float sigma_range) {
    if (!in_range(sigma_spatial, 0.1, 20)) return invalid("denoise sigmaSpatial must be in [0.1, 20]");
    if (!in_range(sigma_range, 0.1, 1000)) return invalid("denoise sigmaRange must be in [0.1, 1000]");
    // cv2: radius = cvRound(1.5 sigma) (round half to even: 4.5 -> 4), at least 1.
    const int radius = std::max(1, int(std::nearbyint(sigma_spatial * 1.5)));
    return run_same_size(src, "denoise", "pp_bilateral", [&](auto &in, auto &out) {
        return pp_bilateral(in, radius, sigma_spatial, sigma_range, out);
    });
}

Result<Image> pixelate(const Image &src, int size) {
    if (size < 1 || size > 4096) return invalid("pixelate size must be in [1, 4096], got " + std::to_string(size));
    return run_same_size(src, "pixelate", "pp_pixelate", [&](auto &in, auto &out) { return pp_pixelate(in, size, out); });
}

Result<Image> vignette(const Image &src, float strength, float radius) {
    if (!in_range(strength, 0, 1)) return invalid("vignette strength must be in [0, 1]");
    if (!in_range(radius, 0, 1.5)) return invalid("vignette radius must be in [0, 1.5]");
    return run_same_size(src, "vignette", "pp_vignette",
                         [&](auto &in, auto &out) { return pp_vignette(in, strength, radius, out); });
}

}  // namespace pixelpipe::ops
