// xmp_extended_split.cpp: writing JPEG extended XMP (xmp_extended.h).
//
// What goes where: whole top-level rdf:Description elements, smallest first, stay in the standard
// packet while it fits (the rest of the packet — wrapper, padding, x:xmpmeta and rdf:RDF — stays
// as it was); the others move, in document order, to the ExtendedXMP. Why:
// - readers that know nothing of extended XMP (libvips/sharp, browsers, most viewers) still see
//   every property that fits, and smallest-first keeps the most of them; the spec asks the same
//   ("as much as possible in StandardXMP", large values such as thumbnails or history moved out);
// - a whole rdf:Description is valid RDF on its own once it carries the namespace declarations
//   it relied on, so nothing inside a property value is parsed or re-serialized, and the bytes the
//   source wrote are the bytes written; the reader (xmp_extended_join.cpp) merges at the same
//   granularity. It is also what ExifTool does (WriteXMP.pl, LimitXMPSize).
// The cost: a single huge rdf:Description (the XMP Toolkit writes one for all namespaces) moves
// as a whole, leaving only the HasExtendedXMP node in the standard packet.
#include <algorithm>
#include <numeric>

#include "codec/container_edit.h"
#include "codec/encoders/bytes.h"
#include "codec/md5.h"
#include "codec/xmp_extended.h"
#include "codec/xmp_rdf.h"

namespace pixelpipe::codec {

namespace {

const std::string kGuidPlaceholder(32, '0');

std::string quoted(const std::string &raw) {
    const char q = raw.find('"') == std::string::npos ? '"' : '\'';
    return q + raw + q;
}

// The rdf:Description that says where the rest is, with the placeholder GUID.
std::string has_extended_node(const RdfLayout &layout) {
    std::string rdf = layout.rdf_prefix, declare;
    if (rdf.empty()) rdf = "rdf", declare = std::string(" xmlns:rdf=") + quoted(kRdfNamespace);
    return "<" + rdf + ":Description" + declare + " " + rdf + ":about=" + quoted(layout.about) +
           " xmlns:xmpNote=" + quoted(kXmpNoteNamespace) + " xmpNote:HasExtendedXMP=\"" + kGuidPlaceholder + "\"/>";
}

}  // namespace

std::optional<JpegXmp> split_xmp_for_jpeg(std::string_view packet, std::string &why) {
    auto scanned = scan_rdf(packet);
    if (!scanned) {
        why = "it is not RDF/XML that can be split into extended XMP";
        return std::nullopt;
    }
    // A HasExtendedXMP already there names an ExtendedXMP that is not this one: drop it first.
    std::string source(packet);
    if (!scanned->has_extended.empty()) {
        source.erase(scanned->has_extended_range.begin, scanned->has_extended_range.end - scanned->has_extended_range.begin);
        scanned = scan_rdf(source);
        if (!scanned) return why = "it is not RDF/XML that can be split into extended XMP", std::nullopt;
    }
    const RdfLayout &layout = *scanned;
    const std::vector<RdfNode> &nodes = layout.nodes;
    const std::string stub = has_extended_node(layout);
    size_t in_nodes = 0;
    for (const RdfNode &n : nodes) in_nodes += n.range.end - n.range.begin;
    const size_t fixed = source.size() - in_nodes + stub.size();
    if (fixed > kStandardXmpMax) {
        why = "the part that must stay in the standard packet (outside the rdf:Description elements) is " +
              std::to_string(fixed) + " bytes";
        return std::nullopt;
    }
    std::vector<size_t> order(nodes.size());
    std::iota(order.begin(), order.end(), size_t(0));
    auto size_of = [&](size_t i) { return nodes[i].range.end - nodes[i].range.begin; };
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return size_of(a) < size_of(b); });
    std::vector<bool> keep(nodes.size(), false);
    size_t standard_size = fixed;
    for (size_t i : order) {
        if (standard_size + size_of(i) > kStandardXmpMax) break;  // ascending: no later one fits either
        keep[i] = true, standard_size += size_of(i);
    }

    JpegXmp out;
    const XmlScope ext_scope{{"x", "adobe:ns:meta/"}, {"rdf", kRdfNamespace}};
    out.extended = std::string("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"") + kRdfNamespace + "\">";
    size_t at = 0;
    for (size_t i = 0; i < nodes.size(); ++i) {
        if (keep[i]) continue;
        out.standard.append(source, at, nodes[i].range.begin - at);
        at = nodes[i].range.end;
        out.extended += rehome_node(source, nodes[i], layout.scope, ext_scope);
    }
    out.standard.append(source, at, layout.rdf_close - at);
    const size_t stub_at = out.standard.size();
    out.standard += stub;
    out.standard.append(source, layout.rdf_close, std::string::npos);
    out.extended += "</rdf:RDF></x:xmpmeta>";
    if (out.extended.size() > UINT32_MAX) return why = "its extended part is over 4 GB", std::nullopt;
    out.guid = md5_hex_upper(reinterpret_cast<const uint8_t *>(out.extended.data()), out.extended.size());
    out.standard.replace(stub_at + stub.find(kGuidPlaceholder), kGuidPlaceholder.size(), out.guid);
    return out;
}

void put_extended_xmp_segments(std::vector<uint8_t> &out, const std::string &guid, std::string_view extended) {
    const auto *bytes = reinterpret_cast<const uint8_t *>(extended.data());
    for (size_t off = 0; off < extended.size(); off += kExtendedXmpPortionMax) {
        std::string id(kXmpExtensionId, sizeof kXmpExtensionId);  // with its NUL
        id += guid;
        uint8_t be[8];
        set_be32(be, uint32_t(extended.size())), set_be32(be + 4, uint32_t(off));
        id.append(reinterpret_cast<const char *>(be), 8);
        put_jpeg_segment(out, 0xE1, id, bytes + off, std::min(kExtendedXmpPortionMax, extended.size() - off));
    }
}

}  // namespace pixelpipe::codec
