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

// The byte order and IFD0's offset of a TIFF block; false when it is not one.
bool open_tiff(const uint8_t *tiff, size_t size, Reader &r, uint32_t &ifd0) {
    r = Reader{tiff, size, false};
    if (!tiff || size < 8) return false;
    if (tiff[0] == 'I' && tiff[1] == 'I') r.le = true;
    else if (tiff[0] != 'M' || tiff[1] != 'M') return false;
    uint32_t magic = 0;
    return r.u16(2, magic) && magic == 42 && r.u32(4, ifd0) && ifd0 >= 8;
}

// Calls fn(tag, type, entry offset) for each 12-byte entry of the IFD at `ifd`.
template <class Fn>
void walk_ifd(const Reader &r, uint32_t ifd, Fn &&fn) {
    uint32_t count = 0;
    if (!r.u16(ifd, count) || count > 1024) return;
    for (uint32_t i = 0; i < count; ++i) {
        const size_t e = size_t(ifd) + 2 + size_t(i) * 12;
        uint32_t tag = 0, type = 0;
        if (!r.u16(e, tag) || !r.u16(e + 2, type)) return;
        fn(tag, type, e);
    }
}

constexpr uint32_t kShort = 3, kLong = 4;  // TIFF 6.0 field types
}  // namespace

std::vector<uint8_t> exif_for_upright_output(const std::vector<uint8_t> &tiff, int width, int height) {
    std::vector<uint8_t> out = tiff;
    Reader r{};
    uint32_t ifd0 = 0;
    if (!open_tiff(out.data(), out.size(), r, ifd0)) return out;
    // A value field holds a count-1 SHORT or LONG left-justified (TIFF 6.0 §2: "Value Offset").
    auto put = [&](size_t at, uint32_t type, uint32_t v) {
        if (type == kShort && v <= 0xFFFF && at + 2 <= out.size()) {
            out[at] = uint8_t(r.le ? v : v >> 8);
            out[at + 1] = uint8_t(r.le ? v >> 8 : v);
        } else if (type == kLong && at + 4 <= out.size()) {
            for (int i = 0; i < 4; ++i) out[at + size_t(i)] = uint8_t(v >> (r.le ? 8 * i : 24 - 8 * i));
        }
    };
    uint32_t exif_ifd = 0;
    walk_ifd(r, ifd0, [&](uint32_t tag, uint32_t type, size_t e) {
        if (tag == 0x0112) put(e + 8, type, 1);
        else if (tag == 0x8769) r.u32(e + 8, exif_ifd);
    });
    if (exif_ifd >= 8 && exif_ifd != ifd0)
        walk_ifd(r, exif_ifd, [&](uint32_t tag, uint32_t type, size_t e) {
            if (tag == 0xA002) put(e + 8, type, uint32_t(width));
            else if (tag == 0xA003) put(e + 8, type, uint32_t(height));
        });
    return out;
}

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

void for_each_jpeg_segment(const uint8_t *data, size_t size,
                           const std::function<bool(uint8_t, const uint8_t *, size_t)> &fn) {
    if (!data || size < 4 || data[0] != 0xFF || data[1] != 0xD8) return;
    size_t pos = 2;
    while (pos + 4 <= size) {
        if (data[pos] != 0xFF) return;  // lost sync: give up
        const uint8_t marker = data[pos + 1];
        if (marker == 0xFF) { ++pos; continue; }  // fill byte
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { pos += 2; continue; }
        if (marker == 0xDA || marker == 0xD9) return;  // SOS / EOI: no metadata after this point
        const size_t len = size_t(data[pos + 2]) << 8 | data[pos + 3];
        if (len < 2) return;
        const size_t seg = pos + 4;
        const size_t seg_len = len - 2;
        if (seg_len > size - seg) return;  // segment runs past the buffer
        if (!fn(marker, data + seg, seg_len)) return;
        pos = seg + seg_len;
    }
}

int jpeg_exif_orientation(const uint8_t *data, size_t size) {
    int orientation = 1;
    for_each_jpeg_segment(data, size, [&](uint8_t marker, const uint8_t *seg, size_t n) {
        if (marker == 0xE1 && n >= 6 && std::memcmp(seg, "Exif\0\0", 6) == 0) {
            orientation = tiff_orientation(seg + 6, n - 6);
            return false;
        }
        return true;
    });
    return orientation;
}

ExifFields tiff_exif_fields(const uint8_t *tiff, size_t size) {
    ExifFields f;
    Reader r{};
    uint32_t ifd0 = 0;
    if (!open_tiff(tiff, size, r, ifd0)) return f;
    // ASCII (type 2) value: inline when ≤ 4 bytes, else at the offset; trailing NULs dropped.
    auto ascii = [&](size_t e, std::string &out) {
        uint32_t type = 0, cnt = 0, off = 0;
        if (!r.u16(e + 2, type) || type != 2 || !r.u32(e + 4, cnt) || cnt == 0 || cnt > 256) return;
        size_t at = e + 8;
        if (cnt > 4) {
            if (!r.u32(e + 8, off)) return;
            at = off;
        }
        if (at > size || size - at < cnt) return;
        out.assign(reinterpret_cast<const char *>(tiff + at), cnt);
        while (!out.empty() && (out.back() == '\0' || out.back() == ' ')) out.pop_back();
        for (char &c : out)
            if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    };
    uint32_t exif_ifd = 0;
    walk_ifd(r, ifd0, [&](uint32_t tag, uint32_t, size_t e) {
        if (tag == 0x010F) ascii(e, f.make);
        else if (tag == 0x0110) ascii(e, f.model);
        else if (tag == 0x0132) ascii(e, f.date_time);
        else if (tag == 0x8825) f.gps = true;
        else if (tag == 0x8769) r.u32(e + 8, exif_ifd);
    });
    if (exif_ifd >= 8 && exif_ifd != ifd0)
        walk_ifd(r, exif_ifd, [&](uint32_t tag, uint32_t, size_t e) {
            if (tag == 0x9003) ascii(e, f.date_time);
        });
    return f;
}

}  // namespace pixelpipe::codec
