// apply_palette.h: generateAndApplyPalette's image half: recolour an image with a palette.
//   map       luminance-preserving gradient map: each pixel's luma picks a position along the
//             palette's colours sorted dark → light (interpolated in OKLab), and the pixel keeps its
//             own OKLab lightness; one 256-entry LUT, one pass.
//   transfer  Reinhard et al. 2001 statistics transfer, in OKLab instead of lαβ: per channel, the
//             image's mean and standard deviation are moved to the palette's (weighted) ones.
//   quantize  each pixel → the nearest palette colour in OKLab (analysis::map_to_palette),
//             optionally with Floyd–Steinberg error diffusion (`dither` 0..1).
// `strength` 0..1 blends the result with the original (0 = unchanged); alpha is always kept.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::palette {

struct Rgb8 {
    uint8_t r = 0, g = 0, b = 0;
};

enum class ApplyMode { Map, Transfer, Quantize };

// "map" | "transfer" | "quantize"; INVALID_ARGUMENT otherwise.
Result<ApplyMode> parse_apply_mode(const std::string &name);

constexpr size_t kMaxPaletteColors = 256;

// colors: 1..256 entries, any order (map sorts them by OKLab lightness itself). weights: empty
// (all equal) or one non-negative weight per colour, used by `transfer` for the palette's mean and
// standard deviation. strength and dither: 0..1.
Result<Image> apply_palette(const Image &src, const std::vector<Rgb8> &colors, ApplyMode mode, float strength,
                            float dither, const std::vector<float> &weights = {});

}  // namespace pixelpipe::palette
