// metadata_blobs.h: the EXIF and XMP a file carries, as raw bytes, for an export that copies them
// through (stripMetadata: false). EXIF is the TIFF block ("II*\0…" / "MM\0*…") of JPEG APP1
// "Exif\0\0", PNG eXIf or the WebP EXIF chunk; XMP the packet of JPEG APP1
// "http://ns.adobe.com/xap/1.0/\0", PNG iTXt "XML:com.adobe.xmp" (inflated when compressed; also
// zTXt/tEXt with that keyword, as libvips writes it) or the WebP "XMP " chunk. JPEG extended XMP
// (APP1 "http://ns.adobe.com/xmp/extension/", xmp_extended.h) is put together from the segments
// whose GUID the standard packet's xmpNote:HasExtendedXMP names and kept beside it, not merged,
// so that a JPEG output writes both back as they were; damaged extended XMP leaves the standard
// packet alone, with a warning. Every read is bounds-checked; a block over its size cap is dropped
// with a warning, never a failed decode.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pixelpipe::codec {

// Real EXIF is at most 64 KB in JPEG (one APP1 segment) and rarely over 100 KB elsewhere;
// Photoshop's XMP with a long document history reaches a few MB. More is hostile or useless.
// kMaxXmpBytes bounds the standard packet and its extended part together.
constexpr size_t kMaxExifBytes = 1u << 20;
constexpr size_t kMaxXmpBytes = 4u << 20;

struct MetadataBlobs {
    std::vector<uint8_t> exif;  // TIFF header onwards; empty: none
    std::vector<uint8_t> xmp;   // the XMP packet (UTF-8 XML); empty: none
    std::vector<uint8_t> xmp_extended;  // JPEG only: the ExtendedXMP that `xmp` names; empty: none
    std::vector<std::string> warnings;
};

MetadataBlobs extract_metadata_blobs(const uint8_t *data, size_t size);

}  // namespace pixelpipe::codec
