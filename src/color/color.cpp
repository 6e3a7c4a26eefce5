// color.cpp: the colour-science formulas declared in color.h, each from its published source:
// sRGB transfer and primaries: IEC 61966-2-1:1999; OKLab: Björn Ottosson, "A perceptual color
// space for image processing" (2020), matrices M1·(sRGB→XYZ) combined as he publishes them for
// linear sRGB; CIELAB: CIE 15:2004 with the D65 white of the sRGB standard; CIEDE2000: Sharma, Wu
// & Dalal, Color Res. Appl. 30(1), 2005, equations (1)–(19).
#include "color/color.h"

#include <cmath>

namespace pixelpipe::color {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double deg(double rad) { return rad * 180.0 / kPi; }
constexpr double rad(double deg) { return deg * kPi / 180.0; }

struct Srgb8Table {
    float v[256];
    Srgb8Table() {
        for (int i = 0; i < 256; ++i) v[i] = srgb_to_linear(float(i) / 255.0f);
    }
};

}  // namespace

float srgb_to_linear(float v) {
    // Double inside: the table and the tests see the formula's exact value rounded once.
    const double x = v;
    return float(x <= 0.04045 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4));
}

float linear_to_srgb(float v) {
    const double x = v;
    return float(x <= 0.0031308 ? x * 12.92 : 1.055 * std::pow(x, 1.0 / 2.4) - 0.055);
}

const float *srgb8_to_linear_table() {
    static const Srgb8Table table;  // thread-safe static init (C++11)
    return table.v;
}

Lab linear_srgb_to_oklab(Rgb c) {
    const double l = 0.4122214708 * c.r + 0.5363325363 * c.g + 0.0514459929 * c.b;
    const double m = 0.2119034982 * c.r + 0.6806995451 * c.g + 0.1073969566 * c.b;
    const double s = 0.0883024619 * c.r + 0.2817188376 * c.g + 0.6299787005 * c.b;
    const double l_ = std::cbrt(l), m_ = std::cbrt(m), s_ = std::cbrt(s);
    return {float(0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_),
            float(1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_),
            float(0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_)};
}

Rgb oklab_to_linear_srgb(Lab c) {
    const double l_ = c.l + 0.3963377774 * c.a + 0.2158037573 * c.b;
    const double m_ = c.l - 0.1055613458 * c.a - 0.0638541728 * c.b;
    const double s_ = c.l - 0.0894841775 * c.a - 1.2914855480 * c.b;
    const double l = l_ * l_ * l_, m = m_ * m_ * m_, s = s_ * s_ * s_;
    return {float(+4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s),
            float(-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s),
            float(-0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s)};
}

Lab srgb8_to_oklab(uint8_t r, uint8_t g, uint8_t b) {
    const float *lin = srgb8_to_linear_table();
    return linear_srgb_to_oklab({lin[r], lin[g], lin[b]});
}

Lch oklab_to_oklch(Lab c) {
    const double chroma = std::hypot(double(c.a), double(c.b));
    double h = deg(std::atan2(double(c.b), double(c.a)));
    if (h < 0) h += 360.0;
    // Achromatic colours have no hue; 0 instead of the noise atan2 returns for tiny a, b.
    if (chroma < 1e-6) h = 0;
    return {c.l, float(chroma), float(h)};
}

Lab oklch_to_oklab(Lch c) {
    const double h = rad(c.h);
    return {c.l, float(c.c * std::cos(h)), float(c.c * std::sin(h))};
}

Lab srgb8_to_cielab(uint8_t r8, uint8_t g8, uint8_t b8) {
    const float *lin = srgb8_to_linear_table();
    const double r = lin[r8], g = lin[g8], b = lin[b8];
    // IEC 61966-2-1 primaries to XYZ, normalised by the D65 white (0.95047, 1, 1.08883).
    const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    const double y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
    const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    auto f = [](double t) {
        constexpr double eps = 216.0 / 24389.0, kappa = 24389.0 / 27.0;  // CIE exact ratios
        return t > eps ? std::cbrt(t) : (kappa * t + 16.0) / 116.0;
    };
    const double fx = f(x), fy = f(y), fz = f(z);
    return {float(116.0 * fy - 16.0), float(500.0 * (fx - fy)), float(200.0 * (fy - fz))};
}

