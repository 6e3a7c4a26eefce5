#include "codec/exif.h"

#include <cstring>

namespace pixelpipe::codec {
namespace {
struct Reader {
    const uint8_t *p;
    size_t n;
    bool le;
    bool u16(size_t off, uint32_t &v) const {
        if (off > n || n - off < 2) return false;
        v = le ? uint32_t(p[off]) | uint32_t(p[off + 1]) << 8 : uint32_t(p[off]) << 8 | uint32_t(p[off + 1]);
        return true;
    }
    bool u32(size_t off, uint32_t &v) const {
        if (off > n || n - off < 4) return false;
        v = le ? uint32_t(p[off]) | uint32_t(p[off + 1]) << 8 | uint32_t(p[off + 2]) << 16 | uint32_t(p[off + 3]) << 24
               : uint32_t(p[off]) << 24 | uint32_t(p[off + 1]) << 16 | uint32_t(p[off + 2]) << 8 | uint32_t(p[off + 3]);
        return true;
    }
};
}  // namespace

int tiff_orientation(const uint8_t *tiff, size_t size) {
    if (!tiff || size < 8) return 1;
    Reader r{tiff, size, false};
    if (tiff[0] == 'I' && tiff[1] == 'I') r.le = true;
    else if (tiff[0] == 'M' && tiff[1] == 'M') r.le = false;
    else return 1;
    uint32_t magic = 0, ifd0 = 0, count = 0;
    if (!r.u16(2, magic) || magic != 42) return 1;
    if (!r.u32(4, ifd0) || ifd0 < 8) return 1;
    if (!r.u16(ifd0, count)) return 1;
    // Orientation lives in IFD0 only; entries are 12 bytes each.
    for (uint32_t i = 0; i < count; ++i) {
        const size_t e = size_t(ifd0) + 2 + size_t(i) * 12;
        uint32_t tag = 0, type = 0, cnt = 0, value = 0;
        if (!r.u16(e, tag) || !r.u16(e + 2, type) || !r.u32(e + 4, cnt)) return 1;
        if (tag != 0x0112) continue;
        // SHORT (3), count 1: the value sits left-justified in the 4-byte field. Be lenient
        // about LONG (4) too, which some writers use.
        if (type == 3 && cnt >= 1) {
            if (!r.u16(e + 8, value)) return 1;
        } else if (type == 4 && cnt >= 1) {
            if (!r.u32(e + 8, value)) return 1;
        } else {
            return 1;
        }
        return (value >= 1 && value <= 8) ? int(value) : 1;
    }
    return 1;
}

int jpeg_exif_orientation(const uint8_t *data, size_t size) {
    if (!data || size < 4 || data[0] != 0xFF || data[1] != 0xD8) return 1;
    size_t pos = 2;
    while (pos + 4 <= size) {
        if (data[pos] != 0xFF) return 1;  // lost sync: give up
        const uint8_t marker = data[pos + 1];
        if (marker == 0xFF) { ++pos; continue; }  // fill byte
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { pos += 2; continue; }
        if (marker == 0xDA || marker == 0xD9) return 1;  // SOS / EOI: no metadata after this point
        const size_t len = size_t(data[pos + 2]) << 8 | data[pos + 3];
        if (len < 2) return 1;
        const size_t seg = pos + 4;
        const size_t seg_len = len - 2;
        if (seg_len > size - seg) return 1;  // segment runs past the buffer
        if (marker == 0xE1 && seg_len >= 6 && std::memcmp(data + seg, "Exif\0\0", 6) == 0) {
            return tiff_orientation(data + seg + 6, seg_len - 6);
        }
        pos = seg + seg_len;
    }
    return 1;
}

}  // namespace pixelpipe::codec
