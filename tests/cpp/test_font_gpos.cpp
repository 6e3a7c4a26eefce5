// test_font_gpos.cpp: check_gpos_kerning (composite/font_gpos.h) on hand-built GPOS tables laid
// out from the OpenType spec (a format-1 and a format-2 pair-adjustment lookup, one pair each):
// accepted whole, refused at EVERY truncation (each of their bytes is one stb reads), value
// formats stb ignores are "unusable", other versions "absent"; and Debian's real fonts: DejaVu
// Sans (fonts-dejavu-core, class pairs) and Nimbus Sans (fonts-urw-base35, glyph pairs, GPOS
// only) are usable. Kerning VALUES are checked against Chromium (tests/browser/composite.spec.js).
// argv[1] = test data folder (unused).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "check.h"
#include "composite/font_gpos.h"

using namespace pixelpipe::composite;

namespace {

using Bytes = std::vector<uint8_t>;
// CHECK with the reason printed when it fails.
void expect(bool ok, const std::string &what) {
    CHECK(ok);
    if (!ok) std::fprintf(stderr, "  %s\n", what.c_str());
}

void be16(Bytes &b, unsigned v) { b.push_back(uint8_t(v >> 8)); b.push_back(uint8_t(v)); }

// Header + LookupList (one lookup, type 2, one subtable at offset 8 from the lookup); the
// subtable is appended by the caller at byte 22.
Bytes gpos_head(unsigned minor = 0) {
    Bytes b;
    be16(b, 1); be16(b, minor); be16(b, 0); be16(b, 0); be16(b, 10);  // version, script, feature, lookup list
    be16(b, 1); be16(b, 4);                                            // lookup count, offset → 14
    be16(b, 2); be16(b, 0); be16(b, 1); be16(b, 8);                    // type 2, flags, 1 subtable → 22
    return b;
}

// PairPos format 1: glyph 5 followed by glyph 7 → xAdvance −50.
Bytes pair_format1(unsigned vf1 = 4, unsigned vf2 = 0) {
    Bytes b = gpos_head();
    be16(b, 1); be16(b, 12); be16(b, vf1); be16(b, vf2); be16(b, 1); be16(b, 18);  // coverage → 34, pair set → 40
    be16(b, 1); be16(b, 1); be16(b, 5);                                            // coverage format 1: glyph 5
    be16(b, 1); be16(b, 7); be16(b, 0xFFCE);                                       // 1 pair: glyph 7, −50
    return b;
}

// PairPos format 2: glyphs 5–6 (coverage range) in classes 0/1, glyph 7 in class 1; 2×2 matrix.
Bytes pair_format2() {
    Bytes b = gpos_head();
    be16(b, 2); be16(b, 24); be16(b, 4); be16(b, 0); be16(b, 34); be16(b, 44); be16(b, 2); be16(b, 2);
    for (unsigned v : {0u, 0u, 0u, 0xFFCEu}) be16(b, v);                // class1 × class2 xAdvance cells
    be16(b, 2); be16(b, 1); be16(b, 5); be16(b, 6); be16(b, 0);         // coverage format 2 at +24
    be16(b, 1); be16(b, 5); be16(b, 2); be16(b, 0); be16(b, 1);         // class def 1, format 1 at +34
    be16(b, 2); be16(b, 1); be16(b, 7); be16(b, 7); be16(b, 1);         // class def 2, format 2 at +44
    return b;
}

void check_every_truncation_refused(const Bytes &table, const char *what) {
    CHECK(check_gpos_kerning(table.data(), table.size()) == GposKerning::Usable);
    CHECK(check_gpos_kerning(table.data(), 0) == GposKerning::Absent);
    int refused = 0;
    for (size_t n = 1; n < table.size(); ++n) refused += check_gpos_kerning(table.data(), n) == GposKerning::Malformed;
    expect(refused == int(table.size()) - 1, std::string(what) + ": every truncation is malformed, refused " +
                                                    std::to_string(refused) + " of " + std::to_string(table.size() - 1));
}

// The GPOS table of a font file, or empty when the file or the table is missing.
Bytes gpos_of(const char *path) {
    std::ifstream f(path, std::ios::binary);
    const Bytes font((std::istreambuf_iterator<char>(f)), {});
    if (font.size() < 12) return {};
    const auto u16 = [&](size_t at) { return size_t(font[at] << 8 | font[at + 1]); };
    const auto u32 = [&](size_t at) { return u16(at) << 16 | u16(at + 2); };
    for (size_t i = 0, n = u16(4); i < n && 12 + 16 * i + 16 <= font.size(); ++i) {
        const size_t rec = 12 + 16 * i;
        if (std::memcmp(&font[rec], "GPOS", 4) == 0 && u32(rec + 8) + u32(rec + 12) <= font.size())
            return Bytes(font.begin() + long(u32(rec + 8)), font.begin() + long(u32(rec + 8) + u32(rec + 12)));
    }
    return {};
}

}  // namespace

int main() {
    check_every_truncation_refused(pair_format1(), "format 1");
    check_every_truncation_refused(pair_format2(), "format 2");

    const Bytes values = pair_format1(1, 1);  // xPlacement pairs: stb reads no further
    CHECK(check_gpos_kerning(values.data(), values.size()) == GposKerning::Unusable);
    const Bytes v11 = gpos_head(1);  // GPOS 1.1: stb ignores the table
    CHECK(check_gpos_kerning(v11.data(), v11.size()) == GposKerning::Absent);

    // A pair-set offset pointing past the end (stb would follow it for the covered glyph).
    Bytes wild = pair_format1();
    wild[32] = 0x7F;
    CHECK(check_gpos_kerning(wild.data(), wild.size()) == GposKerning::Malformed);

    for (const char *path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                             "/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf"}) {
        const Bytes gpos = gpos_of(path);
        expect(!gpos.empty(), std::string(path) + " has a GPOS table (fonts-dejavu-core, fonts-urw-base35)");
        expect(check_gpos_kerning(gpos.data(), gpos.size()) == GposKerning::Usable, std::string(path) + " kerns by GPOS");
    }
    return check_summary();
}
