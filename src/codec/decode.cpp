// decode.cpp: encoded bytes → upright RGBA8, via Debian's stb_image 2.27 (JPEG: libjpeg-turbo,
// jpeg_decode.h; WebP: libwebp).
//
// Order of work, so that hostile input costs little:
//   1. sniff the magic bytes (unsupported formats are named and refused here);
//   2. read the dimensions from the header (own parsers for JPEG/PNG/GIF, stbi_info otherwise)
//      and check them against Limits (IMAGE_TOO_LARGE) before anything is allocated;
//   3. estimate stb's peak working memory for this format and refuse if it is over the decode
//      budget (see decode_budget_bytes); the same budget is enforced on every stb allocation
//      at run time (stb_guard.h), which catches data that inflates beyond what the header says
//      (zlib bombs in IDAT);
//   4. stbi_load_from_memory(..., 4) → RGBA8; 16-bit sources are reduced by stb with v >> 8
//      (16-bit PNM by us, working around two stb 2.27 bugs, see expand_to_rgba);
//      Radiance HDR is tone-mapped by stb (gamma 2.2, scale 1.0, clamp);
//   5. JPEG only (jpeg_decode.h does 3 and 4 itself, at the requested shrink): apply the EXIF
//      orientation.
//   6. colour management (color_manage.h): embedded profile -> sRGB, per DecodeOptions::color
//      (a JPEG with an RGB matrix/TRC profile converts its rows while it decodes:
//      convert_while_decoding.h).
#include "codec/decode.h"

#include <cstdio>
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "codec/color_manage.h"
#include "codec/convert_while_decoding.h"
#include "codec/exif.h"
#include "codec/icc_extract.h"
#include "codec/jpeg_decode.h"
#include "codec/jpeg_tables.h"
#include "codec/metadata_blobs.h"
#include "codec/orient.h"
#include "codec/pnm_header.h"
#include "codec/stb_guard.h"
#include "codec/webp_decode.h"
#include "stb_image.h"

