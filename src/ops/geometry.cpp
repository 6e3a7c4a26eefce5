// geometry.cpp: crop, flip, pad, trim and rotate (ops/geometry.h). Exact moves are plain copies
// (memcpy per row, or 4-byte pixel moves); arbitrary rotation is pp_rotate.
#include "ops/geometry.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "pp_rotate.h"

namespace pixelpipe::ops {
namespace {

std::string size_text(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

std::string box_text(const Box &b) {
    return "left " + std::to_string(b.left) + ", top " + std::to_string(b.top) + ", width " + std::to_string(b.width) +
           ", height " + std::to_string(b.height);
}

inline uint32_t load_px(const uint8_t *p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
inline void store_px(uint8_t *p, uint32_t v) { std::memcpy(p, &v, 4); }

// Quarter turns clockwise (1, 2 or 3). Transposing walks 64x64 tiles so both the reads and
// the writes stay in cache (a 12 MP photo is 48 MB).
Result<Image> rotate_quarter(const Image &src, int quarters) {
    const int w = src.width(), h = src.height();
    const bool swap = quarters != 2;
    auto out = Image::allocate(swap ? h : w, swap ? w : h);
    if (!out.ok()) return out.status();
    Image &dst = out.value();
    constexpr int kTile = 64;
    for (int ty = 0; ty < h; ty += kTile)
        for (int tx = 0; tx < w; tx += kTile)
            for (int y = ty; y < std::min(h, ty + kTile); ++y) {
                const uint8_t *row = src.row(y);
                for (int x = tx; x < std::min(w, tx + kTile); ++x) {
                    int dx, dy;
                    if (quarters == 1) dx = h - 1 - y, dy = x;           // 90 clockwise
                    else if (quarters == 2) dx = w - 1 - x, dy = h - 1 - y;
                    else dx = y, dy = w - 1 - x;                          // 270 clockwise
                    store_px(dst.row(dy) + size_t(dx) * 4, load_px(row + size_t(x) * 4));
                }
            }
    return out;
}

}  // namespace

Result<Image> crop(const Image &src, const Box &b) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "crop of an empty image");
    // 64-bit sums: left + width must not overflow.
    if (b.width < 1 || b.height < 1 || b.left < 0 || b.top < 0 || int64_t(b.left) + b.width > src.width() ||
        int64_t(b.top) + b.height > src.height()) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "crop box (" + box_text(b) + ") is not inside the " +
                                                              size_text(src.width(), src.height()) + " image");
    }
    auto out = Image::allocate(b.width, b.height);
    if (!out.ok()) return out.status();
    for (int y = 0; y < b.height; ++y) {
        std::memcpy(out.value().row(y), src.row(b.top + y) + size_t(b.left) * 4, size_t(b.width) * 4);
    }
    return out;
}

Result<Image> flip(const Image &src, FlipDirection direction) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "flip of an empty image");
    const int w = src.width(), h = src.height();
    auto out = Image::allocate(w, h);
    if (!out.ok()) return out.status();
    const bool mirror = direction != FlipDirection::Vertical;
    const bool upside_down = direction != FlipDirection::Horizontal;
    for (int y = 0; y < h; ++y) {
        const uint8_t *in = src.row(upside_down ? h - 1 - y : y);
        uint8_t *o = out.value().row(y);
        if (!mirror) {
            std::memcpy(o, in, src.stride());
            continue;
        }
        for (int x = 0; x < w; ++x) store_px(o + size_t(x) * 4, load_px(in + size_t(w - 1 - x) * 4));
    }
    return out;
}

Result<Image> pad(const Image &src, int top, int right, int bottom, int left, const Rgba8 &bg, const Limits &limits) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "pad of an empty image");
    if (top < 0 || right < 0 || bottom < 0 || left < 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "pad widths must be >= 0");
    }
    const int64_t w = int64_t(src.width()) + left + right, h = int64_t(src.height()) + top + bottom;
    Status st = check_dimensions(w, h, limits);
    if (!st.is_ok()) return st;
    auto out = Image::allocate(int(w), int(h));
    if (!out.ok()) return out.status();
    Image &dst = out.value();
    uint32_t fill;
    std::memcpy(&fill, bg.data(), 4);
    for (int y = 0; y < int(h); ++y) {
        uint8_t *o = dst.row(y);
        const bool in_rows = y >= top && y < top + src.height();
        if (!in_rows) {
            for (int x = 0; x < int(w); ++x) store_px(o + size_t(x) * 4, fill);
            continue;
        }
        for (int x = 0; x < left; ++x) store_px(o + size_t(x) * 4, fill);
        std::memcpy(o + size_t(left) * 4, src.row(y - top), src.stride());
        for (int x = left + src.width(); x < int(w); ++x) store_px(o + size_t(x) * 4, fill);
    }
    return out;
}

