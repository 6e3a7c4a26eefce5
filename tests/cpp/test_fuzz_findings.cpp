// test_fuzz_findings.cpp: each fuzzing finding of issue #14 as a behaviour test (the minimised
// inputs under tests/fuzz/regressions/ are also replayed as-is by fuzz_regressions_* and, under the
// sanitizers, by scripts/fuzz.mjs). Inputs the checks must keep accepting are checked too, so a
// check that refuses too much fails here.
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "check.h"
#include "codec/decode.h"
#include "composite/font.h"
#include "composite/text.h"

using namespace pixelpipe;

namespace {
std::string g_root;
const std::filesystem::path kRegressions = std::filesystem::path(__FILE__).parent_path() / ".." / "fuzz" / "regressions";

std::vector<uint8_t> read_file(const std::filesystem::path &p) {
    std::ifstream in(p, std::ios::binary);
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(in)), {});
}
std::vector<uint8_t> bytes(const std::string &s) { return std::vector<uint8_t>(s.begin(), s.end()); }
bool contains(const std::string &s, const char *part) { return s.find(part) != std::string::npos; }

Status decode_status(const std::vector<uint8_t> &b) { return codec::decode_image(b.data(), b.size(), Limits{}).status(); }

// stb_image 2.27 builds a Huffman table from counts adding up to more than 256 and writes past
// its 257-entry size list (UBSan index out of bounds, then state corruption).
void test_jpeg_huffman_table_over_256_codes() {
    // SOI, SOF0 8x8 grey, DHT class 0 id 0 declaring 300 codes, SOS, EOI.
    std::vector<uint8_t> j = {0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0};
    std::vector<uint8_t> dht = {0xFF, 0xC4, 0x01, 0x3F /* 2 + 17 + 300 */, 0x00};
    for (int i = 0; i < 16; ++i) dht.push_back(i == 14 ? 45 : i == 15 ? 255 : 0);
    dht.resize(dht.size() + 300, 0x01);
    j.insert(j.end(), dht.begin(), dht.end());
    j.insert(j.end(), {0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 0x12, 0x34, 0xFF, 0xD9});
    Status s = decode_status(j);
    CHECK(s.code == ErrorCode::DECODE_FAILED && contains(s.message, "Huffman table"));
    for (const auto &e : std::filesystem::directory_iterator(kRegressions / "fuzz_decode_jpeg")) {
        Status r = decode_status(read_file(e.path()));
        CHECK(r.code == ErrorCode::DECODE_FAILED && contains(r.message, "Huffman table"));
    }
    // Tables between the scans of a progressive file, and a baseline file, still decode.
    for (const char *ok : {"formats/jpeg_progressive_444.jpg", "formats/jpeg_baseline_420.jpg", "formats/jpeg_restart_adobe_rgb.jpg"})
        CHECK(decode_status(read_file(g_root + "/" + ok)).is_ok());
}

// stb_image 2.27 reads PNM header numbers into an int without an overflow check.
void test_pnm_header_numbers_overflow() {
    CHECK(decode_status(bytes("P6\n632 3588888886 32!\n")).code == ErrorCode::IMAGE_TOO_LARGE);
    CHECK(decode_status(bytes("P5 4 4 99999999999\n")).code == ErrorCode::DECODE_FAILED);
    CHECK(decode_status(bytes("P5 #c\n4294967297 1 255\n")).code == ErrorCode::IMAGE_TOO_LARGE);
    // Comments and every kind of whitespace, as before.
    std::vector<uint8_t> ok = bytes("P5\t# a comment\r\n2\v\f2 255\n");
    ok.insert(ok.end(), {1, 2, 3, 4});
    CHECK(decode_status(ok).is_ok());
    CHECK(decode_status(read_file(g_root + "/formats/ppm_p6_rgb.ppm")).is_ok());
}

// stb_image 2.27 loops forever on new-style RLE scanlines cut off by the end of the file.
void test_hdr_truncated_rle() {
    const std::vector<uint8_t> hdr = read_file(g_root + "/formats/hdr_rgbe_rle.hdr");
    CHECK(decode_status(hdr).is_ok());
    const std::vector<uint8_t> cut(hdr.begin(), hdr.begin() + long(hdr.size() * 2 / 3));
    Status s = decode_status(cut);
    CHECK(s.code == ErrorCode::DECODE_FAILED && contains(s.message, "run-length"));
    s = decode_status(read_file(kRegressions / "fuzz_decode_stb" / "hdr-rle-truncated-hang"));
    CHECK(s.code == ErrorCode::DECODE_FAILED && contains(s.message, "run-length"));
}

uint32_t be(const uint8_t *p, int n) { uint32_t v = 0; for (int i = 0; i < n; ++i) v = v << 8 | p[i]; return v; }

