// encoders_wasm.cpp: the encoder timings in Node (wasm mt and st builds), driven by
// bench/encoders-node.mjs. Not part of the shipped module: a standalone emscripten program
// (NODERAWFS, reads a .ppraw) linked against the same pixelpipe_core as dist/.
//   node encoders-bench-mt.cjs BIG.ppraw SMALL.ppraw RUNS
// Prints one JSON line per row: {"row", "ms" (median of RUNS), "bytes"}.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "codec/encoders/registry.h"
#include "core/image.h"
#include "load_ppraw.h"
#include "stb_image_write.h"  // implementation compiled in bench/stb_write_impl.c (the "before" row)

using namespace pixelpipe;

namespace {

void row(const char *name, int runs, const std::function<size_t()> &fn) {
    std::vector<double> ms;
    size_t bytes = 0;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        bytes = fn();
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"row\":\"%s\",\"ms\":%.1f,\"bytes\":%zu}\n", name, ms[ms.size() / 2], bytes);
    std::fflush(stdout);
}

size_t run(const Image &img, const char *format, const codec::EncodeParams &p) {
    auto r = codec::encode(img, format, p);
    if (!r.ok()) { std::fprintf(stderr, "%s: %s\n", format, r.status().message.c_str()); std::exit(1); }
    return r.value().size();
}

void count(void *ctx, void *, int size) { *static_cast<size_t *>(ctx) += size_t(size); }

}  // namespace

int main(int argc, char **argv) {
    if (argc < 4) return 64;
    const Image big = load_ppraw(argv[1]), small = load_ppraw(argv[2]);
    const int runs = std::atoi(argv[3]);
    row("png stb_image_write (before)", std::max(1, runs / 3), [&] {
        size_t n = 0;
        stbi_write_png_compression_level = 5;  // what encode.cpp used
        stbi_write_png_to_func(count, &n, big.width(), big.height(), 4, big.data(), int(big.stride()));
        return n;
    });
    for (int level : {0, 1, 4, 6, 9}) {  // 1–3 share the fast path; native runs show 5, 7, 8
        codec::EncodeParams p;
        p.num = {{"compressionLevel", level}, {"palette", 0}, {"colors", 256}, {"dither", 0}, {"interlace", 0}, {"dpi", 0}};
        const std::string name = "png level " + std::to_string(level);
        row(name.c_str(), level == 9 ? 1 : runs, [&] { return run(big, "png", p); });
    }
    codec::EncodeParams jpeg;
    jpeg.num = {{"quality", 85}, {"progressive", 0}, {"optimizeCoding", 0}, {"dpi", 0},
                {"background.0", 255}, {"background.1", 255}, {"background.2", 255}, {"background.3", 255}};
    jpeg.str = {{"chromaSubsampling", "4:2:0"}};
    row("jpeg q85 4:2:0", runs, [&] { return run(big, "jpeg", jpeg); });
    codec::EncodeParams webp;
    webp.num = {{"quality", 80}, {"lossless", 0}, {"effort", 4}};
    row("webp q80 effort 4", runs, [&] { return run(big, "webp", webp); });
    codec::EncodeParams svg;
    svg.num = {{"quality", 80}, {"colors", 16}, {"detail", 0.5}, {"smoothing", 0.5}, {"minArea", 4},
               {"background.0", 255}, {"background.1", 255}, {"background.2", 255}, {"background.3", 255}};
    svg.str = {{"mode", "trace"}, {"embedFormat", "png"}};
    row("svg trace 1 MP 16 colours", runs, [&] { return run(small, "svg", svg); });
    std::exit(0);  // pthread pool workers would keep Node alive
}
