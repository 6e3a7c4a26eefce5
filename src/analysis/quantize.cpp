// quantize.cpp: palette extraction. Sampled pixels are binned at 5 bits per channel (keeping each
// bin's exact mean colour, so flat colours come back exactly), the bins are split by weighted
// median cut in OKLab, and the cut is refined by weighted k-means (Lloyd) on the bins. Working on
// bins rather than pixels keeps k-means cheap (a photo fills ~5–20 k of the 32 k bins), and every
// step is a fixed sequence of float operations, so the result is deterministic.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <tuple>

#include "analysis/quantize.h"
#include "analysis/quantize_space.h"
#include "color/color.h"

namespace pixelpipe::analysis {
namespace {

struct Bin {
    double w = 0;              // sampled pixel count
    double r = 0, g = 0, b = 0, a = 0;  // sums of the 8-bit values
};

struct Box {
    std::vector<int> idx;  // indices into the point list
    double sse = 0;        // weighted sum of squared distances to its mean
};

Point weighted_mean(const std::vector<Point> &pts, const std::vector<int> &idx) {
    Point m;
    for (int i : idx) {
        const Point &p = pts[size_t(i)];
        m.l += p.w * p.l; m.a += p.w * p.a; m.b += p.w * p.b; m.alpha += p.w * p.alpha; m.w += p.w;
    }
    if (m.w > 0) { m.l /= m.w; m.a /= m.w; m.b /= m.w; m.alpha /= m.w; }
    return m;
}

double box_sse(const std::vector<Point> &pts, const std::vector<int> &idx) {
    const Point m = weighted_mean(pts, idx);
    double s = 0;
    for (int i : idx) s += pts[size_t(i)].w * distance2(pts[size_t(i)], m);
    return s;
}

// Split along the axis of largest weighted variance at the weighted median.
void split(const std::vector<Point> &pts, Box &box, Box &other) {
    const Point m = weighted_mean(pts, box.idx);
    double var[4] = {0, 0, 0, 0};
    for (int i : box.idx) {
        const Point &p = pts[size_t(i)];
        var[0] += p.w * (p.l - m.l) * (p.l - m.l);
        var[1] += p.w * (p.a - m.a) * (p.a - m.a);
        var[2] += p.w * (p.b - m.b) * (p.b - m.b);
        var[3] += p.w * (p.alpha - m.alpha) * (p.alpha - m.alpha);
    }
    const int axis = int(std::max_element(var, var + 4) - var);
    auto key = [&](int i) { const Point &p = pts[size_t(i)]; return axis == 0 ? p.l : axis == 1 ? p.a : axis == 2 ? p.b : p.alpha; };
    std::sort(box.idx.begin(), box.idx.end(), [&](int x, int y) { return key(x) != key(y) ? key(x) < key(y) : x < y; });
    double half = 0, acc = 0;
    for (int i : box.idx) half += pts[size_t(i)].w;
    half /= 2;
    size_t cut = 1;
    for (; cut < box.idx.size(); ++cut) {
        acc += pts[size_t(box.idx[cut - 1])].w;
        if (acc >= half) break;
    }
    cut = std::min(std::max<size_t>(cut, 1), box.idx.size() - 1);
    other.idx.assign(box.idx.begin() + long(cut), box.idx.end());
    box.idx.resize(cut);
    box.sse = box_sse(pts, box.idx);
    other.sse = box_sse(pts, other.idx);
}

std::vector<Point> median_cut(const std::vector<Point> &pts, int k) {
    std::vector<Box> boxes(1);
    boxes[0].idx.resize(pts.size());
    std::iota(boxes[0].idx.begin(), boxes[0].idx.end(), 0);
    boxes[0].sse = box_sse(pts, boxes[0].idx);
    while (int(boxes.size()) < k) {
        size_t best = boxes.size();
        for (size_t i = 0; i < boxes.size(); ++i)
            if (boxes[i].idx.size() > 1 && (best == boxes.size() || boxes[i].sse > boxes[best].sse)) best = i;
        if (best == boxes.size()) break;
        Box other;
        split(pts, boxes[best], other);
        boxes.push_back(std::move(other));
    }
    std::vector<Point> centres;
    for (const Box &b : boxes) centres.push_back(weighted_mean(pts, b.idx));
    return centres;
}

// Weighted Lloyd iterations; 8 were enough for the centroids to stop moving by more than
// 1e-4 in OKLab on the test photos, and every pass costs bins × k distances.
void refine(const std::vector<Point> &pts, std::vector<Point> &centres, int iterations) {
    std::vector<int> owner(pts.size(), -1);
    for (int it = 0; it < iterations; ++it) {
        bool changed = false;
        for (size_t i = 0; i < pts.size(); ++i) {
            const int n = nearest(centres, pts[i]);
            if (n != owner[i]) { owner[i] = n; changed = true; }
        }
        if (!changed) break;
        std::vector<Point> sums(centres.size());
        for (size_t i = 0; i < pts.size(); ++i) {
            Point &s = sums[size_t(owner[i])];
            const Point &p = pts[i];
            s.l += p.w * p.l; s.a += p.w * p.a; s.b += p.w * p.b; s.alpha += p.w * p.alpha; s.w += p.w;
        }
        for (size_t c = 0; c < centres.size(); ++c)
            if (sums[c].w > 0) {  // an emptied centre keeps its place; it gets no share below
                const double w = sums[c].w;
                centres[c] = {sums[c].l / w, sums[c].a / w, sums[c].b / w, sums[c].alpha / w, w};
            }
    }
    for (Point &c : centres) c.w = 0;
    for (size_t i = 0; i < pts.size(); ++i) centres[size_t(nearest(centres, pts[i]))].w += pts[i].w;
}

size_t sample_step(size_t pixels, int width, int max_samples) {
    size_t step = (pixels + size_t(max_samples) - 1) / size_t(max_samples);
    if (step <= 1) return 1;
    // A step sharing a factor with the width revisits the same columns in every row (stripes
    // would be missed); a coprime step walks across all of them.
    while (std::gcd(step, size_t(width)) != 1) ++step;
    return step;
}

}  // namespace

Result<std::vector<PaletteEntry>> extract_palette(const Image &image, const QuantizeOptions &opt) {
    if (opt.max_colors < 1 || opt.max_colors > 256)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "max_colors must be 1..256, got " + std::to_string(opt.max_colors));
    if (opt.max_samples < 1)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "max_samples must be positive");
    const size_t pixels = size_t(image.width()) * size_t(image.height());
    if (pixels == 0 || image.empty()) return std::vector<PaletteEntry>{};

    // Bins: 5 bits of r, g, b; with alpha, 3 more bits (0 = fully transparent, 7 = opaque).
    const int alpha_bits = opt.include_alpha ? 3 : 0;
    std::vector<Bin> bins(size_t(1) << (15 + alpha_bits));
    const size_t step = sample_step(pixels, image.width(), opt.max_samples);
    const uint8_t *px = image.data();
    for (size_t i = 0; i < pixels; i += step) {
        const uint8_t *p = px + i * 4;
        if (p[3] == 0 && !opt.include_alpha) continue;
        uint8_t r = p[0], g = p[1], b = p[2];
        if (p[3] == 0) r = g = b = 0;  // a transparent pixel's colour is meaningless
        size_t key = (size_t(r >> 3) << 10) | (size_t(g >> 3) << 5) | size_t(b >> 3);
        if (opt.include_alpha) key |= size_t(alpha_level(p[3])) << 15;
        Bin &bin = bins[key];
        bin.w += 1; bin.r += r; bin.g += g; bin.b += b; bin.a += p[3];
    }

    std::vector<Point> pts;
    double total = 0;
    for (const Bin &bin : bins) {
        if (bin.w == 0) continue;
        Point p = to_point(uint8_t(bin.r / bin.w + 0.5), uint8_t(bin.g / bin.w + 0.5), uint8_t(bin.b / bin.w + 0.5),
                           opt.include_alpha ? uint8_t(bin.a / bin.w + 0.5) : uint8_t(255));
        p.w = bin.w;
        total += bin.w;
        pts.push_back(p);
    }
    if (pts.empty()) return std::vector<PaletteEntry>{};

    std::vector<Point> centres = median_cut(pts, opt.max_colors);
    if (pts.size() > centres.size()) refine(pts, centres, 8);

    std::vector<PaletteEntry> out;
    for (const Point &c : centres) {
        if (c.w <= 0) continue;
        PaletteEntry e = to_entry(c);
        e.proportion = c.w / total;
        // Two centres rounding to one 8-bit colour are one palette entry.
        auto same = std::find_if(out.begin(), out.end(), [&](const PaletteEntry &o) {
            return o.r == e.r && o.g == e.g && o.b == e.b && o.a == e.a;
        });
        if (same != out.end()) same->proportion += e.proportion;
        else out.push_back(e);
    }
    std::sort(out.begin(), out.end(), [](const PaletteEntry &x, const PaletteEntry &y) {
        if (x.proportion != y.proportion) return x.proportion > y.proportion;
        return std::tie(x.r, x.g, x.b, x.a) < std::tie(y.r, y.g, y.b, y.a);
    });
    return out;
}

}  // namespace pixelpipe::analysis
