// png_stages.cpp: where the PNG fast path's time goes, stage by stage, on one thread (native:
// build/host; wasm: node build/wasm-mt/bench/png-stages-mt.cjs), plus the whole default-level
// encode on the thread pool. Issue 11's profile table comes from this.
//   png_stages PHOTO.ppraw [RUNS]
// Each stage runs over the whole image strip by strip, as the encoder does; reported: the best
// of RUNS in ms.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

#include "codec/deflate/adler32.h"
#include "codec/deflate/fast_deflate.h"
#include "codec/deflate/huffman.h"
#include "codec/encoders/pixels.h"
#include "codec/encoders/png.h"
#include "codec/encoders/png_rows.h"
#include "core/image.h"
#include "load_ppraw.h"
#include "libdeflate.h"

using namespace pixelpipe;

namespace {

double best_ms(int runs, const std::function<void()> &fn) {
    double best = 1e30;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    return best;
}

void report(const char *stage, double ms) { std::printf("%-34s %8.1f ms\n", stage, ms); }

}  // namespace

int main(int argc, char **argv) {
    if (argc < 2) return 64;
    const Image img = load_ppraw(argv[1]);
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    codec::RowLayout L;
    L.image = &img;
    L.width = img.width();
    L.height = img.height();
    L.bpp = codec::is_opaque(img) ? 3 : 4;
    L.row_bytes = size_t(L.width) * L.bpp;
    const size_t strip_bytes = 256 * 1024;
    const int rows = int(std::max<size_t>(1, strip_bytes / (L.row_bytes + 1)));
    const int strips = (L.height + rows - 1) / rows;
    std::printf("%dx%d bpp %d, %d strips of %d rows\n", L.width, L.height, L.bpp, strips, rows);

    // The filtered strips, kept for the later stages.
    std::vector<std::vector<uint8_t>> filtered(strips);
    for (int s = 0; s < strips; ++s) {
        const int y0 = s * rows, y1 = std::min(L.height, y0 + rows);
        filtered[s].resize(size_t(y1 - y0) * (L.row_bytes + 1) + codec::kFilterSlack);
    }
    report("is_opaque", best_ms(runs, [&] { volatile bool o = codec::is_opaque(img); (void)o; }));
    report("filter (Paeth)", best_ms(runs, [&] {
        for (int s = 0; s < strips; ++s) codec::filter_rows(L, s * rows, std::min(L.height, (s + 1) * rows), filtered[s].data());
    }));
    volatile uint32_t sink = 0;
    for (auto &f : filtered) f.resize(f.size() - codec::kFilterSlack);
    report("adler32", best_ms(runs, [&] {
        for (auto &f : filtered) sink = sink + codec::deflate::adler32(1, f.data(), f.size());
    }));
    std::vector<uint32_t> hist(256 * strips);
    report("histogram (sampled)", best_ms(runs, [&] {
        for (int s = 0; s < strips; ++s) codec::deflate::sampled_histogram(filtered[s].data(), filtered[s].size(), &hist[s * 256]);
    }));
    report("huffman tables", best_ms(runs, [&] {
        for (int s = 0; s < strips; ++s) {
            uint32_t f[286];
            for (int b = 0; b < 256; ++b) f[b] = 1 + hist[s * 256 + b];
            for (int c = 256; c < 286; ++c) f[c] = 1;
            uint8_t len[286];
            uint16_t code[286];
            codec::deflate::huffman_lengths(f, 286, 14, len);
            codec::deflate::canonical_codes(len, 286, code);
            sink = sink + code[0];
        }
    }));
    std::vector<std::vector<uint8_t>> segments(strips);
    for (int s = 0; s < strips; ++s) segments[s].resize(codec::deflate::fast_segment_bound(filtered[s].size()));
    std::vector<size_t> sizes(strips);
    report("fast_segment (hist+tables+emit)", best_ms(runs, [&] {
        for (int s = 0; s < strips; ++s)
            sizes[s] = codec::deflate::fast_segment(filtered[s].data(), filtered[s].size(), segments[s].data());
    }));
    size_t total = 0;
    for (size_t n : sizes) total += n;
    std::vector<uint8_t> png;
    report("concatenate (1 copy)", best_ms(runs, [&] {
        png.clear();
        png.reserve(total);
        for (int s = 0; s < strips; ++s) png.insert(png.end(), segments[s].begin(), segments[s].begin() + sizes[s]);
    }));
    report("crc32 (libdeflate, per strip)", best_ms(runs, [&] {
        for (int s = 0; s < strips; ++s) sink = sink + libdeflate_crc32(0, segments[s].data(), sizes[s]);
    }));
    std::printf("compressed %.2f MB\n", total / 1e6);

    codec::PngOptions o;
    o.compression_level = 2;
    size_t bytes = 0;
    report("encode_png level 2 (thread pool)", best_ms(runs, [&] {
        auto r = codec::encode_png(img, o);
        if (!r.ok()) std::exit(1);
        bytes = r.value().size();
    }));
    std::printf("output %.3f MB\n", bytes / 1e6);
    std::exit(0);  // pthread pool workers would keep Node alive
}