namespace pixelpipe::codec {
namespace {

constexpr uint64_t kMiB = 1024ull * 1024ull;
// wasm32: a single malloc over ~2 GB fails even with a 4 GB heap (toolchain.md §8).
constexpr uint64_t kMaxSingleAllocation = 2048ull * kMiB - 64ull * kMiB;

enum class Fmt { Unknown, Jpeg, Png, Bmp, Gif, Tga, Psd, Pnm, Hdr, Webp };

const char *fmt_name(Fmt f) {
    switch (f) {
    case Fmt::Jpeg: return "jpeg";
    case Fmt::Png: return "png";
    case Fmt::Bmp: return "bmp";
    case Fmt::Gif: return "gif";
    case Fmt::Tga: return "tga";
    case Fmt::Psd: return "psd";
    case Fmt::Pnm: return "pnm";
    case Fmt::Hdr: return "hdr";
    case Fmt::Webp: return "webp";
    default: return "unknown";
    }
}
const char *fmt_label(Fmt f) {
    switch (f) {
    case Fmt::Jpeg: return "JPEG";
    case Fmt::Png: return "PNG";
    case Fmt::Bmp: return "BMP";
    case Fmt::Gif: return "GIF";
    case Fmt::Tga: return "TGA";
    case Fmt::Psd: return "PSD";
    case Fmt::Pnm: return "PNM";
    case Fmt::Hdr: return "Radiance HDR";
    case Fmt::Webp: return "WebP";
    default: return "image";
    }
}

bool starts(const uint8_t *d, size_t n, const char *magic, size_t m) { return n >= m && std::memcmp(d, magic, m) == 0; }
bool at(const uint8_t *d, size_t n, size_t off, const char *magic, size_t m) {
    return n >= off + m && std::memcmp(d + off, magic, m) == 0;
}
uint32_t be32(const uint8_t *p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint32_t be16(const uint8_t *p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t le16(const uint8_t *p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8; }

struct Sniff {
    Fmt fmt = Fmt::Unknown;
    std::string unsupported;  // non-empty: a recognised format we do not decode
    std::string corrupt;      // non-empty: recognised, but the magic itself is already broken
};

bool pnm_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

Sniff sniff(const uint8_t *d, size_t n) {
    Sniff s;
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) { s.fmt = Fmt::Jpeg; return s; }
    if (starts(d, n, "\x89PNG\r\n\x1a\n", 8)) { s.fmt = Fmt::Png; return s; }
    if (starts(d, n, "GIF87a", 6) || starts(d, n, "GIF89a", 6)) { s.fmt = Fmt::Gif; return s; }
    if (starts(d, n, "BM", 2)) { s.fmt = Fmt::Bmp; return s; }
    if (starts(d, n, "8BPS", 4)) { s.fmt = Fmt::Psd; return s; }
    if (starts(d, n, "#?RADIANCE\n", 11) || starts(d, n, "#?RGBE\n", 7)) { s.fmt = Fmt::Hdr; return s; }
    if (n >= 3 && d[0] == 'P' && (d[1] == '5' || d[1] == '6') && !pnm_space(d[2])) {
        s.fmt = Fmt::Pnm;
        s.corrupt = "PNM decode failed: corrupt header (no whitespace after the magic number)";
        return s;
    }
    if (n >= 3 && d[0] == 'P' && d[1] >= '1' && d[1] <= '7' && pnm_space(d[2])) {
        switch (d[1]) {
        case '5': case '6': s.fmt = Fmt::Pnm; return s;
        case '1': s.unsupported = "ASCII (plain) PBM (P1) is not supported"; return s;
        case '2': s.unsupported = "ASCII (plain) PGM (P2) is not supported; only binary P5/P6 are"; return s;
        case '3': s.unsupported = "ASCII (plain) PPM (P3) is not supported; only binary P5/P6 are"; return s;
        case '4': s.unsupported = "binary PBM (P4, 1-bit) is not supported"; return s;
        default: s.unsupported = "PAM (P7) is not supported"; return s;
        }
    }
    if (starts(d, n, "RIFF", 4) && at(d, n, 8, "WEBP", 4)) { s.fmt = Fmt::Webp; return s; }
    if (starts(d, n, "II*\0", 4) || starts(d, n, "MM\0*", 4)) { s.unsupported = "TIFF is not supported"; return s; }
    if (starts(d, n, "II+\0", 4) || starts(d, n, "MM\0+", 4)) { s.unsupported = "BigTIFF is not supported"; return s; }
    if (at(d, n, 4, "ftyp", 4) && n >= 12) {
        if (at(d, n, 8, "avif", 4) || at(d, n, 8, "avis", 4)) { s.unsupported = "AVIF is not supported"; return s; }
        if (at(d, n, 8, "heic", 4) || at(d, n, 8, "heix", 4) || at(d, n, 8, "mif1", 4) || at(d, n, 8, "msf1", 4) ||
            at(d, n, 8, "hevc", 4)) {
            s.unsupported = "HEIF/HEIC is not supported";
            return s;
        }
    }
    if (starts(d, n, "\xFF\x0A", 2) || starts(d, n, "\0\0\0\x0CJXL \r\n\x87\n", 12)) { s.unsupported = "JPEG XL is not supported"; return s; }
    if (starts(d, n, "\0\0\0\x0CjP  \r\n\x87\n", 12) || starts(d, n, "\xFF\x4F\xFF\x51", 4)) { s.unsupported = "JPEG 2000 is not supported"; return s; }
    if (starts(d, n, "qoif", 4)) { s.unsupported = "QOI is not supported"; return s; }
    if (starts(d, n, "\0\0\1\0", 4) && n >= 6 && d[4] != 0) { s.unsupported = "ICO is not supported"; return s; }
    if (starts(d, n, "\0\0\2\0", 4) && n >= 6 && d[4] != 0) { s.unsupported = "CUR is not supported"; return s; }
    if (starts(d, n, "DDS ", 4)) { s.unsupported = "DDS is not supported"; return s; }
    if (starts(d, n, "\x76\x2F\x31\x01", 4)) { s.unsupported = "OpenEXR is not supported"; return s; }
    if (starts(d, n, "%PDF", 4)) { s.unsupported = "PDF is not an image format we decode"; return s; }
    if (starts(d, n, "<svg", 4) || starts(d, n, "<?xml", 5)) { s.unsupported = "SVG/XML is not supported"; return s; }
    if (starts(d, n, "\x53\x80\xF6\x34", 4) && at(d, n, 88, "PICT", 4)) { s.unsupported = "Softimage PIC is not supported"; return s; }
    if (starts(d, n, "farbfeld", 8)) { s.unsupported = "farbfeld is not supported"; return s; }
    // TGA has no magic: last, let stb's TGA header test decide.
    int w = 0, h = 0, c = 0;
    if (n > 0 && stb_tga_info(d, n, &w, &h, &c)) { s.fmt = Fmt::Tga; return s; }
    return s;
}

// ---- header readers -------------------------------------------------------------------------

struct Header {
    int64_t width = 0, height = 0;
    int channels = 0;        // as stored
    int bytes_per_channel = 1;
    // JPEG
    int jpeg_sof = -1;       // 0xC0.. marker low byte
    int jpeg_precision = 8;
    int adobe_transform = -1;
    // PNG
    bool png_cgbi = false;
    int png_color_type = -1;
};

// Walks JPEG markers up to the first SOFn. Returns false with a message when the structure is
// broken before a SOF is found (stb's own reason is usually vaguer).
bool read_jpeg_header(const uint8_t *d, size_t n, Header &h, std::string &err) {
    size_t pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF) { err = "JPEG decode failed: corrupt marker structure before the frame header"; return false; }
        const uint8_t m = d[pos + 1];
        if (m == 0xFF) { ++pos; continue; }
        if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { pos += 2; continue; }
        if (m == 0xD9 || m == 0xDA) { err = "JPEG decode failed: no frame header (SOF) before the scan data"; return false; }
        const size_t len = be16(d + pos + 2);
        if (len < 2 || len - 2 > n - (pos + 4)) { err = "JPEG decode failed: truncated or corrupt header segment"; return false; }
        const uint8_t *seg = d + pos + 4;
        const size_t seg_len = len - 2;
        if (m == 0xEE && seg_len >= 12 && std::memcmp(seg, "Adobe", 5) == 0) h.adobe_transform = seg[11];
        const bool is_sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (is_sof) {
            if (seg_len < 6) { err = "JPEG decode failed: truncated frame header"; return false; }
            h.jpeg_sof = m;
            h.jpeg_precision = seg[0];
            h.height = be16(seg + 1);
            h.width = be16(seg + 3);
            h.channels = seg[5];
            // An Adobe APP14 marker may come after SOF in odd files; look a little further.
            size_t p2 = pos + 4 + seg_len;
            while (h.adobe_transform < 0 && p2 + 4 <= n && d[p2] == 0xFF && d[p2 + 1] != 0xDA && d[p2 + 1] != 0xD9) {
                const size_t l2 = be16(d + p2 + 2);
                if (l2 < 2 || l2 - 2 > n - (p2 + 4)) break;
                if (d[p2 + 1] == 0xEE && l2 - 2 >= 12 && std::memcmp(d + p2 + 4, "Adobe", 5) == 0) h.adobe_transform = d[p2 + 4 + 11];
                p2 += 2 + l2;
            }
            return true;
        }
        pos += 2 + len;
    }
    err = "JPEG decode failed: no frame header (SOF) found";
    return false;
}

// PNG: IHDR is normally the first chunk; Apple CgBI files put a CgBI chunk before it.
bool read_png_header(const uint8_t *d, size_t n, Header &h, std::string &err) {
    size_t pos = 8;
    for (int i = 0; i < 2 && pos + 8 <= n; ++i) {
        const uint32_t len = be32(d + pos);
        const uint8_t *type = d + pos + 4;
        if (std::memcmp(type, "CgBI", 4) == 0) {
            h.png_cgbi = true;
            if (pos + 12 + size_t(len) > n) break;
            pos += 12 + size_t(len);
            continue;
        }
        if (std::memcmp(type, "IHDR", 4) == 0) {
            if (len < 13 || pos + 8 + 13 > n) break;
            const uint8_t *p = d + pos + 8;
            h.width = be32(p);
            h.height = be32(p + 4);
            const int depth = p[8];
            h.png_color_type = p[9];
            h.bytes_per_channel = depth == 16 ? 2 : 1;
            switch (h.png_color_type) {
            case 0: h.channels = 1; break;
            case 2: h.channels = 3; break;
            case 3: h.channels = 1; break;  // palette index; expanded to 3/4 later
            case 4: h.channels = 2; break;
            case 6: h.channels = 4; break;
            default: h.channels = 4; break;  // invalid: stb will reject it
            }
            return true;
        }
        break;
    }
    err = "PNG decode failed: missing or corrupt IHDR chunk";
    return false;
}

// ---- memory estimate ------------------------------------------------------------------------

// Upper bound of stb_image 2.27's peak live bytes while decoding to 4 channels (read from its
// source: which buffers coexist at the worst moment). JPEG estimates its own (jpeg_decode.cpp).
uint64_t estimate_peak_bytes(Fmt f, const Header &h, size_t file_size) {
    const uint64_t w = uint64_t(h.width), ht = uint64_t(h.height), px = w * ht;
    const uint64_t c = uint64_t(h.channels > 0 ? h.channels : 4), b = uint64_t(h.bytes_per_channel);
    switch (f) {
    case Fmt::Png:
        // compressed IDAT (grown by doubling) + inflated rows + unfiltered image + conversion to
        // 4 channels, all at the source depth; then 16→8 (4 bytes/px) while the 16-bit copy lives.
        return 2 * uint64_t(file_size) + ht * (1 + w * c * b) + px * 4 * b * 2 + (b == 2 ? px * 4 : 0);
    case Fmt::Gif:
        return px * 9 + file_size;  // out (4) + background (4) + history (1) per screen pixel
    case Fmt::Hdr:
        return px * 4 * 4 + px * 4 + w * 4;  // float RGBA + tone-mapped RGBA8 + one RLE scanline
    case Fmt::Webp:
        return webp_peak_bytes({int(h.width), int(h.height), h.channels == 4}, file_size);
    default:
        // BMP/TGA/PSD/PNM: image at the source depth + 4-channel conversion (+ 16→8).
        return px * c * b + px * 4 * b + (b == 2 ? px * 4 : 0) + file_size;
    }
}

std::string mb(uint64_t bytes) { return std::to_string((bytes + kMiB - 1) / kMiB) + " MB"; }

std::string dims(int64_t w, int64_t h) { return std::to_string(w) + "x" + std::to_string(h); }

// Radiance files with old-style (pre-1991) run-length encoding: stb_image 2.27 has no support
// and silently decodes them as flat pixels (garbage, verified on formats/hdr_old_rle.hdr). An
// old-style run is the pixel (1,1,1,count), which no flat writer emits (the largest mantissa of
// a real pixel is >= 128), so finding one in flat data identifies the encoding.
// Where a Radiance file's pixels start: after the header lines up to an empty line, then the
// resolution line.
size_t hdr_data_start(const uint8_t *d, size_t n) {
    size_t pos = 0;
    bool prev_newline = false;
    for (; pos < n; ++pos) {
        if (d[pos] == '\n') {
            if (prev_newline) { ++pos; break; }
            prev_newline = true;
        } else {
            prev_newline = false;
        }
    }
    while (pos < n && d[pos] != '\n') ++pos;
    return pos + 1;
}

bool hdr_has_old_rle(const uint8_t *d, size_t n, int width) {
    size_t pos = hdr_data_start(d, n);
    if (pos + 4 > n) return false;
    const bool new_rle = width >= 8 && width < 32768 && d[pos] == 2 && d[pos + 1] == 2 && !(d[pos + 2] & 0x80);
    if (new_rle) return false;  // stb decodes new-style RLE correctly
    for (; pos + 4 <= n; pos += 4) {
        if (d[pos] == 1 && d[pos + 1] == 1 && d[pos + 2] == 1) return true;
    }
    return false;
}

// New-style run-length scanlines that end with the file: stb_image 2.27 then reads zeros, and a
// zero "dump" count never advances, so its loop never ends (a hang found by
// tests/fuzz/fuzz_decode_stb). The scanlines are walked as stb walks them (2, 2, width, then per
// channel runs > 128 or dumps); true when the data ends before the last scanline does.
bool hdr_rle_truncated(const uint8_t *d, size_t n, int64_t width, int64_t height) {
    size_t pos = hdr_data_start(d, n);
    for (int64_t j = 0; j < height; ++j) {
        if (pos + 4 > n) return true;
        if (d[pos] != 2 || d[pos + 1] != 2 || (d[pos + 2] & 0x80)) return false;  // flat data: stb's loop is bounded
        pos += 4;
        for (int k = 0; k < 4; ++k) {
            for (int64_t i = 0; i < width;) {
                if (pos >= n) return true;
                const int count = d[pos++];
                if (count > 128) { i += count - 128; pos += 1; }
                else { i += count; pos += size_t(count); }
            }
        }
    }
    return false;
}

// stb_image 2.27 gets 16-bit PNM wrong twice: it copies the big-endian samples into uint16
// memory without swapping them (so its 16→8 step keeps the LOW byte), and it converts channel
// counts with the 8-bit converter. So 16-bit PNM is loaded with stbi_load_16 at its own channel
// count and reduced here: the high byte of a big-endian sample is its first byte in memory,
// which is v >> 8 like every other 16-bit source. `bytes_per_sample` 1 or 2 (first byte used).
// 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA → RGBA8. Frees `src`.
Result<Image> expand_to_rgba(uint8_t *src, int w, int h, int n, int bytes_per_sample) {
    auto r = Image::allocate(w, h);
    if (!r.ok()) {
        std::free(src);
        return r.status();
    }
    Image img = r.take();
    uint8_t *d = img.data();
    const size_t px = size_t(w) * size_t(h);
    const size_t b = size_t(bytes_per_sample);
    for (size_t i = 0; i < px; ++i) {
        const uint8_t *s = src + i * size_t(n) * b;
        uint8_t *o = d + i * 4;
        switch (n) {
        case 1: o[0] = o[1] = o[2] = s[0]; o[3] = 255; break;
        case 2: o[0] = o[1] = o[2] = s[0]; o[3] = s[b]; break;
        case 3: o[0] = s[0]; o[1] = s[b]; o[2] = s[2 * b]; o[3] = 255; break;
        default: o[0] = s[0]; o[1] = s[b]; o[2] = s[2 * b]; o[3] = s[3 * b]; break;
        }
    }
    std::free(src);
    return img;
}

// Reads format and header; fills an error Status when the file is refused at this stage.
Status read_header(const uint8_t *data, size_t size, Fmt &fmt, Header &h) {
    if (!data || size == 0) return Status::error(ErrorCode::UNSUPPORTED_FORMAT, "empty input (0 bytes)");
    if (size > size_t(INT32_MAX)) return Status::error(ErrorCode::IMAGE_TOO_LARGE, "input over 2 GB");
    const Sniff s = sniff(data, size);
    if (!s.unsupported.empty()) return Status::error(ErrorCode::UNSUPPORTED_FORMAT, s.unsupported);
    if (!s.corrupt.empty()) return Status::error(ErrorCode::DECODE_FAILED, s.corrupt);
    if (s.fmt == Fmt::Unknown) {
        return Status::error(ErrorCode::UNSUPPORTED_FORMAT,
                             "unrecognised image format (supported: JPEG, PNG, WebP, GIF, BMP, TGA, PSD, binary PGM/PPM, Radiance HDR)");
    }
    fmt = s.fmt;
    std::string err;
    if (fmt == Fmt::Jpeg) {
        if (!read_jpeg_header(data, size, h, err)) return Status::error(ErrorCode::DECODE_FAILED, err);
        const int sof = h.jpeg_sof;
        if (sof == 0xC3 || sof == 0xC7 || sof == 0xCB || sof == 0xCF)
            return Status::error(ErrorCode::DECODE_FAILED, "lossless JPEG (SOF" + std::to_string(sof - 0xC0) + ") is not supported");
        if (sof == 0xC5 || sof == 0xC6 || sof == 0xC7 || sof == 0xCD || sof == 0xCE || sof == 0xCF)
            return Status::error(ErrorCode::DECODE_FAILED, "hierarchical JPEG (SOF" + std::to_string(sof - 0xC0) + ") is not supported");
        if (sof >= 0xC9)
            return Status::error(ErrorCode::DECODE_FAILED,
                                 "arithmetic-coded JPEG (SOF" + std::to_string(sof - 0xC0) + ") is not supported; only Huffman-coded baseline/progressive");
        if (h.jpeg_precision != 8)
            return Status::error(ErrorCode::DECODE_FAILED,
                                 std::to_string(h.jpeg_precision) + "-bit JPEG is not supported; only 8-bit samples");
        Status tables = check_jpeg_huffman_tables(data, size);
        if (!tables.is_ok()) return tables;
        if (h.channels == 4 && h.adobe_transform != 0 && h.adobe_transform != 2)
            return Status::error(ErrorCode::DECODE_FAILED,
                                 "4-component JPEG without an Adobe APP14 colour transform (unknown CMYK/YCCK layout) is not supported");
        if (h.channels != 1 && h.channels != 3 && h.channels != 4)
            return Status::error(ErrorCode::DECODE_FAILED,
                                 "JPEG decode failed: unsupported component count " + std::to_string(h.channels));
    } else if (fmt == Fmt::Png) {
        if (!read_png_header(data, size, h, err)) return Status::error(ErrorCode::DECODE_FAILED, err);
    } else if (fmt == Fmt::Bmp && size >= 34 && le16(data + 14) >= 40 && (data[30] == 1 || data[30] == 2) && !data[31] &&
               !data[32] && !data[33]) {
        return Status::error(ErrorCode::DECODE_FAILED,
                             std::string("RLE-compressed BMP (RLE") + (data[30] == 1 ? "8" : "4") + ") is not supported");
    } else if (fmt == Fmt::Webp) {
        auto w = webp_header(data, size);
        if (!w.ok()) return w.status();
        h.width = w.value().width;
        h.height = w.value().height;
        h.channels = w.value().has_alpha ? 4 : 3;
    } else if (fmt == Fmt::Gif) {
        if (size < 10) return Status::error(ErrorCode::DECODE_FAILED, "GIF decode failed: truncated header");
        h.width = le16(data + 6);
        h.height = le16(data + 8);
        h.channels = 4;
    } else {
        if (fmt == Fmt::Pnm) {  // before stb's own reader, whose numbers can overflow (pnm_header.h)
            auto pnm = read_pnm_header(data, size);
            if (!pnm.ok()) return pnm.status();
        }
        int w = 0, hh = 0, c = 0;
        const char kind = fmt == Fmt::Bmp ? 'b' : fmt == Fmt::Psd ? 'p' : fmt == Fmt::Pnm ? 'n' : fmt == Fmt::Hdr ? 'h' : 't';
        int ok = stb_format_info(kind, data, size, &w, &hh, &c);
        if (!ok) {
            const char *why = stbi_failure_reason();
            const std::string reason = why ? why : "unknown";
            if (reason == "too large")
                return Status::error(ErrorCode::IMAGE_TOO_LARGE, std::string(fmt_label(fmt)) + " header declares an image too large to decode");
            return Status::error(ErrorCode::DECODE_FAILED, std::string(fmt_label(fmt)) + " decode failed: " + reason);
        }
        // stb reports a top-down BMP (negative biHeight, valid) with its negative height.
        if (fmt == Fmt::Bmp && hh < 0 && hh != INT32_MIN) hh = -hh;
        h.width = w;
        h.height = hh;
        h.channels = c;
        if (fmt == Fmt::Pnm || fmt == Fmt::Psd) h.bytes_per_channel = stbi_is_16_bit_from_memory(data, int(size)) ? 2 : 1;
    }
    if (h.width <= 0 || h.height <= 0)
        return Status::error(ErrorCode::DECODE_FAILED,
                             std::string(fmt_label(fmt)) + " decode failed: invalid dimensions " + dims(h.width, h.height) + " in the header");
    if (fmt == Fmt::Hdr && h.width >= 8 && h.width < 32768 && hdr_rle_truncated(data, size, h.width, h.height))
        return Status::error(ErrorCode::DECODE_FAILED, "Radiance HDR decode failed: run-length data ends before the last scanline");
    if (fmt == Fmt::Hdr && hdr_has_old_rle(data, size, int(h.width)))
        return Status::error(ErrorCode::DECODE_FAILED,
                             "Radiance HDR with old-style (pre-1991) run-length encoding is not supported");
    return Status::ok();
}

std::string clarify_reason(Fmt fmt, const std::string &reason) {
    if (fmt == Fmt::Bmp && reason == "BMP RLE") return "RLE-compressed BMP is not supported";
    if (fmt == Fmt::Gif && reason == "no clear code")
        return "GIF decode failed: LZW data does not start with a clear code (stb_image rejects such GIFs)";
    // When the format's own header parse fails, stb goes on to try the other decoders and
    // reports the last one's signature mismatch ("bad png sig" for a truncated JPEG).
    static const char *const kOtherFormatReasons[] = {"bad png sig", "not BMP", "not GIF", "not PSD", "not PPM",
                                                      "not HDR", "unknown image type", "not PIC"};
    for (const char *other : kOtherFormatReasons) {
        if (reason == other) return std::string(fmt_label(fmt)) + " decode failed: corrupt or truncated header";
    }
    return std::string(fmt_label(fmt)) + " decode failed: " + (reason.empty() ? "corrupt data" : reason);
}

Result<DecodedImage> decode_jpeg(const uint8_t *data, size_t size, const Limits &limits, const DecodeOptions &opts,
                                 const EmbeddedColor &color);

}  // namespace

