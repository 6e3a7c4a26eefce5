// test_xmp_extended.cpp: JPEG extended XMP (codec/xmp_extended.h, codec/xmp_rdf.h) and its use by
// metadata_blobs.h (reading) and the output step (writing). Oracles: the segment layout of XMP
// Specification Part 3 §1.1.3.1 built here byte by byte (35-byte signature, 32-byte GUID, two
// big-endian uint32s), and string facts about the packets (every property value present once,
// the GUID = the MD5 of the extended bytes: test_md5.cpp checks the digest itself). ExifTool
// reads and writes the same files in tests/integration/export-extended-xmp.test.js.
// The damaged-input part is fuzz-ish: truncated, overlapping, missing, wrong-GUID and
// bit-flipped segments must give the standard packet plus a warning, never a crash.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "test_images.h"
#include "codec/md5.h"
#include "codec/metadata_blobs.h"
#include "codec/xmp_extended.h"
#include "codec/xmp_rdf.h"
#include "pipeline/output.h"

using namespace pixelpipe;
using Bytes = std::vector<uint8_t>;

namespace {

const std::string kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

// As ExifTool lays a packet out: wrapper, namespaces on each rdf:Description, padding.
std::string description(const std::string &ns_prefix, const std::string &ns, const std::string &body) {
    return "\n <rdf:Description rdf:about=''\n  xmlns:" + ns_prefix + "='" + ns + "'>\n" + body + "\n </rdf:Description>\n";
}
std::string big_packet(size_t description_bytes) {
    std::string long_text;
    while (long_text.size() < description_bytes) long_text += "Lorem ipsum dolor sit amet &amp; more &lt;not a tag&gt; ";
    // a '>' in an attribute value and a comment with markup in it: the scanner must not trip
    std::string p = "<?xpacket begin='\xEF\xBB\xBF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
                    "<x:xmpmeta xmlns:x='adobe:ns:meta/' x:xmptk='test a>b'>\n<!-- <rdf:Description> -->\n"
                    "<rdf:RDF xmlns:rdf='" + kRdf + "' xmlns:pp='http://example.com/pp/'>\n";
    p += description("dc", "http://purl.org/dc/elements/1.1/",
                     "  <dc:title><rdf:Alt><rdf:li xml:lang='x-default'>Big</rdf:li></rdf:Alt></dc:title>\n"
                     "  <dc:description><rdf:Alt><rdf:li xml:lang='x-default'>" + long_text + "END</rdf:li></rdf:Alt></dc:description>");
    p += description("xmp", "http://ns.adobe.com/xap/1.0/", "  <xmp:CreatorTool>pixelpipe test</xmp:CreatorTool>");
    p += "\n <rdf:Description rdf:about='' pp:Uses='the rdf:RDF declaration'/>\n";
    std::string many;
    for (int i = 0; i < 400; ++i) many += "  <pp:P" + std::to_string(i) + ">value " + std::to_string(i) + "</pp:P" + std::to_string(i) + ">\n";
    p += description("photoshop", "http://ns.adobe.com/photoshop/1.0/", "  <photoshop:City>Lyon</photoshop:City>\n" + many);
    p += "</rdf:RDF>\n</x:xmpmeta>\n" + std::string(2000, ' ') + "\n<?xpacket end='w'?>";
    return p;
}

size_t count(const std::string &hay, const std::string &needle) {
    size_t n = 0;
    for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
    return n;
}

std::string str(const Bytes &b) { return std::string(b.begin(), b.end()); }

void put_be32(Bytes &b, uint32_t v) { b.insert(b.end(), {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)}); }

// One APP1 segment: FF E1, length, body.
void app1(Bytes &jpg, const Bytes &body) {
    const size_t len = body.size() + 2;
    jpg.insert(jpg.end(), {0xFF, 0xE1, uint8_t(len >> 8), uint8_t(len)});
    jpg.insert(jpg.end(), body.begin(), body.end());
}
Bytes standard_body(const std::string &packet) {
    Bytes b;
    const std::string id("http://ns.adobe.com/xap/1.0/\0", 29);
    b.insert(b.end(), id.begin(), id.end());
    b.insert(b.end(), packet.begin(), packet.end());
    return b;
}
// An ExtendedXMP segment body written from the spec, not with put_extended_xmp_segments.
Bytes extension_body(const std::string &guid, uint32_t full, uint32_t offset, const std::string &part) {
    Bytes b;
    const std::string id("http://ns.adobe.com/xmp/extension/\0", 35);
    b.insert(b.end(), id.begin(), id.end());
    b.insert(b.end(), guid.begin(), guid.end());
    put_be32(b, full), put_be32(b, offset);
    b.insert(b.end(), part.begin(), part.end());
    return b;
}
Bytes jpeg_of(const std::vector<Bytes> &bodies) {
    Bytes jpg{0xFF, 0xD8};
    for (const Bytes &b : bodies) app1(jpg, b);
    jpg.insert(jpg.end(), {0xFF, 0xD9});
    return jpg;
}
// The extended part in portions of `step` bytes.
std::vector<Bytes> portions(const std::string &guid, const std::string &ext, size_t step) {
    std::vector<Bytes> out;
    for (size_t off = 0; off < ext.size(); off += step)
        out.push_back(extension_body(guid, uint32_t(ext.size()), uint32_t(off), ext.substr(off, step)));
    return out;
}

