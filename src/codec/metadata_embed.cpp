// metadata_embed.cpp: see metadata_embed.h. Containers: CIPA DC-008 §4.5.4 (APP1 Exif); XMP
// Specification Part 3 §1.1.3 (JPEG APP1 with "http://ns.adobe.com/xap/1.0/\0", at most 65502
// bytes of packet; §1.1.3.1 extended XMP beyond that: xmp_extended.h), §1.1.5 (PNG iTXt),
// §1.1.7 (WebP); PNG 3rd ed. §11.3.3.6 (eXIf).
#include "codec/metadata_embed.h"

#include "codec/container_edit.h"
#include "codec/encoders/png.h"
#include "codec/xmp_extended.h"

namespace pixelpipe::codec {
namespace {

using Bytes = std::vector<uint8_t>;

const std::string kExifId("Exif\0\0", 6);
const std::string kXmpId("http://ns.adobe.com/xap/1.0/\0", 29);
constexpr size_t kSegmentMax = 65533;  // 65535 minus the 2-byte length field

std::string_view text(const Bytes &b) { return {reinterpret_cast<const char *>(b.data()), b.size()}; }
Bytes bytes(const std::string &s) { return Bytes(s.begin(), s.end()); }

Result<Bytes> jpeg(const Bytes &jpg, const Bytes &exif, const Bytes &xmp, const Bytes &xmp_extended,
                   std::vector<std::string> &warnings) {
    Bytes segments;
    auto add = [&](const std::string &id, const Bytes &body, const char *what) {
        if (body.empty()) return;
        if (body.size() > kSegmentMax - id.size()) {
            warnings.push_back(std::string(what) + " not copied: " + std::to_string(body.size()) + " bytes do not fit one JPEG APP1 segment");
            return;
        }
        put_jpeg_segment(segments, 0xE1, id, body.data(), body.size());
    };
    add(kExifId, exif, "EXIF");
    if (!xmp_extended.empty()) {  // the source's own pair (its standard packet came from one segment)
        add(kXmpId, xmp, "XMP");
        const std::string guid = extended_xmp_guid(text(xmp));
        if (!guid.empty()) put_extended_xmp_segments(segments, guid, text(xmp_extended));
    } else if (xmp.size() <= kStandardXmpMax) {
        add(kXmpId, xmp, "XMP");
    } else {
        std::string why;
        if (auto split = split_xmp_for_jpeg(text(xmp), why)) {
            add(kXmpId, bytes(split->standard), "XMP");
            put_extended_xmp_segments(segments, split->guid, split->extended);
        } else {
            warnings.push_back("XMP not copied: " + std::to_string(xmp.size()) + " bytes do not fit one JPEG APP1 segment and " + why);
        }
    }
    return segments.empty() ? Result<Bytes>(jpg) : jpeg_insert_segments(jpg, segments);
}

// PNG and WebP have no size limit: a JPEG source's standard + extended pair becomes one packet.
Bytes one_packet(const Bytes &xmp, const Bytes &xmp_extended, std::vector<std::string> &warnings) {
    if (xmp_extended.empty()) return xmp;
    if (auto merged = merge_extended_xmp(text(xmp), text(xmp_extended))) return bytes(*merged);
    warnings.push_back("extended XMP not copied: it does not merge with the standard packet");  // join_extended_xmp checked it
    return xmp;
}

Result<Bytes> png(const Bytes &file, const Bytes &exif, const Bytes &xmp) {
    Bytes chunks;
    if (!exif.empty()) append_png_chunk(chunks, "eXIf", exif.data(), exif.size());
    if (!xmp.empty()) {
        // keyword NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
        Bytes body{'X', 'M', 'L', ':', 'c', 'o', 'm', '.', 'a', 'd', 'o', 'b', 'e', '.', 'x', 'm', 'p', 0, 0, 0, 0, 0};
        body.insert(body.end(), xmp.begin(), xmp.end());
        append_png_chunk(chunks, "iTXt", body.data(), body.size());
    }
    return chunks.empty() ? Result<Bytes>(file) : png_insert_chunks(file, chunks);
}

Result<Bytes> webp(const Bytes &file, const Bytes &exif, const Bytes &xmp, int width, int height) {
    Bytes back;
    uint8_t flags = 0;
    if (!exif.empty()) put_webp_chunk(back, "EXIF", exif), flags |= kWebpExif;
    if (!xmp.empty()) put_webp_chunk(back, "XMP ", xmp), flags |= kWebpXmp;
    return flags ? webp_add_chunks(file, width, height, flags, {}, back) : Result<Bytes>(file);
}

}  // namespace

Result<Bytes> embed_metadata(const Bytes &encoded, const std::string &format, const Bytes &exif, const Bytes &xmp,
                             const Bytes &xmp_extended, int width, int height, std::vector<std::string> &warnings) {
    if (format == "jpeg") return jpeg(encoded, exif, xmp, xmp_extended, warnings);
    if (format == "png") return png(encoded, exif, one_packet(xmp, xmp_extended, warnings));
    if (format == "webp") return webp(encoded, exif, one_packet(xmp, xmp_extended, warnings), width, height);
    return encoded;
}

}  // namespace pixelpipe::codec
