// test_color.cpp: the colour transforms (ops registry → pp_color_program) against the scalar
// double references in reference/color.h, identity properties, the fusion guarantee (a fused
// chain is within ±1 level of running its steps one by one) and, with --timing, 12 MP timings.
// Tolerance vs the references: ±1 level (float32 pipeline vs double, and a value sitting on a .5
// rounding boundary may round either way).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "HalideRuntime.h"
#include "check.h"
#include "codec/decode.h"
#include "ops/color_program.h"
#include "ops/ops.h"
#include "ops/registry.h"
#include "reference/color.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace test_images;

using ops::OpSpec;

namespace {

std::string g_root;

ref::Rgba random_image(int w, int h, uint32_t seed) {
    std::mt19937 rng(seed);
    ref::Rgba img(w, h);
    for (auto &v : img.px) v = uint8_t(rng() & 255);
    for (int i = 0; i < 256 && i < w * h; ++i)  // every level appears in every channel
        for (int c = 0; c < 4; ++c) img.px[size_t(i) * 4 + c] = uint8_t(i);
    return img;
}

int max_diff(const Image &a, const Image &b) {
    if (a.width() != b.width() || a.height() != b.height()) return 999;
    int m = 0;
    for (size_t i = 0; i < a.size_bytes(); ++i) m = std::max(m, std::abs(int(a.data()[i]) - int(b.data()[i])));
    return m;
}

OpSpec spec(const std::string &op, std::initializer_list<std::pair<const char *, double>> nums = {}) {
    OpSpec s;
    s.op = op;
    for (auto &[k, v] : nums) s.num[k] = v;
    return s;
}
void set_array(OpSpec &s, const std::string &key, const std::vector<double> &v) {
    for (size_t i = 0; i < v.size(); ++i) s.num[key + "." + std::to_string(i)] = v[i];
}

Result<Image> run(const Image &src, const OpSpec &s) {
    const ops::OpEntry *e = ops::find_op(s.op);
    if (!e) return Status::error(ErrorCode::UNSUPPORTED_OPERATION, s.op);
    return e->run(src, s, Limits{});
}

void check_op(const char *what, const Image &src, const OpSpec &s, const ref::Rgba &want, int tol = 1) {
    auto got = run(src, s);
    CHECK(got.ok());
    if (!got.ok()) {
        std::fprintf(stderr, "  %s: %s\n", what, got.status().message.c_str());
        return;
    }
    const int d = max_diff(got.value(), to_image(want));
    std::printf("%-56s max diff %d (tolerance %d)\n", what, d, tol);
    CHECK(d <= tol);
}

Result<Image> load_photo(const std::string &rel) {
    std::ifstream f(g_root + "/" + rel, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    auto d = codec::decode_image(bytes.data(), bytes.size(), Limits{});
    if (!d.ok()) return d.status();
    return std::move(d.value().image);
}

// A random step over the full catalogue ranges (high gains included: they stress fusion).
OpSpec random_step(std::mt19937 &rng) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    switch (rng() % 20) {
        case 0: return spec("grayscale", {{"amount", u(rng)}});
        case 1: return spec("sepia", {{"amount", u(rng)}});
        case 2: return spec("invert", {{"amount", u(rng)}});
        case 3: return spec("opacity", {{"amount", u(rng)}});
        case 4: return spec("brightness", {{"amount", u(rng) < 0.8 ? 2 * u(rng) : 10 * u(rng)}});
        case 5: return spec("contrast", {{"amount", u(rng) < 0.8 ? 2 * u(rng) : 10 * u(rng)}});
        case 6: return spec("saturate", {{"amount", u(rng) < 0.8 ? 2 * u(rng) : 10 * u(rng)}});
        case 7: return spec("hue_rotate", {{"degrees", 720 * u(rng) - 360}});
        case 8: return spec("gamma", {{"gamma", 0.2 + 3 * u(rng)}});
        case 9: return spec("exposure", {{"stops", 4 * u(rng) - 2}});
        case 10: return spec("levels", {{"inputBlack", 40 * u(rng)}, {"inputWhite", 200 + 55 * u(rng)}, {"gamma", 0.5 + u(rng)},
                                        {"outputBlack", 30 * u(rng)}, {"outputWhite", 220 + 35 * u(rng)}});
        case 11: {
            OpSpec s = spec("curves");
            set_array(s, "points", {0, 0, 64, 40 + 40 * u(rng), 190, 180 + 60 * u(rng), 255, 255});
            return s;
        }
        case 12: return spec("temperature", {{"amount", 2 * u(rng) - 1}});
        case 13: return spec("tint", {{"amount", 2 * u(rng) - 1}});
        case 14: return spec("vibrance", {{"amount", 2 * u(rng) - 1}});
        case 15: {
            OpSpec s = spec("colorize", {{"strength", u(rng)}});
            set_array(s, "color", {255 * u(rng), 255 * u(rng), 255 * u(rng), 255});
            return s;
        }
        case 16: {
            OpSpec s = spec("duotone");
            set_array(s, "shadows", {60 * u(rng), 30 * u(rng), 90 * u(rng), 255});
            set_array(s, "highlights", {200 + 55 * u(rng), 230 + 25 * u(rng), 160 + 90 * u(rng), 255});
            return s;
        }
        case 17: return spec("posterize", {{"levels", double(2 + rng() % 30)}});
        case 18: return spec("threshold", {{"threshold", double(rng() % 256)}});
        default: {
            OpSpec s = spec("channel_mixer");
            std::vector<double> m(12);
            for (int i = 0; i < 12; ++i) m[i] = (i % 4 == 3) ? 40 * u(rng) - 20 : (i % 5 == 0 ? 0.6 + 0.6 * u(rng) : 0.4 * u(rng) - 0.2);
            set_array(s, "matrix", m);
            return s;
        }
    }
}

}  // namespace

