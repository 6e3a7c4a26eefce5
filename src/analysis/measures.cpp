// measures.cpp: runs the analysis pipelines and reduces their per-strip / per-row partial sums.
#include "analysis/measures.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "HalideBuffer.h"
#include "HalideRuntime.h"
#include "pp_blockiness.h"
#include "pp_luma.h"
#include "pp_luma_box.h"
#include "pp_luma_measures.h"

namespace pixelpipe::analysis {
namespace {

Status require_pixels(const Image &img) {
    if (img.empty() || img.width() < 1 || img.height() < 1)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "analysis of an empty image");
    return Status::ok();
}

// The histograms are a scatter, which Halide vectorises poorly: its pp_histogram took 50 instructions
// a pixel natively (callgrind, 12 MP) and 430 ms single-threaded in wasm. This scalar pass loads each
// pixel once and does five increments (and, for an analysis that needs the luma plane too, one
// store: full_luma's pp_luma pass plus reading its plane here cost more than computing luma here,
// colors alone 57 → 75 CPU ms in the mt build, bench/analyze-ab.mjs --cpu). Four copies of every histogram take the pixels x mod 4:
// runs of one value (every alpha of an opaque image, flat areas) would otherwise chain each
// increment on the previous store to the same counter. Row bands run on Halide's thread pool.
constexpr int kHistogramChunks = 16;  // bands: enough to balance a few threads, 16 × 20 KB to merge

struct HistogramPartial {
    uint32_t count[5][4][256] = {};  // channel r, g, b, a, luma; copy; bin. A band has < 2^32 pixels.
    ColorMoments moments;
};

struct HistogramJob {
    const Image *img = nullptr;
    LumaPlane *luma_out = nullptr;
    bool skip_transparent = false, with_moments = false;
    int row_step = 1, chunks = 1, rows_per_chunk = 1;
    HistogramPartial *parts = nullptr;
};

// js-api.md's luma, exactly: round half up of 0.2126 R + 0.7152 G + 0.0722 B, in integers (the
// same expression as the generators' luma8; both are checked against numpy's by the oracle tests).
struct LumaWeights {
    uint32_t r[256], g[256], b[256];
    LumaWeights() {
        for (uint32_t v = 0; v < 256; ++v) r[v] = v * 2126, g[v] = v * 7152, b[v] = v * 722 + 5000;
    }
};

// One pixel into copy K of the histograms (K constant: the four copies are the unrolled steps).
template <bool kSkipTransparent, bool kMoments, bool kStoreLuma, int K>
inline void count_pixel(HistogramPartial &p, ColorMoments &m, const LumaWeights &w, const uint8_t *px, uint8_t *luma_out) {
    const uint8_t r = px[0], g = px[1], b = px[2], a = px[3];
    const uint32_t luma = (w.r[r] + w.g[g] + w.b[b]) / 10000;
    if (kStoreLuma) luma_out[K] = uint8_t(luma);
    if (kSkipTransparent && a == 0) return;
    ++p.count[0][K][r];
    ++p.count[1][K][g];
    ++p.count[2][K][b];
    ++p.count[3][K][a];
    ++p.count[4][K][luma];
    if (kMoments) {
        const int32_t rg = int32_t(r) - g, yb2 = int32_t(r) + g - 2 * int32_t(b);
        m.rg += rg;
        m.rg2 += rg * rg;
        m.yb2 += yb2;
        m.yb2_sq += yb2 * yb2;
    }
}

// A row's moments are summed in locals (64-bit: yb2² ≤ 260100 times 32768 px passes 2^31) and
// added to the band's once per row, which keeps the per-pixel adds off the band's memory.
template <bool kSkipTransparent, bool kMoments, bool kStoreLuma>
void count_row(HistogramPartial &p, const LumaWeights &w, const uint8_t *px, uint8_t *luma_out, int width) {
    ColorMoments m;
    int x = 0;
    for (; x + 4 <= width; x += 4, px += 16, luma_out += kStoreLuma ? 4 : 0) {
        count_pixel<kSkipTransparent, kMoments, kStoreLuma, 0>(p, m, w, px, luma_out);
        count_pixel<kSkipTransparent, kMoments, kStoreLuma, 1>(p, m, w, px + 4, luma_out);
        count_pixel<kSkipTransparent, kMoments, kStoreLuma, 2>(p, m, w, px + 8, luma_out);
        count_pixel<kSkipTransparent, kMoments, kStoreLuma, 3>(p, m, w, px + 12, luma_out);
    }
    for (; x < width; ++x, px += 4, luma_out += kStoreLuma ? 1 : 0)
        count_pixel<kSkipTransparent, kMoments, kStoreLuma, 0>(p, m, w, px, luma_out);
    if (kMoments) p.moments += m;
}

int histogram_chunk(void *, int chunk, uint8_t *closure) {
    static const LumaWeights w;
    const HistogramJob &job = *reinterpret_cast<const HistogramJob *>(closure);
    HistogramPartial &p = job.parts[chunk];
    const Image &img = *job.img;
    const int first = chunk * job.rows_per_chunk;
    for (int i = first; i < first + job.rows_per_chunk; ++i) {
        const int64_t y = int64_t(i) * job.row_step;
        if (y >= img.height()) break;
        const uint8_t *row = img.row(int(y));
        uint8_t *luma = job.luma_out ? &job.luma_out->px[size_t(y) * size_t(img.width())] : nullptr;
        if (luma) count_row<false, true, true>(p, w, row, luma, img.width());  // (moments too: one variant less)
        else if (job.with_moments) {
            if (job.skip_transparent) count_row<true, true, false>(p, w, row, luma, img.width());
            else count_row<false, true, false>(p, w, row, luma, img.width());
        } else {
            if (job.skip_transparent) count_row<true, false, false>(p, w, row, luma, img.width());
            else count_row<false, false, false>(p, w, row, luma, img.width());
        }
    }
    return 0;
}

}  // namespace

