// fuzz_decode: decode_image (and probe_image) on any bytes: the sniffer picks the decoder.
#include "decode_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    pixelpipe::fuzz::fuzz_decode(data, size);
    return 0;
}
