// fuzz_decode_webp: the WebP decoder (libwebp). RIFF's size field sits between the two magics,
// so inputs without "RIFF....WEBP" get a header whose size field says "the rest of the file".
#include "decode_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size >= 12 && std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0) {
        pixelpipe::fuzz::fuzz_decode(data, size, "", "webp");
        return 0;
    }
    std::vector<uint8_t> bytes = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
    const uint32_t riff = uint32_t(size + 4);
    for (int i = 0; i < 4; ++i) bytes[4 + i] = uint8_t(riff >> (8 * i));
    bytes.insert(bytes.end(), data, data + size);
    pixelpipe::fuzz::fuzz_decode(bytes.data(), bytes.size(), "", "webp");
    return 0;
}
