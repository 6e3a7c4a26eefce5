// icc_writer.cpp: see icc_writer.h. Layout per ICC.1:2010 §7 (header, tag table, 4-byte aligned
// tag data); numbers big-endian, XYZ and matrices s15Fixed16. The profile ID (MD5) is left zero,
// which §7.2.18 allows ("not calculated").
#include "color/icc_writer.h"

#include <cmath>
#include <string>

#include "color/icc_builtin.h"

namespace pixelpipe::color {
namespace {

class Bytes {
public:
    void u32(uint32_t v) { for (int s = 24; s >= 0; s -= 8) b.push_back(uint8_t(v >> s)); }
    void u16(uint16_t v) { b.push_back(uint8_t(v >> 8)); b.push_back(uint8_t(v)); }
    void sig(const char *s) { for (int i = 0; i < 4; ++i) b.push_back(uint8_t(s[i])); }
    void s15f16(double v) { u32(uint32_t(int32_t(std::lround(v * 65536.0)))); }
    void xyz(const Xyz &x) { s15f16(x.x); s15f16(x.y); s15f16(x.z); }
    void pad() { while (b.size() % 4) b.push_back(0); }
    std::vector<uint8_t> b;
};

Bytes mluc(const std::string &text) {
    Bytes t;
    t.sig("mluc"); t.u32(0); t.u32(1); t.u32(12);
    t.sig("enUS"); t.u32(uint32_t(text.size() * 2)); t.u32(28);
    for (char c : text) t.u16(uint16_t(uint8_t(c)));
    return t;
}

Bytes xyz_tag(const Xyz &x) {
    Bytes t;
    t.sig("XYZ "); t.u32(0); t.xyz(x);
    return t;
}

}  // namespace

std::vector<uint8_t> write_matrix_trc_profile(const IccProfile &p) {
    Bytes curve;
    const IccCurve &c = p.trc[0];
    curve.sig("para"); curve.u32(0); curve.u16(uint16_t(c.function_type)); curve.u16(0);
    static const int kCount[5] = {1, 3, 4, 5, 7};
    for (int i = 0; i < kCount[c.function_type]; ++i) curve.s15f16(c.p[size_t(i)]);
    Bytes chad;
    chad.sig("sf32"); chad.u32(0);
    for (const auto &row : p.chad) for (double v : row) chad.s15f16(v);
    Xyz col[3];
    for (size_t i = 0; i < 3; ++i) col[i] = {p.to_pcs[0][i], p.to_pcs[1][i], p.to_pcs[2][i]};

    struct Entry { const char *sig; Bytes data; };
    std::vector<Entry> tags = {{"desc", mluc(p.description)}, {"cprt", mluc("No copyright, use freely")},
                               {"wtpt", xyz_tag(p.white)},    {"chad", chad},
                               {"rXYZ", xyz_tag(col[0])},     {"gXYZ", xyz_tag(col[1])},
                               {"bXYZ", xyz_tag(col[2])},     {"rTRC", curve}};
    const size_t table_end = 128 + 4 + 12 * (tags.size() + 2);  // + gTRC, bTRC sharing rTRC's data
    std::vector<uint32_t> offsets;
    size_t pos = table_end;
    for (auto &t : tags) {
        t.data.pad();
        offsets.push_back(uint32_t(pos));
        pos += t.data.b.size();
    }
    Bytes out;
    out.u32(uint32_t(pos)); out.u32(0); out.u32(0x04300000);
    out.sig("mntr"); out.sig("RGB "); out.sig("XYZ ");
    for (int i = 0; i < 6; ++i) out.u16(0);  // creation date: none
    out.sig("acsp");
    for (int i = 0; i < 6; ++i) out.u32(0);  // platform, flags, manufacturer, model, attributes (8)
    out.u32(0);                               // rendering intent: perceptual
    out.xyz(d50_white());
    out.u32(0);                               // creator
    while (out.b.size() < 128) out.b.push_back(0);  // profile ID (zero) + reserved
    out.u32(uint32_t(tags.size() + 2));
    for (size_t i = 0; i < tags.size(); ++i) {
        out.sig(tags[i].sig); out.u32(offsets[i]); out.u32(uint32_t(tags[i].data.b.size()));
    }
    const Entry &trc = tags.back();
    for (const char *s : {"gTRC", "bTRC"}) {
        out.sig(s); out.u32(offsets.back()); out.u32(uint32_t(trc.data.b.size()));
    }
    for (const auto &t : tags) out.b.insert(out.b.end(), t.data.b.begin(), t.data.b.end());
    return out.b;
}

const std::vector<uint8_t> &srgb_profile_bytes() {
    static const std::vector<uint8_t> b = write_matrix_trc_profile(srgb_profile());
    return b;
}

const std::vector<uint8_t> &display_p3_profile_bytes() {
    static const std::vector<uint8_t> b = write_matrix_trc_profile(display_p3_profile());
    return b;
}

}  // namespace pixelpipe::color
