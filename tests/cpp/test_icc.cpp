// test_icc.cpp: ICC profile parsing, the built-in sRGB / Display P3 profiles, the profile writer,
// profile extraction from files and the pp_icc_matrix_trc conversion. argv[1] = shared test data.
// Oracles: published colorant values (the ICC's sRGB profile, Apple's Display P3 profile), the
// CSS Color 4 linear-P3 -> linear-sRGB matrix with the IEC 61966-2-1 formulas, and the profile
// sizes the files declare. Pixel accuracy against Little CMS is in tests/oracle/test_icc_oracle.py.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "test_images.h"
#include "codec/decode.h"
#include "codec/icc_extract.h"
#include "color/icc_builtin.h"
#include "color/icc_lcms.h"
#include "color/icc_profile.h"
#include "color/icc_transform.h"
#include "color/icc_writer.h"

using namespace pixelpipe;
using namespace pixelpipe::color;

namespace {

using test_images::read_file;

void check_colorants(const IccProfile &p, const double want[3][3], double tol) {
    for (size_t i = 0; i < 3; ++i)
        for (size_t r = 0; r < 3; ++r) CHECK_NEAR(p.to_pcs[r][i], want[i][r], tol);
}

void builtin_colorants() {
    // rXYZ/gXYZ/bXYZ of the ICC's sRGB profiles (sRGB_v4_ICC_preference / IEC 61966-2.1), and of
    // Apple's "Display P3" profile, both D50 and Bradford-adapted; s15Fixed16 precision.
    const double srgb[3][3] = {{0.436066, 0.222488, 0.013916}, {0.385147, 0.716873, 0.097076}, {0.143066, 0.060608, 0.714096}};
    const double p3[3][3] = {{0.515121, 0.241196, -0.001053}, {0.291977, 0.692245, 0.041885}, {0.157104, 0.066574, 0.784073}};
    check_colorants(srgb_profile(), srgb, 0.0006);
    check_colorants(display_p3_profile(), p3, 0.0006);
    CHECK(is_srgb_profile(srgb_profile()));
    CHECK(!is_srgb_profile(display_p3_profile()));
    // The sRGB para curve is the IEC 61966-2-1 formula.
    for (double v : {0.0, 0.02, 0.04045, 0.2, 0.5, 1.0}) {
        const double want = v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        CHECK_NEAR(srgb_profile().trc[0].eval(v), want, 1e-7);  // the two branches meet within 1e-8 at 0.04045
    }
}

void writer_round_trip() {
    for (const IccProfile *p : {&srgb_profile(), &display_p3_profile()}) {
        const std::vector<uint8_t> bytes = write_matrix_trc_profile(*p);
        auto parsed = parse_icc_profile(bytes.data(), bytes.size());
        CHECK(parsed.ok());
        if (!parsed.ok()) continue;
        const IccProfile &q = parsed.value();
        CHECK(q.has_matrix_trc);
        CHECK(q.description == p->description);
        CHECK(q.color_space == "RGB" && q.pcs == "XYZ" && icc_class_name(q) == "display");
        CHECK(q.version == 0x04300000);
        for (size_t r = 0; r < 3; ++r)
            for (size_t c = 0; c < 3; ++c) CHECK_NEAR(q.to_pcs[r][c], p->to_pcs[r][c], 1.0 / 65536);
        CHECK(is_srgb_profile(q) == (p == &srgb_profile()));
        // Little CMS (an independent ICC reader) accepts it: a gray ramp converts to itself.
        auto img = Image::allocate(256, 1);
        for (int x = 0; x < 256; ++x) std::memset(img.value().row(0) + x * 4, x, 4);
        CHECK(lcms_to_srgb(img.value(), bytes.data(), bytes.size()).is_ok());
        int worst = 0;
        for (int x = 0; x < 256; ++x)
            for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(img.value().row(0)[x * 4 + c]) - x));
        CHECK(worst <= 1);
    }
    CHECK(srgb_profile_bytes().size() < 1024);  // compact enough to embed in every JPEG/WebP
}

