// output.cpp: format options → the encoder registry (src/codec/encoders/), or raw pixels. The
// encoders read their options through a checked reader (every key sent must be read), and opaque
// formats flatten alpha onto their `background` option (white by default, js-api.md).
#include "pipeline/output.h"

#include "codec/encoders/registry.h"

namespace pixelpipe::pipeline {

Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options) {
    if (options.op == "raw") {
        if (!options.num.empty() || !options.str.empty())
            return Status::error(ErrorCode::INTERNAL, "raw: the format has no options");
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
