// xmp_rdf.h: the little of an XMP packet's RDF/XML that JPEG extended XMP needs (xmp_extended.h):
// where rdf:RDF's child elements (the top-level rdf:Description elements) start and end, which
// namespaces are in scope there, and the xmpNote:HasExtendedXMP property. Whole rdf:Description
// elements are the unit that moves between the standard and the extended packet (as ExifTool
// does), so the property values themselves are never parsed. The scanner is namespace-aware
// (rdf:RDF is found by its URI, not its prefix), reads comments, PIs and CDATA, refuses a DTD
// (XMP forbids one; no entity expansion), and works on untrusted bytes: no recursion, prefix
// look-ups in a hash map (no quadratic scans), nothing read past the end. Namespace URIs are
// compared as written (entity references in them are not decoded).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pixelpipe::codec {

// prefix ("" for the default namespace) → URI as written between the quotes.
using XmlScope = std::vector<std::pair<std::string, std::string>>;

struct XmlRange {
    size_t begin = 0, end = 0;  // [begin, end) in the packet
};

struct RdfNode {
    XmlRange range;                 // the element, "<" of its start tag to ">" of its end tag
    size_t name_end = 0;            // just past the element name: where declarations can be added
    std::vector<std::string> declared;  // prefixes its own start tag declares
};

struct RdfLayout {
    size_t rdf_close = 0;           // offset of "</rdf:RDF>": where new top-level nodes can go
    XmlScope scope;                 // the namespaces in scope inside rdf:RDF
    std::string rdf_prefix;         // a prefix bound to the RDF namespace there ("" if only the default)
    std::vector<RdfNode> nodes;     // rdf:RDF's child elements in document order
    std::string about;              // rdf:about of the first one, as written ("" when absent)
    // xmpNote:HasExtendedXMP on a top-level node, as an attribute or a child element.
    std::string has_extended;       // its value (the GUID); empty: none
    XmlRange has_extended_range;    // the bytes to delete to drop it: the attribute (with its leading
                                    // space), the element, or the whole node when it held nothing else
};

extern const char kRdfNamespace[];       // http://www.w3.org/1999/02/22-rdf-syntax-ns#
extern const char kXmpNoteNamespace[];   // http://ns.adobe.com/xmp/note/

// nullopt: not well-formed as far as this scanner checks (unbalanced tags, unterminated
// markup, a DTD), or no rdf:RDF element.
std::optional<RdfLayout> scan_rdf(std::string_view packet);

// `node`'s text (from a packet whose rdf:RDF scope is `from`) ready to be placed where `to` is in
// scope: the declarations it relied on and `to` lacks (or binds differently) added to its start tag.
std::string rehome_node(std::string_view packet, const RdfNode &node, const XmlScope &from, const XmlScope &to);

}  // namespace pixelpipe::codec
