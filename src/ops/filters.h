// filters.h: the filters family (neighbourhood filters on RGBA8). Adapters over the Halide
// pipelines in halide_generators/{convolve,filter,rank}_generator.cpp. Parameters arrive validated
// and normalised by js/catalogue/families/filters.js; these functions re-check only what memory
// safety and meaningful output need (INVALID_ARGUMENT otherwise). None throws.
// Alpha: blurs (gaussian, box, motion, pixelate) filter premultiplied RGBA, so alpha is blurred
// too and transparent pixels cannot bleed colour; the other filters keep each pixel's alpha.
// gaussian_blur itself is declared in ops.h.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::ops {

// Sigmas up to this use the exact truncated kernel (radius ceil(3 sigma)); above it, three box
// blurs with Kovesi's radii (cost independent of sigma). See gaussian_box_radii.
constexpr float kExactGaussianMaxSigma = 10.0f;

// Kovesi, "Fast almost-Gaussian filtering" (DICTA 2010): three box widths w_l, w_l+2 (odd) whose
// cascade has variance closest to sigma^2. Returns the three radii (w-1)/2.
std::array<int, 3> gaussian_box_radii(float sigma);

// Mean over the (2r+1)^2 window, edges replicated (cv2.blur with BORDER_REPLICATE), premultiplied.
Result<Image> box_blur(const Image &src, int radius);
// Up to three cascaded box blurs (radius 0 = identity): the building block of the above.
Result<Image> box_blur3(const Image &src, int r0, int r1, int r2);

// Mean of `length` samples one pixel apart on the line through each pixel at `angle_deg`
// (counter-clockwise from +x, y up on screen), bilinear, edges replicated, premultiplied.
Result<Image> motion_blur(const Image &src, float angle_deg, float length);

// PIL UnsharpMask / GIMP semantics: blurred = gaussian_blur(sigma) rounded to 8 bits;
// d = src - blurred per colour channel; out = src + amount * d where |d| > threshold, else src.
// Alpha unchanged.
Result<Image> unsharp_mask(const Image &src, float sigma, float amount, float threshold);
// unsharp_mask with sigma 1 and threshold 0.
Result<Image> sharpen(const Image &src, float amount);

// Per-channel median of the size x size window (size 3, 5 or 7), edges replicated: exactly
// cv2.medianBlur on 4 channels. Alpha is a channel like the others (medianed independently).
Result<Image> median(const Image &src, int size);

// Gray gradient magnitude of luma (Rec.709 on premultiplied colour): "sobel" = sqrt(gx^2 + gy^2)
// with the 3x3 Sobel kernels; "laplacian" = |4-neighbour 3x3 Laplacian|. Clamped, rounded;
// R=G=B, alpha unchanged.
Result<Image> edge_detect(const Image &src, const std::string &method);

// Correlation (no kernel flip, like cv2.filter2D / PIL ImageFilter.Kernel) with a k x k kernel,
// k = 1, 3, 5, 7, given row by row; out = sum / divisor + offset on premultiplied colour,
// unpremultiplied by the pixel's own alpha; alpha unchanged. divisor 0 = sum of the kernel, or 1
// when that sum is 0.
Result<Image> convolve(const Image &src, const std::vector<double> &kernel, double divisor, double offset);
// PIL ImageFilter.EMBOSS output: offset 128 and, as a correlation, kernel (0 0 0 / 0 1 0 / -1 0 0)
// (Pillow lists (-1 0 0 / 0 1 0 / 0 0 0) but applies kernel rows bottom-up).
Result<Image> emboss(const Image &src);

// Bilateral filter as cv2.bilateralFilter(d = 0): disk window of radius round-half-even(1.5 sigma_spatial),
// spatial weight exp(-r^2 / 2 sigma_spatial^2), range weight exp(-D^2 / 2 sigma_range^2) with D the
// L1 distance of the RGB values; neighbours weighted by their alpha (premultiplied); alpha unchanged.
Result<Image> denoise(const Image &src, float sigma_spatial, float sigma_range);

// Each size x size block (from the top-left corner) becomes its premultiplied mean; partial
// blocks at the right/bottom edges average the pixels they have.
Result<Image> pixelate(const Image &src, int size);

// Darkens toward the corners: d = distance to the centre / half-diagonal (0 centre, 1 corner),
// factor = 1 - strength * smoothstep(radius - 0.5, radius, d), applied to RGB; alpha unchanged.
Result<Image> vignette(const Image &src, float strength, float radius);

}  // namespace pixelpipe::ops
