// icc_bench.cpp: what colour management costs on decode (issue 15). Native and wasm (Node):
//   pixelpipe_icc_bench P3.jpg CMYK_PROFILE.icc [runs] [quick]
// (`quick`: skip the Little CMS rows, e.g. under valgrind --tool=callgrind)
// Times, alternating in each round so machine load hits both sides alike (median of `runs`):
//   decode 'ignore' vs 'convert' of a Display P3 JPEG (the conversion's share of the decode);
//   the same conversion alone through pp_icc_matrix_trc vs Little CMS (lcms_to_srgb);
//   cmyk_to_srgb (Little CMS, the given CMYK profile) on as many CMYK pixels.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include "codec/decode.h"
#include "codec/icc_extract.h"
#include "color/icc_builtin.h"
#include "color/icc_lcms.h"
#include "color/icc_transform.h"
#include "color/icc_writer.h"

using namespace pixelpipe;
using Clock = std::chrono::steady_clock;

static std::vector<uint8_t> read_file(const char *path) {
    std::vector<uint8_t> out;
    FILE *f = std::fopen(path, "rb");
    if (!f) return out;
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
    std::fclose(f);
    return out;
}

static double ms(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

static double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int main(int argc, char **argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: %s P3.jpg CMYK_PROFILE.icc [runs]\n", argv[0]);
        return 64;
    }
    const std::vector<uint8_t> jpg = read_file(argv[1]), cmyk_icc = read_file(argv[2]);
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 5;
    const bool quick = argc > 4 && std::strcmp(argv[4], "quick") == 0;
    codec::DecodeOptions ignore, convert;
    ignore.color = codec::ColorManagement::Ignore;
    std::vector<double> t_ignore, t_convert, t_halide, t_lcms, t_cmyk;
    auto base = codec::decode_image(jpg.data(), jpg.size(), Limits{}, ignore);
    if (!base.ok() || base.value().image.empty()) {
        std::fprintf(stderr, "decode failed\n");
        return 1;
    }
    const auto icc = codec::extract_embedded_color(jpg.data(), jpg.size()).icc;
    const Image &img = base.value().image;
    const size_t px = size_t(img.width()) * size_t(img.height());
    std::vector<uint8_t> cmyk(px * 4);
    for (size_t i = 0; i < cmyk.size(); ++i) cmyk[i] = img.data()[i];  // any CMYK content: timing only
    auto copy = Image::allocate(img.width(), img.height());
    for (int r = 0; r < runs; ++r) {
        auto t0 = Clock::now();
        auto a = codec::decode_image(jpg.data(), jpg.size(), Limits{}, ignore);
        t_ignore.push_back(ms(t0));
        t0 = Clock::now();
        auto b = codec::decode_image(jpg.data(), jpg.size(), Limits{}, convert);
        t_convert.push_back(ms(t0));
        std::memcpy(copy.value().data(), img.data(), img.size_bytes());
        t0 = Clock::now();
        auto p = color::parse_icc_profile(icc.data(), icc.size());
        if (p.ok()) (void)color::apply_matrix_trc(copy.value(), color::build_matrix_trc(p.value(), color::srgb_profile()));
        t_halide.push_back(ms(t0));
        if (!a.ok() || !b.ok()) return 1;
        if (quick) continue;
        std::memcpy(copy.value().data(), img.data(), img.size_bytes());
        t0 = Clock::now();
        (void)color::lcms_to_srgb(copy.value(), icc.data(), icc.size());
        t_lcms.push_back(ms(t0));
        t0 = Clock::now();
        auto c = color::cmyk_to_srgb(cmyk.data(), img.width(), img.height(), true, cmyk_icc.data(), cmyk_icc.size());
        t_cmyk.push_back(ms(t0));
        if (!c.ok()) return 1;
    }
    const double di = median(t_ignore), dc = median(t_convert);
    std::printf("%dx%d, median of %d\n", img.width(), img.height(), runs);
    std::printf("decode ignore %.1f ms, convert %.1f ms: +%.1f %%\n", di, dc, 100.0 * (dc - di) / di);
    std::printf("P3 -> sRGB alone: pp_icc_matrix_trc %.1f ms\n", median(t_halide));
    if (quick) return 0;
    std::printf("P3 -> sRGB alone: Little CMS %.1f ms\n", median(t_lcms));
    std::printf("CMYK -> sRGB (Little CMS, %zu-byte profile): %.1f ms\n", cmyk_icc.size(), median(t_cmyk));
    return 0;
}
