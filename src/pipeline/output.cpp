// output.cpp: format options → encoder. Opaque formats flatten alpha onto `background` (white by
// default, js-api.md: users exporting a transparent logo to JPEG expect white).
#include "pipeline/output.h"

#include <algorithm>
#include <cmath>

#include "codec/encode.h"
#include "ops/registry.h"

namespace pixelpipe::pipeline {
namespace {

uint8_t channel(double v) { return uint8_t(std::clamp(std::lround(v), 0L, 255L)); }

// Straight-alpha source over an opaque background, rounded; opaque pixels are unchanged.
Result<Image> flatten(const Image &image, const ops::OpSpec &options) {
    const auto bg = options.array("background");
    if (bg.size() != 4) return Status::error(ErrorCode::INVALID_ARGUMENT, options.op + ": background must be [r, g, b, a]");
    const unsigned b[3] = {channel(bg[0]), channel(bg[1]), channel(bg[2])};
    auto out = Image::allocate(image.width(), image.height());
    if (!out.ok()) return out.status();
    const uint8_t *s = image.data();
    uint8_t *d = out.value().data();
    const size_t n = size_t(image.width()) * size_t(image.height());
    for (size_t i = 0; i < n; ++i, s += 4, d += 4) {
        const unsigned a = s[3];
        for (int c = 0; c < 3; ++c) d[c] = uint8_t((s[c] * a + b[c] * (255 - a) + 127) / 255);
        d[3] = 255;
    }
    return out;
}

bool opaque(const Image &image) {
    const uint8_t *p = image.data();
    const size_t n = size_t(image.width()) * size_t(image.height());
    for (size_t i = 0; i < n; ++i) if (p[i * 4 + 3] != 255) return false;
    return true;
}

Result<std::vector<uint8_t>> encode_checked(const Image &image, const ops::OpSpec &options) {
    const std::string &format = options.op;
    if (format == "raw") return std::vector<uint8_t>(image.data(), image.data() + image.size_bytes());
    if (format == "png") return codec::encode_png(image);
    if (format == "jpeg") {
        const int quality = int(options.number("quality"));
        if (opaque(image)) {
            options.array("background");  // read: it applies only to translucent pixels
            return codec::encode_jpeg(image, quality);
        }
        auto flat = flatten(image, options);
        if (!flat.ok()) return flat.status();
        return codec::encode_jpeg(flat.value(), quality);
    }
    return Status::error(ErrorCode::UNSUPPORTED_FORMAT, "cannot encode '" + format + "' in this build");
}

}  // namespace

Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options) {
    auto bytes = encode_checked(image, options);
    if (!bytes.ok()) return bytes;
    Status s = options.check_parameters(ops::strict_parameters());
    if (!s.is_ok()) return s;
    return bytes;
}

std::vector<std::string> encodable_formats() { return {"png", "jpeg", "raw"}; }
std::vector<std::string> decodable_formats() { return {"jpeg", "png", "gif", "bmp", "tga", "psd", "hdr", "pnm"}; }

}  // namespace pixelpipe::pipeline
