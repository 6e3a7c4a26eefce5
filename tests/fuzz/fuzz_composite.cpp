// fuzz_composite: createComposite's engine (composite::create_composite): a canvas and 0..4
// layers of every kind (image, text, gradient, solid) with hostile geometry, opacity, blend
// modes, rotation, masks and catalogue transforms. Text layers use DejaVu Sans (the build's
// default font; fonts themselves are fuzz_font's job): PIXELPIPE_FUZZ_FONT overrides its path.
#include <fstream>
#include <iterator>

#include "composite/composite.h"
#include "fuzz_common.h"

namespace {
const std::vector<uint8_t> &font_bytes() {
    static const std::vector<uint8_t> bytes = [] {
        const char *env = std::getenv("PIXELPIPE_FUZZ_FONT");
        std::ifstream f(env ? env : "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", std::ios::binary);
        return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
    }();
    return bytes;
}
const char *const kBlendModes[] = {"normal", "multiply", "screen", "overlay", "darken", "lighten", "color-dodge",
                                   "color_burn", "hard-light", "soft-light", "difference", "exclusion", "hue",
                                   "saturation", "color", "luminosity", "plus-lighter", "source-over", "nonsense"};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    FuzzedDataProvider in(data, size);
    composite::CompositeRequest req;
    req.width = in.ConsumeIntegralInRange(-2, 300);
    req.height = in.ConsumeIntegralInRange(-2, 300);
    req.background = {in.ConsumeIntegral<uint8_t>(), in.ConsumeIntegral<uint8_t>(), in.ConsumeIntegral<uint8_t>(),
                      in.ConsumeIntegral<uint8_t>()};
    std::vector<Image> images;  // owned here, borrowed by layers (reserve: pointers must not move)
    images.reserve(8);
    const int n = in.ConsumeIntegralInRange(0, 4);
    for (int i = 0; i < n && in.remaining_bytes() > 0; ++i) {
        composite::Layer l;
        l.kind = composite::LayerKind(in.ConsumeIntegralInRange(0, 3));
        if (l.kind == composite::LayerKind::Image) {
            images.push_back(fuzz::fuzz_image(in, 32));
            l.image = &images.back();
            l.fit = in.ConsumeBool() ? "" : in.ConsumeRandomLengthString(8);
        } else if (l.kind == composite::LayerKind::Text) {
            l.text.text = in.ConsumeRandomLengthString(40);
            l.text.font = font_bytes().data();
            l.text.font_size = font_bytes().size();
            l.text.size = fuzz::fuzz_number(in);
            l.text.max_width = fuzz::fuzz_number(in);
            l.text.line_height = fuzz::fuzz_number(in);
            l.text.align = composite::TextAlign(in.ConsumeIntegralInRange(0, 2));
        } else if (l.kind == composite::LayerKind::Gradient) {
            l.gradient.radial = in.ConsumeBool();
            l.gradient.angle = fuzz::fuzz_number(in);
            l.gradient.center_x = fuzz::fuzz_number(in);
            l.gradient.center_y = fuzz::fuzz_number(in);
            l.gradient.radius = fuzz::fuzz_number(in);
            for (int s = 0, m = in.ConsumeIntegralInRange(0, 5); s < m; ++s)
                l.gradient.stops.push_back({fuzz::fuzz_number(in), {in.ConsumeIntegral<uint8_t>(), 0, 255, in.ConsumeIntegral<uint8_t>()}});
        }
        l.x = fuzz::fuzz_number(in);
        l.y = fuzz::fuzz_number(in);
        l.width = in.ConsumeIntegralInRange(-2, 400);
        l.height = in.ConsumeIntegralInRange(-2, 400);
        l.opacity = fuzz::fuzz_number(in);
        l.rotate = in.ConsumeBool() ? 0 : fuzz::fuzz_number(in);
        auto mode = composite::parse_blend_mode(kBlendModes[in.ConsumeIntegralInRange<size_t>(0, std::size(kBlendModes) - 1)]);
        if (mode.ok()) l.blend = mode.value();
        if (in.ConsumeIntegralInRange(0, 3) == 0) {
            images.push_back(fuzz::fuzz_image(in, 16));
            l.mask = &images.back();
            l.mask_mode = in.ConsumeBool() ? composite::MaskMode::Alpha : composite::MaskMode::Luminance;
        }
        l.steps = fuzz::fuzz_steps(in, 2);
        req.layers.push_back(std::move(l));
    }
    auto out = composite::create_composite(req, fuzz::fuzz_limits());
    fuzz::expect_typed(out.status());
    if (out.ok() && (out.value().width() != req.width || out.value().height() != req.height)) std::abort();
    return 0;
}