void scanner() {
    const std::string p = big_packet(1000);
    auto l = codec::scan_rdf(p);
    CHECK(l.has_value());
    if (!l) return;
    CHECK(l->nodes.size() == 4 && l->about.empty() && l->has_extended.empty() && l->rdf_prefix == "rdf");
    CHECK(p.compare(l->rdf_close, 10, "</rdf:RDF>") == 0);
    for (const auto &n : l->nodes) CHECK(p.compare(n.range.begin, 16, "<rdf:Description") == 0 && p[n.range.end - 1] == '>');
    // Another prefix for the RDF namespace is still RDF; an element named rdf:RDF in another namespace is not.
    const std::string other = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><R:RDF xmlns:R='" + kRdf +
                              "'><R:Description R:about='u' xmlns:n='http://ns.adobe.com/xmp/note/' n:HasExtendedXMP='ABC'/></R:RDF></x:xmpmeta>";
    auto o = codec::scan_rdf(other);
    CHECK(o && o->rdf_prefix == "R" && o->about == "u" && o->has_extended == "ABC");
    if (o) CHECK(o->has_extended_range.begin == o->nodes[0].range.begin);  // nothing else in it: the whole node goes
    CHECK(!codec::scan_rdf("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='urn:not-rdf'></rdf:RDF></x:xmpmeta>"));
    // A node with more than HasExtendedXMP in it (text, here) keeps the rest: only the attribute goes.
    const std::string texty = "<rdf:RDF xmlns:rdf='" + kRdf + "'><rdf:Description xmlns:n='http://ns.adobe.com/xmp/note/' "
                              "n:HasExtendedXMP='G'>text</rdf:Description></rdf:RDF>";
    auto t = codec::scan_rdf(texty);
    CHECK(t && t->has_extended == "G" && texty.substr(t->has_extended_range.begin, t->has_extended_range.end - t->has_extended_range.begin) ==
                                             " n:HasExtendedXMP='G'");
    // Refused: DTDs, unbalanced tags, unterminated markup, no rdf:RDF.
    CHECK(!codec::scan_rdf("<!DOCTYPE x [<!ENTITY a 'b'>]><rdf:RDF xmlns:rdf='" + kRdf + "'></rdf:RDF>"));
    CHECK(!codec::scan_rdf("<rdf:RDF xmlns:rdf='" + kRdf + "'><a></b></rdf:RDF>"));
    CHECK(!codec::scan_rdf("<rdf:RDF xmlns:rdf='" + kRdf + "'><a x='1></a></rdf:RDF>"));
    CHECK(!codec::scan_rdf(std::string(70000, ' ')));
    // Every prefix of the packet, and bytes flipped: an answer or nullopt, no crash (ASan in scripts/fuzz.mjs).
    for (size_t n = 0; n < p.size(); n += 7) (void)codec::scan_rdf(std::string_view(p).substr(0, n));
    uint32_t seed = 12345;
    for (int i = 0; i < 2000; ++i) {
        std::string q = p;
        for (int k = 0; k < 4; ++k) {
            seed = seed * 1664525u + 1013904223u;
            q[(seed >> 8) % q.size()] = "<>/='\"!?-x: "[(seed >> 3) % 12];
        }
        (void)codec::scan_rdf(q);
    }
    // Deep nesting: no recursion, no quadratic namespace look-ups.
    std::string deep = "<rdf:RDF xmlns:rdf='" + kRdf + "'><rdf:Description>";
    for (int i = 0; i < 100000; ++i) deep += "<a xmlns:p" + std::to_string(i % 50) + "='u'>";
    for (int i = 0; i < 100000; ++i) deep += "</a>";
    deep += "</rdf:Description></rdf:RDF>";
    CHECK(codec::scan_rdf(deep).has_value());
}

