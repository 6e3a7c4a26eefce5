// test_icc_decode_overlap.cpp: a Display P3 JPEG is converted to sRGB while it decodes
// (codec/convert_while_decoding.h). argv[1] = shared test data.
// Oracles: published matrices with the spaces' transfer formulas, in double precision, on the
// decoder's unconverted pixels: Display P3 (CSS Color 4's linear-P3 -> linear-sRGB matrix, the
// IEC 61966-2-1 curve), Adobe RGB (1998) (Adobe's RGB -> XYZ and IEC's XYZ -> sRGB, gamma
// 563/256) and ProPhoto (ROMM RGB -> XYZ D50, Bradford D50 -> D65, gamma 1.8; matrices as
// published by B. Lindbloom); an sRGB profile is not converted at all. For the band hand-over:
// the same conversion done in one piece after the decode (every row converted exactly once,
// whatever the thread count). The image is saturated colour in every row, where a row converted
// twice or not at all is off by many levels (on grays the spaces agree, which would hide it).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "HalideRuntime.h"
#include "check.h"
#include "codec/decode.h"
#include "codec/encoders/jpeg.h"
#include "codec/icc_embed.h"
#include "color/icc_builtin.h"
#include "color/icc_profile.h"
#include "color/icc_transform.h"
#include "color/icc_writer.h"
#include "reference/color.h"

using namespace pixelpipe;

namespace {

// 1203 x 1001 (odd: vector tails, a last band of 41 rows after 15 of 64): hue along x, value
// along y, a checker of saturation; encoded 4:4:4 q95 so that the colour survives.
std::vector<uint8_t> colourful_jpeg() {
    const int w = 1203, h = 1001;
    auto img = Image::allocate(w, h);
    CHECK(img.ok());
    for (int y = 0; y < h; ++y) {
        for (int x = 0; x < w; ++x) {
            const double hue = 6.0 * x / w, v = 0.25 + 0.75 * y / h, s = ((x / 37 + y / 29) % 2) ? 1.0 : 0.6;
            const int i = int(hue) % 6;
            const double f = hue - std::floor(hue), p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
            const double rgb[6][3] = {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}};
            uint8_t *px = img.value().data() + (size_t(y) * w + x) * 4;
            for (int c = 0; c < 3; ++c) px[c] = uint8_t(std::lround(rgb[i][c] * 255));
            px[3] = 255;
        }
    }
    codec::JpegOptions o;
    o.quality = 95;
    o.subsample_420 = false;
    auto jpg = codec::encode_jpeg(img.value(), o);
    CHECK(jpg.ok());
    return jpg.take();
}

std::vector<uint8_t> with_profile(const std::vector<uint8_t> &jpg, const std::vector<uint8_t> &icc) {
    auto tagged = codec::embed_icc_profile(jpg, "jpeg", icc, 1203, 1001);
    CHECK(tagged.ok());
    return tagged.take();
}

// A pure-gamma matrix/TRC profile of `space` (as Adobe RGB and ProPhoto profiles are).
std::vector<uint8_t> gamma_profile(const color::RgbSpace &space, double gamma) {
    color::IccProfile p = color::make_rgb_profile(space);
    for (auto &c : p.trc) {
        c.kind = color::IccCurve::Kind::Parametric;
        c.function_type = 0;
        c.p = {gamma, 0, 0, 0, 0, 0, 0};
    }
    return color::write_matrix_trc_profile(p);
}

struct Source {
    const char *name;
    std::vector<uint8_t> icc;
    double to_srgb[3][3];  // linear source RGB -> linear sRGB
    double gamma;          // 0: the sRGB curve
};

using M3 = double[3][3];
void mul(const M3 &a, const M3 &b, M3 &out) {
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) out[r][c] = a[r][0] * b[0][c] + a[r][1] * b[1][c] + a[r][2] * b[2][c];
}

