// composite.h: createComposite's engine. Layers are drawn in order over a background, each in one
// pass over its own clipped box (see blend.h); layer sources (image, text, gradient, solid) are
// turned into RGBA8 first (layer_source.h).
//
// Error convention (every Status returned from here): Status.variant = the index of the layer at
// fault (-1 for the request itself), and the message starts with the field's name and a colon,
// e.g. "blendMode: unknown blend mode 'foo'", "font: table 'glyf' lies outside the font data",
// "image: <the underlying op error>". Field names are the JS API's camelCase keys, so the JS
// side can build InvalidLayerError { details: { layer, field }, cause } from it.
#pragma once
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "composite/blend_mode.h"
#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"
#include "ops/op_spec.h"

namespace pixelpipe::composite {

using Rgba8 = std::array<uint8_t, 4>;  // straight RGBA

enum class LayerKind { Image, Text, Gradient, Solid };
enum class TextAlign { Left, Center, Right };

struct GradientStop {
    double offset = 0;  // 0..1 along the gradient line (CSS fix-up: clamped to be non-decreasing)
    Rgba8 color{0, 0, 0, 255};
};

// CSS Images 4 semantics, colours interpolated in premultiplied sRGB.
struct Gradient {
    bool radial = false;
    // linear: CSS angle in degrees, 0 = towards the top, 90 = towards the right (CSS default
    // 180 = to bottom). The gradient line passes through the box centre with length
    // |W sin a| + |H cos a|, so the corners get the first and last colours.
    double angle = 180;
    // radial (a circle): centre in layer-box pixels (NaN = the box centre), radius in pixels
    // (NaN or 0 = to the farthest corner, CSS's default extent).
    double center_x = NAN, center_y = NAN, radius = NAN;
    std::vector<GradientStop> stops;  // at least 1
};

struct TextStyle {
    std::string text;                     // UTF-8; '\n' forces a line break
    const uint8_t *font = nullptr;        // TrueType/OpenType bytes (untrusted: validated first)
    size_t font_size = 0;
    double size = 16;                     // px per em (CSS font-size)
    TextAlign align = TextAlign::Left;
    double max_width = 0;                 // px; 0 = no wrapping (only '\n' breaks)
    double line_height = 1.2;             // multiple of size: each line box is line_height*size px
};

struct Layer {
    LayerKind kind = LayerKind::Solid;
    const Image *image = nullptr;          // kind Image (borrowed)
    Image *movable = nullptr;              // = image when the engine may take its pixels (the call's
                                           // own copy of an input, freed after the call anyway)
    const Image *mask = nullptr;           // optional, any size: scaled to the layer's box
    MaskMode mask_mode = MaskMode::Luminance;
    double x = 0, y = 0;                   // top-left on the canvas, px (rounded to whole pixels)
    int width = 0, height = 0;             // 0 = the source's own size (required for solid/gradient)
    std::string fit;                       // resize op's fit ("" = that op's default); image layers
    double opacity = 1;                    // 0..1
    BlendMode blend = BlendMode::Normal;
    double rotate = 0;                     // degrees clockwise about the layer's centre; box grows
    std::vector<ops::OpSpec> steps;        // catalogue steps applied to the layer first (`transforms`)
    Rgba8 color{0, 0, 0, 255};             // solid fill / text colour
    Gradient gradient;                     // kind Gradient
    TextStyle text;                        // kind Text
};

struct CompositeRequest {
    int width = 0, height = 0;
    Rgba8 background{0, 0, 0, 0};
    std::vector<Layer> layers;
};

Result<Image> create_composite(const CompositeRequest &request, const Limits &limits);

// "multiply", "color_dodge", CSS "color-dodge", "source-over" (= normal), "lighter" (= plus_lighter)...
Result<BlendMode> parse_blend_mode(const std::string &name);
const char *blend_mode_name(BlendMode mode);

}  // namespace pixelpipe::composite
