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
// orientation and size: exif.h), `xmp`: a packet, `xmp_extended`: the JPEG ExtendedXMP that
// `xmp` names (metadata_blobs.h); any may be empty.
// - JPEG: a packet over 65502 bytes is written as standard + extended XMP (xmp_extended.h); a
//   source's own standard + extended pair is written back as it was.
// - PNG, WebP (no size limit): a standard + extended pair becomes ONE merged packet.
// Left out, with a line added to `warnings`: EXIF over 65527 bytes in JPEG (EXIF has no
// extension mechanism), and in JPEG an XMP packet over 65502 bytes that cannot be split (not
// RDF/XML the scanner reads, or what must stay in the standard packet is itself too large); a
// pair that no longer merges (PNG, WebP) keeps the standard packet alone.
Result<std::vector<uint8_t>> embed_metadata(const std::vector<uint8_t> &encoded, const std::string &format,
                                            const std::vector<uint8_t> &exif, const std::vector<uint8_t> &xmp,
                                            const std::vector<uint8_t> &xmp_extended, int width, int height,
                                            std::vector<std::string> &warnings);

}  // namespace pixelpipe::codec
