// png.cpp: RGBA8 → PNG. Colour type: RGBA, RGB when every pixel is opaque (a quarter less data to
// compress), or indexed (palette option). Scanlines are Paeth-filtered (indexed: unfiltered, as
// the PNG book recommends for palettes), then deflated by the level's compressor (png.h). The
// fast path filters and codes strips of rows independently, in parallel on Halide's thread pool.
#include "codec/encoders/png.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "HalideRuntime.h"
#include "analysis/quantize.h"
#include "codec/deflate/adler32.h"
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
// enough that per-block Huffman headers and chunk framing cost < 0.1 %, small enough to stay in
// L2 and to give both threads work on a 1 MP image.
constexpr size_t kStripBytes = 256 * 1024;

// One piece of the zlib stream (levels 0–3), framed as its own IDAT chunk: PNG lets the stream
// run over any number of consecutive IDAT chunks, so each strip's chunk CRC is computed on the
// thread that coded it instead of one serial CRC over the whole output.
struct Piece {
    std::unique_ptr<uint8_t, decltype(&std::free)> chunk{nullptr, &std::free};
    size_t size = 0;      // bytes of the framed chunk
    uint32_t adler = 1;   // Adler-32 of the piece's uncompressed bytes
    size_t raw_size = 0;  // its uncompressed size
};

// Codes `n` filtered bytes as an IDAT chunk; the first piece carries the zlib header.
bool make_piece(const uint8_t *data, size_t n, int level, bool first, Piece &piece) {
    const size_t head = first ? 2 : 0;
    const size_t bound = level == 0 ? deflate::stored_segment_bound(n) : deflate::fast_segment_bound(n);
    piece.chunk.reset(static_cast<uint8_t *>(std::malloc(8 + head + bound + 4)));
    uint8_t *p = piece.chunk.get();
    if (!p) return false;
    std::memcpy(p + 4, "IDAT", 4);
    if (first) std::memcpy(p + 8, deflate::kZlibHeader, 2);
    const size_t coded = head + (level == 0 ? deflate::stored_segment(data, n, p + 8 + head)
                                            : deflate::fast_segment(data, n, p + 8 + head));
    set_be32(p, uint32_t(coded));
    set_be32(p + 8 + coded, libdeflate_crc32(0, p + 4, coded + 4));
    piece.size = coded + 12;
    piece.adler = deflate::adler32(1, data, n);
    piece.raw_size = n;
    return true;
}

struct StripJob {
    const RowLayout *layout;
    int rows_per_strip;
    int level;
    std::vector<Piece> *pieces;
};

// Filter, checksum and code one strip while it is in cache. Nonzero (out of memory) stops the loop.
int strip_task(void *, int strip, uint8_t *closure) {
    auto *job = reinterpret_cast<StripJob *>(closure);
    const RowLayout &L = *job->layout;
    const int y0 = strip * job->rows_per_strip;
    const int y1 = std::min(L.height, y0 + job->rows_per_strip);
    const size_t n = size_t(y1 - y0) * (L.row_bytes + 1);
    std::unique_ptr<uint8_t, decltype(&std::free)> filtered(static_cast<uint8_t *>(std::malloc(n + kFilterSlack)), &std::free);
    if (!filtered) return 1;
    filter_rows(L, y0, y1, filtered.get());
    return make_piece(filtered.get(), n, job->level, strip == 0, (*job->pieces)[strip]) ? 0 : 1;
}

Status out_of_memory() { return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory encoding the PNG"); }

// Stored or fast path for a non-interlaced image: strips in parallel on Halide's thread pool.
Status strip_pieces(const RowLayout &layout, int level, std::vector<Piece> &pieces) {
    const int rows = int(std::max<size_t>(1, kStripBytes / (layout.row_bytes + 1)));
    pieces.resize((layout.height + rows - 1) / rows);
    StripJob job{&layout, rows, level, &pieces};
    if (halide_do_par_for(nullptr, strip_task, 0, int(pieces.size()), reinterpret_cast<uint8_t *>(&job)) != 0)
        return out_of_memory();
    return Status::ok();
}

// The same pieces from an already filtered stream (interlaced images).
Status whole_pieces(const Bytes &filtered, int level, std::vector<Piece> &pieces) {
    for (size_t off = 0; off < filtered.size(); off += kStripBytes) {
        pieces.emplace_back();
        if (!make_piece(filtered.data() + off, std::min(kStripBytes, filtered.size() - off), level, off == 0, pieces.back()))
            return out_of_memory();
    }
    return Status::ok();
}

// The pieces, then a last IDAT chunk closing the stream: final block and the combined Adler-32.
void append_pieces(Bytes &png, std::vector<Piece> &pieces) {
    uint32_t sum = 1;
    for (Piece &p : pieces) {
        png.insert(png.end(), p.chunk.get(), p.chunk.get() + p.size);
        p.chunk.reset();
        sum = deflate::adler32_combine(sum, p.adler, p.raw_size);
    }
    uint8_t tail[6];
    std::memcpy(tail, deflate::kFinalBlock, 2);
    set_be32(tail + 2, sum);
    chunk(png, "IDAT", tail, 6);
}

// Levels 4–9: libdeflate on the whole filtered stream, one IDAT chunk.
Status libdeflate_zlib(const Bytes &filtered, int level, Bytes &zlib) {
    libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c) return out_of_memory();
    zlib.resize(libdeflate_zlib_compress_bound(c, filtered.size()));
    const size_t n = libdeflate_zlib_compress(c, filtered.data(), filtered.size(), zlib.data(), zlib.size());
    libdeflate_free_compressor(c);
    if (n == 0) return Status::error(ErrorCode::ENCODE_FAILED, "PNG deflate failed");
    zlib.resize(n);
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

    Bytes zlib;  // levels 4–9
    std::vector<Piece> pieces;  // levels 0–3
    Status st = Status::ok();
    if (o.interlace || o.compression_level >= 4) {
        Bytes filtered;
        if (o.interlace) {
            auto f = adam7_filtered(layout);
            if (!f.ok()) return f.status();
            filtered = f.take();
        } else {
            filtered.resize(size_t(layout.height) * (layout.row_bytes + 1) + kFilterSlack);
            filter_rows(layout, 0, layout.height, filtered.data());
            filtered.resize(filtered.size() - kFilterSlack);
        }
        st = o.compression_level >= 4 ? libdeflate_zlib(filtered, o.compression_level, zlib)
                                       : whole_pieces(filtered, o.compression_level, pieces);
    } else {
        st = strip_pieces(layout, o.compression_level, pieces);
    }
    if (!st.is_ok()) return st;

    Bytes png;
    size_t idat = zlib.size() + 18;
    for (const Piece &p : pieces) idat += p.size;
    png.reserve(idat + plte.size() + trns.size() + 128);
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
    if (pieces.empty()) chunk(png, "IDAT", zlib.data(), zlib.size());
    else append_pieces(png, pieces);
    chunk(png, "IEND", nullptr, 0);
    return png;
}

}  // namespace pixelpipe::codec
