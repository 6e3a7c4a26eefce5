// exif.h: find the EXIF Orientation (tag 0x0112) in a JPEG's APP1 "Exif\0\0" segment.
// Both TIFF byte orders; every read is bounds-checked against the buffer; garbage → 1.
#pragma once
#include <cstddef>
#include <cstdint>

namespace pixelpipe::codec {

// Orientation 1..8 from the first APP1 Exif segment before SOS; 1 when absent or invalid.
int jpeg_exif_orientation(const uint8_t *data, size_t size);

// Orientation from a bare TIFF header block ("II*\0" / "MM\0*" ...); 1 when absent or invalid.
int tiff_orientation(const uint8_t *tiff, size_t size);

}  // namespace pixelpipe::codec
