// fuzz_decode_gif: the GIF decoder (the bytes always start with "GIF89a" or "GIF87a").
#include "decode_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const bool v87 = size >= 6 && std::memcmp(data, "GIF87a", 6) == 0;
    pixelpipe::fuzz::fuzz_decode(data, size, v87 ? "GIF87a" : "GIF89a", "gif");
    return 0;
}
