// exif.h: find the EXIF Orientation (tag 0x0112) in a JPEG's APP1 "Exif\0\0" segment, and the
// few EXIF fields analyzeImage reports; rewrite the fields an upright, resized copy changes. Both
// TIFF byte orders; every read and write is bounds-checked against the buffer; garbage → 1
// (orientation), empty fields, or the block unchanged.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pixelpipe::codec {

// Orientation 1..8 from the first APP1 Exif segment before SOS; 1 when absent or invalid.
int jpeg_exif_orientation(const uint8_t *data, size_t size);

// Orientation from a bare TIFF header block ("II*\0" / "MM\0*" ...); 1 when absent or invalid.
int tiff_orientation(const uint8_t *tiff, size_t size);

struct ExifFields {
    std::string make, model;   // IFD0 Make (0x010F), Model (0x0110)
    std::string date_time;     // Exif DateTimeOriginal (0x9003), else IFD0 DateTime (0x0132)
    bool gps = false;          // IFD0 has a GPS IFD pointer (0x8825)
};
ExifFields tiff_exif_fields(const uint8_t *tiff, size_t size);

// The EXIF for an output that is upright and width x height: a copy of `tiff` with IFD0's
// Orientation set to 1 and the Exif IFD's PixelXDimension / PixelYDimension (0xA002 / 0xA003) set
// to the output size, edited in place (no offset moves, so every other tag survives byte for
// byte; a SHORT dimension field too small for the size is left as it was). A block whose IFDs
// cannot be walked comes back unchanged.
std::vector<uint8_t> exif_for_upright_output(const std::vector<uint8_t> &tiff, int width, int height);

// Calls fn(marker, payload, payload_size) for each JPEG marker segment with a length, from SOI
// up to SOS; fn returns false to stop. Stops quietly on a damaged segment.
void for_each_jpeg_segment(const uint8_t *data, size_t size,
                           const std::function<bool(uint8_t marker, const uint8_t *payload, size_t n)> &fn);

}  // namespace pixelpipe::codec
