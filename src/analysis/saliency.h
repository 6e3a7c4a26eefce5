// saliency.h: the one saliency map of pixelpipe: spectral residual (Hou & Zhang, CVPR 2007) on a
// luma copy box-downscaled to at most 64 px on the long side (the paper's and OpenCV's scale).
// It serves analyzeImage's composition and smartCrop and resize's position 'attention', so
// they never disagree. Computed as OpenCV's StaticSaliencySpectralResidual does (log amplitude
// minus its 3×3 mean, back-transform, magnitude, 5×5 Gaussian σ 8, squared, divided by the max),
// so tests can compare with it on the same small input.
#pragma once
#include <vector>

#include "analysis/measures.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::analysis {

struct SaliencyMap {
    int width = 0, height = 0;      // map size (≤ 64 × 64)
    double scale_x = 1, scale_y = 1;  // image pixels per map cell
    std::vector<float> v;           // 0..1, max 1 (a featureless image: all 1)
    LumaPlane input;                // the small luma copy it was computed from
    std::vector<double> sat;        // (width+1)×(height+1) summed-area table of v
    float at(int x, int y) const { return v[size_t(y) * size_t(width) + size_t(x)]; }
};

// A crop window in image pixels and its share of the saliency mass.
struct CropWindow {
    int left = 0, top = 0, width = 0, height = 0;
    double score = 0;
};

constexpr int kSaliencySide = 64;

Result<SaliencyMap> saliency_map(const Image &img);
// The same from full_luma(img) when the caller has it.
Result<SaliencyMap> saliency_map(const LumaPlane &full_luma);
SaliencyMap spectral_residual(const LumaPlane &small);

// Saliency mass inside an image-space rectangle (cells partly inside count by their overlap; the
// summed-area table makes it O(1)).
double saliency_mass(const SaliencyMap &map, double left, double top, double width, double height);
double saliency_total(const SaliencyMap &map);

// The crop_w × crop_h window of an image_w × image_h image holding the most saliency, searched
// at every pixel offset along each free axis; ties go to the window nearest the centre (so a
// featureless image gets a centre crop). score = the window's share of the total mass.
CropWindow best_crop(const SaliencyMap &map, int image_w, int image_h, int crop_w, int crop_h);

}  // namespace pixelpipe::analysis
