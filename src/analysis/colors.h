// colors.h: analyzeImage's `colors` and `histogram`/`stats` parts, written as JSON.
#pragma once
#include <string>
#include <vector>

#include "analysis/json_writer.h"
#include "analysis/measures.h"
#include "analysis/quantize.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

// The nearest CSS colour name (css_color_names.inc) by CIEDE2000.
const char *nearest_css_name(uint8_t r, uint8_t g, uint8_t b);
std::string hex_of(uint8_t r, uint8_t g, uint8_t b);

// Hasler & Süsstrunk (2003): rg = R − G, yb = (R + G)/2 − B over the counted pixels;
// M = sqrt(σrg² + σyb²) + 0.3 sqrt(μrg² + μyb²), in 8-bit levels (0 for grey; ~100+ is vivid).
// From histograms made with_moments.
double colorfulness(const Histograms &h);

// `colors` object. `palette`: extract_palette of the image (transparent pixels ignored);
// `opaque_hist`: histograms over pixels with alpha > 0, made with_moments.
void write_colors(JsonWriter &json, const std::vector<PaletteEntry> &palette, const Histograms &opaque_hist);
// `histogram` {r, g, b, a, luma} and `stats` {channels: [...], isOpaque} over every pixel.
void write_histogram(JsonWriter &json, const Histograms &all);
void write_stats(JsonWriter &json, const Histograms &all);

}  // namespace pixelpipe::analysis
