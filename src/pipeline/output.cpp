// output.cpp: format options → the encoder registry (src/codec/encoders/), or raw pixels. The
// encoders read their options through a checked reader (every key sent must be read), and opaque
// formats flatten alpha onto their `background` option (white by default, js-api.md). PNG, JPEG
// and WebP say their colour space: sRGB by default, or Display P3 (iccProfile 'p3').
#include "pipeline/output.h"

#include <cstring>

#include "codec/encoders/registry.h"
#include "codec/icc_embed.h"
#include "color/icc_builtin.h"
#include "color/icc_transform.h"
#include "color/icc_writer.h"

namespace pixelpipe::pipeline {

Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options) {
    if (options.op == "raw") {
        // raw reads no option, so anything sent is op_spec's usual "sent but not read" error.
        Status unread = options.check_parameters(false);
        if (!unread.is_ok()) return unread;
        return std::vector<uint8_t>(image.data(), image.data() + image.size_bytes());
    }
    // The output colour space is not an encoder option: the pixels (sRGB) are converted here and
    // the profile is spliced in after the encoder (codec/icc_embed.h).
    codec::EncodeParams params{options.num, options.str};
    std::string space = "srgb";
    if (auto it = params.str.find("iccProfile"); it != params.str.end()) {
        space = it->second;
        params.str.erase(it);
    }
    if (space != "srgb" && space != "p3")
        return Status::error(ErrorCode::INVALID_ARGUMENT, "iccProfile must be 'srgb' or 'p3', not '" + space + "'");
    const Image *pixels = &image;
    Image converted;
    if (space == "p3") {
        auto copy = Image::allocate(image.width(), image.height());
        if (!copy.ok()) return copy.status();
        converted = copy.take();
        std::memcpy(converted.data(), image.data(), image.size_bytes());
        Status st = color::apply_matrix_trc(converted, color::build_matrix_trc(color::srgb_profile(), color::display_p3_profile()));
        if (!st.is_ok()) return st;
        pixels = &converted;
    }
    auto bytes = codec::encode(*pixels, options.op, params);
    if (!bytes.ok()) return bytes;
    if (space == "p3")
        return codec::embed_icc_profile(bytes.value(), options.op, color::display_p3_profile_bytes(), image.width(), image.height());
    return codec::mark_srgb(bytes.value(), options.op, image.width(), image.height());
}

std::vector<std::string> encodable_formats() {
    std::vector<std::string> names;
    for (const auto &e : codec::list_encoders()) names.push_back(e.format);
    names.push_back("raw");
    return names;
}

std::vector<std::string> decodable_formats() { return {"jpeg", "png", "webp", "gif", "bmp", "tga", "psd", "hdr", "pnm"}; }

}  // namespace pixelpipe::pipeline