int main(int argc, char **argv) {
    bool timing = std::getenv("PIXELPIPE_TEST_TIMING") != nullptr;
    g_root = argc > 1 && argv[1][0] != '-' ? argv[1] : "../shared/testdata";
    for (int i = 1; i < argc; ++i) timing = timing || std::strcmp(argv[i], "--timing") == 0;

    // --- every op against its scalar reference (random colours and alpha; alpha must be kept)
    const ref::Rgba in = random_image(67, 41, 5u);
    const Image src = to_image(in);
    char what[96];
    for (const char *fn : {"grayscale", "sepia", "invert", "opacity"})
        for (double a : {0.0, 0.3, 1.0}) {
            std::snprintf(what, sizeof what, "%s(%.1f) vs CSS matrix", fn, a);
            check_op(what, src, spec(fn, {{"amount", a}}), ref::css(in, fn, a));
        }
    for (const char *fn : {"brightness", "contrast", "saturate"})
        for (double a : {0.0, 0.5, 1.7, 10.0}) {
            std::snprintf(what, sizeof what, "%s(%.1f) vs CSS", fn, a);
            check_op(what, src, spec(fn, {{"amount", a}}), ref::css(in, fn, a));
        }
    for (double d : {-90.0, 45.0, 200.0, 1000.0}) {
        std::snprintf(what, sizeof what, "hue_rotate(%.0fdeg) vs CSS matrix", d);
        check_op(what, src, spec("hue_rotate", {{"degrees", d}}), ref::css(in, "hue_rotate", d));
    }
    for (double g : {0.4, 2.2}) {
        std::snprintf(what, sizeof what, "gamma %.1f", g);
        check_op(what, src, spec("gamma", {{"gamma", g}}), ref::gamma(in, g));
    }
    for (double s : {-1.5, 0.7, 3.0}) {
        std::snprintf(what, sizeof what, "exposure %+.1f stops", s);
        check_op(what, src, spec("exposure", {{"stops", s}}), ref::exposure(in, s));
    }
    check_op("levels 20..230 gamma 1.4 -> 10..240", src,
             spec("levels", {{"inputBlack", 20}, {"inputWhite", 230}, {"gamma", 1.4}, {"outputBlack", 10}, {"outputWhite", 240}}),
             ref::levels(in, 20, 230, 1.4, 10, 240));
    check_op("levels inverted output 255..0", src, spec("levels", {{"outputBlack", 255}, {"outputWhite", 0}}),
             ref::levels(in, 0, 255, 1, 255, 0));
    {
        OpSpec s = spec("curves");
        const std::vector<std::pair<double, double>> pts{{0, 10}, {50, 30}, {128, 150}, {200, 210}, {255, 250}};
        set_array(s, "points", {200, 210, 0, 10, 128, 150, 50, 30, 255, 250});  // unsorted on purpose
        check_op("curves (5 points, master)", src, s, ref::curves(in, pts));
        OpSpec r = spec("curves");
        set_array(r, "red", {0, 255, 255, 0});  // red inverted, green/blue untouched
        auto got = run(src, r);
        CHECK(got.ok() && max_diff(got.value(), to_image(ref::map_pixels(in, [](ref::Px p) { p[0] = 255 - p[0]; return p; }))) == 0);
    }
    for (double a : {-1.0, 0.6}) {
        std::snprintf(what, sizeof what, "temperature %+.1f", a);
        check_op(what, src, spec("temperature", {{"amount", a}}), ref::white_balance(in, 1 + 0.25 * a, 1, 1 - 0.25 * a));
        std::snprintf(what, sizeof what, "tint %+.1f", a);
        check_op(what, src, spec("tint", {{"amount", a}}), ref::white_balance(in, 1, 1 - 0.25 * a, 1));
        std::snprintf(what, sizeof what, "vibrance %+.1f", a);
        check_op(what, src, spec("vibrance", {{"amount", a}}), ref::vibrance(in, a));
    }
    {
        OpSpec s = spec("colorize", {{"strength", 0.7}});
        set_array(s, "color", {255, 120, 30, 255});
        check_op("colorize #ff781e 0.7", src, s, ref::colorize(in, {255, 120, 30}, 0.7));
        OpSpec d = spec("duotone");
        set_array(d, "shadows", {20, 10, 80, 255});
        set_array(d, "highlights", {250, 230, 120, 255});
        check_op("duotone", src, d, ref::duotone(in, {20, 10, 80}, {250, 230, 120}));
    }
    for (int n : {2, 5, 256}) {
        std::snprintf(what, sizeof what, "posterize %d", n);
        check_op(what, src, spec("posterize", {{"levels", double(n)}}), ref::posterize(in, n), 0);
    }
    check_op("threshold 100", src, spec("threshold", {{"threshold", 100}}), ref::threshold(in, 100), 0);
    {
        const double m[3][4] = {{0.5, 0.3, 0.2, 10}, {0.1, 1.2, -0.3, -5}, {-0.2, 0.1, 1.1, 0}};
        OpSpec s = spec("channel_mixer");
        set_array(s, "matrix", {0.5, 0.3, 0.2, 10, 0.1, 1.2, -0.3, -5, -0.2, 0.1, 1.1, 0});
        check_op("channel_mixer", src, s, ref::channel_mixer(in, m));
    }

    // --- properties
    {
        auto once = run(src, spec("invert", {{"amount", 1}}));
        CHECK(once.ok());
        auto twice = run(once.ok() ? once.value() : src, spec("invert", {{"amount", 1}}));
        CHECK(twice.ok() && max_diff(twice.value(), src) == 0);
        std::printf("%-56s %s\n", "invert twice = identity (exact)", twice.ok() && max_diff(twice.value(), src) == 0 ? "ok" : "FAIL");
        // The CSS identity argument of each function: 0 for grayscale/sepia/invert/hue-rotate,
        // 1 for opacity/brightness/contrast/saturate (as the spec's "initial value for interpolation").
        const std::pair<const char *, double> ids[] = {{"grayscale", 0}, {"sepia", 0},     {"invert", 0},   {"opacity", 1},
                                                       {"brightness", 1}, {"contrast", 1}, {"saturate", 1}};
        for (auto [fn, a] : ids) {
            auto r = run(src, spec(fn, {{"amount", a}}));
            const int d = r.ok() ? max_diff(r.value(), src) : 999;
            std::printf("%s(%g) = identity%*s max diff %d (tolerance 0)\n", fn, a, int(36 - std::strlen(fn)), "", d);
            CHECK(d == 0);
        }
        for (double deg : {0.0, 360.0, -720.0}) {
            auto r = run(src, spec("hue_rotate", {{"degrees", deg}}));
            const int d = r.ok() ? max_diff(r.value(), src) : 999;
            std::printf("hue_rotate(%.0fdeg) = identity%*s max diff %d (tolerance 1)\n", deg, 30, "", d);
            CHECK(d <= 1);
        }
        for (auto s : {spec("gamma", {{"gamma", 1}}), spec("exposure", {{"stops", 0}}), spec("levels"), spec("temperature"),
                       spec("tint"), spec("vibrance"), spec("colorize", {{"strength", 0}}), spec("channel_mixer"),
                       spec("posterize", {{"levels", 256}})}) {
            auto r = run(src, s);
            CHECK(r.ok() && max_diff(r.value(), src) == 0);
        }
        std::printf("%-56s checked (tolerance 0)\n", "neutral parameters of the other ops = identity");
    }

    // --- error paths
    {
        CHECK(run(src, spec("levels", {{"inputBlack", 200}, {"inputWhite", 100}})).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(run(src, spec("saturate", {{"amount", -1}})).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(run(src, spec("hue_rotate", {{"degrees", std::nan("")}})).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(run(src, spec("normalize", {{"lowPercentile", 60}, {"highPercentile", 40}})).status().code == ErrorCode::INVALID_ARGUMENT);
        OpSpec bad = spec("channel_mixer");
        set_array(bad, "matrix", {1, 2, 3});
        CHECK(run(src, bad).status().code == ErrorCode::INVALID_ARGUMENT);
        CHECK(run(Image{}, spec("sepia")).status().code == ErrorCode::INVALID_ARGUMENT);
        // The chain reports the failing step's index within the chain.
        std::vector<OpSpec> chain{spec("sepia"), spec("levels", {{"inputBlack", 9}, {"inputWhite", 9}})};
        auto r = ops::apply_pointwise_chain(src, chain.data(), chain.data() + 2, Limits{});
        CHECK(!r.ok() && r.status().step == 1 && r.status().code == ErrorCode::INVALID_ARGUMENT);
        // 1x1 and odd sizes go through every specialization.
        const ref::Rgba one = random_image(1, 1, 3u);
        check_op("1x1 vibrance", to_image(one), spec("vibrance", {{"amount", 0.5}}), ref::vibrance(one, 0.5));
        check_op("1x1 sepia", to_image(one), spec("sepia", {{"amount", 1}}), ref::css(one, "sepia", 1));
    }

    // --- fusion: random chains of 2..6 steps on a photo, fused vs one by one
    auto photo = load_photo("photos/kodim23.png");
    CHECK(photo.ok());
    if (photo.ok()) {
        std::mt19937 rng(20240611u);
        int worst = 0, passes = 0, steps_total = 0;
        const int chains = 300;
        for (int t = 0; t < chains; ++t) {
            std::vector<OpSpec> chain;
            const int len = 2 + int(rng() % 5);
            for (int i = 0; i < len; ++i) chain.push_back(random_step(rng));
            auto fused = ops::apply_pointwise_chain(photo.value(), chain.data(), chain.data() + len, Limits{});
            Result<Image> seq = Status::error(ErrorCode::INTERNAL, "");
            const Image *cur = &photo.value();
            Image hold;
            for (auto &s : chain) {
                seq = run(*cur, s);
                if (!seq.ok()) break;
                hold = seq.take();
                cur = &hold;
            }
            CHECK(fused.ok());
            if (!fused.ok()) continue;
            const int d = max_diff(fused.value(), *cur);
            std::vector<ops::color::Stage> stages;
            for (auto &s : chain) {
                auto st = ops::color::stages_for(s);
                stages.insert(stages.end(), st.value().begin(), st.value().end());
            }
            passes += int(ops::color::compile(stages).size());
            steps_total += len;
            if (d > 1) {
                std::fprintf(stderr, "  chain %d differs by %d:", t, d);
                for (auto &s : chain) std::fprintf(stderr, " %s", s.op.c_str());
                std::fprintf(stderr, "\n");
            }
            worst = std::max(worst, d);
        }
        std::printf("%-56s max diff %d (tolerance 1); %d steps ran in %d passes\n",
                    "300 random chains (2-6 steps) fused vs step by step", worst, steps_total, passes);
        CHECK(worst <= 1);
    }

    // --- normalize / equalize basic behaviour (the oracle script compares them with numpy / PIL)
    if (photo.ok()) {
        auto n = run(photo.value(), spec("normalize", {{"lowPercentile", 1}, {"highPercentile", 99}}));
        CHECK(n.ok());
        auto e = run(photo.value(), spec("equalize"));
        CHECK(e.ok());
    }

    // --- timing (informational): a 12 MP photo, one transform vs a chain of six, 1 and 2 threads
    if (timing) {
        auto big = load_photo("photos/spider_web.png");  // 4256 x 2848
        CHECK(big.ok());
        std::vector<OpSpec> six{spec("brightness", {{"amount", 1.1}}), spec("contrast", {{"amount", 1.2}}),
                                spec("saturate", {{"amount", 1.3}}),   spec("gamma", {{"gamma", 1.2}}),
                                spec("temperature", {{"amount", 0.3}}), spec("posterize", {{"levels", 32}})};
        std::vector<OpSpec> six_css{spec("sepia", {{"amount", 0.3}}), spec("hue_rotate", {{"degrees", 30}}),
                                    spec("saturate", {{"amount", 1.4}}), spec("contrast", {{"amount", 1.1}}),
                                    spec("brightness", {{"amount", 0.9}}), spec("invert", {{"amount", 0.1}})};
        // The browser bench's colour6 row (bench/page.js): must cost less than twice one transform.
        std::vector<OpSpec> six_bench{spec("brightness", {{"amount", 1.1}}), spec("contrast", {{"amount", 1.2}}),
                                      spec("saturate", {{"amount", 1.3}}),   spec("hue_rotate", {{"degrees", 30}}),
                                      spec("sepia", {{"amount", 0.2}}),      spec("grayscale", {{"amount", 0.1}})};
        for (int threads : {1, 2}) {
            halide_shutdown_thread_pool();
            halide_set_num_threads(threads);
            double t_bench = 1e9;
            for (int rep = 0; rep < 3 && big.ok(); ++rep) {
                auto t0 = std::chrono::steady_clock::now();
                auto r = ops::apply_pointwise_chain(big.value(), six_bench.data(), six_bench.data() + 6, Limits{});
                t_bench = std::min(t_bench, ms_since(t0));
            }
            std::printf("timing 4256x2848, %d thread(s), min of 3: bench colour6 (brightness,contrast,saturate,hue_rotate,"
                        "sepia,grayscale) %.1f ms\n", threads, t_bench);
        }
        for (int threads : {1, 2}) {
            halide_shutdown_thread_pool();
            halide_set_num_threads(threads);
            double t_one = 1e9, t_gray = 1e9, t_six = 1e9, t_six_css = 1e9, t_vib = 1e9, t_eq = 1e9, t_seq = 1e9;
            for (int rep = 0; rep < 3 && big.ok(); ++rep) {
                auto t0 = std::chrono::steady_clock::now();
                auto a = run(big.value(), spec("sepia", {{"amount", 0.6}}));
                t_one = std::min(t_one, ms_since(t0));
                t0 = std::chrono::steady_clock::now();
                auto g = run(big.value(), spec("grayscale", {{"amount", 1}}));
                t_gray = std::min(t_gray, ms_since(t0));
                t0 = std::chrono::steady_clock::now();
                auto b = ops::apply_pointwise_chain(big.value(), six.data(), six.data() + 6, Limits{});
                t_six = std::min(t_six, ms_since(t0));
                t0 = std::chrono::steady_clock::now();
                auto c = ops::apply_pointwise_chain(big.value(), six_css.data(), six_css.data() + 6, Limits{});
                t_six_css = std::min(t_six_css, ms_since(t0));
                t0 = std::chrono::steady_clock::now();
                auto v = run(big.value(), spec("vibrance", {{"amount", 0.5}}));
                t_vib = std::min(t_vib, ms_since(t0));
                t0 = std::chrono::steady_clock::now();
                auto e = run(big.value(), spec("equalize"));
                t_eq = std::min(t_eq, ms_since(t0));
                if (rep == 0) {
                    t0 = std::chrono::steady_clock::now();
                    Image cur;
                    const Image *p = &big.value();
                    for (auto &s : six) { auto r = run(*p, s); cur = r.take(); p = &cur; }
                    t_seq = ms_since(t0);
                }
            }
            std::printf("timing 4256x2848, %d thread(s), min of 3: sepia %.1f ms, grayscale %.1f ms, vibrance %.1f ms, "
                        "equalize %.1f ms; chain of six (tables+saturate, 1 pass) %.1f ms vs one by one %.1f ms; "
                        "six CSS (sepia,hue,saturate,contrast,brightness,invert) %.1f ms\n",
                        threads, t_one, t_gray, t_vib, t_eq, t_six, t_seq, t_six_css);
        }
    }
    return check_summary();
}
