// png_rows.cpp: see png_rows.h.
#include "codec/encoders/png_rows.h"

#include <cstdlib>
#include <cstring>

#include "codec/u8x16.h"

namespace pixelpipe::codec {
namespace {

// Pixels x0, x0+dx, ... of row y in the layout's packing.
void pack_row(const RowLayout &L, int y, int x0, int dx, int count, uint8_t *dst) {
    if (L.indices) {
        const uint8_t *src = L.indices + size_t(y) * L.width;
        for (int i = 0; i < count; ++i) dst[i] = src[x0 + i * dx];
        return;
    }
    const uint8_t *src = L.image->row(y) + size_t(x0) * 4;
    if (L.bpp == 4 && dx == 1) {
        std::memcpy(dst, src, size_t(count) * 4);
    } else if (L.bpp == 4) {
        for (int i = 0; i < count; ++i) std::memcpy(dst + i * 4, src + size_t(i) * dx * 4, 4);
    } else {
        for (int i = 0; i < count; ++i) {
            const uint8_t *p = src + size_t(i) * dx * 4;
            dst[i * 3] = p[0];
            dst[i * 3 + 1] = p[1];
            dst[i * 3 + 2] = p[2];
        }
    }
}

// Encoder-side Paeth: the predictor reads only raw bytes, so every byte is independent and the
// loop vectorises (decoding is the sequential direction).
void paeth(const uint8_t *cur, const uint8_t *prev, size_t n, int bpp, uint8_t *out) {
    for (int i = 0; i < bpp; ++i) out[i] = uint8_t(cur[i] - prev[i]);
    for (size_t i = bpp; i < n; ++i) {
        const int a = cur[i - bpp], b = prev[i], c = prev[i - bpp];
        const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
        const int pred = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
        out[i] = uint8_t(cur[i] - pred);
    }
}

// The row's filter among all five by the minimum sum of absolute signed differences.
void adaptive(const uint8_t *cur, const uint8_t *prev, size_t n, int bpp, uint8_t *out, std::vector<uint8_t> &scratch) {
    scratch.resize(4 * n);
    uint8_t *cand[5] = {nullptr, scratch.data(), scratch.data() + n, scratch.data() + 2 * n, scratch.data() + 3 * n};
    for (size_t i = 0; i < n; ++i) {
        const int a = i >= size_t(bpp) ? cur[i - bpp] : 0, b = prev[i];
        cand[1][i] = uint8_t(cur[i] - a);
        cand[2][i] = uint8_t(cur[i] - b);
        cand[3][i] = uint8_t(cur[i] - ((a + b) >> 1));
    }
    paeth(cur, prev, n, bpp, cand[3] + n);
    cand[4] = cand[3] + n;
    cand[0] = const_cast<uint8_t *>(cur);
    int best = 0;
    uint64_t best_cost = UINT64_MAX;
    for (int f = 0; f < 5; ++f) {
        uint64_t cost = 0;
        for (size_t i = 0; i < n; ++i) cost += uint64_t(std::abs(int(int8_t(cand[f][i]))));
        if (cost < best_cost) { best_cost = cost; best = f; }
    }
    out[0] = uint8_t(best);
    std::memcpy(out + 1, cand[best], n);
}

// Filtered scanlines of the (sub)image: pixels (x0 + i*dx, y0 + j*dy), count_x × count_y.
void filter_subimage(const RowLayout &L, int x0, int dx, int count_x, int y0, int dy, int count_y, bool first_has_prev,
                     uint8_t *out) {
    const size_t n = size_t(count_x) * L.bpp;
    std::vector<uint8_t> rows(2 * n), scratch;
    uint8_t *cur = rows.data(), *prev = rows.data() + n;
    if (first_has_prev) pack_row(L, y0 - dy, x0, dx, count_x, prev);
    else std::memset(prev, 0, n);
    for (int j = 0; j < count_y; ++j, out += n + 1) {
        pack_row(L, y0 + j * dy, x0, dx, count_x, cur);
        if (L.indices) {
            out[0] = 0;  // none
            std::memcpy(out + 1, cur, n);
        } else if (L.adaptive) {
            adaptive(cur, prev, n, L.bpp, out, scratch);
        } else {
            out[0] = 4;  // Paeth
            paeth(cur, prev, n, L.bpp, out + 1);
        }
        std::swap(cur, prev);
    }
}

// The fast path's fixed Paeth filter, straight from the RGBA rows, 16 bytes (4 pixels) at a
// time: the predictor works per channel on the same channel of the left pixel, so filtering RGBA
// and dropping alpha equals filtering packed RGB with bpp 3 (no packing pass). The first 4 pixels
// (left neighbour 0) and the row's last < 4 pixels go through zero-padded copies. Writes up to
// 4 bytes past a row's last full group (RGB): the next row's filter byte or tail overwrites them,
// and kFilterSlack covers the last row.
void paeth_rgba_rows(const RowLayout &L, int y0, int y1, uint8_t *out) {
    const size_t w4 = size_t(L.width) * 4, full = w4 & ~size_t(15);
    const size_t out_step = L.bpp == 3 ? 12 : 16;
    const std::vector<uint8_t> zeros(y0 == 0 ? w4 : 0);
    auto group = [&](simd::V cur, simd::V a, simd::V b, simd::V c, uint8_t *dst) {
        const simd::V r = simd::paeth_residual(cur, a, b, c);
        simd::store(dst, L.bpp == 3 ? simd::rgba_to_rgb(r) : r);
    };
    // Bytes [x, x + n) of a row and of its left neighbours, zero-padded to 16.
    auto padded = [&](const uint8_t *row, size_t x, size_t n, uint8_t (&here)[16], uint8_t (&left)[16]) {
        std::memset(here, 0, 16);
        std::memset(left, 0, 16);
        std::memcpy(here, row + x, n);
        if (x >= 4) std::memcpy(left, row + x - 4, n);
        else if (n > 4) std::memcpy(left + 4, row, n - 4);
    };
    for (int y = y0; y < y1; ++y) {
        const uint8_t *cur = L.image->row(y), *up = y > 0 ? L.image->row(y - 1) : zeros.data();
        *out++ = 4;  // Paeth
        size_t x = 0;
        uint8_t c16[16], a16[16], b16[16], d16[16], tmp[16];
        if (full > 0) {  // first group: left neighbours of pixel 0 are zero
            padded(cur, 0, 16, c16, a16);
            padded(up, 0, 16, b16, d16);
            group(simd::load(c16), simd::load(a16), simd::load(b16), simd::load(d16), out);
            out += out_step;
            x = 16;
        }
        for (; x < full; x += 16, out += out_step)
            group(simd::load(cur + x), simd::load(cur + x - 4), simd::load(up + x), simd::load(up + x - 4), out);
        if (x < w4) {
            const size_t n = w4 - x;
            padded(cur, x, n, c16, a16);
            padded(up, x, n, b16, d16);
            group(simd::load(c16), simd::load(a16), simd::load(b16), simd::load(d16), tmp);
            const size_t bytes = n / 4 * L.bpp;
            std::memcpy(out, tmp, bytes);
            out += bytes;
        }
    }
}

}  // namespace

void filter_rows(const RowLayout &L, int y0, int y1, uint8_t *out) {
    if (!L.indices && !L.adaptive) return paeth_rgba_rows(L, y0, y1, out);
    filter_subimage(L, 0, 1, L.width, y0, 1, y1 - y0, y0 > 0, out);
}

Result<std::vector<uint8_t>> adam7_filtered(const RowLayout &L) {
    struct Pass { int x0, y0, dx, dy; };
    static const Pass kPasses[7] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
                                    {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
    size_t total = 0;
    for (const Pass &p : kPasses) {
        const int w = (L.width - p.x0 + p.dx - 1) / p.dx, h = (L.height - p.y0 + p.dy - 1) / p.dy;
        if (w > 0 && h > 0) total += size_t(h) * (size_t(w) * L.bpp + 1);
    }
    std::vector<uint8_t> out(total);
    uint8_t *dst = out.data();
    for (const Pass &p : kPasses) {
        const int w = (L.width - p.x0 + p.dx - 1) / p.dx, h = (L.height - p.y0 + p.dy - 1) / p.dy;
        if (w <= 0 || h <= 0) continue;  // empty passes have no scanlines at all
        filter_subimage(L, p.x0, p.dx, w, p.y0, p.dy, h, false, dst);
        dst += size_t(h) * (size_t(w) * L.bpp + 1);
    }
    return out;
}

}  // namespace pixelpipe::codec