void split_and_read_back() {
    const std::string packet = big_packet(200000);
    std::string why;
    auto split = codec::split_xmp_for_jpeg(packet, why);
    CHECK(split.has_value());
    if (!split) return std::fprintf(stderr, "split: %s\n", why.c_str()), void();
    // Smallest first: the three small descriptions stay, the 200 KB one moves.
    CHECK(split->standard.size() <= codec::kStandardXmpMax);
    CHECK(split->guid == codec::md5_hex_upper(reinterpret_cast<const uint8_t *>(split->extended.data()), split->extended.size()));
    CHECK(count(split->standard, "xmpNote:HasExtendedXMP=\"" + split->guid + "\"") == 1);
    CHECK(count(split->standard, "pixelpipe test") == 1 && count(split->standard, "Lyon") == 1 && count(split->standard, "END<") == 0);
    CHECK(count(split->extended, "END<") == 1 && count(split->extended, "Lyon") == 0 && count(split->extended, "<?xpacket") == 0);
    CHECK(split->extended.rfind("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF", 0) == 0);
    auto ext_layout = codec::scan_rdf(split->extended);
    CHECK(ext_layout && ext_layout->nodes.size() == 1);
    CHECK(count(split->extended, "xmlns:pp=\"http://example.com/pp/\"") == 1);  // declared on rdf:RDF: carried along
    // Written as segments by put_extended_xmp_segments: the header layout by hand.
    Bytes segs;
    codec::put_extended_xmp_segments(segs, split->guid, split->extended);
    const size_t n_parts = (split->extended.size() + codec::kExtendedXmpPortionMax - 1) / codec::kExtendedXmpPortionMax;
    size_t at = 0, parts = 0, offset = 0;
    bool layout_ok = true;
    while (at + 4 <= segs.size()) {
        const size_t len = size_t(segs[at + 2]) << 8 | segs[at + 3];
        const uint8_t *b = segs.data() + at + 4;
        layout_ok &= segs[at] == 0xFF && segs[at + 1] == 0xE1 && len <= 65535 &&
                     std::memcmp(b, "http://ns.adobe.com/xmp/extension/\0", 35) == 0 && std::memcmp(b + 35, split->guid.data(), 32) == 0;
        const uint32_t full = uint32_t(b[67]) << 24 | uint32_t(b[68]) << 16 | uint32_t(b[69]) << 8 | b[70];
        const uint32_t off = uint32_t(b[71]) << 24 | uint32_t(b[72]) << 16 | uint32_t(b[73]) << 8 | b[74];
        layout_ok &= full == split->extended.size() && off == offset;
        offset += len - 2 - 75, at += 2 + len, ++parts;
    }
    CHECK(layout_ok && parts == n_parts && offset == split->extended.size() && at == segs.size());

    // Read back from a JPEG built by hand: portions in reverse order, another GUID's portion in between.
    const std::string other_guid(32, 'A');
    std::vector<Bytes> bodies{standard_body(split->standard)};
    auto parts_in = portions(split->guid, split->extended, 30000);
    std::reverse(parts_in.begin(), parts_in.end());
    bodies.insert(bodies.end(), parts_in.begin(), parts_in.end());
    bodies.insert(bodies.begin() + 2, extension_body(other_guid, 10, 0, "0123456789"));
    const Bytes jpg = jpeg_of(bodies);
    auto got = codec::extract_metadata_blobs(jpg.data(), jpg.size());
    CHECK(str(got.xmp) == split->standard && str(got.xmp_extended) == split->extended && got.warnings.empty());
    // Merged: one packet with every description, no HasExtendedXMP (its node held nothing else).
    auto merged = codec::merge_extended_xmp(split->standard, split->extended);
    CHECK(merged.has_value());
    if (merged) {
        auto m = codec::scan_rdf(*merged);
        CHECK(m && m->nodes.size() == 4 && m->has_extended.empty());
        CHECK(count(*merged, "HasExtendedXMP") == 0 && count(*merged, "END<") == 1 && count(*merged, "Lyon") == 1);
        CHECK(merged->rfind("<?xpacket begin", 0) == 0 && merged->size() < packet.size() + 200);
    }
    // Element form of HasExtendedXMP (ExifTool without shorthand), beside another property.
    const std::string element_std = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='" + kRdf +
                                    "'><rdf:Description rdf:about='' xmlns:xmpNote='http://ns.adobe.com/xmp/note/'>"
                                    "<xmpNote:HasExtendedXMP> " + split->guid + " </xmpNote:HasExtendedXMP><xmpNote:Other>1</xmpNote:Other>"
                                    "</rdf:Description></rdf:RDF></x:xmpmeta>";
    std::vector<Bytes> element_bodies{standard_body(element_std)};
    for (const Bytes &b : portions(split->guid, split->extended, 65458)) element_bodies.push_back(b);
    const Bytes ejpg = jpeg_of(element_bodies);
    auto e = codec::extract_metadata_blobs(ejpg.data(), ejpg.size());
    CHECK(str(e.xmp_extended) == split->extended && e.warnings.empty());
    auto em = codec::merge_extended_xmp(element_std, split->extended);
    CHECK(em && count(*em, "HasExtendedXMP") == 0 && count(*em, "<xmpNote:Other>1</xmpNote:Other>") == 1 && count(*em, "END<") == 1);

    // Damaged: each keeps the standard packet and warns; none crashes.
    auto expect_warning = [&](const std::vector<Bytes> &b, const char *what, const char *reason) {
        const Bytes f = jpeg_of(b);
        auto r = codec::extract_metadata_blobs(f.data(), f.size());
        const bool ok = str(r.xmp) == split->standard && r.xmp_extended.empty() && r.warnings.size() == 1 &&
                        r.warnings[0].find(reason) != std::string::npos;
        if (!ok) std::fprintf(stderr, "%s: %s\n", what, r.warnings.empty() ? "no warning" : r.warnings[0].c_str());
        CHECK(ok);
    };
    const auto good = portions(split->guid, split->extended, 40000);
    const uint32_t full = uint32_t(split->extended.size());
    auto with = [&](std::vector<Bytes> extra) {
        std::vector<Bytes> b{standard_body(split->standard)};
        b.insert(b.end(), extra.begin(), extra.end());
        return b;
    };
    { auto p = good; p.erase(p.begin() + 1); expect_warning(with(p), "missing middle", "missing"); }
    { auto p = good; p.pop_back(); expect_warning(with(p), "missing end", "missing"); }
    { auto p = good; p.push_back(good[1]); expect_warning(with(p), "duplicate", "overlap"); }
    { auto p = good; p.push_back(extension_body(split->guid, full, 39000, split->extended.substr(39000, 2000))); expect_warning(with(p), "overlap", "overlap"); }
    { auto p = good; p[1][40] ^= 1; expect_warning(with(p), "one wrong GUID", "missing"); }
    { std::vector<Bytes> p; for (const Bytes &b : portions(other_guid, split->extended, 40000)) p.push_back(b);
      expect_warning(with(p), "all wrong GUID", "no segment carries"); }
    expect_warning(with({}), "no portions", "no segment carries");
    { auto p = good; p[0][67 + 3] ^= 1; expect_warning(with(p), "full lengths disagree", "disagree"); }
    { auto p = good; p.push_back(extension_body(split->guid, full, full - 10, "0123456789ABCDEF")); expect_warning(with(p), "past the end", "past"); }
    { auto p = good; p.push_back(extension_body(split->guid, full, 0xFFFFFFF0u, "0123456789ABCDEF")); expect_warning(with(p), "offset overflow", "past"); }
    expect_warning(with({extension_body(split->guid, 5u << 20, 0, "x")}), "over the cap", "limit");
    expect_warning(with({extension_body(split->guid, 5, 0, "<a/>x")}), "not RDF", "not RDF/XML");
    // Too short for the header: not an extended segment at all (ignored quietly).
    {
        Bytes shortb = extension_body(split->guid, full, 0, "");
        shortb.resize(60);
        std::vector<Bytes> b = with(good);
        b.push_back(shortb);
        const Bytes f = jpeg_of(b);
        auto r = codec::extract_metadata_blobs(f.data(), f.size());
        CHECK(str(r.xmp_extended) == split->extended && r.warnings.empty());
    }
    // Extension segments with no standard packet: nothing kept, a warning.
    {
        const Bytes f = jpeg_of(good);
        auto r = codec::extract_metadata_blobs(f.data(), f.size());
        CHECK(r.xmp.empty() && r.xmp_extended.empty() && r.warnings.size() == 1);
    }
    // Truncated files and flipped header bytes: never a crash, never an extended part that is not whole.
    for (size_t n = 0; n < jpg.size(); n += 997) {
        auto r = codec::extract_metadata_blobs(jpg.data(), n);
        CHECK(r.xmp_extended.empty() || str(r.xmp_extended) == split->extended);
    }
    uint32_t seed = 99;
    for (int i = 0; i < 300; ++i) {
        Bytes f = jpeg_of(with(good));
        const size_t seg0 = 2 + 4 + standard_body(split->standard).size();  // first extension segment
        for (int k = 0; k < 3; ++k) {
            seed = seed * 1664525u + 1013904223u;
            const size_t seg = (seed >> 4) % good.size();
            size_t at = seg0;
            for (size_t s = 0; s < seg; ++s) at += 4 + good[s].size();
            f[at + 2 + (seed >> 12) % 77] ^= uint8_t(1u << ((seed >> 20) % 8));  // length field or header
        }
        auto r = codec::extract_metadata_blobs(f.data(), f.size());
        CHECK(r.xmp_extended.empty() || r.xmp_extended.size() == split->extended.size());
    }
}

