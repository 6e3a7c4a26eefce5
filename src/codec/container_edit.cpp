// container_edit.cpp: see container_edit.h.
#include "codec/container_edit.h"

#include <cstring>

#include "codec/encoders/bytes.h"

namespace pixelpipe::codec {

using Bytes = std::vector<uint8_t>;

namespace {
Status not_ours(const char *format) {
    return Status::error(ErrorCode::INTERNAL, std::string("cannot add metadata: the ") + format + " encoder output has an unexpected layout");
}
}  // namespace

Result<Bytes> png_insert_chunks(const Bytes &png, const Bytes &chunks) {
    constexpr size_t kAfterIhdr = 8 + 25;  // signature + the 13-byte IHDR chunk
    if (png.size() < kAfterIhdr || std::memcmp(png.data() + 12, "IHDR", 4) != 0) return not_ours("png");
    Bytes out(png.begin(), png.begin() + kAfterIhdr);
    out.insert(out.end(), chunks.begin(), chunks.end());
    out.insert(out.end(), png.begin() + kAfterIhdr, png.end());
    return out;
}

void put_jpeg_segment(Bytes &out, uint8_t marker, const std::string &id, const uint8_t *body, size_t size) {
    const size_t len = 2 + id.size() + size;
    out.insert(out.end(), {0xFF, marker, uint8_t(len >> 8), uint8_t(len)});
    put_text(out, id);
    out.insert(out.end(), body, body + size);
}

Result<Bytes> jpeg_insert_segments(const Bytes &jpg, const Bytes &segments) {
    if (jpg.size() < 4 || jpg[0] != 0xFF || jpg[1] != 0xD8) return not_ours("jpeg");
    size_t at = 2;  // after SOI, and after a JFIF APP0
    if (jpg.size() >= at + 4 && jpg[at] == 0xFF && jpg[at + 1] == 0xE0) at += 2 + (size_t(jpg[at + 2]) << 8 | jpg[at + 3]);
    if (at > jpg.size()) return not_ours("jpeg");
    Bytes out(jpg.begin(), jpg.begin() + long(at));
    out.insert(out.end(), segments.begin(), segments.end());
    out.insert(out.end(), jpg.begin() + long(at), jpg.end());
    return out;
}

void put_webp_chunk(Bytes &out, const char fourcc[4], const Bytes &body) {
    out.insert(out.end(), fourcc, fourcc + 4);
    put_le32(out, uint32_t(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    if (body.size() & 1) out.push_back(0);
}

Result<Bytes> webp_add_chunks(const Bytes &webp, int width, int height, uint8_t flags, const Bytes &front, const Bytes &back) {
    if (webp.size() < 20 || std::memcmp(webp.data(), "RIFF", 4) != 0 || std::memcmp(webp.data() + 8, "WEBP", 4) != 0)
        return not_ours("webp");
    Bytes body;  // chunks after the RIFF header
    const uint8_t *first = webp.data() + 12;
    size_t rest = 12;  // where the chunks after VP8X start
    if (std::memcmp(first, "VP8X", 4) == 0) {
        rest = 12 + 8 + get_le32(first + 4);
        if (rest > webp.size() || rest < 30) return not_ours("webp");
        body.assign(webp.begin() + 12, webp.begin() + long(rest));
        body[8] |= flags;
    } else {
        // A lossless bitstream carries its own alpha flag; a simple lossy one has no alpha.
        const bool lossless = std::memcmp(first, "VP8L", 4) == 0;
        const bool alpha = lossless && webp.size() >= 25 && (webp[12 + 8 + 4] & 0x10);
        Bytes vp8x{uint8_t(flags | (alpha ? kWebpAlpha : 0)), 0, 0, 0};
        for (int v : {width - 1, height - 1}) vp8x.insert(vp8x.end(), {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16)});
        put_webp_chunk(body, "VP8X", vp8x);
    }
    body.insert(body.end(), front.begin(), front.end());
    body.insert(body.end(), webp.begin() + long(rest), webp.end());
    body.insert(body.end(), back.begin(), back.end());
    Bytes out{'R', 'I', 'F', 'F'};
    put_le32(out, uint32_t(4 + body.size()));
    put_text(out, "WEBP");
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

}  // namespace pixelpipe::codec