std::vector<Source> sources() {
    const M3 xyz_to_srgb = {{3.2404542, -1.5371385, -0.4985314}, {-0.9692660, 1.8760108, 0.0415560}, {0.0556434, -0.2040259, 1.0572252}};
    const M3 adobe_to_xyz = {{0.5767309, 0.1855540, 0.1881852}, {0.2973769, 0.6273491, 0.0752741}, {0.0270343, 0.0706872, 0.9911085}};
    const M3 prophoto_to_xyz_d50 = {{0.7976749, 0.1351917, 0.0313534}, {0.2880402, 0.7118741, 0.0000857}, {0.0, 0.0, 0.8252100}};
    const M3 bradford_d50_to_d65 = {{0.9555766, -0.0230393, 0.0631636}, {-0.0282895, 1.0099416, 0.0210077}, {0.0122982, -0.0204830, 1.3299098}};
    std::vector<Source> out(4);
    out[0] = {"sRGB", color::srgb_profile_bytes(), {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 0};
    out[1] = {"Display P3", color::display_p3_profile_bytes(),
              {{1.2249401, -0.2249404, 0.0}, {-0.0420569, 1.0420571, 0.0}, {-0.0196376, -0.0786361, 1.0982735}}, 0};
    const color::RgbSpace adobe{"Adobe RGB (1998)", {0.64, 0.33}, {0.21, 0.71}, {0.15, 0.06}, {0.3127, 0.3290}};
    const color::RgbSpace prophoto{"ProPhoto RGB", {0.7347, 0.2653}, {0.1596, 0.8404}, {0.0366, 0.0001}, {0.3457, 0.3585}};
    out[2] = {"Adobe RGB", gamma_profile(adobe, 563.0 / 256), {}, 563.0 / 256};
    mul(xyz_to_srgb, adobe_to_xyz, out[2].to_srgb);
    out[3] = {"ProPhoto", gamma_profile(prophoto, 1.8), {}, 1.8};
    M3 d65;
    mul(bradford_d50_to_d65, prophoto_to_xyz_d50, d65);
    mul(xyz_to_srgb, d65, out[3].to_srgb);
    return out;
}

Result<codec::DecodedImage> decode(const std::vector<uint8_t> &jpg, codec::ColorManagement color, int shrink = 1) {
    codec::DecodeOptions o;
    o.color = color;
    o.shrink = shrink;
    return codec::decode_image(jpg.data(), jpg.size(), Limits{}, o);
}

bool same_pixels(const Image &a, const Image &b) {
    return a.width() == b.width() && a.height() == b.height() && std::memcmp(a.data(), b.data(), a.size_bytes()) == 0;
}

// The decoded pixels against the formulas: at most 1 level off, and almost all exact (the
// 16384-entry output table adds at most ±0.1 level; the profile's s15Fixed16 colorants and the
// published matrices' rounding about 0.05).
void against_formulas(const Source &src, const Image &stored, const Image &converted) {
    const double g = src.gamma;
    // Source curve: a pure gamma, or sRGB's (Display P3 uses it); the destination is sRGB.
    auto dec = [g](uint8_t code) { return g > 0 ? std::pow(code / 255.0, g) : ref::to_lin(code); };
    const auto &m = src.to_srgb;
    int worst = 0;
    size_t exact = 0, total = 0, changed = 0;
    for (size_t i = 0; i < size_t(stored.width()) * stored.height(); ++i) {
        const uint8_t *in = stored.data() + i * 4, *out = converted.data() + i * 4;
        const double lin[3] = {dec(in[0]), dec(in[1]), dec(in[2])};
        for (int r = 0; r < 3; ++r) {
            const int want = int(std::lround(ref::from_lin(m[r][0] * lin[0] + m[r][1] * lin[1] + m[r][2] * lin[2])));
            const int d = std::abs(int(out[r]) - want);
            worst = std::max(worst, d);
            exact += d == 0;
            changed += out[r] != in[r];
            ++total;
        }
    }
    std::printf("%s JPEG converted while decoding vs formulas: worst %d, exact %.3f %%, changed by the conversion %.1f %%\n", src.name,
                worst, 100.0 * exact / total, 100.0 * changed / total);
    CHECK(worst <= 1);
    CHECK(exact >= total * 99 / 100);
    if (src.gamma > 0 || std::string(src.name) == "Display P3") CHECK(changed >= total / 2);  // colourful enough to show a missed band
}

void overlapped_equals_after(const std::vector<uint8_t> &plain, const Source &src) {
    const std::vector<uint8_t> jpg = with_profile(plain, src.icc);
    const bool srgb = std::string(src.name) == "sRGB";
    for (int shrink : {1, 2, 8}) {
        auto stored = decode(jpg, codec::ColorManagement::Ignore, shrink);
        auto converted = decode(jpg, codec::ColorManagement::Convert, shrink);
        CHECK(stored.ok() && converted.ok());
        if (!stored.ok() || !converted.ok()) return;
        CHECK(converted.value().color_converted == !srgb && !converted.value().icc_profile.empty());
        CHECK(converted.value().warnings.empty());
        if (srgb) {  // sRGB pays nothing: the pixels as stored
            CHECK(same_pixels(stored.value().image, converted.value().image));
            continue;
        }
        auto copy = Image::allocate(stored.value().image.width(), stored.value().image.height());
        CHECK(copy.ok());
        if (!copy.ok()) return;
        Image after = copy.take();
        std::memcpy(after.data(), stored.value().image.data(), after.size_bytes());
        // The profile as the file carries it (s15Fixed16 colorants), as the decoder parses it.
        auto embedded = color::parse_icc_profile(src.icc.data(), src.icc.size());
        CHECK(embedded.ok());
        CHECK(color::apply_matrix_trc(after, color::build_matrix_trc(embedded.value(), color::srgb_profile())).is_ok());
        CHECK(same_pixels(after, converted.value().image));
        if (shrink == 1) against_formulas(src, stored.value().image, converted.value().image);
    }
}

// One thread: decode, then the conversion of every row (the st build's order); several: the
// same pixels.
void thread_counts(const std::vector<uint8_t> &jpg) {
    auto many = decode(jpg, codec::ColorManagement::Convert);
    halide_shutdown_thread_pool();  // a lower count only applies to a new pool (toolchain.md §2)
    halide_set_num_threads(1);
    auto one = decode(jpg, codec::ColorManagement::Convert);
    halide_shutdown_thread_pool();
    halide_set_num_threads(4);
    auto four = decode(jpg, codec::ColorManagement::Convert);
    CHECK(many.ok() && one.ok() && four.ok());
    if (many.ok() && one.ok() && four.ok()) {
        CHECK(same_pixels(many.value().image, one.value().image));
        CHECK(same_pixels(many.value().image, four.value().image));
    }
}

// A file that ends in the middle of the scan: refused as without colour management, after the
// converter has had rows (the decoder must not free them under it).
void truncated(const std::vector<uint8_t> &jpg) {
    for (size_t keep : {jpg.size() / 3, jpg.size() * 2 / 3, jpg.size() - 100}) {
        const std::vector<uint8_t> cut(jpg.begin(), jpg.begin() + long(keep));
        auto a = decode(cut, codec::ColorManagement::Convert);
        auto b = decode(cut, codec::ColorManagement::Ignore);
        CHECK(!a.ok() && a.status().code == ErrorCode::DECODE_FAILED);
        CHECK(!b.ok() && b.status().code == a.status().code);
    }
}

}  // namespace

int main(int, char **) {
    const auto plain = colourful_jpeg();
    const auto all = sources();
    for (const Source &src : all) overlapped_equals_after(plain, src);
    const auto jpg = with_profile(plain, all[1].icc);
    thread_counts(jpg);
    truncated(jpg);
    return check_summary();
}