ops::OpSpec jpeg_output() {
    ops::OpSpec o;
    o.op = "jpeg";
    o.num = {{"quality", 80}, {"progressive", 0}, {"optimizeCoding", 0}, {"dpi", 0}, {"stripMetadata", 0},
             {"background.0", 255}, {"background.1", 255}, {"background.2", 255}, {"background.3", 255}};
    o.str = {{"chromaSubsampling", "4:2:0"}};
    return o;
}
ops::OpSpec lossless_output(const std::string &format) {
    ops::OpSpec o;
    o.op = format;
    if (format == "png") o.num = {{"compressionLevel", 2}, {"palette", 0}, {"colors", 256}, {"dither", 0}, {"interlace", 0}, {"dpi", 0}};
    else o.num = {{"quality", 80}, {"lossless", 1}, {"effort", 4}};
    o.num["stripMetadata"] = 0;
    return o;
}

void through_the_output_step() {
    const Image img = test_images::to_image(test_images::random_image(24, 16, 3, false));
    const std::string packet = big_packet(200000);
    pipeline::CarriedMetadata carried;
    carried.xmp.assign(packet.begin(), packet.end());
    std::vector<std::string> warnings;
    auto j = pipeline::encode_output(img, jpeg_output(), &carried, &warnings);
    CHECK(j.ok() && warnings.empty());
    if (!j.ok()) return;
    auto got = codec::extract_metadata_blobs(j.value().data(), j.value().size());
    CHECK(got.warnings.empty() && got.xmp.size() <= codec::kStandardXmpMax && !got.xmp_extended.empty());
    CHECK(codec::extended_xmp_guid(str(got.xmp)) ==
          codec::md5_hex_upper(got.xmp_extended.data(), got.xmp_extended.size()));
    auto back = codec::decode_image(j.value().data(), j.value().size(), Limits{});
    CHECK(back.ok() && back.value().image.width() == 24 && str(back.value().xmp_extended) == str(got.xmp_extended));
    // JPEG → JPEG: the pair goes back byte for byte. JPEG → PNG/WebP: one merged packet.
    pipeline::CarriedMetadata from_jpeg;
    from_jpeg.xmp = got.xmp, from_jpeg.xmp_extended = got.xmp_extended;
    auto again = pipeline::encode_output(img, jpeg_output(), &from_jpeg, &warnings);
    CHECK(again.ok() && warnings.empty());
    if (again.ok()) {
        auto g2 = codec::extract_metadata_blobs(again.value().data(), again.value().size());
        CHECK(g2.xmp == got.xmp && g2.xmp_extended == got.xmp_extended);
    }
    for (const char *format : {"png", "webp"}) {
        auto out = pipeline::encode_output(img, lossless_output(format), &from_jpeg, &warnings);
        CHECK(out.ok() && warnings.empty());
        if (!out.ok()) continue;
        auto g = codec::extract_metadata_blobs(out.value().data(), out.value().size());
        const std::string merged = str(g.xmp);
        CHECK(g.xmp_extended.empty() && count(merged, "HasExtendedXMP") == 0 && count(merged, "END<") == 1 &&
              count(merged, "Lyon") == 1 && count(merged, "<pp:P399>value 399</pp:P399>") == 1);
    }
    // Still left out, with a warning: an oversized packet that is not RDF/XML.
    pipeline::CarriedMetadata junk;
    junk.xmp.assign(70000, ' ');
    warnings.clear();
    auto k = pipeline::encode_output(img, jpeg_output(), &junk, &warnings);
    CHECK(k.ok() && warnings.size() == 1 && warnings[0].find("not RDF/XML") != std::string::npos);
}

}  // namespace

int main() {
    scanner();
    split_and_read_back();
    through_the_output_step();
    return check_summary();
}
