// webp_decode.cpp: see webp_decode.h.
#include "codec/webp_decode.h"

#include "webp/decode.h"

namespace pixelpipe::codec {

Result<WebpHeader> webp_header(const uint8_t *data, size_t size) {
    WebPBitstreamFeatures f;
    if (WebPGetFeatures(data, size, &f) != VP8_STATUS_OK)
        return Status::error(ErrorCode::DECODE_FAILED, "WebP decode failed: corrupt or truncated header");
    if (f.has_animation) return Status::error(ErrorCode::DECODE_FAILED, "animated WebP is not supported");
    return WebpHeader{f.width, f.height, f.has_alpha != 0};
}

uint64_t webp_peak_bytes(const WebpHeader &h, size_t file_size) {
    // RGBA output (4) + the larger of lossy's YUV 4:2:0 planes with alpha (2.5) and lossless'
    // ARGB pixels and transform buffer (4 + 1), per pixel; plus the file.
    return uint64_t(h.width) * uint64_t(h.height) * 9 + file_size;
}

Result<Image> webp_decode(const uint8_t *data, size_t size, const WebpHeader &h) {
    auto img = Image::allocate(h.width, h.height);
    if (!img.ok()) return img.status();
    Image &out = img.value();
    if (!WebPDecodeRGBAInto(data, size, out.data(), out.size_bytes(), int(out.stride())))
        return Status::error(ErrorCode::DECODE_FAILED, "WebP decode failed: corrupt or truncated image data");
    return img;
}

}  // namespace pixelpipe::codec
