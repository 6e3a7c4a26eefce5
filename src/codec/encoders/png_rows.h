// png_rows.h: PNG scanline preparation: pixel packing (RGBA, RGB or palette indices), filtering,
// Adam7 interlacing.
#pragma once
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct RowLayout {
    const Image *image = nullptr;
    const uint8_t *indices = nullptr;  // palette indices (bpp 1), width*height, or null
    int width = 0, height = 0;
    int bpp = 4;                       // 4 RGBA, 3 RGB, 1 index
    size_t row_bytes = 0;              // width * bpp
    bool adaptive = false;             // per-row filter choice (slower; for the libdeflate levels)
};

// Writes rows [y0, y1) as filtered scanlines (filter byte + row_bytes each) to out: Paeth for
// RGB(A) (the row above y0 is read from the image, so strips are independent), none for indices;
// adaptive: each row's filter is the one with the smallest sum of |signed bytes| (libpng's rule).
// `out` holds the scanlines plus kFilterSlack bytes (16-byte stores may run past the last one).
constexpr size_t kFilterSlack = 16;
void filter_rows(const RowLayout &layout, int y0, int y1, uint8_t *out);

// The whole Adam7 stream: the seven reduced images' filtered scanlines, one after another.
Result<std::vector<uint8_t>> adam7_filtered(const RowLayout &layout);

}  // namespace pixelpipe::codec
