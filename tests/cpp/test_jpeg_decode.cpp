// test_jpeg_decode.cpp: src/codec/jpeg_decode + jpeg_cmyk (libjpeg-turbo decoder). Pixel accuracy
// against Pillow lives in tests/oracle/test_jpeg_oracle.py; here: the CMYK formula against a
// float evaluation of its definition, the DCT-scaled output size (each side ceil(side / shrink),
// libjpeg's jpeg_calc_output_dimensions rule), and every refusal's error code.
// argv[1] = shared test-data folder.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "check.h"
#include "codec/decode.h"
#include "codec/jpeg_cmyk.h"
#include "codec/jpeg_decode.h"

using namespace pixelpipe;

namespace {

std::string g_root;

std::vector<uint8_t> read_file(const std::string &rel) {
    std::vector<uint8_t> out;
    FILE *f = std::fopen((g_root + "/" + rel).c_str(), "rb");
    if (!f) {
        std::fprintf(stderr, "cannot open %s\n", rel.c_str());
        return out;
    }
    uint8_t buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
    std::fclose(f);
    return out;
}

constexpr uint64_t kBudget = 1ull << 30;

// Every (ink, black) pair, in place: R = round(C·K / 255) for Adobe-inverted samples and
// round((255 − C)(255 − K) / 255) otherwise (exact halves cannot occur: 255 is odd).
void test_cmyk_formula() {
    for (int inverted = 0; inverted <= 1; ++inverted) {
        auto img = Image::allocate(256, 256);
        CHECK(img.ok());
        Image &im = img.value();
        for (int k = 0; k < 256; ++k)
            for (int c = 0; c < 256; ++c) {
                uint8_t *p = im.row(k) + 4 * c;
                p[0] = uint8_t(c), p[1] = uint8_t(255 - c), p[2] = uint8_t(c / 2), p[3] = uint8_t(k);
            }
        codec::cmyk_to_rgba(im.data(), 256, 256, inverted != 0, im);
        int bad = 0;
        for (int k = 0; k < 256; ++k)
            for (int c = 0; c < 256; ++c) {
                const int ink[3] = {c, 255 - c, c / 2};
                const uint8_t *p = im.row(k) + 4 * c;
                for (int ch = 0; ch < 3; ++ch) {
                    const double v = inverted ? ink[ch] * k / 255.0 : (255 - ink[ch]) * (255 - k) / 255.0;
                    if (p[ch] != int(std::lround(v))) ++bad;
                }
                if (p[3] != 255) ++bad;
            }
        CHECK(bad == 0);
    }
}

void test_scaled_sizes() {
    // 227×149 baseline 4:2:0: ceil(227 / s) × ceil(149 / s)
    auto bytes = read_file("formats/jpeg_baseline_420.jpg");
    const int want[4][3] = {{1, 227, 149}, {2, 114, 75}, {4, 57, 38}, {8, 29, 19}};
    for (const auto &w : want) {
        auto r = codec::jpeg_decode(bytes.data(), bytes.size(), w[0], Limits{}, kBudget);
        CHECK(r.ok() && r.value().image.width() == w[1] && r.value().image.height() == w[2]);
        CHECK(r.ok() && r.value().full_width == 227 && r.value().full_height == 149 && r.value().components == 3);
        auto d = codec::decode_image(bytes.data(), bytes.size(), Limits{}, codec::DecodeOptions{w[0]});
        CHECK(d.ok() && d.value().shrink_applied == w[0] && d.value().source_width == 227 && d.value().source_height == 149);
    }
    CHECK(codec::jpeg_decode(bytes.data(), bytes.size(), 3, Limits{}, kBudget).status().code == ErrorCode::INVALID_ARGUMENT);
    CHECK(codec::decode_image(bytes.data(), bytes.size(), Limits{}, codec::DecodeOptions{0}).status().code == ErrorCode::INVALID_ARGUMENT);
    // Orientation 6 (rotate 90°): the shrunk image and the reported source size are upright.
    auto rotated = read_file("formats/exif_orientation/Landscape_6.jpg");
    auto full = codec::decode_image(rotated.data(), rotated.size(), Limits{});
    auto half = codec::decode_image(rotated.data(), rotated.size(), Limits{}, codec::DecodeOptions{2});
    CHECK(full.ok() && half.ok());
    if (full.ok() && half.ok()) {
        CHECK(half.value().source_width == full.value().image.width() && half.value().source_height == full.value().image.height());
        CHECK(half.value().image.width() == (full.value().image.width() + 1) / 2);
        CHECK(half.value().image.height() == (full.value().image.height() + 1) / 2);
    }
    // Other formats ignore the shrink.
    auto png = read_file("pngsuite/basn6a08.png");
    auto p = codec::decode_image(png.data(), png.size(), Limits{}, codec::DecodeOptions{4});
    CHECK(p.ok() && p.value().image.width() == 32 && p.value().shrink_applied == 1 && p.value().source_width == 32);
}

void test_gray_and_cmyk_files() {
    auto gray = read_file("formats/jpeg_grayscale_icc.jpg");
    auto g = codec::jpeg_decode(gray.data(), gray.size(), 1, Limits{}, kBudget);
    CHECK(g.ok() && g.value().components == 1);
    if (g.ok()) {
        const Image &im = g.value().image;
        bool grey = true;
        for (size_t i = 0; i < im.size_bytes(); i += 4) grey = grey && im.data()[i] == im.data()[i + 1] && im.data()[i] == im.data()[i + 2] && im.data()[i + 3] == 255;
        CHECK(grey);
    }
    auto ycck = read_file("formats/jpeg_ycck_adobe_icc_restart.jpg");
    auto c = codec::jpeg_decode(ycck.data(), ycck.size(), 2, Limits{}, kBudget);
    CHECK(c.ok() && c.value().components == 4 && c.value().image.width() == 250 && c.value().image.height() == 167);
}

void test_refusals() {
    auto bytes = read_file("photos/seeding_by_Clements_Engelhardt.jpg");  // 5312×2988 progressive
    // Limits from the header, before decoding.
    Limits small;
    small.max_pixels = 1'000'000;
    auto r = codec::jpeg_decode(bytes.data(), bytes.size(), 8, small, kBudget);
    CHECK(!r.ok() && r.status().code == ErrorCode::IMAGE_TOO_LARGE);
    // Working memory: a progressive file keeps all coefficients (about 3 bytes a pixel at 4:2:0)
    // whatever the shrink, so 16 MB cannot hold it even at 1/8.
    r = codec::jpeg_decode(bytes.data(), bytes.size(), 8, Limits{}, 16ull << 20);
    CHECK(!r.ok() && r.status().code == ErrorCode::IMAGE_TOO_LARGE && r.status().message.find("working memory") != std::string::npos);
    // Truncated: libjpeg would pad with grey; refused.
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + bytes.size() / 2);
    r = codec::jpeg_decode(cut.data(), cut.size(), 1, Limits{}, kBudget);
    CHECK(!r.ok() && r.status().code == ErrorCode::DECODE_FAILED && r.status().message.find("Premature end") != std::string::npos);
    // Not a JPEG stream at all.
    const uint8_t junk[] = {0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02};
    r = codec::jpeg_decode(junk, sizeof junk, 1, Limits{}, kBudget);
    CHECK(!r.ok() && r.status().code == ErrorCode::DECODE_FAILED && r.status().message.rfind("JPEG decode failed: ", 0) == 0);
    // Trailing bytes after EOI change nothing.
    auto small_jpeg = read_file("formats/jpeg_baseline_420.jpg");
    auto a = codec::jpeg_decode(small_jpeg.data(), small_jpeg.size(), 1, Limits{}, kBudget);
    small_jpeg.insert(small_jpeg.end(), 100, 0xAB);
    auto b = codec::jpeg_decode(small_jpeg.data(), small_jpeg.size(), 1, Limits{}, kBudget);
    CHECK(a.ok() && b.ok() && a.value().image.size_bytes() == b.value().image.size_bytes());
    if (a.ok() && b.ok()) CHECK(std::equal(a.value().image.data(), a.value().image.data() + a.value().image.size_bytes(), b.value().image.data()));
}

}  // namespace

int main(int argc, char **argv) {
    g_root = argc > 1 ? argv[1] : "../shared/testdata";
    test_cmyk_formula();
    test_scaled_sizes();
    test_gray_and_cmyk_files();
    test_refusals();
    return check_summary();
}
