// grayscale.h: scalar reference for pp_grayscale: Rec.709 luma of the encoded sRGB values,
// Y = 0.2126 R + 0.7152 G + 0.0722 B (ITU-R BT.709 / sRGB primaries), R=G=B=round(Y), alpha kept.
#pragma once
#include "reference/rgba.h"

namespace ref {

inline Rgba grayscale(const Rgba &in) {
    Rgba out(in.width, in.height);
    for (int y = 0; y < in.height; ++y)
        for (int x = 0; x < in.width; ++x) {
            const double l = 0.2126 * in.at(x, y, 0) + 0.7152 * in.at(x, y, 1) + 0.0722 * in.at(x, y, 2);
            const uint8_t v = uint8_t(std::lround(std::min(255.0, l)));
            out.at(x, y, 0) = out.at(x, y, 1) = out.at(x, y, 2) = v;
            out.at(x, y, 3) = in.at(x, y, 3);
        }
    return out;
}

}  // namespace ref
