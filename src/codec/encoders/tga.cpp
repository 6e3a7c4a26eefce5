// tga.cpp: RGBA8 → uncompressed true-colour TGA (image type 2), top-left origin. 24-bit BGR when
// opaque, else 32-bit BGRA with 8 attribute (alpha) bits declared in the descriptor.
#include "codec/encoders/tga.h"

#include "codec/encoders/bytes.h"
#include "codec/encoders/pixels.h"

namespace pixelpipe::codec {

Result<std::vector<uint8_t>> encode_tga(const Image &image, const NoOptions &) {
    const int w = image.width(), h = image.height();
    if (w > 65535 || h > 65535)
        return Status::error(ErrorCode::ENCODE_FAILED, "TGA cannot store images wider or taller than 65535 pixels");
    const bool alpha = !is_opaque(image);
    const int bpp = alpha ? 4 : 3;
    std::vector<uint8_t> out;
    out.reserve(18 + size_t(w) * size_t(h) * bpp);
    out.insert(out.end(), {0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0});  // no id, no colour map, type 2, origin 0,0
    put_le16(out, uint32_t(w));
    put_le16(out, uint32_t(h));
    out.push_back(uint8_t(bpp * 8));
    out.push_back(uint8_t(0x20 | (alpha ? 8 : 0)));  // bit 5: top-left origin; bits 0-3: alpha bits
    for (int y = 0; y < h; ++y) {
        const uint8_t *p = image.row(y);
        for (int x = 0; x < w; ++x, p += 4) {
            out.insert(out.end(), {p[2], p[1], p[0]});
            if (alpha) out.push_back(p[3]);
        }
    }
    return out;
}

}  // namespace pixelpipe::codec
