// test_metadata_copy.cpp: EXIF/XMP extraction (codec/metadata_blobs.h), the EXIF rewrite for an
// upright resized output (codec/exif.h), and the output step that splices profile, EXIF and XMP
// into png/jpeg/webp (pipeline/output_metadata.h). Oracles: TIFF blocks built here byte by byte
// from the TIFF 6.0 layout (header, 12-byte IFD entries, value-or-offset field) in both byte
// orders; the container layouts of PNG 3rd ed., JPEG APP1 and the WebP extended format. Readers
// that share no code with this one (Pillow, sharp) check the same outputs in
// tests/oracle/test_metadata_oracle.py and tests/integration/export-metadata.test.js.
// argv[1] = shared test data.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "test_images.h"
#include "codec/exif.h"
#include "codec/metadata_blobs.h"
#include "color/icc_builtin.h"
#include "color/icc_transform.h"
#include "pipeline/output.h"

using namespace pixelpipe;
using Bytes = std::vector<uint8_t>;

namespace {

struct TiffWriter {
    bool le;
    Bytes b;
    void u16(uint32_t v) { le ? b.insert(b.end(), {uint8_t(v), uint8_t(v >> 8)}) : b.insert(b.end(), {uint8_t(v >> 8), uint8_t(v)}); }
    void u32(uint32_t v) { le ? (u16(v), u16(v >> 16)) : (u16(v >> 16), u16(v)); }
    // tag, type, count, value: a SHORT sits left-justified, padded with zeros.
    void entry(uint32_t tag, uint32_t type, uint32_t count, uint32_t value) {
        u16(tag), u16(type), u32(count);
        if (type == 3) u16(value), u16(0);
        else u32(value);
    }
};

// IFD0 at 8: Make (ASCII at 62), Orientation SHORT 6, ExifIFD pointer (at 72); next IFD 0.
// Exif IFD: PixelXDimension SHORT 4000, PixelYDimension LONG 3000. Offsets of the value fields
// that may change: orientation 8+2+12+8 = 30, X 72+2+8 = 82, Y 72+2+12+8 = 94.
Bytes camera_tiff(bool le) {
    TiffWriter t{le, {}};
    t.b.insert(t.b.end(), {uint8_t(le ? 'I' : 'M'), uint8_t(le ? 'I' : 'M')});
    t.u16(42), t.u32(8);
    t.u16(3);
    t.entry(0x010F, 2, 9, 62);
    t.entry(0x0112, 3, 1, 6);
    t.entry(0x8769, 4, 1, 72);
    t.u32(0);
    t.b.resize(62);
    for (char c : std::string("PixelCam")) t.b.push_back(uint8_t(c));
    t.b.resize(72);
    t.u16(2);
    t.entry(0xA002, 3, 1, 4000);
    t.entry(0xA003, 4, 1, 3000);
    t.u32(0);
    return t.b;
}

uint32_t read_at(const Bytes &b, size_t at, int bytes, bool le) {
    uint32_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= uint32_t(b[at + size_t(i)]) << (le ? 8 * i : 8 * (bytes - 1 - i));
    return v;
}

void exif_rewrite() {
    for (bool le : {true, false}) {
        const Bytes src = camera_tiff(le);
        CHECK(codec::tiff_orientation(src.data(), src.size()) == 6);
        const Bytes out = codec::exif_for_upright_output(src, 640, 480);
        CHECK(out.size() == src.size());
        CHECK(codec::tiff_orientation(out.data(), out.size()) == 1);
        CHECK(codec::tiff_exif_fields(out.data(), out.size()).make == "PixelCam");
        CHECK(read_at(out, 82, 2, le) == 640);
        CHECK(read_at(out, 94, 4, le) == 480);
        int other = 0;  // every byte outside the three value fields is untouched
        for (size_t i = 0; i < src.size(); ++i) {
            const bool field = (i >= 30 && i < 32) || (i >= 82 && i < 84) || (i >= 94 && i < 98);
            other += !field && out[i] != src[i];
        }
        CHECK(other == 0);
        // A size a SHORT cannot hold leaves the SHORT field alone (the LONG one takes it).
        const Bytes wide = codec::exif_for_upright_output(src, 70000, 480);
        CHECK(read_at(wide, 82, 2, le) == 4000);
        // Truncated blocks: no read or write past the end; what cannot be walked stays as it was.
        for (size_t n = 0; n < src.size(); n += 5) {
            const Bytes cut(src.begin(), src.begin() + long(n));
            const Bytes got = codec::exif_for_upright_output(cut, 640, 480);
            CHECK(got.size() == cut.size());
        }
    }
    const Bytes junk{'I', 'I', 0, 0, 1, 2, 3, 4, 5};
    CHECK(codec::exif_for_upright_output(junk, 1, 1) == junk);
}

void put_be32(Bytes &b, uint32_t v) { b.insert(b.end(), {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)}); }
void put_le32(Bytes &b, uint32_t v) { b.insert(b.end(), {uint8_t(v), uint8_t(v >> 8), uint8_t(v >> 16), uint8_t(v >> 24)}); }
void append(Bytes &b, const std::string &s) { b.insert(b.end(), s.begin(), s.end()); }
void append(Bytes &b, const Bytes &s) { b.insert(b.end(), s.begin(), s.end()); }

