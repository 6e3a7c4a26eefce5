// resize.cpp: resize() = plan_fit (ops/fit.cpp) → kernel resample (pp_resample) of just the kept
// window, straight into the output canvas (cover crop, contain letterbox) → for the entropy /
// attention positions, a smart crop of the fully resized image instead.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "ops/fit.h"
#include "analysis/saliency.h"
#include "ops/geometry.h"
#include "ops/ops.h"
#include "pp_resample.h"

namespace pixelpipe::ops {
namespace {

Result<Image> copy_of(const Image &src) {
    auto out = Image::allocate(src.width(), src.height());
    if (!out.ok()) return out.status();
    std::memcpy(out.value().data(), src.data(), src.size_bytes());
    return out;
}

// Resamples `src` to a virtual resize_w × resize_h image and writes its window starting at
// (off_x, off_y) into `dst` (whose size is the window's).
Status resample_window(const Image &src, int resize_w, int resize_h, Kernel kernel, bool pre_shrink, int off_x,
                       int off_y, Halide::Runtime::Buffer<uint8_t, 3> dst) {
    const bool nearest = kernel == Kernel::Nearest;
    const int sx = pre_shrink && !nearest ? preshrink_factor(src.width(), resize_w) : 1;
    const int sy = pre_shrink && !nearest ? preshrink_factor(src.height(), resize_h) : 1;
    // Pillow's box after reduce(): the kernel maps onto width/sx reduced pixels (fractional), so
    // pixel centres stay where they are in the original image.
    const double scale_x = double(src.width()) / sx / resize_w;
    const double scale_y = double(src.height()) / sy / resize_h;
    auto in_buf = src.view();
    const int err = pp_resample(in_buf, int(kernel), sx, sy, scale_x, scale_y, off_x, off_y, dst);
    return halide_status("pp_resample", err);
}

void fill(Image &img, const std::array<uint8_t, 4> &rgba) {
    for (int y = 0; y < img.height(); ++y) {
        uint8_t *row = img.row(y);
        for (int x = 0; x < img.width(); ++x) std::memcpy(row + size_t(x) * 4, rgba.data(), 4);
    }
}

// --- smart crop ---------------------------------------------------------------------------------

// Luma 0..255 (Rec.709 on encoded values, rounded): the channel both strategies look at.
inline int luma8(const uint8_t *p) { return int(0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2] + 0.5); }

// Index of the best window start in [0, n_positions), scores compared with a relative epsilon;
// ties go to the position closest to the centre ((n_positions - 1) / 2, sharp's centre crop).
int best_position(const std::vector<double> &score) {
    const int n = int(score.size());
    const double centre = (n - 1) / 2.0;
    double best = -1;
    int at = 0;
    for (int i = 0; i < n; ++i) {
        const double tol = 1e-9 * std::max(1.0, std::fabs(best));
        if (score[i] > best + tol ||
            (std::fabs(score[i] - best) <= tol && std::fabs(i - centre) < std::fabs(at - centre))) {
            best = std::max(best, score[i]);
            at = i;
        }
    }
    return at;
}

double entropy(const std::vector<int64_t> &hist, int64_t total) {
    double h = 0;
    for (int64_t n : hist)
        if (n > 0) {
            const double p = double(n) / double(total);
            h -= p * std::log2(p);
        }
    return h;
}

}  // namespace

int preshrink_factor(int in, int out) {
    if (in <= 0 || out <= 0) return 1;
    return std::max(1, int(std::floor(double(in) / out / 2.0)));
}

Box smart_crop(const Image &img, int cw, int ch, Position strategy) {
    const int w = img.width(), h = img.height();
    cw = std::clamp(cw, 1, w);
    ch = std::clamp(ch, 1, h);
    Box box{0, 0, cw, ch};
    const bool along_x = w > cw;  // cover leaves one free axis; if both are, search x at centred y
    if (!along_x && h == ch) return box;
    if (along_x) box.top = (h - ch + 1) / 2;
    // Per column (along_x) or per row: the quantity summed over the window.
    const int n_lines = along_x ? w : h;
    const int window = along_x ? cw : ch;
    const int n_pos = n_lines - window + 1;
    std::vector<double> score(n_pos, 0.0);
    auto px = [&](int line, int i) -> const uint8_t * {  // i-th pixel of line `line` inside the window's band
        return along_x ? img.row(box.top + i) + size_t(line) * 4 : img.row(line) + size_t(i) * 4;
    };
    const int band = along_x ? ch : w;
    if (strategy == Position::Entropy) {
        // Per-line histograms would need n_lines*256 counters; instead slide: add the entering
        // line's pixels, remove the leaving line's.
        std::vector<int64_t> hist(256, 0);
        for (int l = 0; l < window; ++l)
            for (int i = 0; i < band; ++i) ++hist[luma8(px(l, i))];
        const int64_t total = int64_t(window) * band;
        score[0] = entropy(hist, total);
        for (int s = 1; s < n_pos; ++s) {
            for (int i = 0; i < band; ++i) {
                --hist[luma8(px(s - 1, i))];
                ++hist[luma8(px(s + window - 1, i))];
            }
            score[s] = entropy(hist, total);
        }
    } else {
        // The one saliency map of pixelpipe (analysis/saliency.h): analyzeImage's smartCrop and
        // composition see the same thing. A failed map (out of memory) falls back to the centre.
        auto map = analysis::saliency_map(img);
        Box centre{(w - cw) / 2, (h - ch) / 2, cw, ch};
        if (!map.ok()) return centre;
        const analysis::CropWindow win = analysis::best_crop(map.value(), w, h, cw, ch);
        return Box{win.left, win.top, cw, ch};
    }
    const int at = best_position(score);
    if (along_x) box.left = at;
    else box.top = at;
    return box;
}

