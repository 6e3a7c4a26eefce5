// fuzz_palette: generateAndApplyPalette's engine (palette::apply_palette): every mode, palettes of
// 0..300 colours, weights of any length and sign, strength and dither beyond 0..1.
#include "fuzz_common.h"
#include "palette/apply_palette.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    FuzzedDataProvider in(data, size);
    const auto mode = palette::ApplyMode(in.ConsumeIntegralInRange(0, 2));
    std::vector<palette::Rgb8> colors(in.ConsumeIntegralInRange(0, 300));
    for (auto &c : colors) c = {in.ConsumeIntegral<uint8_t>(), in.ConsumeIntegral<uint8_t>(), in.ConsumeIntegral<uint8_t>()};
    std::vector<float> weights;
    if (in.ConsumeBool())
        for (int i = 0, n = in.ConsumeIntegralInRange(0, 300); i < n; ++i) weights.push_back(float(fuzz::fuzz_number(in)));
    const float strength = float(fuzz::fuzz_number(in)), dither = float(fuzz::fuzz_number(in));
    const Image image = fuzz::fuzz_image(in);
    auto out = palette::apply_palette(image, colors, mode, strength, dither, weights);
    fuzz::expect_typed(out.status());
    if (out.ok() && (out.value().width() != image.width() || out.value().height() != image.height())) std::abort();
    return 0;
}
