// gif.cpp: RGBA8 → GIF89a, one frame. Palette from the one quantizer (analysis/quantize.h);
// pixels with alpha < 128 become the transparent index (GIF transparency is binary).
#include "codec/encoders/gif.h"

#include <cstring>

#include "analysis/quantize.h"
#include "codec/encoders/bytes.h"

namespace pixelpipe::codec {
namespace {

constexpr uint8_t kAlphaCutoff = 128;

class SubBlockWriter {
public:
    explicit SubBlockWriter(std::vector<uint8_t> &out) : out_(out) {}
    void put(uint32_t code, int bits) {
        acc_ |= code << used_;
        used_ += bits;
        while (used_ >= 8) {
            byte(uint8_t(acc_));
            acc_ >>= 8;
            used_ -= 8;
        }
    }
    void finish() {
        if (used_ > 0) byte(uint8_t(acc_));
        if (n_) flush();
        out_.push_back(0);  // block terminator
    }

private:
    void byte(uint8_t b) {
        block_[n_++] = b;
        if (n_ == 255) flush();
    }
    void flush() {
        out_.push_back(uint8_t(n_));
        out_.insert(out_.end(), block_, block_ + n_);
        n_ = 0;
    }
    std::vector<uint8_t> &out_;
    uint32_t acc_ = 0;
    int used_ = 0;
    uint8_t block_[255];
    int n_ = 0;
};

}  // namespace

void gif_lzw(const uint8_t *idx, size_t count, int min_code_size, std::vector<uint8_t> &out) {
    out.push_back(uint8_t(min_code_size));
    SubBlockWriter w(out);
    const uint32_t clear = 1u << min_code_size, end = clear + 1;
    // Dictionary: open addressing on (prefix code << 8 | byte); 8192 slots for ≤ 4096 codes.
    constexpr uint32_t kSlots = 8192;
    std::vector<int32_t> keys(kSlots);
    std::vector<uint16_t> values(kSlots);
    uint32_t next = end + 1;
    int bits = min_code_size + 1;
    auto reset = [&]() {
        std::fill(keys.begin(), keys.end(), -1);
        next = end + 1;
        bits = min_code_size + 1;
    };
    reset();
    w.put(clear, bits);
    if (count == 0) {
        w.put(end, bits);
        w.finish();
        return;
    }
    uint32_t prefix = idx[0];
    for (size_t i = 1; i < count; ++i) {
        const uint8_t c = idx[i];
        const int32_t key = int32_t(prefix << 8 | c);
        uint32_t slot = (uint32_t(key) * 2654435761u) >> 19;  // top 13 bits
        while (keys[slot] != -1 && keys[slot] != key) slot = (slot + 1) & (kSlots - 1);
        if (keys[slot] == key) {
            prefix = values[slot];
            continue;
        }
        w.put(prefix, bits);
        keys[slot] = key;
        values[slot] = uint16_t(next);
        // The decoder adds this entry one code later; it widens its codes when its next free
        // code reaches 2^bits, which lines up with widening here right after assigning 2^bits.
        if (next == (1u << bits) && bits < 12) ++bits;
        if (++next == 4096) {  // table full: start over (the decoder never sees entry 4095 used)
            w.put(clear, bits);
            reset();
        }
        prefix = c;
    }
    w.put(prefix, bits);
    w.put(end, bits);
    w.finish();
}

GifOptions read_gif_options(ParamReader &r) {
    GifOptions o;
    o.colors = r.integer("colors", 2, 256);
    o.dither = float(r.number("dither", 0, 1));
    return o;
}

Result<std::vector<uint8_t>> encode_gif(const Image &image, const GifOptions &o) {
    const int w = image.width(), h = image.height();
    if (w > 65535 || h > 65535)
        return Status::error(ErrorCode::ENCODE_FAILED, "GIF cannot store images wider or taller than 65535 pixels");
    const size_t n = size_t(w) * size_t(h);
    const uint8_t *px = image.data();
    bool transparent = false;
    for (size_t i = 0; i < n && !transparent; ++i) transparent = px[i * 4 + 3] < kAlphaCutoff;

    analysis::QuantizeOptions q;
    q.max_colors = o.colors - (transparent ? 1 : 0);
    q.include_alpha = false;  // pixels with a == 0 are ignored by the palette
    auto palette = analysis::extract_palette(image, q);
    if (!palette.ok()) return palette.status();
    std::vector<analysis::PaletteEntry> entries = palette.take();
    if (entries.empty()) entries.push_back({});  // an image with no opaque pixel at all
    for (auto &e : entries) e.a = 255;
    auto mapped = analysis::map_to_palette(image, entries, o.dither);
    if (!mapped.ok()) return mapped.status();
    std::vector<uint8_t> indices = mapped.take();
    const int transparent_index = transparent ? int(entries.size()) : -1;
    if (transparent)
        for (size_t i = 0; i < n; ++i)
            if (px[i * 4 + 3] < kAlphaCutoff) indices[i] = uint8_t(transparent_index);

    const int used = int(entries.size()) + (transparent ? 1 : 0);
    int table_bits = 1;  // the colour table holds 2^table_bits entries
    while ((1 << table_bits) < used) ++table_bits;

    std::vector<uint8_t> out;
    out.reserve(n / 2 + 1024);
    put_text(out, "GIF89a");
    put_le16(out, uint32_t(w));
    put_le16(out, uint32_t(h));
    out.push_back(uint8_t(0x80 | (7 << 4) | (table_bits - 1)));  // global table, 8-bit colour resolution
    out.push_back(0);                                              // background colour index
    out.push_back(0);                                              // no aspect ratio
    for (int i = 0; i < (1 << table_bits); ++i) {
        if (i < int(entries.size())) out.insert(out.end(), {entries[i].r, entries[i].g, entries[i].b});
        else out.insert(out.end(), {0, 0, 0});
    }
    if (transparent) {  // Graphic Control Extension: transparency flag + index
        out.insert(out.end(), {0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, uint8_t(transparent_index), 0x00});
    }
    out.push_back(0x2C);  // image descriptor
    put_le16(out, 0);
    put_le16(out, 0);
    put_le16(out, uint32_t(w));
    put_le16(out, uint32_t(h));
    out.push_back(0);  // no local table, not interlaced
    gif_lzw(indices.data(), n, table_bits < 2 ? 2 : table_bits, out);
    out.push_back(0x3B);  // trailer
    return out;
}

}  // namespace pixelpipe::codec