Result<Image> resample(const Image &src, int width, int height, Kernel kernel, bool pre_shrink) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "resample of an empty image");
    if (width <= 0 || height <= 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             "resample size must be positive, got " + std::to_string(width) + "x" + std::to_string(height));
    }
    // Same size: a copy for every kernel (Pillow does the same; Mitchell would otherwise blur).
    if (width == src.width() && height == src.height()) return copy_of(src);
    auto out = Image::allocate(width, height);
    if (!out.ok()) return out.status();
    Status st = resample_window(src, width, height, kernel, pre_shrink, 0, 0, out.value().view());
    if (!st.is_ok()) return st;
    return out;
}

Result<Image> resample_lanczos3(const Image &src, int width, int height) {
    return resample(src, width, height, Kernel::Lanczos3, /*pre_shrink=*/false);
}

Result<Image> resize(const Image &src, const ResizeSpec &spec, const Limits &limits) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "resize of an empty image");
    auto planned = plan_fit(src.width(), src.height(), spec);
    if (!planned.ok()) return planned.status();
    FitPlan p = planned.value();
    // Both the intermediate (cover/outside can be larger than the output) and the output count,
    // before anything is allocated.
    Status st = check_dimensions(p.resize_width, p.resize_height, limits);
    if (!st.is_ok()) return st;
    st = check_dimensions(p.out_width, p.out_height, limits);
    if (!st.is_ok()) return st;

    const bool same_size = p.resize_width == src.width() && p.resize_height == src.height();
    const bool smart = (spec.position == Position::Entropy || spec.position == Position::Attention) &&
                       (p.copy_width < p.resize_width || p.copy_height < p.resize_height);
    if (smart || (same_size && !p.is_plain_resize())) {
        // The crop depends on the content of the resized image: resize all of it first.
        Result<Image> full = same_size ? copy_of(src)
                                       : resample(src, p.resize_width, p.resize_height, spec.kernel, spec.pre_shrink);
        if (!full.ok()) return full.status();
        if (smart) {
            const Box b = smart_crop(full.value(), p.copy_width, p.copy_height, spec.position);
            p.src_x = b.left;
            p.src_y = b.top;
        }
        auto out = Image::allocate(p.out_width, p.out_height);
        if (!out.ok()) return out.status();
        if (p.copy_width < p.out_width || p.copy_height < p.out_height) fill(out.value(), spec.background);
        for (int y = 0; y < p.copy_height; ++y) {
            std::memcpy(out.value().row(p.dst_y + y) + size_t(p.dst_x) * 4,
                        full.value().row(p.src_y + y) + size_t(p.src_x) * 4, size_t(p.copy_width) * 4);
        }
        return out;
    }
    if (p.is_plain_resize()) return resample(src, p.resize_width, p.resize_height, spec.kernel, spec.pre_shrink);

    auto out = Image::allocate(p.out_width, p.out_height);
    if (!out.ok()) return out.status();
    Image &dst = out.value();
    if (p.copy_width < p.out_width || p.copy_height < p.out_height) fill(dst, spec.background);
    // Resample only the kept window, straight into the canvas (a view with the canvas's stride).
    auto window = dst.view();
    window.crop(0, p.dst_x, p.copy_width);
    window.crop(1, p.dst_y, p.copy_height);
    window.translate(0, -p.dst_x);
    window.translate(1, -p.dst_y);
    st = resample_window(src, p.resize_width, p.resize_height, spec.kernel, spec.pre_shrink, p.src_x, p.src_y, window);
    if (!st.is_ok()) return st;
    return out;
}

}  // namespace pixelpipe::ops