void malformed_profiles() {
    const std::vector<uint8_t> good = display_p3_profile_bytes();
    CHECK(parse_icc_profile(good.data(), good.size()).ok());
    // Every truncation: an error (declared size over the data) and no crash (ASan/valgrind-clean).
    for (size_t n = 0; n < good.size(); ++n) CHECK(!parse_icc_profile(good.data(), n).ok());
    CHECK(!parse_icc_profile(nullptr, 0).ok());
    auto edited = [&](size_t at, uint32_t v) {
        std::vector<uint8_t> b = good;
        for (int i = 0; i < 4; ++i) b[at + size_t(i)] = uint8_t(v >> (24 - 8 * i));
        return parse_icc_profile(b.data(), b.size());
    };
    auto bad_count = edited(128, 0x7FFFFFFF);
    CHECK(!bad_count.ok() && bad_count.status().message.find("tag table") != std::string::npos);
    CHECK(!edited(132 + 4, 0xFFFFFF00).ok());      // first tag's offset outside
    CHECK(!edited(132 + 8, 0x10000).ok());         // first tag's size outside
    CHECK(!edited(36, 0x41424344).ok());           // no 'acsp'
    CHECK(!edited(0, 100).ok());                   // declared size below the header
    // rTRC of an unknown type: the matrix/TRC path is refused, with the tag named.
    std::vector<uint8_t> b = good;
    const size_t rtrc_entry = 132 + 7 * 12;
    const size_t off = size_t(b[rtrc_entry + 4]) << 24 | size_t(b[rtrc_entry + 5]) << 16 | size_t(b[rtrc_entry + 6]) << 8 | b[rtrc_entry + 7];
    std::memcpy(&b[off], "junk", 4);
    auto junk = parse_icc_profile(b.data(), b.size());
    CHECK(!junk.ok() && junk.status().message.find("rTRC") != std::string::npos);
}

void curves() {
    IccCurve g;
    g.kind = IccCurve::Kind::Gamma;
    g.p[0] = 2.2;
    CHECK_NEAR(g.eval(0.5), std::pow(0.5, 2.2), 1e-12);
    IccCurve t;
    t.kind = IccCurve::Kind::Table;
    t.table = {0, 65535};
    CHECK_NEAR(t.eval(0.25), 0.25, 1e-9);
    t.table = {0, 16384, 65535};  // linear interpolation between entries (ICC.1 §10.6)
    CHECK_NEAR(t.eval(0.25), 8192 / 65535.0, 1e-9);
    IccCurve para;  // type 4 with an offset: y = (a x + b)^g + e above d, c x + f below
    para.kind = IccCurve::Kind::Parametric;
    para.function_type = 4;
    para.p = {2.0, 1.0, 0.0, 0.5, 0.1, 0.05, 0.01};
    CHECK_NEAR(para.eval(0.05), 0.5 * 0.05 + 0.01, 1e-12);
    CHECK_NEAR(para.eval(0.5), 0.25 + 0.05, 1e-12);
}

// sRGB decode of a Display P3 pixel with the published CSS Color 4 matrix (both spaces D65, so
// the D50 round trip through the PCS must cancel).
void p3_conversion_vs_css_matrix() {
    const double m[3][3] = {{1.2249401, -0.2249404, 0.0}, {-0.0420569, 1.0420571, 0.0}, {-0.0196376, -0.0786361, 1.0982735}};
    auto dec = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    auto enc = [](double v) {
        v = v < 0 ? 0 : v > 1 ? 1 : v;
        return v <= 0.0031308 ? 12.92 * v : 1.055 * std::pow(v, 1 / 2.4) - 0.055;
    };
    const int w = 331, h = 97;  // odd sizes: vector tails
    auto img = Image::allocate(w, h);
    uint32_t s = 12345;
    for (size_t i = 0; i < size_t(w) * h * 4; ++i) {
        s = s * 1664525u + 1013904223u;
        img.value().data()[i] = uint8_t(s >> 24);
    }
    const std::vector<uint8_t> before(img.value().data(), img.value().data() + img.value().size_bytes());
    CHECK(apply_matrix_trc(img.value(), build_matrix_trc(display_p3_profile(), srgb_profile())).is_ok());
    int worst = 0;
    bool alpha_kept = true;
    for (size_t i = 0; i < size_t(w) * h; ++i) {
        const uint8_t *in = &before[i * 4], *out = img.value().data() + i * 4;
        const double lin[3] = {dec(in[0] / 255.0), dec(in[1] / 255.0), dec(in[2] / 255.0)};
        for (int r = 0; r < 3; ++r) {
            const double v = m[r][0] * lin[0] + m[r][1] * lin[1] + m[r][2] * lin[2];
            worst = std::max(worst, std::abs(int(out[r]) - int(std::lround(enc(v) * 255))));
        }
        alpha_kept = alpha_kept && out[3] == in[3];
    }
    std::printf("P3 -> sRGB vs CSS Color 4 matrix: worst %d level(s)\n", worst);
    CHECK(worst <= 1);
    CHECK(alpha_kept);
}