Result<Histograms> histograms(const Image &img, bool skip_transparent, int row_step, bool with_moments,
                              LumaPlane *luma_out) {
    if (Status st = require_pixels(img); !st.is_ok()) return st;
    if (luma_out && (skip_transparent || row_step > 1))
        return Status::error(ErrorCode::INTERNAL, "histograms: the luma plane needs every pixel of every row");
    if (luma_out) {
        luma_out->width = img.width();
        luma_out->height = img.height();
        luma_out->px.resize(size_t(img.width()) * size_t(img.height()));
    }
    HistogramJob job;
    job.img = &img;
    job.luma_out = luma_out;
    job.skip_transparent = skip_transparent;
    job.with_moments = with_moments;
    job.row_step = std::clamp(row_step, 1, img.height());
    const int rows = (img.height() + job.row_step - 1) / job.row_step;
    job.chunks = std::min(kHistogramChunks, rows);
    job.rows_per_chunk = (rows + job.chunks - 1) / job.chunks;
    job.chunks = (rows + job.rows_per_chunk - 1) / job.rows_per_chunk;
    std::vector<HistogramPartial> parts(size_t(job.chunks));  // zeroed
    job.parts = parts.data();
    if (Status st = halide_status("histogram pass", halide_do_par_for(nullptr, histogram_chunk, 0, job.chunks,
                                                                      reinterpret_cast<uint8_t *>(&job)));
        !st.is_ok())
        return st;
    Histograms h;
    Hist256 *dst[5] = {&h.r, &h.g, &h.b, &h.a, &h.luma};
    for (const HistogramPartial &p : parts) {
        h.moments += p.moments;
        for (int c = 0; c < 5; ++c)
            for (int k = 0; k < 4; ++k)
                for (int v = 0; v < 256; ++v) (*dst[c])[size_t(v)] += p.count[c][k][v];
    }
    for (int64_t n : h.r) h.count += n;
    return h;
}

ChannelStats channel_stats(const Hist256 &h) {
    ChannelStats s;
    double n = 0, sum = 0, sum2 = 0;
    int lo = 256, hi = -1;
    for (int v = 0; v < 256; ++v) {
        const double c = double(h[size_t(v)]);
        if (c == 0) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        n += c;
        sum += c * v;
        sum2 += c * v * v;
    }
    if (n == 0) return s;
    s.min = lo;
    s.max = hi;
    s.mean = sum / n;
    s.stdev = std::sqrt(std::max(0.0, sum2 / n - s.mean * s.mean));
    return s;
}

double histogram_entropy_bits(const Hist256 &h) {
    double n = 0, e = 0;
    for (int64_t c : h) n += double(c);
    if (n == 0) return 0;
    for (int64_t c : h)
        if (c > 0) {
            const double p = double(c) / n;
            e -= p * std::log2(p);
        }
    return e;
}

Result<LumaPlane> full_luma(const Image &img) {
    if (Status st = require_pixels(img); !st.is_ok()) return st;
    LumaPlane p;
    p.width = img.width();
    p.height = img.height();
    p.px.resize(size_t(p.width) * size_t(p.height));
    Halide::Runtime::Buffer<uint8_t, 2> out(p.px.data(), p.width, p.height);
    auto in = img.view();
    if (Status st = halide_status("pp_luma", pp_luma(in, out)); !st.is_ok()) return st;
    return p;
}

