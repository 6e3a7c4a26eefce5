// composite.cpp: create_composite (composite.h): background, then each layer prepared
// (layer_source.h) and blended in one pass over its clipped box (blend.h).
#include "composite/composite.h"

#include <cstring>

#include "composite/blend.h"
#include "composite/layer_source.h"

namespace pixelpipe::composite {

Result<Image> create_composite(const CompositeRequest &request, const Limits &limits) {
    Status dims = check_dimensions(request.width, request.height, limits);
    if (!dims.is_ok()) {
        dims.message = "width: " + dims.message;
        return dims;
    }
    auto canvas_r = Image::allocate(request.width, request.height);
    if (!canvas_r.ok()) return canvas_r.status();
    Image canvas = canvas_r.take();
    // Background: memset when the four bytes agree (transparent, black, white), else one row
    // filled and copied (12 MP: 27 ms pixel by pixel before).
    const auto &bg = request.background;
    if (bg[0] == bg[1] && bg[1] == bg[2] && bg[2] == bg[3]) {
        std::memset(canvas.data(), bg[0], canvas.size_bytes());
    } else {
        for (int x = 0; x < canvas.width(); ++x) std::memcpy(canvas.row(0) + size_t(x) * 4, bg.data(), 4);
        for (int y = 1; y < canvas.height(); ++y) std::memcpy(canvas.row(y), canvas.row(0), canvas.stride());
    }

    for (size_t i = 0; i < request.layers.size(); ++i) {
        const Layer &layer = request.layers[i];
        auto prepared = prepare_layer(layer, limits);
        Status s = prepared.ok() ? Status::ok() : prepared.status();
        if (s.is_ok()) {
            const PreparedLayer &pl = prepared.value();
            s = blend_layer(canvas, pl.pixels(), pl.x, pl.y, layer.blend, float(layer.opacity), pl.mask(), layer.mask_mode);
        }
        if (!s.is_ok()) {
            s.variant = int(i);
            return s;
        }
    }
    return canvas;
}

}  // namespace pixelpipe::composite
