// test_color_science.cpp: src/color against published numbers, not against itself:
// - CIEDE2000: the 34 pairs of Sharma, Wu & Dalal (2005), Table 1, to 1e-4, both argument orders;
// - OKLab: Björn Ottosson's table of XYZ → OKLab reference values (3 decimals), with XYZ taken to
//   linear sRGB by the IEC 61966-2-1 inverse matrix (the test's own knowledge);
// - CIELAB of sRGB primaries: Bruce Lindbloom's calculator values (D65, 4 decimals);
// - the sRGB curve: every 8-bit code survives decode → encode; the published value at 0.5.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "check.h"
#include "color/color.h"

using namespace pixelpipe::color;

namespace {

void test_ciede2000(const std::string &root) {
    std::ifstream in(root + "/reference/ciede2000-sharma-2005.tsv");
    CHECK(in.good());
    std::string line;
    int rows = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#' || line[0] == 'L') continue;  // comments, header
        std::istringstream s(line);
        double L1, a1, b1, L2, a2, b2, expected;
        if (!(s >> L1 >> a1 >> b1 >> L2 >> a2 >> b2 >> expected)) continue;
        const Lab p{float(L1), float(a1), float(b1)}, q{float(L2), float(a2), float(b2)};
        CHECK_NEAR(ciede2000(p, q), expected, 1e-4);
        CHECK_NEAR(ciede2000(q, p), expected, 1e-4);
        ++rows;
    }
    CHECK(rows == 34);
}

void test_oklab_reference() {
    struct Row { double x, y, z, L, a, b; };
    const Row rows[] = {{0.950, 1.000, 1.089, 1.000, 0.000, 0.000},
                        {1.000, 0.000, 0.000, 0.450, 1.236, -0.019},
                        {0.000, 1.000, 0.000, 0.922, -0.671, 0.263},
                        {0.000, 0.000, 1.000, 0.153, -1.415, -0.449}};
    for (const Row &r : rows) {
        const Rgb lin{float(3.2404542 * r.x - 1.5371385 * r.y - 0.4985314 * r.z),
                      float(-0.9692660 * r.x + 1.8760108 * r.y + 0.0415560 * r.z),
                      float(0.0556434 * r.x - 0.2040259 * r.y + 1.0572252 * r.z)};
        const Lab lab = linear_srgb_to_oklab(lin);
        // The published values have 3 decimals; the sRGB-matrix route adds < 1e-3.
        CHECK_NEAR(lab.l, r.L, 2e-3);
        CHECK_NEAR(lab.a, r.a, 2e-3);
        CHECK_NEAR(lab.b, r.b, 2e-3);
    }
    // CSS Color 4's worked example: sRGB red = oklab(0.62796 0.22486 0.12585).
    const Lab red = srgb8_to_oklab(255, 0, 0);
    CHECK_NEAR(red.l, 0.62796, 1e-4);
    CHECK_NEAR(red.a, 0.22486, 1e-4);
    CHECK_NEAR(red.b, 0.12585, 1e-4);
    const Lab white = srgb8_to_oklab(255, 255, 255);
    CHECK_NEAR(white.l, 1.0, 1e-4);
    CHECK_NEAR(oklab_to_oklch(white).c, 0.0, 1e-4);
    CHECK(oklab_to_oklch(white).h == 0.0f);
}

void test_oklab_round_trips() {
    int worst = 0;
    for (int r = 0; r < 256; r += 5)
        for (int g = 0; g < 256; g += 5)
            for (int b = 0; b < 256; b += 5) {
                const Lch lch = oklab_to_oklch(srgb8_to_oklab(uint8_t(r), uint8_t(g), uint8_t(b)));
                const Rgb lin = oklab_to_linear_srgb(oklch_to_oklab(lch));
                const int d[3] = {to_u8(linear_to_srgb(lin.r)) - r, to_u8(linear_to_srgb(lin.g)) - g,
                                  to_u8(linear_to_srgb(lin.b)) - b};
                for (int v : d) worst = std::max(worst, std::abs(v));
            }
    CHECK(worst == 0);
}

void test_cielab_reference() {
    const Lab red = srgb8_to_cielab(255, 0, 0), green = srgb8_to_cielab(0, 255, 0),
              blue = srgb8_to_cielab(0, 0, 255), white = srgb8_to_cielab(255, 255, 255);
    CHECK_NEAR(red.l, 53.2408, 2e-3); CHECK_NEAR(red.a, 80.0925, 2e-3); CHECK_NEAR(red.b, 67.2032, 2e-3);
    CHECK_NEAR(green.l, 87.7347, 2e-3); CHECK_NEAR(green.a, -86.1827, 2e-3); CHECK_NEAR(green.b, 83.1793, 2e-3);
    CHECK_NEAR(blue.l, 32.2970, 2e-3); CHECK_NEAR(blue.a, 79.1875, 2e-3); CHECK_NEAR(blue.b, -107.8602, 2e-3);
    CHECK_NEAR(white.l, 100.0, 1e-3); CHECK_NEAR(white.a, 0.0, 1e-3); CHECK_NEAR(white.b, 0.0, 1e-3);
}

void test_srgb_curve() {
    const float *table = srgb8_to_linear_table();
    for (int i = 0; i < 256; ++i) {
        CHECK(to_u8(linear_to_srgb(table[i])) == i);
        CHECK_NEAR(table[i], srgb_to_linear(i / 255.0f), 0.0);
    }
    CHECK_NEAR(srgb_to_linear(0.5f), 0.214041, 1e-6);  // ((0.5+0.055)/1.055)^2.4
    CHECK_NEAR(srgb_to_linear(0.04045f), 0.04045 / 12.92, 1e-7);
    CHECK_NEAR(linear_to_srgb(0.0031308f), 0.0031308 * 12.92, 1e-6);
    CHECK(to_u8(-0.2f) == 0 && to_u8(1.7f) == 255 && to_u8(std::nanf("")) == 0);
    CHECK(to_u8(0.5f) == 128);  // 127.5 rounds up
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    test_ciede2000(root);
    test_oklab_reference();
    test_oklab_round_trips();
    test_cielab_reference();
    test_srgb_curve();
    return check_summary();
}
