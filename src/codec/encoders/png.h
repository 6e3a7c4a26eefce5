// png.h: PNG encoder options and entry points.
#pragma once
#include <cstdint>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct PngOptions {
    // 0 = stored (no compression); 1–3 = the fast path (fixed Paeth filter, Huffman-only + runs:
    // see deflate/fast_deflate.h); 4–9 = per-row adaptive filter + libdeflate at that level.
    // Measured (12 MP photo): fast 15.71 MB, level 6 15.72 MB, level 9 15.51 MB: photos gain
    // nothing from LZ77; a flat graphic (1600×1000) 75.5 KB fast vs 34.7 KB at 6, 34.1 KB at 9.
    int compression_level = 0;
    bool palette = false;   // indexed PNG (PLTE + tRNS) through analysis::quantize
    int colors = 256;       // palette size limit, 2..256
    float dither = 0;       // Floyd–Steinberg strength 0..1 (palette only)
    bool interlace = false; // Adam7
    double dpi = 0;         // pHYs chunk when > 0
};

PngOptions read_png_options(ParamReader &reader);
// Appends one chunk: length, type, data, CRC-32 (also used by icc_embed.cpp).
void append_png_chunk(std::vector<uint8_t> &png, const char type[4], const uint8_t *data, size_t size);
Result<std::vector<uint8_t>> encode_png(const Image &image, const PngOptions &options);

}  // namespace pixelpipe::codec
