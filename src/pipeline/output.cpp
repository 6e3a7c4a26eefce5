// output.cpp: format options → the encoder registry (src/codec/encoders/), or raw pixels. The
// encoders read their options through a checked reader (every key sent must be read), and opaque
// formats flatten alpha onto their `background` option (white by default, js-api.md). PNG, JPEG
// and WebP say their colour space (sRGB by default, Display P3 with iccProfile 'p3', the source's
// with keepIccProfile) and can carry the source's EXIF and XMP (stripMetadata 0): output_metadata.h.
#include "pipeline/output.h"

#include "codec/encoders/registry.h"
#include "pipeline/output_metadata.h"

namespace pixelpipe::pipeline {

Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options, const CarriedMetadata *source,
                                           std::vector<std::string> *warnings) {
    if (options.op == "raw") {
        // raw reads no option, so anything sent is op_spec's usual "sent but not read" error.
        Status unread = options.check_parameters(false);
        if (!unread.is_ok()) return unread;
        return std::vector<uint8_t>(image.data(), image.data() + image.size_bytes());
    }
    // The colour space and the metadata are not encoder options: the pixels are converted here
    // and the profile, EXIF and XMP spliced in after the encoder (output_metadata.h).
    codec::EncodeParams params{options.num, options.str};
    auto meta = take_output_metadata_options(params);
    if (!meta.ok()) return meta.status();
    std::vector<std::string> ignored;
    std::vector<std::string> &notes = warnings ? *warnings : ignored;
    auto color = prepare_output_color(image, options.op, meta.value(), source, notes);
    if (!color.ok()) return color.status();
    auto bytes = codec::encode(color.value().pixels(image), options.op, params);
    if (!bytes.ok()) return bytes;
    return finish_output(bytes.value(), options.op, color.value(), meta.value(), source, image.width(), image.height(), notes);
}

std::vector<std::string> encodable_formats() {
    std::vector<std::string> names;
    for (const auto &e : codec::list_encoders()) names.push_back(e.format);
    names.push_back("raw");
    return names;
}

std::vector<std::string> decodable_formats() { return {"jpeg", "png", "webp", "gif", "bmp", "tga", "psd", "hdr", "pnm"}; }

}  // namespace pixelpipe::pipeline
