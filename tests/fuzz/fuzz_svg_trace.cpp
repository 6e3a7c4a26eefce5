// fuzz_svg_trace: the SVG tracer (codec::trace_svg_body) with its options over their whole
// ranges and beyond, on random pixels. Region shapes are what the tracer's corner cases hang on,
// so the pixels come from a small palette (few colours, many touching regions).
#include "codec/encoders/svg.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    FuzzedDataProvider in(data, size);
    codec::SvgOptions o;
    o.trace = true;
    o.colors = in.ConsumeIntegralInRange(-2, 300);
    o.detail = fuzz::fuzz_number(in);
    o.smoothing = fuzz::fuzz_number(in);
    o.min_area = in.ConsumeIntegralInRange(-5, 5000);
    Image image = fuzz::fuzz_image(in, 40);
    const uint8_t levels = in.ConsumeIntegralInRange<uint8_t>(1, 4);
    for (size_t i = 0; i < image.size_bytes(); ++i) image.data()[i] = uint8_t(image.data()[i] % levels * (255 / levels));
    auto body = codec::trace_svg_body(image, o);
    fuzz::expect_typed(body.status());
    return 0;
}
