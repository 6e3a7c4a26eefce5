// svg.cpp: the SVG document around either body. UTF-8 bytes; width, height and viewBox in pixels.
#include "codec/encoders/svg.h"

#include "codec/encoders/jpeg.h"
#include "codec/encoders/png.h"

namespace pixelpipe::codec {
namespace {

void append_base64(std::string &s, const std::vector<uint8_t> &data) {
    static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    s.reserve(s.size() + (data.size() + 2) / 3 * 4 + 256);
    size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        const uint32_t v = uint32_t(data[i]) << 16 | uint32_t(data[i + 1]) << 8 | data[i + 2];
        s += kAlphabet[v >> 18];
        s += kAlphabet[(v >> 12) & 63];
        s += kAlphabet[(v >> 6) & 63];
        s += kAlphabet[v & 63];
    }
    if (i < data.size()) {
        const uint32_t v = uint32_t(data[i]) << 16 | (i + 1 < data.size() ? uint32_t(data[i + 1]) << 8 : 0);
        s += kAlphabet[v >> 18];
        s += kAlphabet[(v >> 12) & 63];
        s += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=';
        s += '=';
    }
}

}  // namespace

SvgOptions read_svg_options(ParamReader &r) {
    SvgOptions o;
    o.trace = r.choice("mode", {"embed", "trace"}) == 1;
    o.embed_jpeg = r.choice("embedFormat", {"png", "jpeg"}) == 1;
    o.quality = r.integer("quality", 1, 100);
    o.colors = r.integer("colors", 2, 256);
    o.detail = r.number("detail", 0, 1);
    o.smoothing = r.number("smoothing", 0, 1);
    o.min_area = r.integer("minArea", 0, 1 << 30);
    o.background = r.rgba("background");
    return o;
}

Result<std::vector<uint8_t>> encode_svg(const Image &image, const SvgOptions &o) {
    const std::string w = std::to_string(image.width()), h = std::to_string(image.height());
    std::string svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"" +
                      w + "\" height=\"" + h + "\" viewBox=\"0 0 " + w + " " + h + "\">\n";
    if (o.trace) {
        auto body = trace_svg_body(image, o);
        if (!body.ok()) return body.status();
        svg += body.value();
    } else {
        Result<std::vector<uint8_t>> raster = std::vector<uint8_t>{};
        if (o.embed_jpeg) {
            JpegOptions j;
            j.quality = o.quality;
            j.background = o.background;
            raster = encode_jpeg(image, j);
        } else {
            PngOptions p;
            p.compression_level = 6;  // libdeflate 6: base64 makes every byte cost 4/3
            raster = encode_png(image, p);
        }
        if (!raster.ok()) return raster.status();
        svg += "<image width=\"" + w + "\" height=\"" + h + "\" xlink:href=\"data:image/" +
               (o.embed_jpeg ? "jpeg" : "png") + ";base64,";
        append_base64(svg, raster.value());
        svg += "\"/>\n";
    }
    svg += "</svg>\n";
    return std::vector<uint8_t>(svg.begin(), svg.end());
}

}  // namespace pixelpipe::codec
