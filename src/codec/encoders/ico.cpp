// ico.cpp: RGBA8 → ICO with PNG-compressed entries (Windows Vista+ and every browser read them;
// 32-bit BMP entries would be ~4× larger). Each size is the image fitted inside a transparent
// square (the ops registry's "resize", contain, Lanczos3), so non-square images keep their shape.
#include "codec/encoders/ico.h"

#include "codec/encoders/bytes.h"
#include "codec/encoders/png.h"
#include "ops/registry.h"

namespace pixelpipe::codec {

IcoOptions read_ico_options(ParamReader &r) {
    IcoOptions o;
    o.sizes = r.integers("sizes", 1, 16, 1, 256);
    return o;
}

Result<std::vector<uint8_t>> encode_ico(const Image &image, const IcoOptions &o) {
    const ops::OpEntry *resize = ops::find_op("resize");
    if (!resize) return Status::error(ErrorCode::INTERNAL, "the resize operation is missing");
    std::vector<std::vector<uint8_t>> entries;
    for (int size : o.sizes) {
        ops::OpSpec spec;
        spec.op = "resize";
        spec.num = {{"width", size}, {"height", size}};
        spec.str = {{"fit", "contain"}, {"kernel", "lanczos3"}, {"position", "centre"}};
        for (int c = 0; c < 4; ++c) spec.num["background." + std::to_string(c)] = 0;
        auto icon = resize->run(image, spec, Limits{});
        if (!icon.ok()) return icon.status();
        PngOptions png;
        png.compression_level = 9;  // icons are tiny: the smallest output costs microseconds
        auto bytes = encode_png(icon.value(), png);
        if (!bytes.ok()) return bytes.status();
        entries.push_back(bytes.take());
    }
    std::vector<uint8_t> out;
    put_le16(out, 0);
    put_le16(out, 1);  // type: icon
    put_le16(out, uint32_t(entries.size()));
    uint32_t offset = 6 + 16 * uint32_t(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const int s = o.sizes[i];
        out.push_back(uint8_t(s == 256 ? 0 : s));  // 0 means 256
        out.push_back(uint8_t(s == 256 ? 0 : s));
        out.push_back(0);  // no colour palette
        out.push_back(0);
        put_le16(out, 1);   // colour planes
        put_le16(out, 32);  // bits per pixel
        put_le32(out, uint32_t(entries[i].size()));
        put_le32(out, offset);
        offset += uint32_t(entries[i].size());
    }
    for (const auto &e : entries) out.insert(out.end(), e.begin(), e.end());
    return out;
}

}  // namespace pixelpipe::codec
