// carried_metadata.h: what an output can take over from the decoded image it was made from:
// the embedded ICC profile (keepIccProfile) and the EXIF and XMP blocks (stripMetadata: false).
// Kept beside the pixels in the image store, once per stored image: raw blobs only (bounded by
// icc_extract.h and metadata_blobs.h), never parsed copies.
#pragma once
#include <cstdint>
#include <vector>

#include "codec/decode.h"

namespace pixelpipe::pipeline {

struct CarriedMetadata {
    std::vector<uint8_t> icc;      // the source's profile as found (empty: none, or colorManagement 'ignore')
    bool icc_converted = false;    // the pixels were converted from `icc` to sRGB on decode
    std::vector<uint8_t> exif;     // TIFF block, orientation as in the source
    std::vector<uint8_t> xmp;      // XMP packet
    std::vector<uint8_t> xmp_extended;  // JPEG source: the extended XMP `xmp` names (metadata_blobs.h)
};

// Moves the blobs out of a decode result.
inline CarriedMetadata carried_metadata(codec::DecodedImage &decoded) {
    return {std::move(decoded.icc_profile), decoded.color_converted, std::move(decoded.exif), std::move(decoded.xmp),
            std::move(decoded.xmp_extended)};
}

}  // namespace pixelpipe::pipeline