uint64_t decode_budget_bytes(const Limits &limits) {
    // 24 bytes per allowed pixel covers the worst format at the pixel limit (16-bit RGBA PNG:
    // 16-bit image + 16-bit conversion buffer) with 64 MB headroom; capped below wasm32's 4 GB.
    const uint64_t cap = 3072ull * kMiB;
    const uint64_t px = limits.max_pixels;
    if (px > (cap / 24)) return cap;
    const uint64_t b = px * 24 + 64 * kMiB;
    return b < cap ? b : cap;
}

Result<ImageInfo> probe_image(const uint8_t *data, size_t size) {
    Fmt fmt = Fmt::Unknown;
    Header h;
    Status st = read_header(data, size, fmt, h);
    if (!st.is_ok()) return st;
    ImageInfo info;
    info.width = int(h.width);
    info.height = int(h.height);
    info.format = fmt_name(fmt);
    if (fmt == Fmt::Jpeg) info.orientation = jpeg_exif_orientation(data, size);
    return info;
}

namespace {
Result<DecodedImage> decode_any(const uint8_t *data, size_t size, const Limits &limits, const DecodeOptions &opts,
                                const EmbeddedColor &color) {
    Fmt fmt = Fmt::Unknown;
    Header h;
    Status st = read_header(data, size, fmt, h);
    if (!st.is_ok()) return st;

    st = check_dimensions(h.width, h.height, limits);
    if (!st.is_ok()) {
        if (st.code == ErrorCode::INVALID_ARGUMENT) st.code = ErrorCode::DECODE_FAILED;
        st.message = std::string(fmt_label(fmt)) + " " + st.message;
        return st;
    }
    if (fmt == Fmt::Jpeg) return decode_jpeg(data, size, limits, opts, color);

    const uint64_t budget = decode_budget_bytes(limits);
    const uint64_t estimate = estimate_peak_bytes(fmt, h, size);
    if (estimate > budget) {
        return Status::error(ErrorCode::IMAGE_TOO_LARGE,
                             "decoding this " + dims(h.width, h.height) + " " + fmt_label(fmt) + " needs about " + mb(estimate) +
                                 " of working memory, over the decoder budget of " + mb(budget));
    }
    if (uint64_t(h.width) * uint64_t(h.height) * 4 * uint64_t(h.bytes_per_channel) > kMaxSingleAllocation ||
        (fmt == Fmt::Hdr && uint64_t(h.width) * uint64_t(h.height) * 16 > kMaxSingleAllocation)) {
        return Status::error(ErrorCode::IMAGE_TOO_LARGE,
                             "decoding this " + dims(h.width, h.height) + " " + fmt_label(fmt) + " needs a single buffer over 2 GB");
    }

    if (fmt == Fmt::Webp) {  // libwebp, not stb (webp_decode.h); WebP has no EXIF orientation here
        auto img = webp_decode(data, size, {int(h.width), int(h.height), h.channels == 4});
        if (!img.ok()) return img.status();
        DecodedImage out;
        out.format = fmt_name(fmt);
        out.source_channels = h.channels;
        out.image = img.take();
        return out;
    }

    int w = 0, hh = 0, comp = 0;
    stbi_uc *pixels = nullptr;
    const bool pnm16 = fmt == Fmt::Pnm && h.bytes_per_channel == 2;
    StbBudgetStats stats;
    {
        // At run time allow twice the estimate (+32 MB of fixed decoder state), never more than
        // the budget: a valid file stays well inside; data that inflates far beyond its header
        // (IDAT zlib bombs) is cut off early whatever the limits are.
        const uint64_t runtime_budget = estimate < (budget - 32 * kMiB) / 2 ? 2 * estimate + 32 * kMiB : budget;
        StbBudgetScope scope(runtime_budget, kMaxSingleAllocation);
        // Apple CgBI PNGs: swap BGR→RGB and undo premultiplication (thread-local flags; they only
        // ever affect CgBI files).
        stb_set_iphone_png_flags_thread(true, true);
        if (pnm16)
            pixels = reinterpret_cast<stbi_uc *>(stbi_load_16_from_memory(data, int(size), &w, &hh, &comp, 0));
        else
            pixels = stbi_load_from_memory(data, int(size), &w, &hh, &comp, 4);
        stats = scope.stats();
        if (pixels) stb_guard_release(pixels);
    }
    if (!pixels) {
        const char *why = stbi_failure_reason();
        const std::string reason = why ? why : "";
        if (reason == "outofmem" || reason == "too large") {
            if (stats.refused)
                return Status::error(ErrorCode::IMAGE_TOO_LARGE,
                                     std::string(fmt_label(fmt)) + " decode refused: its data expands far beyond what its " +
                                         dims(h.width, h.height) + " header implies (decompression bomb?)");
            if (reason == "outofmem")
                return Status::error(ErrorCode::OUT_OF_MEMORY, std::string("out of memory decoding a ") + dims(h.width, h.height) + " " +
                                                                   fmt_label(fmt));
            return Status::error(ErrorCode::IMAGE_TOO_LARGE, std::string(fmt_label(fmt)) + " image too large to decode");
        }
        return Status::error(ErrorCode::DECODE_FAILED, clarify_reason(fmt, reason));
    }
    if (w <= 0 || hh <= 0) {
        std::free(pixels);
        return Status::error(ErrorCode::DECODE_FAILED, std::string(fmt_label(fmt)) + " decode failed: empty image");
    }

    DecodedImage out;
    out.format = fmt_name(fmt);
    out.source_channels = comp;
    // stb's STBI_MALLOC is malloc underneath (stb_impl.cpp), so the buffer can be adopted.
    Image img;
    if (pnm16) {
        auto expanded = expand_to_rgba(pixels, w, hh, comp, 2);
        if (!expanded.ok()) return expanded.status();
        img = expanded.take();
    } else {
        img = Image::adopt(pixels, w, hh);
    }
    out.image = std::move(img);
    return out;
}

Result<DecodedImage> decode_jpeg(const uint8_t *data, size_t size, const Limits &limits, const DecodeOptions &opts,
                                 const EmbeddedColor &color) {
    // A CMYK frame's profile is applied inside the decoder (before the naive rule would lose it).
    const bool cmyk_profile = opts.color == ColorManagement::Convert && color.icc.size() >= 20 && std::memcmp(color.icc.data() + 16, "CMYK", 4) == 0;
    std::string warning;
    Result<JpegDecoded> j = Status::error(ErrorCode::INTERNAL, "JPEG decode did not run");
    auto decode = [&](const RowsDone &rows_done) {
        j = jpeg_decode(data, size, opts.shrink, limits, decode_budget_bytes(limits), cmyk_profile ? color.icc.data() : nullptr,
                        cmyk_profile ? color.icc.size() : 0, &warning, rows_done);
    };
    // An RGB matrix/TRC profile (a phone's Display P3): its rows are converted while the next ones
    // decode (convert_while_decoding.h); everything else after the decode (color_manage.h).
    int converted_rows = 0;
    if (auto tables = rgb_matrix_trc_tables(color, opts.color)) {
        auto rows = convert_while_decoding(*tables, decode);
        if (!rows.ok()) return rows.status();
        converted_rows = rows.value();
    } else {
        decode(RowsDone{});
    }
    if (!j.ok()) return j.status();
    DecodedImage out;
    if (!warning.empty()) out.warnings.push_back(warning);
    out.color_converted = j.value().cmyk_managed || (converted_rows > 0 && converted_rows == j.value().image.height());
    out.format = fmt_name(Fmt::Jpeg);
    out.source_channels = j.value().components == 1 ? 1 : 3;
    out.shrink_applied = opts.shrink;
    out.orientation = jpeg_exif_orientation(data, size);
    const bool swap = out.orientation >= 5 && out.orientation <= 8;
    out.source_width = swap ? j.value().full_height : j.value().full_width;
    out.source_height = swap ? j.value().full_width : j.value().full_height;
    auto oriented = apply_orientation(std::move(j.value().image), out.orientation);
    if (!oriented.ok()) return oriented.status();
    out.image = oriented.take();
    return out;
}
}  // namespace

