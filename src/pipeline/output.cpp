// output.cpp: format options → the encoder registry (src/codec/encoders/), or raw pixels. The
// encoders read their options through a checked reader (every key sent must be read), and opaque
// formats flatten alpha onto their `background` option (white by default, js-api.md).
#include "pipeline/output.h"

#include "codec/encoders/registry.h"

namespace pixelpipe::pipeline {

Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options) {
    if (options.op == "raw") {
        // raw reads no option, so anything sent is op_spec's usual "sent but not read" error.
        Status unread = options.check_parameters(false);
        if (!unread.is_ok()) return unread;
        return std::vector<uint8_t>(image.data(), image.data() + image.size_bytes());
    }
    return codec::encode(image, options.op, codec::EncodeParams{options.num, options.str});
}

std::vector<std::string> encodable_formats() {
    std::vector<std::string> names;
    for (const auto &e : codec::list_encoders()) names.push_back(e.format);
    names.push_back("raw");
    return names;
}

std::vector<std::string> decodable_formats() { return {"jpeg", "png", "webp", "gif", "bmp", "tga", "psd", "hdr", "pnm"}; }

}  // namespace pixelpipe::pipeline
