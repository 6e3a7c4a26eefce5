// metadata.cpp: header facts of JPEG (SOF, APP1 Exif, APP2 ICC_PROFILE) and PNG (IHDR, tRNS,
// iCCP, eXIf). ICC: header bytes 16..19 name the colour space; the 'desc' tag holds the
// description, as ICC v2 'desc' (ASCII) or v4 'mluc' (UTF-16BE; non-ASCII becomes '?').
#include "codec/metadata.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "analysis/json_writer.h"
#include "codec/exif.h"
#include "codec/stb_guard.h"
#include "stb_image.h"

namespace pixelpipe::codec {
namespace {

uint32_t be32(const uint8_t *p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

std::string trimmed(const uint8_t *p, size_t n) {
    std::string s;
    for (size_t i = 0; i < n && p[i]; ++i) s += (p[i] >= 0x20 && p[i] < 0x7F) ? char(p[i]) : '?';
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// ICC profile bytes (possibly only the first APP2 chunk of a larger profile).
void read_icc(const uint8_t *icc, size_t n, SourceMetadata &m) {
    m.icc = true;
    if (n < 132) return;
    m.icc_color_space = trimmed(icc + 16, 4);
    const uint32_t count = be32(icc + 128);
    for (uint32_t i = 0; i < count && i < 256; ++i) {
        const size_t e = 132 + size_t(i) * 12;
        if (e + 12 > n) return;
        if (std::memcmp(icc + e, "desc", 4) != 0) continue;
        const size_t off = be32(icc + e + 4), len = be32(icc + e + 8);
        if (off > n || len > n - off || len < 12) return;
        const uint8_t *t = icc + off;
        if (std::memcmp(t, "desc", 4) == 0) {
            const size_t chars = be32(t + 8);
            if (chars <= len - 12) m.icc_description = trimmed(t + 12, chars);
        } else if (std::memcmp(t, "mluc", 4) == 0 && len >= 28) {
            const size_t rec_len = be32(t + 20), rec_off = be32(t + 24);
            if (rec_off <= len && rec_len <= len - rec_off) {
                std::string s;
                for (size_t k = 0; k + 1 < rec_len; k += 2) {
                    const unsigned c = unsigned(t[rec_off + k]) << 8 | t[rec_off + k + 1];
                    s += (c >= 0x20 && c < 0x7F) ? char(c) : '?';
                }
                m.icc_description = s;
            }
        }
        return;
    }
}

void read_exif(const uint8_t *tiff, size_t n, SourceMetadata &m) {
    m.exif = true;
    const ExifFields f = tiff_exif_fields(tiff, n);
    m.make = f.make;
    m.model = f.model;
    m.date_time = f.date_time;
    m.gps = f.gps;
}

void read_jpeg(const uint8_t *data, size_t size, SourceMetadata &m) {
    for_each_jpeg_segment(data, size, [&](uint8_t marker, const uint8_t *seg, size_t n) {
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && n >= 1) m.bit_depth = seg[0];
        if (marker == 0xE1 && n >= 6 && std::memcmp(seg, "Exif\0\0", 6) == 0 && !m.exif) read_exif(seg + 6, n - 6, m);
        // "ICC_PROFILE\0", chunk number, chunk count, then the profile; chunk 1 has the header.
        if (marker == 0xE2 && n >= 14 && std::memcmp(seg, "ICC_PROFILE\0", 12) == 0 && seg[12] == 1)
            read_icc(seg + 14, n - 14, m);
        return true;
    });
}

// iCCP: profile name, NUL, compression method (0), zlib stream. The profile is inflated by
// stb_image's zlib under an 8 MB stb budget (profiles are a few KB; a hostile chunk cannot
// balloon); the name stands in for the description if the profile has none or does not inflate.
void read_png_iccp(const uint8_t *body, size_t len, SourceMetadata &m) {
    m.icc = true;
    const size_t name_len = strnlen(reinterpret_cast<const char *>(body), std::min<size_t>(len, 80));
    const std::string name = trimmed(body, name_len);
    if (name_len + 2 < len && body[name_len + 1] == 0 && len - name_len - 2 < size_t(INT32_MAX)) {
        StbBudgetScope budget(8u << 20, 8u << 20);
        int out_len = 0;
        char *icc = stbi_zlib_decode_malloc(reinterpret_cast<const char *>(body + name_len + 2), int(len - name_len - 2), &out_len);
        if (icc) {
            read_icc(reinterpret_cast<const uint8_t *>(icc), size_t(out_len), m);
            stb_guard_release(icc);
            std::free(icc);
        }
    }
    if (m.icc_description.empty()) m.icc_description = name;
}

void read_png(const uint8_t *data, size_t size, SourceMetadata &m) {
    size_t pos = 8;
    while (pos + 12 <= size) {
        const size_t len = be32(data + pos);
        const uint8_t *type = data + pos + 4, *body = data + pos + 8;
        if (len > size - pos - 12) return;
        if (std::memcmp(type, "IHDR", 4) == 0 && len >= 13) {
            m.bit_depth = body[8];
            m.has_alpha = body[9] == 4 || body[9] == 6;
        } else if (std::memcmp(type, "tRNS", 4) == 0) {
            m.has_alpha = true;
        } else if (std::memcmp(type, "iCCP", 4) == 0) {
            read_png_iccp(body, len, m);
        } else if (std::memcmp(type, "eXIf", 4) == 0) {
            read_exif(body, len, m);
        } else if (std::memcmp(type, "IEND", 4) == 0) {
            return;
        }
        pos += 12 + len;
    }
}

}  // namespace

SourceMetadata read_metadata(const uint8_t *data, size_t size) {
    SourceMetadata m;
    if (!data) return m;
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) read_jpeg(data, size, m);
    else if (size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) read_png(data, size, m);
    return m;
}

std::string to_json(const SourceMetadata &m) {
    analysis::JsonWriter j;
    auto str_or_null = [&](const char *key, const std::string &v) {
        if (v.empty()) j.key(key).null();
        else j.field(key, v);
    };
    j.begin_object().field_int("bitDepth", m.bit_depth).key("hasAlpha").boolean(m.has_alpha);
    j.key("icc");
    if (m.icc) {
        j.begin_object();
        str_or_null("description", m.icc_description);
        str_or_null("colorSpace", m.icc_color_space);
        j.end_object();
    } else {
        j.null();
    }
    j.key("exif");
    if (m.exif) {
        j.begin_object();
        str_or_null("make", m.make);
        str_or_null("model", m.model);
        str_or_null("dateTime", m.date_time);
        j.key("gps").boolean(m.gps);
        j.end_object();
    } else {
        j.null();
    }
    j.end_object();
    return j.str();
}

}  // namespace pixelpipe::codec