Box trim_box(const Image &src, double threshold) {
    const int w = src.width(), h = src.height();
    Box full{0, 0, w, h};
    if (src.empty()) return full;
    const uint8_t *ref = src.row(0);
    auto differs = [&](const uint8_t *p) {
        for (int c = 0; c < 4; ++c)
            if (std::abs(int(p[c]) - int(ref[c])) > threshold) return true;
        return false;
    };
    int x0 = w, x1 = -1, y0 = h, y1 = -1;
    for (int y = 0; y < h; ++y) {
        const uint8_t *row = src.row(y);
        int first = -1, last = -1;
        for (int x = 0; x < w; ++x)
            if (differs(row + size_t(x) * 4)) {
                first = x;
                break;
            }
        if (first < 0) continue;
        for (int x = w - 1; x >= first; --x)
            if (differs(row + size_t(x) * 4)) {
                last = x;
                break;
            }
        x0 = std::min(x0, first);
        x1 = std::max(x1, last);
        y0 = std::min(y0, y);
        y1 = y;
    }
    if (x1 < 0) return full;  // one colour everywhere: nothing to trim (sharp keeps the image)
    return Box{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

Result<Image> trim(const Image &src, double threshold) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "trim of an empty image");
    if (!(threshold >= 0)) return Status::error(ErrorCode::INVALID_ARGUMENT, "trim threshold must be >= 0");
    return crop(src, trim_box(src, threshold));
}

void rotated_size(int width, int height, double degrees, int *out_width, int *out_height) {
    const double rad = degrees * M_PI / 180.0;
    const double c = std::fabs(std::cos(rad)), s = std::fabs(std::sin(rad));
    // The 1e-6 slack keeps exact sizes exact (e.g. 45 degrees of a square: no extra column
    // from cos/sin rounding).
    *out_width = std::max(1, int(std::ceil(width * c + height * s - 1e-6)));
    *out_height = std::max(1, int(std::ceil(width * s + height * c - 1e-6)));
}

Result<Image> rotate(const Image &src, double degrees, const Rgba8 &bg, Interpolation interpolation,
                     const Limits &limits) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "rotate of an empty image");
    if (!std::isfinite(degrees)) return Status::error(ErrorCode::INVALID_ARGUMENT, "rotate angle must be finite");
    double a = std::fmod(degrees, 360.0);
    if (a < 0) a += 360.0;
    const double quarters = a / 90.0;
    const double nearest_quarter = std::round(quarters);
    if (std::fabs(quarters - nearest_quarter) < 1e-9) {
        const int q = int(nearest_quarter) % 4;
        if (q == 0) return crop(src, Box{0, 0, src.width(), src.height()});
        return rotate_quarter(src, q);
    }
    int ow, oh;
    rotated_size(src.width(), src.height(), a, &ow, &oh);
    Status st = check_dimensions(ow, oh, limits);
    if (!st.is_ok()) return st;
    auto out = Image::allocate(ow, oh);
    if (!out.ok()) return out.status();
    const double rad = a * M_PI / 180.0;
    auto in_buf = src.view();
    auto out_buf = out.value().view();
    // The same memory as one uint32 per pixel (rows are width * 4 bytes, so the row stride in
    // pixels is the width), for pp_rotate's 32-bit gathers.
    halide_dimension_t px_dims[2] = {{0, src.width(), 1}, {0, src.height(), src.width()}};
    Halide::Runtime::Buffer<const uint32_t, 2> px_buf(reinterpret_cast<const uint32_t *>(src.row(0)), 2, px_dims);
    const int err = pp_rotate(in_buf, px_buf, float(std::cos(rad)), float(std::sin(rad)),
                              interpolation == Interpolation::Bilinear ? 0 : 1, bg[0], bg[1], bg[2], bg[3], ow, oh, out_buf);
    if (Status st = halide_status("pp_rotate", err); !st.is_ok()) return st;
    return out;
}

}  // namespace pixelpipe::ops
