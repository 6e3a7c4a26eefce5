// fuzz_encode: every encoder (pipeline::encode_output, what each image-returning method ends in)
// on random pixels with the format's complete catalogue options, a few of them made hostile.
#include "fuzz_common.h"
#include "pipeline/output.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    static const std::vector<std::string> formats = pipeline::encodable_formats();
    FuzzedDataProvider in(data, size);
    const ops::OpSpec options = fuzz::fuzz_step(in, formats);
    const Image image = fuzz::fuzz_image(in, 40);
    auto bytes = pipeline::encode_output(image, options);
    fuzz::expect_typed(bytes.status());
    if (bytes.ok() && bytes.value().empty()) std::abort();
    return 0;
}
