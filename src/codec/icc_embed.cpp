// icc_embed.cpp: see icc_embed.h. Containers: PNG 1.2 §4.2.2.4 (iCCP: name, NUL, method 0, zlib)
// and §4.2.2.3 (sRGB); JPEG ICC.1:2010 Annex B.4; WebP container spec ("Extended File Format").
#include "codec/icc_embed.h"

#include <cstring>

#include "codec/encoders/bytes.h"
#include "codec/encoders/png.h"
#include "color/icc_writer.h"
#include "libdeflate.h"

namespace pixelpipe::codec {
namespace {

using Bytes = std::vector<uint8_t>;

Status not_ours(const std::string &format) {
    return Status::error(ErrorCode::INTERNAL, "cannot embed an ICC profile: the " + format + " encoder output has an unexpected layout");
}

// After IHDR (8-byte signature + 25-byte IHDR chunk).
Result<Bytes> png_insert(const Bytes &png, const char type[4], const Bytes &body) {
    if (png.size() < 33 || std::memcmp(png.data() + 12, "IHDR", 4) != 0) return not_ours("png");
    Bytes out(png.begin(), png.begin() + 33);
    append_png_chunk(out, type, body.data(), body.size());
    out.insert(out.end(), png.begin() + 33, png.end());
    return out;
}

Result<Bytes> png_iccp(const Bytes &png, const Bytes &icc) {
    Bytes body{'I', 'C', 'C', ' ', 'p', 'r', 'o', 'f', 'i', 'l', 'e', 0, 0};
    libdeflate_compressor *c = libdeflate_alloc_compressor(9);
    if (!c) return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory compressing an ICC profile");
    Bytes z(libdeflate_zlib_compress_bound(c, icc.size()));
    const size_t n = libdeflate_zlib_compress(c, icc.data(), icc.size(), z.data(), z.size());
    libdeflate_free_compressor(c);
    if (n == 0) return Status::error(ErrorCode::ENCODE_FAILED, "compressing the ICC profile failed");
    body.insert(body.end(), z.begin(), z.begin() + long(n));
    return png_insert(png, "iCCP", body);
}

Result<Bytes> jpeg_app2(const Bytes &jpg, const Bytes &icc) {
    if (jpg.size() < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8) return not_ours("jpeg");
    size_t at = 2;  // after SOI, and after a JFIF APP0 (which must come first)
    if (jpg.size() >= at + 4 && jpg[at] == 0xFF && jpg[at + 1] == 0xE0) at += 2 + (size_t(jpg[at + 2]) << 8 | jpg[at + 3]);
    if (at > jpg.size()) return not_ours("jpeg");
    constexpr size_t kPart = 65519;  // 65535 - 2 (length) - 14 ("ICC_PROFILE\0" + seq + count)
    const size_t parts = (icc.size() + kPart - 1) / kPart;
    if (parts == 0 || parts > 255) return Status::error(ErrorCode::ENCODE_FAILED, "ICC profile too large for JPEG APP2 (255 parts)");
    Bytes out(jpg.begin(), jpg.begin() + long(at));
    for (size_t i = 0; i < parts; ++i) {
        const size_t off = i * kPart, len = std::min(kPart, icc.size() - off);
        const size_t seg = 2 + 14 + len;
        out.insert(out.end(), {0xFF, 0xE2, uint8_t(seg >> 8), uint8_t(seg)});
        put_text(out, std::string("ICC_PROFILE", 11));
        out.insert(out.end(), {0, uint8_t(i + 1), uint8_t(parts)});
        out.insert(out.end(), icc.begin() + long(off), icc.begin() + long(off + len));
    }
    out.insert(out.end(), jpg.begin() + long(at), jpg.end());
    return out;
}

uint32_t le32(const uint8_t *p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }

Result<Bytes> webp_iccp(const Bytes &webp, const Bytes &icc, int width, int height) {
    if (webp.size() < 20 || std::memcmp(webp.data(), "RIFF", 4) != 0 || std::memcmp(webp.data() + 8, "WEBP", 4) != 0)
        return not_ours("webp");
    Bytes body;  // chunks after the RIFF header
    const uint8_t *first = webp.data() + 12;
    Bytes iccp{'I', 'C', 'C', 'P'};
    put_le32(iccp, uint32_t(icc.size()));
    iccp.insert(iccp.end(), icc.begin(), icc.end());
    if (icc.size() & 1) iccp.push_back(0);
    if (std::memcmp(first, "VP8X", 4) == 0) {
        const size_t vp8x_end = 12 + 8 + le32(first + 4);
        if (vp8x_end > webp.size()) return not_ours("webp");
        body.assign(webp.begin() + 12, webp.begin() + long(vp8x_end));
        body[8] |= 0x20;  // ICC flag
        body.insert(body.end(), iccp.begin(), iccp.end());
        body.insert(body.end(), webp.begin() + long(vp8x_end), webp.end());
    } else {
        const bool lossless = std::memcmp(first, "VP8L", 4) == 0;
        // A lossless bitstream carries its own alpha; a simple lossy one has none.
        const bool alpha = lossless && webp.size() >= 25 && (webp[12 + 8 + 4] & 0x10);
        body = {'V', 'P', '8', 'X'};
        put_le32(body, 10);
        body.push_back(uint8_t(0x20 | (alpha ? 0x10 : 0)));
        body.insert(body.end(), {0, 0, 0});
        for (int v : {width - 1, height - 1}) body.insert(body.end(), {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16)});
        body.insert(body.end(), iccp.begin(), iccp.end());
        body.insert(body.end(), webp.begin() + 12, webp.end());
    }
    Bytes out{'R', 'I', 'F', 'F'};
    put_le32(out, uint32_t(4 + body.size()));
    put_text(out, "WEBP");
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

}  // namespace

Result<std::vector<uint8_t>> embed_icc_profile(const Bytes &encoded, const std::string &format, const Bytes &icc, int width,
                                               int height) {
    if (format == "png") return png_iccp(encoded, icc);
    if (format == "jpeg") return jpeg_app2(encoded, icc);
    if (format == "webp") return webp_iccp(encoded, icc, width, height);
    return encoded;
}

Result<std::vector<uint8_t>> mark_srgb(const Bytes &encoded, const std::string &format, int width, int height) {
    if (format == "png") return png_insert(encoded, "sRGB", Bytes{0});  // rendering intent 0: perceptual
    return embed_icc_profile(encoded, format, color::srgb_profile_bytes(), width, height);
}

}  // namespace pixelpipe::codec