// An empty first IDAT chunk is legal PNG; stb 2.27 then memcpy's zero bytes to NULL (UBSan's
// nonnull-attribute report, silenced for stb_impl.cpp in tests/fuzz/CMakeLists.txt). Such a file
// must keep decoding, to the same pixels.
void test_png_empty_first_idat() {
    const std::vector<uint8_t> png = read_file(g_root + "/pngsuite/basn2c08.png");
    size_t at = 8;
    while (at + 8 <= png.size() && std::memcmp(&png[at + 4], "IDAT", 4) != 0) at += 12 + be(&png[at], 4);
    std::vector<uint8_t> with_empty(png.begin(), png.begin() + long(at));
    with_empty.insert(with_empty.end(), {0, 0, 0, 0, 'I', 'D', 'A', 'T', 0x35, 0xAF, 0x06, 0x1E});
    with_empty.insert(with_empty.end(), png.begin() + long(at), png.end());
    auto a = codec::decode_image(png.data(), png.size(), Limits{});
    auto b = codec::decode_image(with_empty.data(), with_empty.size(), Limits{});
    CHECK(a.ok() && b.ok());
    if (a.ok() && b.ok())
        CHECK(std::memcmp(a.value().image.data(), b.value().image.data(), a.value().image.size_bytes()) == 0);
}


// stb_truetype follows a glyph's own point counts past its end (ASan heap-buffer-overflow in
// stbtt__GetGlyphShapeTT), recurses into composite glyphs without a depth limit, and follows a
// cmap format-4 idRangeOffset anywhere (stbtt_FindGlyphIndex).
void test_font_glyph_outlines() {
    for (const auto &e : std::filesystem::directory_iterator(kRegressions / "fuzz_font")) {
        const std::vector<uint8_t> f = read_file(e.path());
        auto r = composite::load_font(f.data(), f.size());
        const std::string &m = r.status().message;
        // Refused at load, or (a cmap pointing past numGlyphs) loaded and drawn with .notdef.
        if (r.ok()) {
            composite::TextStyle st;
            st.text = "Ag fi";
            st.font = f.data();
            st.font_size = f.size();
            CHECK(composite::measure_text(st).ok() || composite::measure_text(st).status().code == ErrorCode::INVALID_ARGUMENT);
            continue;
        }
        CHECK(r.status().code == ErrorCode::INVALID_ARGUMENT && contains(m, "font: "));
    }
    // A contour of one off-curve point at the end of a glyph (stb read the point after it).
    const std::vector<uint8_t> lone = read_file(kRegressions / "fuzz_font" / "single-off-curve-contour");
    auto refused = composite::load_font(lone.data(), lone.size());
    CHECK(!refused.ok() && contains(refused.status().message, "off-curve"));
    // Every real font at hand still loads (the checks refuse nothing a font tool wrote).
    int fonts = 0;
    for (const auto &e : std::filesystem::recursive_directory_iterator("/usr/share/fonts")) {
        const std::string ext = e.path().extension().string();
        if (ext != ".ttf" && ext != ".otf") continue;
        ++fonts;
        const std::vector<uint8_t> f = read_file(e.path());
        auto r = composite::load_font(f.data(), f.size());
        CHECK(r.ok());
        if (!r.ok()) std::fprintf(stderr, "%s: %s\n", e.path().c_str(), r.status().message.c_str());
    }
    CHECK(fonts >= 4);  // fonts-dejavu-core and fonts-urw-base35 (scripts/setup.mjs)
    std::vector<uint8_t> font = read_file("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    // Make 'A' a composite glyph whose one component is 'A' itself.
    auto loaded = composite::load_font(font.data(), font.size());
    if (!loaded.ok()) return;
    const stbtt_fontinfo &fi = loaded.value().info;
    const int g = stbtt_FindGlyphIndex(&fi, 'A');
    const uint32_t off = fi.indexToLocFormat == 0 ? be(&font[fi.loca + g * 2], 2) * 2 : be(&font[fi.loca + g * 4], 4);
    uint8_t *p = &font[fi.glyf + off];
    const uint8_t self[] = {0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x00, 0x02, uint8_t(g >> 8), uint8_t(g), 0, 0};
    std::memcpy(p, self, sizeof self);
    auto cyclic = composite::load_font(font.data(), font.size());
    CHECK(!cyclic.ok() && contains(cyclic.status().message, "contains itself"));
}
}  // namespace

int main(int argc, char **argv) {
    g_root = argc > 1 ? argv[1] : "../shared/testdata";
    test_jpeg_huffman_table_over_256_codes();
    test_pnm_header_numbers_overflow();
    test_font_glyph_outlines();
    test_png_empty_first_idat();
    test_hdr_truncated_rle();
    return check_summary();
}
