// color.h: the one home of colour science (sRGB <-> linear <-> XYZ <-> CIELAB / OKLab / OKLCh,
// CIEDE2000, luma weights). Every method (analysis, palettes, composite, export) uses these; no
// other file writes these constants or formulas again.
#pragma once
#include <cstdint>

namespace pixelpipe::color {

// Rec. 709 luma on 8-bit sRGB values: the grayscale operation and analysis' luma (js-api.md).
constexpr float kLumaR = 0.2126f, kLumaG = 0.7152f, kLumaB = 0.0722f;

struct Rgb { float r, g, b; };        // components 0..1 (sRGB-encoded or linear, as named)
struct Lab { float l, a, b; };        // CIELAB (L 0..100) or OKLab (L 0..1), as named
struct Lch { float l, c, h; };        // h in degrees 0..360

float srgb_to_linear(float v);        // IEC 61966-2-1 transfer, 0..1 -> 0..1
float linear_to_srgb(float v);
const float *srgb8_to_linear_table(); // 256 entries: the same curve for 8-bit codes

Lab linear_srgb_to_oklab(Rgb linear);
Rgb oklab_to_linear_srgb(Lab lab);
Lab srgb8_to_oklab(uint8_t r, uint8_t g, uint8_t b);
Lch oklab_to_oklch(Lab lab);
Lab oklch_to_oklab(Lch lch);

Lab srgb8_to_cielab(uint8_t r, uint8_t g, uint8_t b);  // D65
float ciede2000(Lab a, Lab b);                          // CIELAB inputs (Sharma, Wu & Dalal 2005)

// 0..1 -> 0..255, rounded and clamped.
uint8_t to_u8(float v);

}  // namespace pixelpipe::color