const std::string kXmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF/></x:xmpmeta>";

void extraction() {
    const Bytes tiff = camera_tiff(false);
    const Bytes xmp(kXmp.begin(), kXmp.end());
    // JPEG: SOI, APP1 Exif, APP1 XMP, EOI.
    Bytes jpg{0xFF, 0xD8};
    const std::string exif_id("Exif\0\0", 6), xmp_id("http://ns.adobe.com/xap/1.0/\0", 29);
    for (const auto &[id, body] : {std::pair{exif_id, tiff}, std::pair{xmp_id, xmp}}) {
        const size_t len = 2 + id.size() + body.size();
        jpg.insert(jpg.end(), {0xFF, 0xE1, uint8_t(len >> 8), uint8_t(len)});
        append(jpg, id), append(jpg, body);
    }
    jpg.insert(jpg.end(), {0xFF, 0xD9});
    auto j = codec::extract_metadata_blobs(jpg.data(), jpg.size());
    CHECK(j.exif == tiff && j.xmp == xmp && j.warnings.empty());
    // PNG: signature, eXIf, iTXt (uncompressed), IEND (the walker does not check CRCs).
    Bytes png{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    auto chunk = [&](const char *type, const Bytes &body) { put_be32(png, uint32_t(body.size())), append(png, type), append(png, body), put_be32(png, 0); };
    chunk("eXIf", tiff);
    Bytes itxt;
    append(itxt, std::string("XML:com.adobe.xmp\0\0\0\0\0", 22)), append(itxt, xmp);
    chunk("iTXt", itxt);
    chunk("IEND", {});
    auto p = codec::extract_metadata_blobs(png.data(), png.size());
    CHECK(p.exif == tiff && p.xmp == xmp);
    // WebP: an EXIF chunk that kept the JPEG "Exif\0\0" prefix (some writers do), odd-sized XMP.
    Bytes body;
    append(body, "WEBP");
    Bytes exif_chunk;
    append(exif_chunk, exif_id), append(exif_chunk, tiff);
    for (const auto &[fourcc, data] : {std::pair{std::string("EXIF"), exif_chunk}, std::pair{std::string("XMP "), xmp}}) {
        append(body, fourcc), put_le32(body, uint32_t(data.size())), append(body, data);
        if (data.size() & 1) body.push_back(0);
    }
    Bytes webp;
    append(webp, "RIFF"), put_le32(webp, uint32_t(body.size())), append(webp, body);
    auto w = codec::extract_metadata_blobs(webp.data(), webp.size());
    CHECK(w.exif == tiff && w.xmp == xmp);
    // Damage: a cut file never reads past its end; a non-TIFF EXIF is dropped with a warning.
    for (size_t n = 0; n < png.size(); ++n) (void)codec::extract_metadata_blobs(png.data(), n);
    Bytes bad = png;
    bad[8 + 8] = 'X';  // first byte of the eXIf body: no longer "MM"
    auto b = codec::extract_metadata_blobs(bad.data(), bad.size());
    CHECK(b.exif.empty() && b.xmp == xmp && b.warnings.size() == 1);
}

ops::OpSpec output(const std::string &format, bool strip) {
    ops::OpSpec o;
    o.op = format;
    if (format == "png") o.num = {{"compressionLevel", 2}, {"palette", 0}, {"colors", 256}, {"dither", 0}, {"interlace", 0}, {"dpi", 0}};
    if (format == "jpeg") {
        o.num = {{"quality", 80}, {"progressive", 0}, {"optimizeCoding", 0}, {"dpi", 0},
                 {"background.0", 255}, {"background.1", 255}, {"background.2", 255}, {"background.3", 255}};
        o.str = {{"chromaSubsampling", "4:2:0"}};
    }
    if (format == "webp") o.num = {{"quality", 80}, {"lossless", 0}, {"effort", 4}};
    if (format == "bmp") o.num = {};
    o.num["stripMetadata"] = strip ? 1 : 0;
    return o;
}

void embedding() {
    const Image img = test_images::to_image(test_images::random_image(24, 16, 7, false));
    pipeline::CarriedMetadata carried;
    carried.exif = camera_tiff(true);
    carried.xmp.assign(kXmp.begin(), kXmp.end());
    for (const char *format : {"png", "jpeg", "webp"}) {
        std::vector<std::string> warnings;
        auto kept = pipeline::encode_output(img, output(format, false), &carried, &warnings);
        auto stripped = pipeline::encode_output(img, output(format, true), &carried, &warnings);
        CHECK(kept.ok() && stripped.ok() && warnings.empty());
        if (!kept.ok() || !stripped.ok()) continue;
        const auto got = codec::extract_metadata_blobs(kept.value().data(), kept.value().size());
        CHECK(codec::tiff_orientation(got.exif.data(), got.exif.size()) == 1);
        CHECK(got.exif == codec::exif_for_upright_output(carried.exif, 24, 16));
        CHECK(got.xmp == carried.xmp);
        const auto none = codec::extract_metadata_blobs(stripped.value().data(), stripped.value().size());
        CHECK(none.exif.empty() && none.xmp.empty());
        // The output still decodes (test_codec covers the decoders) to the same size.
        auto back = codec::decode_image(kept.value().data(), kept.value().size(), Limits{});
        CHECK(back.ok() && back.value().image.width() == 24 && back.value().image.height() == 16);
        if (std::string(format) == "webp") {
            const Bytes &f = kept.value();
            CHECK(std::memcmp(f.data() + 12, "VP8X", 4) == 0 && (f[20] & 0x0C) == 0x0C);  // EXIF and XMP flags
            CHECK(read_at(f, 4, 4, true) + 8 == f.size());
        }
    }
    // No container: bmp ignores the option (the same bytes either way).
    auto a = pipeline::encode_output(img, output("bmp", false), &carried);
    auto b = pipeline::encode_output(img, output("bmp", true), &carried);
    CHECK(a.ok() && b.ok() && a.value() == b.value());
    // An XMP packet too large for one JPEG APP1 segment that is not RDF/XML (so it cannot become
    // extended XMP: test_xmp_extended.cpp) is left out with a warning; EXIF still goes.
    pipeline::CarriedMetadata big = carried;
    big.xmp.assign(70000, ' ');
    std::vector<std::string> warnings;
    auto j = pipeline::encode_output(img, output("jpeg", false), &big, &warnings);
    CHECK(j.ok() && warnings.size() == 1);
    if (j.ok()) {
        const auto got = codec::extract_metadata_blobs(j.value().data(), j.value().size());
        CHECK(got.xmp.empty() && !got.exif.empty());
    }
}

// keepIccProfile's way back to a matrix/TRC source profile: the destination's inverse curve as a
// table. Oracle: the pure-gamma formula, code = round(255 * L^(1/gamma)) (Adobe RGB (1998): 563/256).
void inverse_curve_table() {
    color::IccProfile a98 = color::make_rgb_profile(color::kSrgbSpace);
    for (auto &c : a98.trc) c.kind = color::IccCurve::Kind::Gamma, c.p[0] = 563.0 / 256.0;
    CHECK(color::can_be_matrix_trc_destination(a98));
    const auto t = color::build_matrix_trc(color::srgb_profile(), a98);
    CHECK(t.own_out_lut.size() == size_t(color::kIccOutLutSize));
    int worst = 0;
    for (int i = 0; i < color::kIccOutLutSize && !t.own_out_lut.empty(); ++i) {
        const double want = std::round(255.0 * std::pow(double(i) / (color::kIccOutLutSize - 1), 256.0 / 563.0));
        worst = std::max(worst, int(std::fabs(t.own_out_lut[size_t(i)] - want)));
    }
    CHECK(worst == 0);
    a98.trc[2].p[0] = 1.8;  // three different curves: not one shared table, Little CMS's job
    CHECK(!color::can_be_matrix_trc_destination(a98));
}

void decoded_files(const std::string &root) {
    // The orientation photos: EXIF is kept raw (orientation as in the file) beside the upright pixels.
    for (int n = 1; n <= 8; ++n) {
        const auto bytes = test_images::read_file(root + "/formats/exif_orientation/Landscape_" + std::to_string(n) + ".jpg");
        auto d = codec::decode_image(bytes.data(), bytes.size(), Limits{});
        CHECK(d.ok() && codec::tiff_orientation(d.value().exif.data(), d.value().exif.size()) == n);
    }
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    exif_rewrite();
    extraction();
    embedding();
    inverse_curve_table();
    decoded_files(root);
    return check_summary();
}
