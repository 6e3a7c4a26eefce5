// metadata_blobs.cpp: see metadata_blobs.h. Containers: CIPA DC-008 (Exif 2.32) §4.5.4 (APP1
// "Exif\0\0" + TIFF); XMP Specification Part 3 §1.1 (JPEG APP1, PNG iTXt, WebP chunk); PNG 3rd
// edition §11.3.3.6 (eXIf) and §11.3.3.5 (iTXt); WebP container spec ("EXIF", "XMP ").
#include "codec/metadata_blobs.h"

#include <cstdlib>
#include <cstring>

#include "codec/chunks.h"
#include "codec/exif.h"
#include "codec/stb_guard.h"
#include "codec/xmp_extended.h"
#include "stb_image.h"

namespace pixelpipe::codec {
namespace {

constexpr char kJpegXmp[] = "http://ns.adobe.com/xap/1.0/";  // + NUL
constexpr char kPngXmpKeyword[] = "XML:com.adobe.xmp";

bool is_tiff(const uint8_t *p, size_t n) {
    return n >= 8 && (std::memcmp(p, "II*\0", 4) == 0 || std::memcmp(p, "MM\0*", 4) == 0);
}

void keep(std::vector<uint8_t> &slot, const uint8_t *p, size_t n, size_t cap, const char *what, MetadataBlobs &out) {
    if (!slot.empty() || n == 0) return;  // the first block wins, as every reader takes the first
    if (n > cap) {
        out.warnings.push_back(std::string(what) + " ignored: " + std::to_string(n) + " bytes, over the " +
                               std::to_string(cap >> 20) + " MB limit");
        return;
    }
    slot.assign(p, p + n);
}

void keep_exif(const uint8_t *p, size_t n, MetadataBlobs &out) {
    if (n >= 6 && std::memcmp(p, "Exif\0\0", 6) == 0) p += 6, n -= 6;  // some WebP/PNG writers keep the JPEG prefix
    if (!is_tiff(p, n)) {
        if (n) out.warnings.push_back("EXIF ignored: the block does not start with a TIFF header");
        return;
    }
    keep(out.exif, p, n, kMaxExifBytes, "EXIF", out);
}

void read_jpeg(const uint8_t *data, size_t size, MetadataBlobs &out) {
    std::vector<ExtendedXmpPortion> portions;  // pointers into `data`, used before returning
    for_each_jpeg_segment(data, size, [&](uint8_t marker, const uint8_t *seg, size_t n) {
        if (marker != 0xE1) return true;
        ExtendedXmpPortion portion;
        if (n >= 6 && std::memcmp(seg, "Exif\0\0", 6) == 0) keep_exif(seg, n, out);
        else if (n > sizeof kJpegXmp && std::memcmp(seg, kJpegXmp, sizeof kJpegXmp) == 0)  // sizeof counts the NUL
            keep(out.xmp, seg + sizeof kJpegXmp, n - sizeof kJpegXmp, kMaxXmpBytes, "XMP", out);
        else if (parse_extended_xmp_portion(seg, n, portion)) portions.push_back(portion);
        return true;
    });
    if (out.xmp.empty()) {
        if (!portions.empty()) out.warnings.push_back("extended XMP ignored: there is no standard XMP packet to name it");
        return;
    }
    std::string why;
    const std::string_view standard(reinterpret_cast<const char *>(out.xmp.data()), out.xmp.size());
    if (auto extended = join_extended_xmp(standard, std::move(portions), kMaxXmpBytes, why))
        out.xmp_extended.assign(extended->begin(), extended->end());
    else if (!why.empty())
        out.warnings.push_back(why);
}

void keep_inflated(const uint8_t *z, size_t n, MetadataBlobs &out) {
    if (n > size_t(INT32_MAX)) return out.warnings.push_back("XMP ignored: its compressed text is too large");
    // stb_image's zlib under its allocation guard: a hostile chunk cannot balloon past the cap.
    StbBudgetScope budget(kMaxXmpBytes * 2, kMaxXmpBytes * 2);
    int len = 0;
    char *xmp = stbi_zlib_decode_malloc(reinterpret_cast<const char *>(z), int(n), &len);
    if (!xmp) return out.warnings.push_back("XMP ignored: its compressed text does not inflate (or is over the 4 MB limit)");
    keep(out.xmp, reinterpret_cast<uint8_t *>(xmp), size_t(len), kMaxXmpBytes, "XMP", out);
    stb_guard_release(xmp);
    std::free(xmp);
}

// A text chunk with the keyword "XML:com.adobe.xmp": iTXt as the XMP specification says (keyword
// NUL, compression flag, method, language tag NUL, translated keyword NUL, text), and zTXt
// (keyword NUL, method, zlib text) or tEXt, which libvips/libspng and older writers use.
void read_png_text(const uint8_t *type, const uint8_t *body, size_t len, MetadataBlobs &out) {
    const size_t kw = sizeof kPngXmpKeyword;  // with its NUL
    if (len < kw + 1 || std::memcmp(body, kPngXmpKeyword, kw) != 0 || !out.xmp.empty()) return;
    if (std::memcmp(type, "tEXt", 4) == 0) return keep(out.xmp, body + kw, len - kw, kMaxXmpBytes, "XMP", out);
    if (std::memcmp(type, "zTXt", 4) == 0) {
        if (body[kw] != 0) return out.warnings.push_back("XMP ignored: unknown zTXt compression");
        return keep_inflated(body + kw + 1, len - kw - 1, out);
    }
    if (len < kw + 2) return;
    const bool compressed = body[kw] != 0;
    size_t at = kw + 2;
    for (int field = 0; field < 2; ++field) {  // language tag, translated keyword
        const void *nul = std::memchr(body + at, 0, len - at);
        if (!nul) return out.warnings.push_back("XMP ignored: the iTXt chunk is truncated");
        at = size_t(static_cast<const uint8_t *>(nul) - body) + 1;
    }
    if (!compressed) return keep(out.xmp, body + at, len - at, kMaxXmpBytes, "XMP", out);
    if (body[kw + 1] != 0) return out.warnings.push_back("XMP ignored: unknown iTXt compression");
    keep_inflated(body + at, len - at, out);
}

}  // namespace

MetadataBlobs extract_metadata_blobs(const uint8_t *data, size_t size) {
    MetadataBlobs out;
    if (!data) return out;
    if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) {
        read_jpeg(data, size, out);
        return out;
    }
    for_each_png_chunk(data, size, [&](const uint8_t *type, const uint8_t *body, size_t len) {
        if (std::memcmp(type, "eXIf", 4) == 0) keep_exif(body, len, out);
        else if (std::memcmp(type, "iTXt", 4) == 0 || std::memcmp(type, "zTXt", 4) == 0 || std::memcmp(type, "tEXt", 4) == 0)
            read_png_text(type, body, len, out);
        return std::memcmp(type, "IEND", 4) != 0;
    });
    for_each_webp_chunk(data, size, [&](const uint8_t *fourcc, const uint8_t *body, size_t len) {
        if (std::memcmp(fourcc, "EXIF", 4) == 0) keep_exif(body, len, out);
        else if (std::memcmp(fourcc, "XMP ", 4) == 0) keep(out.xmp, body, len, kMaxXmpBytes, "XMP", out);
        return true;
    });
    return out;
}

}  // namespace pixelpipe::codec