void extraction(const std::string &root) {
    // 18 APP2 segments, reassembled: the declared size and a parsable CMYK output profile.
    auto jpg = read_file(root + "/formats/jpeg_ycck_adobe_icc_restart.jpg");
    auto e = codec::extract_embedded_color(jpg.data(), jpg.size());
    CHECK(e.declared && e.warning.empty());
    CHECK(e.icc.size() > 65519);  // more than one APP2 segment's worth
    const size_t declared = e.icc.size() >= 4 ? size_t(e.icc[0]) << 24 | size_t(e.icc[1]) << 16 | size_t(e.icc[2]) << 8 | e.icc[3] : 0;
    CHECK(declared == e.icc.size());
    auto p = parse_icc_profile(e.icc.data(), e.icc.size());
    CHECK(p.ok() && p.value().color_space == "CMYK" && icc_class_name(p.value()) == "output" && p.value().has_a2b[0]);
    // A missing segment: dropped with a warning naming the count.
    std::vector<uint8_t> cut = jpg;
    for (size_t i = 0; i + 16 < cut.size(); ++i) {
        if (cut[i] == 0xFF && cut[i + 1] == 0xE2 && std::memcmp(&cut[i + 4], "ICC_PROFILE", 11) == 0 && cut[i + 16] == 5) {
            cut[i + 4] = 'X';  // segment 5 no longer says ICC_PROFILE
            break;
        }
    }
    auto e2 = codec::extract_embedded_color(cut.data(), cut.size());
    CHECK(e2.icc.empty() && e2.warning.find("17 of 18") != std::string::npos);
    // PNG iCCP (sRGB2014): inflated, recognised as sRGB, so decoding changes nothing.
    auto png = read_file(root + "/formats/png_rgb16_icc.png");
    auto e3 = codec::extract_embedded_color(png.data(), png.size());
    auto p3 = parse_icc_profile(e3.icc.data(), e3.icc.size());
    CHECK(p3.ok() && is_srgb_profile(p3.value()));
    codec::DecodeOptions ignore;
    ignore.color = codec::ColorManagement::Ignore;
    auto a = codec::decode_image(png.data(), png.size(), Limits{});
    auto b = codec::decode_image(png.data(), png.size(), Limits{}, ignore);
    CHECK(a.ok() && b.ok() && !a.value().color_converted && !a.value().icc_profile.empty() && b.value().icc_profile.empty());
    CHECK(a.ok() && b.ok() && std::memcmp(a.value().image.data(), b.value().image.data(), a.value().image.size_bytes()) == 0);
}

// Without a profile: the naive conversion R = 255 (1 - C)(1 - K), stated in icc_lcms.h; Adobe
// files store 255 - ink. With a non-CMYK profile: naive too, with a warning.
void cmyk_without_profile() {
    const uint8_t ink[8] = {0, 0, 0, 0, 51, 102, 153, 204};  // white; C .2 M .4 Y .6 K .8
    const uint8_t adobe[8] = {255, 255, 255, 255, 204, 153, 102, 51};
    for (bool inverted : {false, true}) {
        std::string warning = "unset";
        auto img = cmyk_to_srgb(inverted ? adobe : ink, 2, 1, inverted, nullptr, 0, &warning);
        CHECK(img.ok() && warning.empty());
        if (!img.ok()) continue;
        const uint8_t *p = img.value().data();
        CHECK(p[0] == 255 && p[1] == 255 && p[2] == 255 && p[3] == 255);
        CHECK_NEAR(p[4], 255 * 0.8 * 0.2, 0.51);
        CHECK_NEAR(p[5], 255 * 0.6 * 0.2, 0.51);
        CHECK_NEAR(p[6], 255 * 0.4 * 0.2, 0.51);
        CHECK(p[7] == 255);
    }
    std::string warning;
    const auto &rgb = srgb_profile_bytes();
    auto img = cmyk_to_srgb(ink, 2, 1, false, rgb.data(), rgb.size(), &warning);
    CHECK(img.ok() && warning.find("not a CMYK profile") != std::string::npos);
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    builtin_colorants();
    writer_round_trip();
    malformed_profiles();
    curves();
    p3_conversion_vs_css_matrix();
    extraction(root);
    cmyk_without_profile();
    return check_summary();
}
