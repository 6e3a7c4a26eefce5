// metadata_embed.h: copies EXIF and XMP into encoded bytes (stripMetadata: false), after the
// encoder: JPEG APP1 "Exif\0\0" + APP1 XMP (after SOI/APP0, before the ICC APP2 segments); PNG
// eXIf + iTXt "XML:com.adobe.xmp" (uncompressed, as exiftool writes it) after IHDR; WebP EXIF and
// XMP chunks after the image data, with VP8X's flags. Other formats have no metadata container
// and are returned as they are.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace pixelpipe::codec {

// `exif`: a TIFF block (as metadata_blobs.h extracts it; the caller has already rewritten its
// orientation and size: exif.h), `xmp`: a packet; either may be empty. A block too large for one
// JPEG segment (EXIF over 65527 bytes, XMP over 65502: extended XMP is not written) is left out
// and a line added to `warnings`.
Result<std::vector<uint8_t>> embed_metadata(const std::vector<uint8_t> &encoded, const std::string &format,
                                            const std::vector<uint8_t> &exif, const std::vector<uint8_t> &xmp, int width,
                                            int height, std::vector<std::string> &warnings);

}  // namespace pixelpipe::codec
