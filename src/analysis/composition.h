// composition.h: analyzeImage's `composition` and `smartCrop`, from the saliency map
// (saliency.h) and the horizon (horizon.h). Coordinates are upright image pixels.
#pragma once
#include <optional>

#include "analysis/json_writer.h"
#include "analysis/saliency.h"

namespace pixelpipe::analysis {

struct Composition {
    double rule_of_thirds = 0;  // Σ v·w / Σ v; w = 1 on a thirds intersection, 0.5 on a thirds
                                // line, ~0.08 at the centre (Gaussian falloff, σ = 1/12 of the side)
    double balance_x = 1, balance_y = 1, balance = 1;  // 1 − |mass left − right| / total (and top/bottom)
    double symmetry_horizontal = 1, symmetry_vertical = 1, symmetry = 1;  // max(0, NCC with the mirror)
    double negative_space = 0;   // share of map cells below the mean saliency
    // Subject: the 4-connected cells ≥ max(3 × mean, 0.3) around the saliency peak; its box and
    // its saliency-weighted centre.
    double subject_x = 0, subject_y = 0, subject_w = 0, subject_h = 0;
    double centroid_x = 0, centroid_y = 0;
    std::optional<double> horizon_tilt;
    double score = 0;
};

Composition composition_of(const SaliencyMap &map, int image_w, int image_h, std::optional<double> tilt);
// `map` (optional): also write composition.saliencyMap = { width, height, data: [0..255, …] },
// the map at the size it is computed at, row-major, each cell round(v × 255).
void write_composition(JsonWriter &json, const Composition &c, const SaliencyMap *map = nullptr);
void write_smart_crop(JsonWriter &json, const CropWindow &crop);
// The largest window of the given aspect ratio (width / height) that fits the image.
CropWindow largest_window(int image_w, int image_h, double aspect_ratio);

}  // namespace pixelpipe::analysis
