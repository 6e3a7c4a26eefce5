// fuzz_decode_stb: the formats only stb_image reads: BMP, PSD, binary PNM, Radiance HDR, and TGA
// (no magic: stb's header test decides). The first byte picks the family unless the input
// already starts with one of the magics (the seed files do).
#include "decode_target.h"

namespace {
struct Family {
    std::string magic;
    const char *format;
};
const Family kFamilies[] = {{"BM", "bmp"}, {"8BPS", "psd"}, {"P6\n", "pnm"}, {"P5\n", "pnm"},
                            {"#?RADIANCE\n", "hdr"}, {"", nullptr /* tga, or whatever the bytes are */}};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    for (const Family &f : kFamilies) {
        if (!f.magic.empty() && size >= f.magic.size() && std::memcmp(data, f.magic.data(), f.magic.size()) == 0) {
            pixelpipe::fuzz::fuzz_decode(data, size, "", f.format);
            return 0;
        }
    }
    if (size == 0) return 0;
    const Family &f = kFamilies[data[0] % (sizeof kFamilies / sizeof kFamilies[0])];
    pixelpipe::fuzz::fuzz_decode(data + 1, size - 1, f.magic, f.format);
    return 0;
}