Result<LumaPlane> box_downscale(const LumaPlane &in, int factor) {
    if (in.width < 1 || in.height < 1) return Status::error(ErrorCode::INVALID_ARGUMENT, "box_downscale of an empty plane");
    factor = std::clamp(factor, 1, std::min(in.width, in.height));
    if (factor == 1) return in;
    LumaPlane p;
    p.width = in.width / factor;
    p.height = in.height / factor;
    p.px.resize(size_t(p.width) * size_t(p.height));
    Halide::Runtime::Buffer<uint8_t, 2> out(p.px.data(), p.width, p.height);
    // The blocks are centred: the remainder is dropped on both sides alike, so a mirrored image
    // gives the mirrored plane (composition's symmetry test relies on it).
    const int ox = (in.width - p.width * factor) / 2, oy = (in.height - p.height * factor) / 2;
    Halide::Runtime::Buffer<uint8_t, 2> src(const_cast<uint8_t *>(in.px.data()), in.width, in.height);
    auto window = src.cropped(0, ox, p.width * factor).cropped(1, oy, p.height * factor);
    window.translate({-ox, -oy});
    if (Status st = halide_status("pp_luma_box", pp_luma_box(window, factor, out)); !st.is_ok()) return st;
    return p;
}

Result<LaplacianNoise> laplacian_noise(const LumaPlane &luma) {
    LaplacianNoise r;
    if (luma.width < 3 || luma.height < 3) return r;
    Halide::Runtime::Buffer<uint8_t, 2> in(const_cast<uint8_t *>(luma.px.data()), luma.width, luma.height);
    const int strips = (luma.height + 63) / 64;  // the generator's kRows
    Halide::Runtime::Buffer<int32_t, 3> out(luma.width - 2, 3, strips);
    out.set_min(1, 0, 0);  // interior columns only (the pipeline reads x ± 1 unclamped)
    if (Status st = halide_status("pp_luma_measures", pp_luma_measures(in, out)); !st.is_ok()) return st;
    double s = 0, s2 = 0, si = 0;
    for (int t = 0; t < strips; ++t)
        for (int x = 1; x + 1 < luma.width; ++x) {
            s += out(x, 0, t);
            s2 += out(x, 1, t);
            si += out(x, 2, t);
        }
    const double n = double(luma.width - 2) * double(luma.height - 2);
    const double mean = s / n;
    r.laplacian_sigma = std::sqrt(std::max(0.0, s2 / n - mean * mean));
    r.noise_sigma = std::sqrt(si / (36.0 * n));
    return r;
}

Result<double> jpeg_blockiness(const LumaPlane &luma) {
    const int w = luma.width, h = luma.height;
    if (w < 16 || h < 16) return 0.0;  // fewer than two blocks: no grid to see
    const int strips = (h + 63) / 64;
    Halide::Runtime::Buffer<int32_t, 3> out(w - 1, 9, strips);  // columns 0..w-2 (x + 1 inside)
    Halide::Runtime::Buffer<uint8_t, 2> in(const_cast<uint8_t *>(luma.px.data()), w, h);
    if (Status st = halide_status("pp_blockiness", pp_blockiness(in, out)); !st.is_ok()) return st;
    // Per phase: sums of steps and how many steps there are.
    double hs[8] = {0}, hn[8] = {0}, vs[8] = {0}, vn[8] = {0};
    for (int t = 0; t < strips; ++t)
        for (int x = 0; x + 1 < w; ++x) {
            for (int k = 0; k < 8; ++k) vs[k] += out(x, k, t);
            hs[x % 8] += out(x, 8, t);
        }
    for (int x = 0; x + 1 < w; ++x) hn[x % 8] += h;
    for (int y = 0; y + 1 < h; ++y) vn[y % 8] += w - 1;
    // Mean step per phase; the grid is the phase with the largest mean step.
    auto ratio = [](const double *sum, const double *count) {
        double m[8], best = -1, rest = 0;
        int at = 0;
        for (int k = 0; k < 8; ++k) {
            m[k] = count[k] > 0 ? sum[k] / count[k] : 0;
            if (m[k] > best) { best = m[k]; at = k; }
        }
        for (int k = 0; k < 8; ++k)
            if (k != at) rest += m[k] / 7.0;
        return rest > 0 ? std::max(0.0, best / rest - 1.0) : 0.0;  // flat image: no steps at all
    };
    return 0.5 * (ratio(hs, hn) + ratio(vs, vn));
}

}  // namespace pixelpipe::analysis
