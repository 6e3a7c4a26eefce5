// png.cpp: RGBA8 → PNG. Colour type: RGBA, RGB when every pixel is opaque (a quarter less data to
// compress), or indexed (palette option). Scanlines are Paeth-filtered (indexed: unfiltered, as
// the PNG book recommends for palettes), then deflated by the level's compressor (png.h). The
// fast path filters and codes strips of rows independently, in parallel on Halide's thread pool.
#include "codec/encoders/png.h"

#include <cmath>
#include <cstring>

#include "HalideRuntime.h"
#include "analysis/quantize.h"
#include "codec/deflate/fast_deflate.h"
#include "codec/encoders/bytes.h"
#include "codec/encoders/pixels.h"
#include "codec/encoders/png_rows.h"
#include "libdeflate.h"

namespace pixelpipe::codec {

void append_png_chunk(std::vector<uint8_t> &png, const char type[4], const uint8_t *data, size_t size) {
    put_be32(png, uint32_t(size));
    const size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    if (size) png.insert(png.end(), data, data + size);
    put_be32(png, libdeflate_crc32(0, png.data() + start, size + 4));
}

namespace {

using Bytes = std::vector<uint8_t>;

const auto chunk = append_png_chunk;

// Strips of rows deflated independently (fast path). ~256 KB of filtered bytes per strip: big
// enough that per-block Huffman headers cost < 0.1 %, small enough to stay in L2 and to give
// both threads work on a 1 MP image.
constexpr size_t kStripBytes = 256 * 1024;

struct StripJob {
    const RowLayout *layout;
    int rows_per_strip;
    int level;
    std::vector<Bytes> *out;
    std::vector<uint32_t> *adler;
    std::vector<size_t> *sizes;
};

int strip_task(void *, int strip, uint8_t *closure) {
    auto *job = reinterpret_cast<StripJob *>(closure);
    const RowLayout &L = *job->layout;
    const int y0 = strip * job->rows_per_strip;
    const int y1 = std::min(L.height, y0 + job->rows_per_strip);
    Bytes filtered;
    filtered.resize(size_t(y1 - y0) * (L.row_bytes + 1));
    filter_rows(L, y0, y1, filtered.data());
    (*job->adler)[strip] = libdeflate_adler32(1, filtered.data(), filtered.size());
    (*job->sizes)[strip] = filtered.size();
    Bytes &seg = (*job->out)[strip];
    if (job->level == 0) deflate::stored_segment(filtered.data(), filtered.size(), seg);
    else deflate::fast_segment(filtered.data(), filtered.size(), seg);
    return 0;
}

// Stored or fast path for a non-interlaced image: strips in parallel, concatenated.
void deflate_strips(const RowLayout &layout, int level, Bytes &zlib) {
    const int rows = int(std::max<size_t>(1, kStripBytes / (layout.row_bytes + 1)));
    const int strips = (layout.height + rows - 1) / rows;
    std::vector<Bytes> segments(strips);
    std::vector<uint32_t> adler(strips);
    std::vector<size_t> sizes(strips);
    StripJob job{&layout, rows, level, &segments, &adler, &sizes};
    halide_do_par_for(nullptr, strip_task, 0, strips, reinterpret_cast<uint8_t *>(&job));
    deflate::zlib_header(zlib);
    uint32_t sum = 1;
    for (int s = 0; s < strips; ++s) {
        zlib.insert(zlib.end(), segments[s].begin(), segments[s].end());
        Bytes().swap(segments[s]);
        sum = deflate::adler32_combine(sum, adler[s], sizes[s]);
    }
    deflate::final_block(zlib);
    put_be32(zlib, sum);
}

// Any level on an already filtered stream (interlaced images, libdeflate levels).
Status deflate_whole(const Bytes &filtered, int level, Bytes &zlib) {
    if (level >= 4) {
        libdeflate_compressor *c = libdeflate_alloc_compressor(level);
        if (!c) return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory starting the PNG compressor");
        zlib.resize(libdeflate_zlib_compress_bound(c, filtered.size()));
        const size_t n = libdeflate_zlib_compress(c, filtered.data(), filtered.size(), zlib.data(), zlib.size());
        libdeflate_free_compressor(c);
        if (n == 0) return Status::error(ErrorCode::ENCODE_FAILED, "PNG deflate failed");
        zlib.resize(n);
        return Status::ok();
    }
    deflate::zlib_header(zlib);
    for (size_t off = 0; off < filtered.size(); off += kStripBytes) {
        const size_t n = std::min(kStripBytes, filtered.size() - off);
        if (level == 0) deflate::stored_segment(filtered.data() + off, n, zlib);
        else deflate::fast_segment(filtered.data() + off, n, zlib);
    }
    deflate::final_block(zlib);
    put_be32(zlib, libdeflate_adler32(1, filtered.data(), filtered.size()));
    return Status::ok();
}

}  // namespace

PngOptions read_png_options(ParamReader &r) {
    PngOptions o;
    o.compression_level = r.integer("compressionLevel", 0, 9);
    o.palette = r.boolean("palette");
    o.colors = r.integer("colors", 2, 256);
    o.dither = float(r.number("dither", 0, 1));
    o.interlace = r.boolean("interlace");
    o.dpi = r.number("dpi", 0, 1e6);
    return o;
}

Result<Bytes> encode_png(const Image &image, const PngOptions &o) {
    if (image.size_bytes() > (size_t(1) << 30))
        return Status::error(ErrorCode::ENCODE_FAILED, "image too large for the PNG encoder (over 1 GB of pixels)");
    RowLayout layout;
    layout.image = &image;
    layout.width = image.width();
    layout.height = image.height();
    Bytes plte, trns;
    std::vector<uint8_t> indices;
    uint8_t color_type;
    if (o.palette) {
        analysis::QuantizeOptions q;
        q.max_colors = o.colors;
        q.include_alpha = true;
        auto pal = analysis::extract_palette(image, q);
        if (!pal.ok()) return pal.status();
        auto idx = analysis::map_to_palette(image, pal.value(), o.dither);
        if (!idx.ok()) return idx.status();
        indices = idx.take();
        for (const auto &e : pal.value()) {
            plte.insert(plte.end(), {e.r, e.g, e.b});
            trns.push_back(e.a);
        }
        while (!trns.empty() && trns.back() == 255) trns.pop_back();  // tRNS may be shorter than PLTE
        layout.indices = indices.data();
        layout.bpp = 1;
        color_type = 3;
    } else {
        layout.bpp = is_opaque(image) ? 3 : 4;
        color_type = layout.bpp == 3 ? 2 : 6;
    }
    layout.row_bytes = size_t(layout.width) * layout.bpp;
    layout.adaptive = o.compression_level >= 4;

    Bytes zlib;
    if (o.interlace) {
        auto filtered = adam7_filtered(layout);
        if (!filtered.ok()) return filtered.status();
        Status s = deflate_whole(filtered.value(), o.compression_level, zlib);
        if (!s.is_ok()) return s;
    } else if (o.compression_level >= 4) {
        Bytes filtered(size_t(layout.height) * (layout.row_bytes + 1));
        filter_rows(layout, 0, layout.height, filtered.data());
        Status s = deflate_whole(filtered, o.compression_level, zlib);
        if (!s.is_ok()) return s;
    } else {
        deflate_strips(layout, o.compression_level, zlib);
    }

    Bytes png;
    png.reserve(zlib.size() + plte.size() + trns.size() + 128);
    static const uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    png.insert(png.end(), kSignature, kSignature + 8);
    Bytes ihdr;
    put_be32(ihdr, uint32_t(layout.width));
    put_be32(ihdr, uint32_t(layout.height));
    ihdr.insert(ihdr.end(), {8, color_type, 0, 0, uint8_t(o.interlace ? 1 : 0)});
    chunk(png, "IHDR", ihdr.data(), ihdr.size());
    if (o.dpi > 0) {
        Bytes phys;
        const uint32_t ppm = uint32_t(std::lround(o.dpi / 0.0254));  // pixels per metre
        put_be32(phys, ppm);
        put_be32(phys, ppm);
        phys.push_back(1);  // unit: metre
        chunk(png, "pHYs", phys.data(), phys.size());
    }
    if (!plte.empty()) chunk(png, "PLTE", plte.data(), plte.size());
    if (!trns.empty()) chunk(png, "tRNS", trns.data(), trns.size());
    chunk(png, "IDAT", zlib.data(), zlib.size());
    chunk(png, "IEND", nullptr, 0);
    return png;
}

}  // namespace pixelpipe::codec
