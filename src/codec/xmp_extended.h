// xmp_extended.h: JPEG extended XMP (XMP Specification Part 3, 2016, §1.1.3.1). One APP1 segment
// holds at most 65502 bytes of packet; a larger one is written as StandardXMP — a packet in the
// usual "http://ns.adobe.com/xap/1.0/\0" segment whose rdf:RDF has an rdf:Description with
// xmpNote:HasExtendedXMP="<GUID>" — plus ExtendedXMP, a second serialization (no packet wrapper)
// split over APP1 segments of "http://ns.adobe.com/xmp/extension/\0" (35 bytes), the GUID (32
// ASCII hex digits), the ExtendedXMP's full length and this portion's offset (uint32 big-endian),
// then the portion. GUID = uppercase hex of the MD5 digest of the whole ExtendedXMP (md5.h).
// Writing: xmp_extended_split.cpp; reading and merging: xmp_extended_join.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixelpipe::codec {

constexpr size_t kStandardXmpMax = 65502;
constexpr size_t kExtendedXmpHeader = 35 + 32 + 4 + 4;
constexpr size_t kExtendedXmpPortionMax = 65533 - kExtendedXmpHeader;  // 65458: a segment's 65533 payload bytes
inline constexpr char kXmpExtensionId[] = "http://ns.adobe.com/xmp/extension/";  // sizeof counts its NUL: 35

// ---- writing -------------------------------------------------------------------------------

struct JpegXmp {
    std::string standard;  // at most kStandardXmpMax bytes, carries HasExtendedXMP = guid
    std::string extended;  // the ExtendedXMP serialization
    std::string guid;      // md5_hex_upper(extended)
};

// `packet` (over kStandardXmpMax) as StandardXMP + ExtendedXMP. nullopt, with the reason in
// `why`, when it cannot be: the packet is not RDF/XML this scanner reads (xmp_rdf.h), or what
// must stay in the standard packet (everything outside the rdf:Description elements, plus the
// HasExtendedXMP node) is itself over the limit.
std::optional<JpegXmp> split_xmp_for_jpeg(std::string_view packet, std::string &why);

// Appends the ExtendedXMP APP1 segments (whole segments, as put_jpeg_segment writes them).
void put_extended_xmp_segments(std::vector<uint8_t> &out, const std::string &guid, std::string_view extended);

// ---- reading -------------------------------------------------------------------------------

// One ExtendedXMP segment; points into the file's bytes.
struct ExtendedXmpPortion {
    std::string_view guid;  // 32 bytes as found
    uint32_t full_length = 0, offset = 0;
    const uint8_t *data = nullptr;
    size_t size = 0;
};

// An APP1 payload that starts with kXmpExtensionId (NUL included). false: too short for the header.
bool parse_extended_xmp_portion(const uint8_t *payload, size_t n, ExtendedXmpPortion &out);

// The ExtendedXMP that `standard`'s HasExtendedXMP names, put together from the portions with
// that GUID (any order). nullopt when the standard packet names none (`why` stays empty) or when
// the portions do not make a whole (`why` says why: none with that GUID, full lengths that
// disagree, a portion past the full length, overlapping portions, a gap, or `standard` plus the
// ExtendedXMP over `max_total` bytes). The result is also checked to merge (merge_extended_xmp).
std::optional<std::string> join_extended_xmp(std::string_view standard, std::vector<ExtendedXmpPortion> portions,
                                             size_t max_total, std::string &why);

// The GUID `standard`'s xmpNote:HasExtendedXMP names; empty: none.
std::string extended_xmp_guid(std::string_view standard);

// ONE packet for containers with no size limit (PNG, WebP): `standard` with the top-level nodes of
// `extended`'s rdf:RDF appended to its rdf:RDF (each with the namespace declarations it relied
// on), and HasExtendedXMP dropped (its whole rdf:Description when it held nothing else).
// nullopt when either is not RDF/XML this scanner reads.
std::optional<std::string> merge_extended_xmp(std::string_view standard, std::string_view extended);

}  // namespace pixelpipe::codec
