// registry.cpp: the encoder table. Each entry reads its options through a ParamReader, the reader
// checks that the keys read and the keys sent are the same set, and only then the encoder runs.
#include "codec/encoders/registry.h"

#include "codec/encoders/bmp.h"
#include "codec/encoders/gif.h"
#include "codec/encoders/ico.h"
#include "codec/encoders/jpeg.h"
#include "codec/encoders/png.h"
#include "codec/encoders/svg.h"
#include "codec/encoders/tga.h"
#include "codec/encoders/webp.h"

namespace pixelpipe::codec {
namespace {

using Bytes = std::vector<uint8_t>;
using Runner = Result<Bytes> (*)(const Image &, ParamReader &);

template <class Options, Options (*Read)(ParamReader &), Result<Bytes> (*Encode)(const Image &, const Options &)>
Result<Bytes> run(const Image &image, ParamReader &reader) {
    const Options options = Read(reader);
    if (reader.discovering()) return Bytes{};
    Status status = reader.finish();
    if (!status.is_ok()) return status;
    return Encode(image, options);
}

struct Entry {
    const char *format;
    const char *mime;
    Runner run;
};

const Entry kEncoders[] = {
    {"png", "image/png", run<PngOptions, read_png_options, encode_png>},
    {"jpeg", "image/jpeg", run<JpegOptions, read_jpeg_options, encode_jpeg>},
    {"webp", "image/webp", run<WebpOptions, read_webp_options, encode_webp>},
    {"gif", "image/gif", run<GifOptions, read_gif_options, encode_gif>},
    {"ico", "image/x-icon", run<IcoOptions, read_ico_options, encode_ico>},
    {"bmp", "image/bmp", run<NoOptions, read_no_options, encode_bmp>},
    {"tga", "image/x-tga", run<NoOptions, read_no_options, encode_tga>},
    {"svg", "image/svg+xml", run<SvgOptions, read_svg_options, encode_svg>},
};

}  // namespace

Result<Bytes> encode(const Image &image, const std::string &format, const EncodeParams &params) {
    for (const Entry &e : kEncoders) {
        if (format != e.format) continue;
        if (image.empty() || image.width() <= 0 || image.height() <= 0)
            return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot encode an empty image as " + format);
        ParamReader reader(params, format);
        return e.run(image, reader);
    }
    std::string names;
    for (const Entry &e : kEncoders) names += (names.empty() ? "" : ", ") + std::string(e.format);
    return Status::error(ErrorCode::UNSUPPORTED_FORMAT, "no encoder for '" + format + "' (available: " + names + ")");
}

std::vector<EncoderInfo> list_encoders() {
    std::vector<EncoderInfo> out;
    for (const Entry &e : kEncoders) {
        ParamReader discover(e.format);  // reads the keys only; the encoder does not run
        Image none;
        (void)e.run(none, discover);
        out.push_back({e.format, e.mime, discover.keys_read()});
    }
    return out;
}

}  // namespace pixelpipe::codec
