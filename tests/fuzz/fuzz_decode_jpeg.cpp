// fuzz_decode_jpeg: the JPEG decoder (the bytes always start with SOI + a marker byte).
#include "decode_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pixelpipe::fuzz::fuzz_decode(data, size, std::string("\xFF\xD8\xFF", 3), "jpeg");
    return 0;
}
