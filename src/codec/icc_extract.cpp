// icc_extract.cpp: see icc_extract.h. Container layouts: JPEG ICC.1:2010 Annex B.4 (APP2,
// "ICC_PROFILE\0", sequence number, count); PNG 1.2 §4.2.2.4 iCCP (name, NUL, method 0, zlib);
// WebP container spec (RIFF, VP8X then an 'ICCP' chunk, chunk sizes padded to even).
#include "codec/icc_extract.h"

#include "codec/chunks.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "codec/exif.h"
#include "codec/stb_guard.h"
#include "stb_image.h"

namespace pixelpipe::codec {
namespace {

// Profiles are a few KB (CMYK LUT profiles up to a few MB); more is hostile.
constexpr size_t kMaxProfileBytes = 16u << 20;

void read_jpeg(const uint8_t *data, size_t size, EmbeddedColor &out) {
    std::vector<std::pair<int, std::pair<const uint8_t *, size_t>>> parts;
    int count = 0;
    bool inconsistent = false;
    for_each_jpeg_segment(data, size, [&](uint8_t marker, const uint8_t *seg, size_t n) {
        if (marker != 0xE2 || n < 14 || std::memcmp(seg, "ICC_PROFILE\0", 12) != 0) return true;
        out.declared = true;
        if (count == 0) count = seg[13];
        if (seg[13] != count || seg[12] == 0 || seg[12] > count) inconsistent = true;
        parts.push_back({seg[12], {seg + 14, n - 14}});
        return true;
    });
    if (!out.declared) return;
    std::sort(parts.begin(), parts.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    for (size_t i = 0; i < parts.size() && !inconsistent; ++i) inconsistent = parts[i].first != int(i) + 1;
    if (inconsistent || int(parts.size()) != count) {
        out.warning = "ICC profile ignored: its APP2 segments are missing or out of sequence (" + std::to_string(parts.size()) +
                      " of " + std::to_string(count) + ")";
        return;
    }
    for (const auto &p : parts) out.icc.insert(out.icc.end(), p.second.first, p.second.first + p.second.second);
}

void read_png_iccp(const uint8_t *body, size_t len, EmbeddedColor &out) {
    out.declared = true;
    const size_t name_len = strnlen(reinterpret_cast<const char *>(body), std::min<size_t>(len, 80));
    for (size_t i = 0; i < name_len; ++i) out.png_name += (body[i] >= 0x20 && body[i] < 0x7F) ? char(body[i]) : '?';
    if (name_len + 2 >= len || body[name_len + 1] != 0 || len - name_len - 2 >= size_t(INT32_MAX)) {
        out.warning = "ICC profile ignored: iCCP chunk is truncated or uses an unknown compression method";
        return;
    }
    // stb_image's zlib under its allocation guard: a hostile chunk cannot balloon past the cap.
    StbBudgetScope budget(kMaxProfileBytes, kMaxProfileBytes);
    int n = 0;
    char *icc = stbi_zlib_decode_malloc(reinterpret_cast<const char *>(body + name_len + 2), int(len - name_len - 2), &n);
    if (!icc) {
        out.warning = "ICC profile ignored: iCCP data does not inflate";
        return;
    }
    out.icc.assign(reinterpret_cast<uint8_t *>(icc), reinterpret_cast<uint8_t *>(icc) + n);
    stb_guard_release(icc);
    std::free(icc);
}

void read_png(const uint8_t *data, size_t size, EmbeddedColor &out) {
    for_each_png_chunk(data, size, [&](const uint8_t *type, const uint8_t *body, size_t len) {
        if (std::memcmp(type, "iCCP", 4) == 0 && !out.declared) read_png_iccp(body, len, out);
        else if (std::memcmp(type, "sRGB", 4) == 0) out.srgb_chunk = true;
        else if (std::memcmp(type, "IDAT", 4) == 0 || std::memcmp(type, "IEND", 4) == 0) return false;  // colour chunks come first
        return true;
    });
}

void read_webp(const uint8_t *data, size_t size, EmbeddedColor &out) {
    for_each_webp_chunk(data, size, [&](const uint8_t *fourcc, const uint8_t *body, size_t len) {
        if (std::memcmp(fourcc, "ICCP", 4) == 0) {
            out.declared = true;
            out.icc.assign(body, body + len);
            return false;
        }
        return std::memcmp(fourcc, "VP8 ", 4) != 0 && std::memcmp(fourcc, "VP8L", 4) != 0;  // ICCP precedes image data
    });
}

}  // namespace

EmbeddedColor extract_embedded_color(const uint8_t *data, size_t size) {
    EmbeddedColor out;
    if (!data) return out;
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) read_jpeg(data, size, out);
    else if (size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) read_png(data, size, out);
    else if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) read_webp(data, size, out);
    if (out.icc.size() > kMaxProfileBytes) {
        out.icc.clear();
        out.warning = "ICC profile ignored: over 16 MB";
    }
    return out;
}

}  // namespace pixelpipe::codec
