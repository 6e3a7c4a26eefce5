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
    uint8_t *p = canvas.data();
    for (size_t i = 0; i < canvas.size_bytes(); i += 4) std::memcpy(p + i, request.background.data(), 4);

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
