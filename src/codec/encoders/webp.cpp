// webp.cpp: RGBA8 → WebP (VP8 lossy with a lossless-coded alpha plane, or VP8L lossless) through
// libwebp's advanced API. Alpha is kept; fully opaque images get no alpha plane.
#include "codec/encoders/webp.h"

#include <string>

#include "webp/encode.h"

namespace pixelpipe::codec {

WebpOptions read_webp_options(ParamReader &r) {
    WebpOptions o;
    o.quality = float(r.number("quality", 0, 100));
    o.lossless = r.boolean("lossless");
    o.effort = r.integer("effort", 0, 6);
    return o;
}

Result<std::vector<uint8_t>> encode_webp(const Image &image, const WebpOptions &o) {
    if (image.width() > WEBP_MAX_DIMENSION || image.height() > WEBP_MAX_DIMENSION)
        return Status::error(ErrorCode::ENCODE_FAILED,
                             "WebP cannot store images wider or taller than " + std::to_string(WEBP_MAX_DIMENSION) + " pixels");
    WebPConfig config;
    if (!WebPConfigInit(&config)) return Status::error(ErrorCode::INTERNAL, "libwebp version mismatch");
    config.quality = o.quality;
    config.lossless = o.lossless ? 1 : 0;
    config.method = o.effort;
    // exact = 0: RGB under fully transparent pixels may change (libwebp's default, smaller files);
    // the decoded colour of a transparent pixel carries no information.
    if (!WebPValidateConfig(&config)) return Status::error(ErrorCode::INVALID_ARGUMENT, "invalid WebP settings");

    WebPPicture picture;
    if (!WebPPictureInit(&picture)) return Status::error(ErrorCode::INTERNAL, "libwebp version mismatch");
    picture.width = image.width();
    picture.height = image.height();
    picture.use_argb = o.lossless ? 1 : 0;
    if (!WebPPictureImportRGBA(&picture, image.data(), int(image.stride()))) {
        WebPPictureFree(&picture);
        return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory importing pixels into libwebp");
    }
    WebPMemoryWriter writer;
    WebPMemoryWriterInit(&writer);
    picture.writer = WebPMemoryWrite;
    picture.custom_ptr = &writer;
    const int ok = WebPEncode(&config, &picture);
    const WebPEncodingError error = picture.error_code;
    WebPPictureFree(&picture);
    std::vector<uint8_t> out;
    if (ok) out.assign(writer.mem, writer.mem + writer.size);
    WebPMemoryWriterClear(&writer);
    if (!ok) {
        if (error == VP8_ENC_ERROR_OUT_OF_MEMORY || error == VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY)
            return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory in the WebP encoder");
        return Status::error(ErrorCode::ENCODE_FAILED, "WebP encode failed (libwebp error " + std::to_string(int(error)) + ")");
    }
    return out;
}

}  // namespace pixelpipe::codec
