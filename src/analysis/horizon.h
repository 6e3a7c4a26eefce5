// horizon.h: the tilt of the dominant near-horizontal line (a horizon, a shelf, a table edge).
#pragma once
#include <optional>

#include "analysis/measures.h"

namespace pixelpipe::analysis {

// Long side of the luma copy the line is searched on: 512 px resolves 0.25° steps (a line
// across 512 px moves 2.2 px per degree at its end) and keeps the Hough pass a few ms.
constexpr int kHorizonSide = 512;

// Degrees, positive = counter-clockwise (the line rises to the right), within ±30°; nullopt when
// no straight edge spans at least a third of the width.
// Method: Sobel gradients; pixels whose gradient is within 30° of vertical and strong (above
// twice the mean magnitude and 24 levels) vote in a Hough accumulator (angle 0.25° steps within
// ±8° of the pixel's gradient angle, offset 1 px, weight = magnitude); the best cell's angle,
// refined by a parabola through its neighbours.
std::optional<double> horizon_tilt_degrees(const LumaPlane &plane);

}  // namespace pixelpipe::analysis