float ciede2000(Lab lab1, Lab lab2) {
    const double L1 = lab1.l, a1 = lab1.a, b1 = lab1.b, L2 = lab2.l, a2 = lab2.a, b2 = lab2.b;
    const double pow25_7 = 6103515625.0;  // 25^7
    const double C1 = std::hypot(a1, b1), C2 = std::hypot(a2, b2);
    const double Cbar7 = std::pow((C1 + C2) / 2.0, 7.0);
    const double G = 0.5 * (1.0 - std::sqrt(Cbar7 / (Cbar7 + pow25_7)));
    const double a1p = (1.0 + G) * a1, a2p = (1.0 + G) * a2;
    const double C1p = std::hypot(a1p, b1), C2p = std::hypot(a2p, b2);
    auto hue = [](double b, double ap) {
        if (b == 0 && ap == 0) return 0.0;
        const double h = deg(std::atan2(b, ap));
        return h < 0 ? h + 360.0 : h;
    };
    const double h1p = hue(b1, a1p), h2p = hue(b2, a2p);

    // Hues exactly opposite (Sharma's rows 13-14) must take the "|h1' - h2'| <= 180" branches;
    // atan2 and the degree conversion can leave such a pair 1e-13 over 180.
    const double kOpposite = 180.0 + 1e-9;
    const double dLp = L2 - L1, dCp = C2p - C1p;
    double dhp = 0;
    if (C1p * C2p != 0) {
        dhp = h2p - h1p;
        if (dhp > kOpposite) dhp -= 360;
        else if (dhp < -kOpposite) dhp += 360;
    }
    const double dHp = 2.0 * std::sqrt(C1p * C2p) * std::sin(rad(dhp / 2.0));

    const double Lbarp = (L1 + L2) / 2.0, Cbarp = (C1p + C2p) / 2.0;
    double hbarp = h1p + h2p;
    if (C1p * C2p != 0) {
        if (std::fabs(h1p - h2p) <= kOpposite) hbarp /= 2.0;
        else hbarp = (h1p + h2p < 360) ? (hbarp + 360) / 2.0 : (hbarp - 360) / 2.0;
    }
    const double T = 1.0 - 0.17 * std::cos(rad(hbarp - 30)) + 0.24 * std::cos(rad(2 * hbarp)) +
                     0.32 * std::cos(rad(3 * hbarp + 6)) - 0.20 * std::cos(rad(4 * hbarp - 63));
    const double dTheta = 30.0 * std::exp(-((hbarp - 275) / 25) * ((hbarp - 275) / 25));
    const double Cbarp7 = std::pow(Cbarp, 7.0);
    const double Rc = 2.0 * std::sqrt(Cbarp7 / (Cbarp7 + pow25_7));
    const double Lm50sq = (Lbarp - 50) * (Lbarp - 50);
    const double Sl = 1.0 + 0.015 * Lm50sq / std::sqrt(20 + Lm50sq);
    const double Sc = 1.0 + 0.045 * Cbarp, Sh = 1.0 + 0.015 * Cbarp * T;
    const double Rt = -std::sin(rad(2 * dTheta)) * Rc;
    const double tl = dLp / Sl, tc = dCp / Sc, th = dHp / Sh;
    return float(std::sqrt(tl * tl + tc * tc + th * th + Rt * tc * th));
}

uint8_t to_u8(float v) {
    const float x = v * 255.0f + 0.5f;
    if (!(x > 0)) return 0;  // also NaN → 0
    return x >= 255.0f ? 255 : uint8_t(x);
}

}  // namespace pixelpipe::color
