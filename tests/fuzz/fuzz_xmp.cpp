// fuzz_xmp: JPEG extended XMP on any bytes (codec/xmp_extended.h, codec/xmp_rdf.h). The bytes are
// read twice: as a JPEG (SOI prepended when missing) whose APP1 segments metadata_blobs.h puts
// together, and as an XMP packet that is scanned, split for JPEG and merged back.
#include <cstdlib>
#include <string>
#include <string_view>

#include "codec/md5.h"
#include "codec/metadata_blobs.h"
#include "codec/xmp_extended.h"
#include "codec/xmp_rdf.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe::codec;
    std::string jpeg;
    if (size < 3 || data[0] != 0xFF || data[1] != 0xD8 || data[2] != 0xFF) jpeg = "\xFF\xD8";
    jpeg.append(reinterpret_cast<const char *>(data), size);
    const MetadataBlobs blobs = extract_metadata_blobs(reinterpret_cast<const uint8_t *>(jpeg.data()), jpeg.size());
    if (!blobs.xmp_extended.empty()) {  // only a whole, mergeable extended part is ever kept
        const std::string_view standard(reinterpret_cast<const char *>(blobs.xmp.data()), blobs.xmp.size());
        const std::string_view extended(reinterpret_cast<const char *>(blobs.xmp_extended.data()), blobs.xmp_extended.size());
        if (extended_xmp_guid(standard).empty() || !merge_extended_xmp(standard, extended)) std::abort();
        if (blobs.xmp.size() + blobs.xmp_extended.size() > kMaxXmpBytes) std::abort();
    }
    const std::string_view packet(reinterpret_cast<const char *>(data), size);
    (void)scan_rdf(packet);
    std::string why;
    if (auto split = split_xmp_for_jpeg(packet, why)) {
        if (split->standard.size() > kStandardXmpMax) std::abort();
        const auto *ext = reinterpret_cast<const uint8_t *>(split->extended.data());
        if (split->guid != md5_hex_upper(ext, split->extended.size())) std::abort();
        if (extended_xmp_guid(split->standard) != split->guid) std::abort();
        if (!merge_extended_xmp(split->standard, split->extended)) std::abort();
    } else if (why.empty()) {
        std::abort();
    }
    return 0;
}
