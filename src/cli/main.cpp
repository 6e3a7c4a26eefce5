// pixelpipe_native: the native build of the engine behind a small CLI, for the oracle tests
// (tests/oracle) and the native benchmark (bench/). Contract: .notes/CONTRACTS.md.
//   pixelpipe_native info FILE
//   pixelpipe_native ops            (the op ids this build executes, one a line)
//   pixelpipe_native run IN OUT [--format raw|png|jpeg] [--quality Q] [--repeat N]
//                    [--max-pixels N] [--max-side N] [STEP ...]
//   pixelpipe_native encode IN OUT --format F [--opt key=value ...] [--repeat N]  (encode_command.cpp)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "codec/decode.h"
#include "ops/registry.h"
#include "pipeline/variations.h"

using namespace pixelpipe;

namespace {

constexpr char kRawMagic[9] = "PPRAW001";

bool write_file(const char *path, const std::vector<uint8_t> &header, const uint8_t *body, size_t body_size) {
    FILE *f = std::fopen(path, "wb");
    if (!f) return false;
    bool ok = std::fwrite(header.data(), 1, header.size(), f) == header.size() &&
              std::fwrite(body, 1, body_size, f) == body_size;
    return std::fclose(f) == 0 && ok;
}

void put_u32(std::vector<uint8_t> &v, uint32_t x) {
    for (int i = 0; i < 4; ++i) v.push_back(uint8_t(x >> (8 * i)));
}

bool ends_with(const std::string &s, const std::string &suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "op" or "op:key=value,key=value"; numbers become num[], "a/b/c/..." becomes key.0, key.1, ...
pipeline::OpSpec parse_step(const std::string &text) {
    pipeline::OpSpec op;
    const size_t colon = text.find(':');
    op.op = text.substr(0, colon);
    if (colon == std::string::npos) return op;
    std::string rest = text.substr(colon + 1);
    size_t start = 0;
    while (start < rest.size()) {
        size_t end = rest.find(',', start);
        if (end == std::string::npos) end = rest.size();
        const std::string kv = rest.substr(start, end - start);
        const size_t eq = kv.find('=');
        if (eq != std::string::npos) cli::parse_value(kv.substr(0, eq), kv.substr(eq + 1), op.num, op.str);
        start = end + 1;
    }
    return op;
}

}  // namespace

int cli::fail(const Status &s) {
    std::fprintf(stderr, "ERROR %s: %s", error_code_name(s.code), s.message.c_str());
    if (s.variant >= 0) std::fprintf(stderr, " (variant %d, step %d)", s.variant, s.step);
    std::fprintf(stderr, "\n");
    return 2;
}

namespace {
using cli::fail;

int usage() {
    std::fprintf(stderr,
                 "usage: pixelpipe_native info FILE\n"
                 "       pixelpipe_native run IN OUT [--format raw|png|jpeg] [--quality Q] [--repeat N]\n"
                 "                        [--max-pixels N] [--max-side N] [STEP ...]\n"
                 "       pixelpipe_native encode IN OUT --format F [--opt key=value ...] [--repeat N]\n");
    return 64;
}

int cmd_info(const char *path) {
    std::vector<uint8_t> bytes;
    if (!cli::read_file(path, bytes)) return usage();
    auto info = codec::probe_image(bytes.data(), bytes.size());
    if (!info.ok()) return fail(info.status());
    std::printf("{\"width\":%d,\"height\":%d,\"format\":\"%s\"}\n", info.value().width, info.value().height,
                info.value().format.c_str());
    return 0;
}

int cmd_run(int argc, char **argv) {
    if (argc < 4) return usage();
    const std::string in = argv[2], out = argv[3];
    pipeline::VariantSpec variant;
    variant.id = "out";
    variant.format = "raw";
    Limits limits;
    int repeat = 1;
    for (int i = 4; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char * { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--format") variant.format = next();
        else if (a == "--quality") variant.quality = std::atoi(next());
        else if (a == "--repeat") repeat = std::max(1, std::atoi(next()));
        else if (a == "--max-pixels") limits.max_pixels = std::strtoull(next(), nullptr, 10);
        else if (a == "--max-side") limits.max_side = std::atoi(next());
        else variant.steps.push_back(parse_step(a));
    }
    std::vector<uint8_t> bytes;
    if (!cli::read_file(in.c_str(), bytes)) {
        std::fprintf(stderr, "cannot read %s\n", in.c_str());
        return 64;
    }
    const std::vector<pipeline::VariantSpec> variants{variant};
    Result<pipeline::VariationsResult> result = Status::error(ErrorCode::INTERNAL, "not run");
    // --repeat N runs the whole call N times (benchmarks) and reports the best time.
    double best_ms = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        if (ends_with(in, ".ppraw")) {
            auto img = cli::image_from_ppraw(bytes);
            if (!img.ok()) return fail(img.status());
            result = pipeline::run_variations(img.value(), variants, limits);
        } else {
            result = pipeline::process_variations(bytes.data(), bytes.size(), variants, limits);
        }
        if (!result.ok()) return fail(result.status());
        best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    const auto &o = result.value().outputs.at(0);
    std::vector<uint8_t> header;
    if (o.format == "raw") {
        header.assign(kRawMagic, kRawMagic + 8);
        put_u32(header, uint32_t(o.width));
        put_u32(header, uint32_t(o.height));
    }
    if (!write_file(out.c_str(), header, o.data(), o.size())) {
        std::fprintf(stderr, "cannot write %s\n", out.c_str());
        return 64;
    }
    std::printf("{\"width\":%d,\"height\":%d,\"sourceFormat\":\"%s\",\"decodeMs\":%.3f,\"pipelineMs\":%.3f,"
                "\"encodeMs\":%.3f,\"bestTotalMs\":%.3f}\n",
                o.width, o.height, result.value().source_format.c_str(), result.value().decode_ms, o.pipeline_ms,
                o.encode_ms, best_ms);
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 3 && std::strcmp(argv[1], "info") == 0) return cmd_info(argv[2]);
    if (argc >= 2 && std::strcmp(argv[1], "run") == 0) return cmd_run(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "encode") == 0) return cli::cmd_encode(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "ops") == 0) {
        for (const auto &name : ops::list_operations()) std::printf("%s\n", name.c_str());
        return 0;
    }
    return usage();
}
