// fuzz_decode_png: the PNG decoder (the bytes always start with the PNG signature).
#include "decode_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pixelpipe::fuzz::fuzz_decode(data, size, std::string("\x89PNG\r\n\x1a\n", 8), "png");
    return 0;
}
