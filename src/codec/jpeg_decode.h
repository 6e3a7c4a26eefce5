// jpeg_decode.h: JPEG → RGBA8 with libjpeg-turbo 2.1.5 (Debian's source, cmake/debian_source.cmake),
// optionally scaled by 1/2, 1/4 or 1/8 in the DCT domain ("shrink-on-load": the scaled IDCT
// skips most of the work, toolchain.md §13). Baseline, progressive, restart markers, grayscale,
// any chroma subsampling, and Adobe CMYK/YCCK (converted by jpeg_cmyk.h). Lossless, hierarchical,
// arithmetic-coded and 12-bit files are refused (decode.cpp names them from the header first).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "codec/convert_while_decoding.h"
#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct JpegDecoded {
    Image image;          // as stored (EXIF orientation NOT applied), scaled by 1/shrink, rounded up
    int full_width = 0;   // the frame's size in the file
    int full_height = 0;
    int components = 0;   // 1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK
    bool cmyk_managed = false;  // a CMYK frame went through cmyk_icc
};

// shrink: 1, 2, 4 or 8 (else INVALID_ARGUMENT). The full size is checked against `limits` and the
// working memory (output + libjpeg's coefficient buffers for multi-scan files) against
// `budget_bytes` from the header, before jpeg_start_decompress; libjpeg's own allocator is held to
// the same budget. Errors: DECODE_FAILED with libjpeg's message (also for data that ends early:
// libjpeg would pad it with grey, we refuse it as Pillow and stb do), IMAGE_TOO_LARGE,
// OUT_OF_MEMORY. libjpeg's other warnings (corrupt data it can resynchronise past) are ignored.
// cmyk_icc: the file's CMYK profile, for a CMYK/YCCK frame: its samples go through Little CMS to
// sRGB (color/icc_lcms.h); without one (or if it is unusable: `warning` says why) the naive rule
// of jpeg_cmyk.h applies.
// rows_done: told after every batch of RGBA rows (never for a CMYK frame), and before the pixels
// are freed on failure (convert_while_decoding.h).
Result<JpegDecoded> jpeg_decode(const uint8_t *data, size_t size, int shrink, const Limits &limits,
                                uint64_t budget_bytes, const uint8_t *cmyk_icc = nullptr, size_t cmyk_icc_len = 0,
                                std::string *warning = nullptr, const RowsDone &rows_done = {});

}  // namespace pixelpipe::codec
