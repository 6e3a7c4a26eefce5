// fuzz_analyze: analyzeImage's engine (analysis::analyze_to_json): a small image, any list of
// types (known ones and made-up ones), palette size and aspect ratio beyond their ranges.
#include "analysis/analyze.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    static const std::vector<std::string> &types = analysis::supported_analysis_types();
    FuzzedDataProvider in(data, size);
    analysis::AnalyzeRequest req;
    for (int i = 0, n = in.ConsumeIntegralInRange(0, 8); i < n; ++i)
        req.types.push_back(in.ConsumeIntegralInRange(0, 15) == 0 ? in.ConsumeRandomLengthString(10)
                                                                   : types[in.ConsumeIntegralInRange<size_t>(0, types.size() - 1)]);
    req.palette_size = in.ConsumeIntegralInRange(-3, 40);
    req.aspect_ratio = fuzz::fuzz_number(in);
    req.source_format = in.ConsumeBool() ? "jpeg" : "png";
    req.saliency_map = in.ConsumeBool();
    const Image image = fuzz::fuzz_image(in);
    auto json = analysis::analyze_to_json(image, req);
    fuzz::expect_typed(json.status());
    if (json.ok() && (json.value().empty() || json.value().front() != '{' || json.value().back() != '}')) std::abort();
    return 0;
}
