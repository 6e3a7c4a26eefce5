// fuzz_variations: runVariations' engine (pipeline::run_variations), which generateVariations,
// applyColorTransformations and processForExport all end in: a small image and 1..3 variants
// of hostile catalogue steps with an output format (pipeline/output.h) whose options are hostile too.
#include "fuzz_common.h"
#include "pipeline/output.h"
#include "pipeline/variations.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    static const std::vector<std::string> formats = [] {
        auto f = pipeline::encodable_formats();
        f.push_back("raw");
        return f;
    }();
    FuzzedDataProvider in(data, size);
    const Image source = fuzz::fuzz_image(in);
    std::vector<pipeline::VariantSpec> variants(in.ConsumeIntegralInRange(1, 3));
    for (auto &v : variants) {
        v.id = in.ConsumeRandomLengthString(8);
        v.steps = fuzz::fuzz_steps(in, 4);
        // Mostly raw: the encoders have their own target, and steps are what this one is for.
        v.output = in.ConsumeIntegralInRange(0, 3) == 0 ? fuzz::fuzz_step(in, formats) : ops::OpSpec("raw");
    }
    auto result = pipeline::run_variations(source, variants, fuzz::fuzz_limits());
    fuzz::expect_typed(result.status());
    if (result.ok() && result.value().outputs.size() != variants.size()) std::abort();
    return 0;
}
