// icc_embed.cpp: see icc_embed.h. Containers: PNG 1.2 §4.2.2.4 (iCCP: name, NUL, method 0, zlib)
// and §4.2.2.3 (sRGB); JPEG ICC.1:2010 Annex B.4; WebP container spec ("Extended File Format").
#include "codec/icc_embed.h"

#include <algorithm>

#include "codec/container_edit.h"
#include "codec/encoders/png.h"
#include "color/icc_writer.h"
#include "libdeflate.h"

namespace pixelpipe::codec {
namespace {

using Bytes = std::vector<uint8_t>;

Result<Bytes> png_iccp(const Bytes &png, const Bytes &icc) {
    Bytes body{'I', 'C', 'C', ' ', 'p', 'r', 'o', 'f', 'i', 'l', 'e', 0, 0};
    libdeflate_compressor *c = libdeflate_alloc_compressor(9);
    if (!c) return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory compressing an ICC profile");
    Bytes z(libdeflate_zlib_compress_bound(c, icc.size()));
    const size_t n = libdeflate_zlib_compress(c, icc.data(), icc.size(), z.data(), z.size());
    libdeflate_free_compressor(c);
    if (n == 0) return Status::error(ErrorCode::ENCODE_FAILED, "compressing the ICC profile failed");
    body.insert(body.end(), z.begin(), z.begin() + long(n));
    Bytes chunk;
    append_png_chunk(chunk, "iCCP", body.data(), body.size());
    return png_insert_chunks(png, chunk);
}

Result<Bytes> jpeg_app2(const Bytes &jpg, const Bytes &icc) {
    constexpr size_t kPart = 65519;  // 65535 - 2 (length) - 14 ("ICC_PROFILE\0" + seq + count)
    const size_t parts = (icc.size() + kPart - 1) / kPart;
    if (parts == 0 || parts > 255) return Status::error(ErrorCode::ENCODE_FAILED, "ICC profile too large for JPEG APP2 (255 parts)");
    Bytes segments;
    for (size_t i = 0; i < parts; ++i) {
        const size_t off = i * kPart, len = std::min(kPart, icc.size() - off);
        put_jpeg_segment(segments, 0xE2, std::string("ICC_PROFILE\0", 12) + char(i + 1) + char(parts), icc.data() + off, len);
    }
    return jpeg_insert_segments(jpg, segments);
}

Result<Bytes> webp_iccp(const Bytes &webp, const Bytes &icc, int width, int height) {
    Bytes iccp;
    put_webp_chunk(iccp, "ICCP", icc);
    return webp_add_chunks(webp, width, height, kWebpIcc, iccp, {});
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
    if (format == "png") {
        Bytes chunk;
        const uint8_t perceptual = 0;  // rendering intent
        append_png_chunk(chunk, "sRGB", &perceptual, 1);
        return png_insert_chunks(encoded, chunk);
    }
    return embed_icc_profile(encoded, format, color::srgb_profile_bytes(), width, height);
}

}  // namespace pixelpipe::codec
