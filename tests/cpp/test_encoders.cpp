// test_encoders.cpp: the encoder registry's option checking (every key sent must be read, every
// key read must be sent), and lossless round trips through stb_image (an independent decoder:
// it shares no code with the encoders) for the PNG paths and GIF's LZW. Pillow-based checks of
// every format and option are in tests/oracle/test_encoders_oracle.py.
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "codec/decode.h"
#include "codec/encoders/gif.h"
#include "codec/encoders/registry.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace test_images;

namespace {

codec::EncodeParams jpeg_params() {
    codec::EncodeParams p;
    p.num = {{"quality", 80}, {"progressive", 0}, {"optimizeCoding", 0}, {"dpi", 0},
             {"background.0", 255}, {"background.1", 255}, {"background.2", 255}, {"background.3", 255}};
    p.str = {{"chromaSubsampling", "4:2:0"}};
    return p;
}

codec::EncodeParams png_params(int level, bool interlace) {
    codec::EncodeParams p;
    p.num = {{"compressionLevel", level}, {"palette", 0}, {"colors", 256}, {"dither", 0}, {"interlace", interlace ? 1 : 0},
             {"dpi", 0}};
    return p;
}

bool has(const Status &s, ErrorCode code, const std::string &text) {
    if (s.code != code || s.message.find(text) == std::string::npos) {
        std::fprintf(stderr, "  got %s: %s (wanted %s)\n", error_code_name(s.code), s.message.c_str(), text.c_str());
        return false;
    }
    return true;
}

void test_option_keys() {
    const Image img = to_image(random_image(8, 8, 1, false));
    CHECK(codec::encode(img, "jpeg", jpeg_params()).ok());

    auto extra = jpeg_params();
    extra.num["qualty"] = 80;  // misspelt: no encoder reads it
    CHECK(has(codec::encode(img, "jpeg", extra).status(), ErrorCode::INVALID_ARGUMENT, "'qualty'"));

    auto renamed = jpeg_params();  // the catalogue renamed a key the C++ still reads
    renamed.num.erase("quality");
    renamed.num["q"] = 80;
    CHECK(has(codec::encode(img, "jpeg", renamed).status(), ErrorCode::INVALID_ARGUMENT, "'quality' was not sent"));

    auto str_extra = jpeg_params();
    str_extra.str["mode"] = "fast";
    CHECK(has(codec::encode(img, "jpeg", str_extra).status(), ErrorCode::INVALID_ARGUMENT, "'mode'"));

    auto bad_choice = jpeg_params();
    bad_choice.str["chromaSubsampling"] = "4:2:2";
    CHECK(has(codec::encode(img, "jpeg", bad_choice).status(), ErrorCode::INVALID_ARGUMENT, "'4:2:2'"));

    auto out_of_range = jpeg_params();
    out_of_range.num["quality"] = 101;
    CHECK(has(codec::encode(img, "jpeg", out_of_range).status(), ErrorCode::INVALID_ARGUMENT, "quality"));

    auto fraction = jpeg_params();
    fraction.num["quality"] = 80.5;
    CHECK(has(codec::encode(img, "jpeg", fraction).status(), ErrorCode::INVALID_ARGUMENT, "integer"));

    auto short_array = jpeg_params();
    short_array.num.erase("background.3");
    CHECK(has(codec::encode(img, "jpeg", short_array).status(), ErrorCode::INVALID_ARGUMENT, "background"));

    auto long_array = jpeg_params();  // background.4 would be an unread key
    long_array.num["background.4"] = 0;
    CHECK(has(codec::encode(img, "jpeg", long_array).status(), ErrorCode::INVALID_ARGUMENT, "background"));

    CHECK(codec::encode(img, "bmp", {}).ok());
    codec::EncodeParams any;
    any.num["quality"] = 80;
    CHECK(has(codec::encode(img, "bmp", any).status(), ErrorCode::INVALID_ARGUMENT, "'quality'"));

    CHECK(has(codec::encode(img, "avif", {}).status(), ErrorCode::UNSUPPORTED_FORMAT, "available: png, jpeg, webp"));
    CHECK(has(codec::encode(Image{}, "png", png_params(1, false)).status(), ErrorCode::INVALID_ARGUMENT, "empty"));
}

void test_list_encoders() {
    const auto list = codec::list_encoders();
    std::vector<std::string> names;
    for (const auto &e : list) names.push_back(e.format);
    CHECK((names == std::vector<std::string>{"png", "jpeg", "webp", "gif", "ico", "bmp", "tga", "svg"}));
    for (const auto &e : list) {
        if (e.format == "jpeg")
            CHECK((e.options ==
                   std::vector<std::string>{"quality", "chromaSubsampling", "progressive", "optimizeCoding", "dpi", "background"}));
        if (e.format == "png")
            CHECK((e.options ==
                   std::vector<std::string>{"compressionLevel", "palette", "colors", "dither", "interlace", "dpi"}));
        if (e.format == "bmp") CHECK(e.options.empty());
        CHECK(!e.mime.empty());
    }
}

// stb_image decodes what we wrote, pixel for pixel.
void check_png_round_trip(const ref::Rgba &src, int level, bool interlace, const char *what) {
    auto enc = codec::encode(to_image(src), "png", png_params(level, interlace));
    CHECK(enc.ok());
    if (!enc.ok()) return;
    auto dec = codec::decode_image(enc.value().data(), enc.value().size(), Limits{});
    CHECK(dec.ok());
    if (!dec.ok()) {
        std::fprintf(stderr, "  %s level %d: %s\n", what, level, dec.status().message.c_str());
        return;
    }
    const int diff = max_diff(dec.value().image, src);
    if (diff != 0) std::fprintf(stderr, "  %s level %d interlace %d: max diff %d\n", what, level, interlace, diff);
    CHECK(diff == 0);
}

void test_png_lossless() {
    // Noise (no runs), flat areas (long runs: matches of 258 and remainders), and sizes that
    // leave Adam7 passes empty.
    ref::Rgba flat(300, 40);
    for (int y = 0; y < flat.height; ++y)
        for (int x = 0; x < flat.width; ++x) {
            uint8_t *p = &flat.px[(size_t(y) * flat.width + x) * 4];
            p[0] = uint8_t(x < 150 ? 10 : 200), p[1] = uint8_t(y * 3), p[2] = 7, p[3] = uint8_t(x % 97 == 0 ? 0 : 255);
        }
    for (int level : {0, 1, 3, 4, 9}) {
        for (bool interlace : {false, true}) {
            check_png_round_trip(random_image(37, 23, 2, true), level, interlace, "noise rgba");
            check_png_round_trip(random_image(64, 48, 3, false), level, interlace, "noise rgb");
            check_png_round_trip(flat, level, interlace, "flat");
            check_png_round_trip(random_image(1, 1, 4, true), level, interlace, "1x1");
            check_png_round_trip(random_image(3, 2, 5, false), level, interlace, "3x2");
        }
    }
    // Several strips (the fast path codes strips in parallel and joins them).
    check_png_round_trip(random_image(700, 400, 6, false), 1, false, "strips");
}

// GIF: stb decodes our LZW through table resets (noise over 256 colours fills 4096 codes fast).
void test_gif_lzw() {
    for (int bits : {2, 5, 8}) {
        const int colors = 1 << bits;
        const int w = 300, h = 200;
        std::vector<uint8_t> idx(size_t(w) * h);
        uint32_t s = 12345;
        for (size_t i = 0; i < idx.size(); ++i) {
            s = s * 1664525u + 1013904223u;
            idx[i] = uint8_t(i % 1000 < 500 ? (s >> 24) % colors : (i / 7) % colors);  // noise, then runs
        }
        std::vector<uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', uint8_t(w), uint8_t(w >> 8), uint8_t(h), uint8_t(h >> 8),
                                    uint8_t(0x80 | 0x70 | (bits - 1)), 0, 0};
        for (int i = 0; i < colors; ++i) gif.insert(gif.end(), {uint8_t(i), uint8_t(255 - i), uint8_t(i * 7)});
        gif.insert(gif.end(), {0x2C, 0, 0, 0, 0, uint8_t(w), uint8_t(w >> 8), uint8_t(h), uint8_t(h >> 8), 0});
        codec::gif_lzw(idx.data(), idx.size(), bits < 2 ? 2 : bits, gif);
        gif.push_back(0x3B);
        auto dec = codec::decode_image(gif.data(), gif.size(), Limits{});
        CHECK(dec.ok());
        if (!dec.ok()) {
            std::fprintf(stderr, "  gif %d bits: %s\n", bits, dec.status().message.c_str());
            continue;
        }
        int wrong = 0;
        for (size_t i = 0; i < idx.size(); ++i) wrong += dec.value().image.data()[i * 4] != uint8_t(idx[i]);
        CHECK(wrong == 0);
    }
}

}  // namespace

int main() {
    test_option_keys();
    test_list_encoders();
    test_png_lossless();
    test_gif_lzw();
    return check_summary();
}
