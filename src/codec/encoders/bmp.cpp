// bmp.cpp: RGBA8 → BMP, bottom-up rows. Opaque images: 24-bit BGR with a BITMAPINFOHEADER (what
// every reader handles). With alpha: 32-bit BGRA with a BITMAPV4HEADER whose BI_BITFIELDS masks
// declare the alpha channel, so alpha survives in readers that honour V4 masks (Pillow, browsers).
#include "codec/encoders/bmp.h"

#include "codec/encoders/bytes.h"
#include "codec/encoders/pixels.h"

namespace pixelpipe::codec {

Result<std::vector<uint8_t>> encode_bmp(const Image &image, const NoOptions &) {
    const bool alpha = !is_opaque(image);
    const int w = image.width(), h = image.height();
    const uint64_t row = alpha ? uint64_t(w) * 4 : (uint64_t(w) * 3 + 3) / 4 * 4;
    const uint32_t info_size = alpha ? 108 : 40;
    const uint64_t offset = 14 + info_size, total = offset + row * uint64_t(h);
    if (total > 0x7FFFFFFF) return Status::error(ErrorCode::ENCODE_FAILED, "image too large for BMP (over 2 GB)");
    std::vector<uint8_t> out;
    out.reserve(size_t(total));
    out.push_back('B');
    out.push_back('M');
    put_le32(out, uint32_t(total));
    put_le32(out, 0);
    put_le32(out, uint32_t(offset));
    put_le32(out, info_size);
    put_le32(out, uint32_t(w));
    put_le32(out, uint32_t(h));  // positive: bottom-up
    put_le16(out, 1);            // planes
    put_le16(out, alpha ? 32 : 24);
    put_le32(out, alpha ? 3 : 0);  // BI_BITFIELDS : BI_RGB
    put_le32(out, uint32_t(row * uint64_t(h)));
    put_le32(out, 2835);  // 72 dpi in pixels per metre
    put_le32(out, 2835);
    put_le32(out, 0);
    put_le32(out, 0);
    if (alpha) {
        put_le32(out, 0x00FF0000);  // red mask
        put_le32(out, 0x0000FF00);  // green
        put_le32(out, 0x000000FF);  // blue
        put_le32(out, 0xFF000000);  // alpha
        put_text(out, "BGRs");      // LCS_sRGB, stored little-endian as 'sRGB'
        out.insert(out.end(), 36 + 12, 0);  // endpoints and gamma: unused for sRGB
    }
    const size_t pad = size_t(row) - size_t(w) * (alpha ? 4 : 3);
    for (int y = h - 1; y >= 0; --y) {
        const uint8_t *p = image.row(y);
        for (int x = 0; x < w; ++x, p += 4) {
            out.insert(out.end(), {p[2], p[1], p[0]});
            if (alpha) out.push_back(p[3]);
        }
        out.insert(out.end(), pad, 0);
    }
    return out;
}

}  // namespace pixelpipe::codec
