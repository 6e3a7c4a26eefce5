// quantize.h: the one colour quantizer, shared by analyzeImage (palette), processForExport
// (palette PNG, GIF, SVG trace) and generateAndApplyPalette (quantize mode).
#pragma once
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

struct PaletteEntry {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    double proportion = 0;  // share of the counted (non-transparent) pixels, 0..1
};

struct QuantizeOptions {
    int max_colors = 256;         // 1..256
    bool include_alpha = false;   // false: transparent pixels (a == 0) are ignored;
                                  // true: alpha is part of the colour (indexed PNG/GIF with tRNS)
    int max_samples = 1 << 18;    // pixels sampled for the clustering (deterministic stride)
};

// Deterministic palette in OKLab (same input → same output on every platform), sorted by
// proportion, most frequent first. Fewer than max_colors entries when the image has fewer colours.
Result<std::vector<PaletteEntry>> extract_palette(const Image &image, const QuantizeOptions &options);

// Each pixel → index of the nearest palette entry in OKLab (alpha compared too when the palette
// has translucent entries). dither: Floyd–Steinberg error diffusion strength 0..1 (0 = none).
Result<std::vector<uint8_t>> map_to_palette(const Image &image, const std::vector<PaletteEntry> &palette,
                                            float dither);

}  // namespace pixelpipe::analysis