Result<DecodedImage> decode_image(const uint8_t *data, size_t size, const Limits &limits, const DecodeOptions &opts) {
    if (opts.shrink != 1 && opts.shrink != 2 && opts.shrink != 4 && opts.shrink != 8)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "shrink-on-load factor must be 1, 2, 4 or 8, got " + std::to_string(opts.shrink));
    // The embedded profile is found once: the JPEG decoder needs a CMYK one, the step after decode the rest.
    EmbeddedColor color;
    if (opts.color != ColorManagement::Ignore) color = extract_embedded_color(data, size);
    auto r = decode_any(data, size, limits, opts, color);
    if (r.ok() && r.value().source_width == 0) {  // decoded at full size
        r.value().source_width = r.value().image.width();
        r.value().source_height = r.value().image.height();
    }
    if (!r.ok()) return r;
    Status st = apply_color_management(r.value(), std::move(color), opts.color);
    if (!st.is_ok()) return st;
    MetadataBlobs blobs = extract_metadata_blobs(data, size);
    r.value().exif = std::move(blobs.exif);
    r.value().xmp = std::move(blobs.xmp);
    r.value().xmp_extended = std::move(blobs.xmp_extended);
    for (std::string &w : blobs.warnings) r.value().warnings.push_back(std::move(w));
    return r;
}

}  // namespace pixelpipe::codec
