// xmp_extended_join.cpp: reading JPEG extended XMP (xmp_extended.h). The segments are untrusted
// bytes: every length is checked against the segment and against the declared full length, the
// portions must tile [0, full length) exactly (no overlap, no gap), and anything else leaves the
// standard packet alone with a reason for the caller's warning. The GUID is matched as the
// standard packet writes it; the MD5 is not recomputed (ExifTool does not check it either, and a
// mismatch would not tell which part is wrong).
#include <algorithm>
#include <cstring>

#include "codec/encoders/bytes.h"
#include "codec/xmp_extended.h"
#include "codec/xmp_rdf.h"

namespace pixelpipe::codec {

bool parse_extended_xmp_portion(const uint8_t *payload, size_t n, ExtendedXmpPortion &out) {
    if (!payload || n < kExtendedXmpHeader || std::memcmp(payload, kXmpExtensionId, sizeof kXmpExtensionId) != 0) return false;
    const uint8_t *p = payload + sizeof kXmpExtensionId;
    out.guid = std::string_view(reinterpret_cast<const char *>(p), 32);
    out.full_length = get_be32(p + 32);
    out.offset = get_be32(p + 36);
    out.data = payload + kExtendedXmpHeader;
    out.size = n - kExtendedXmpHeader;
    return true;
}

std::optional<std::string> join_extended_xmp(std::string_view standard, std::vector<ExtendedXmpPortion> portions,
                                             size_t max_total, std::string &why) {
    why.clear();
    const auto layout = scan_rdf(standard);
    if (!layout || layout->has_extended.empty()) return std::nullopt;
    const std::string &guid = layout->has_extended;
    portions.erase(std::remove_if(portions.begin(), portions.end(), [&](const ExtendedXmpPortion &p) { return p.guid != guid; }),
                   portions.end());
    auto fail = [&](const std::string &reason) {
        why = "extended XMP ignored (the standard packet is kept): " + reason;
        return std::nullopt;
    };
    if (portions.empty()) return fail("no segment carries the GUID " + guid + " that HasExtendedXMP names");
    const size_t full = portions.front().full_length;
    for (const auto &p : portions)
        if (p.full_length != full) return fail("its segments disagree on the full length");
    if (full == 0) return fail("its full length is 0");
    if (full > max_total || standard.size() > max_total - full)
        return fail(std::to_string(standard.size() + full) + " bytes with the standard packet, over the " +
                    std::to_string(max_total >> 20) + " MB limit");
    std::stable_sort(portions.begin(), portions.end(), [](const auto &a, const auto &b) { return a.offset < b.offset; });
    std::string out;
    out.reserve(full);
    for (const auto &p : portions) {
        if (p.offset > full || p.size > full - p.offset) return fail("a segment runs past the full length");
        if (p.offset < out.size()) return fail("its segments overlap");
        if (p.offset > out.size()) return fail("a part is missing (bytes " + std::to_string(out.size()) + " to " + std::to_string(p.offset) + ")");
        out.append(reinterpret_cast<const char *>(p.data), p.size);
    }
    if (out.size() != full) return fail("a part is missing (bytes " + std::to_string(out.size()) + " to " + std::to_string(full) + ")");
    const auto merged = merge_extended_xmp(standard, out);
    if (!merged) return fail("it is not RDF/XML");
    if (merged->size() > max_total)
        return fail("the merged packet is " + std::to_string(merged->size()) + " bytes, over the " + std::to_string(max_total >> 20) + " MB limit");
    return out;
}

std::string extended_xmp_guid(std::string_view standard) {
    const auto layout = scan_rdf(standard);
    return layout ? layout->has_extended : std::string();
}

std::optional<std::string> merge_extended_xmp(std::string_view standard, std::string_view extended) {
    const auto base = scan_rdf(standard);
    const auto ext = scan_rdf(extended);
    if (!base || !ext) return std::nullopt;
    std::string out;
    const XmlRange cut = base->has_extended.empty() ? XmlRange{base->rdf_close, base->rdf_close} : base->has_extended_range;
    out.append(standard.substr(0, cut.begin));
    out.append(standard.substr(cut.end, base->rdf_close - cut.end));
    for (const RdfNode &n : ext->nodes) out += rehome_node(extended, n, ext->scope, base->scope);
    out.append(standard.substr(base->rdf_close));
    return out;
}

}  // namespace pixelpipe::codec
