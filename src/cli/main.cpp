// pixelpipe_native: the native build of the engine behind a small CLI, for the oracle tests
// (tests/oracle) and the native benchmark (bench/). Contract: .notes/CONTRACTS.md.
//   pixelpipe_native info FILE
//   pixelpipe_native ops            (the op ids this build executes, one a line)
//   pixelpipe_native composite REQUEST.json OUT.ppraw [--repeat N]   (cli/composite_cmd.h)
//   pixelpipe_native measure-text FONT SIZE MAX_WIDTH LINE_HEIGHT TEXT
//   pixelpipe_native run IN OUT [--format raw|png|jpeg] [--quality Q] [--opt key=value ...] [--repeat N]
//                    [--max-pixels N] [--max-side N] [--shrink 1|2|4|8]
//                    [--color-management convert|ignore|preserve] [STEP ...]
//   pixelpipe_native analyze IN --types colors,quality,... [--palette-size N] [--aspect-ratio R]
//                    [--source-format F] [--saliency-out FILE] [--repeat N]
//   pixelpipe_native metadata FILE  (bit depth, alpha, ICC, EXIF from the header: codec/metadata.h)
//   pixelpipe_native encode IN OUT --format F [--opt key=value ...] [--repeat N]  (encode_command.cpp)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "analysis/analyze.h"
#include "analysis/saliency.h"
#include "cli/cli_io.h"
#include "cli/commands.h"
#include "cli/composite_cmd.h"
#include "codec/decode.h"
#include "codec/metadata.h"
#include "ops/registry.h"
#include "pipeline/variations.h"

using namespace pixelpipe;

namespace {

constexpr char kSaliencyMagic[9] = "PPSAL001";
// shared file I/O and .ppraw (cli_io.h)
using cli::ends_with;
using cli::get_u32;
using cli::kRawMagic;
using cli::put_u32;
using cli::read_file;
using cli::write_file;

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

int fail(const Status &s) {
    return cli::fail(s, s.variant >= 0 ? "variant " + std::to_string(s.variant) + ", step " + std::to_string(s.step) : "");
}

int usage() {
    std::fprintf(stderr,
                 "usage: pixelpipe_native info FILE\n"
                 "       pixelpipe_native composite REQUEST.json OUT.ppraw [--repeat N]\n"
                 "       pixelpipe_native measure-text FONT SIZE MAX_WIDTH LINE_HEIGHT TEXT\n"
                 "       pixelpipe_native run IN OUT [--format raw|png|jpeg] [--quality Q] [--opt key=value ...] [--repeat N]\n"
                 "                        [--max-pixels N] [--max-side N] [--shrink 1|2|4|8]\n"
                 "                        [--color-management convert|ignore|preserve] [STEP ...]\n"
                 "       pixelpipe_native analyze IN --types colors,quality,... [--palette-size N]\n"
                 "                        [--aspect-ratio R] [--source-format F] [--saliency-out FILE] [--repeat N]\n"
                 "       pixelpipe_native metadata FILE\n"
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
    variant.output.op = "raw";
    Limits limits;
    codec::DecodeOptions decode;  // --shrink (JPEG shrink-on-load), --color-management
    int repeat = 1;
    for (int i = 4; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> const char * { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--format") variant.output.op = next();
        else if (a == "--quality") variant.output.num["quality"] = std::atof(next());
        else if (a == "--opt") {  // an output format option, as `encode --opt` (the registry has no defaults)
            const std::string kv = next();
            const size_t eq = kv.find('=');
            if (eq == std::string::npos) return fail(Status::error(ErrorCode::INVALID_ARGUMENT, "--opt needs key=value"));
            cli::parse_value(kv.substr(0, eq), kv.substr(eq + 1), variant.output.num, variant.output.str);
        }
        else if (a == "--repeat") repeat = std::max(1, std::atoi(next()));
        else if (a == "--max-pixels") limits.max_pixels = std::strtoull(next(), nullptr, 10);
        else if (a == "--max-side") limits.max_side = std::atoi(next());
        else if (a == "--shrink") decode.shrink = std::atoi(next());
        else if (a == "--color-management") {
            const std::string m = next();
            if (m != "convert" && m != "ignore" && m != "preserve") return usage();
            decode.color = m == "ignore" ? codec::ColorManagement::Ignore
                           : m == "preserve" ? codec::ColorManagement::Preserve : codec::ColorManagement::Convert;
        } else variant.steps.push_back(parse_step(a));
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
    Image raw_source;  // outlives `result`: a raw output of no steps borrows it (VariantOutput::borrowed)
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        if (ends_with(in, ".ppraw")) {
            auto img = cli::image_from_ppraw(bytes);
            if (!img.ok()) return fail(img.status());
            raw_source = img.take();
            result = pipeline::run_variations(raw_source, variants, limits);
        } else {
            result = pipeline::process_variations(bytes.data(), bytes.size(), variants, limits, decode);
        }
        if (!result.ok()) return fail(result.status());
        best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    for (const std::string &w : result.value().warnings) std::fprintf(stderr, "WARNING: %s\n", w.c_str());
    const auto &o = result.value().outputs.at(0);
    for (const std::string &w : o.warnings) std::fprintf(stderr, "WARNING: %s\n", w.c_str());
    std::vector<uint8_t> header;
    if (o.format == "raw") {
        header.assign(cli::kRawMagic, cli::kRawMagic + 8);
        cli::put_u32(header, uint32_t(o.width));
        cli::put_u32(header, uint32_t(o.height));
    }
    if (!cli::write_file(out.c_str(), header, o.data(), o.size())) {
        std::fprintf(stderr, "cannot write %s\n", out.c_str());
        return 64;
    }
    std::printf("{\"width\":%d,\"height\":%d,\"sourceFormat\":\"%s\",\"decodeMs\":%.3f,\"pipelineMs\":%.3f,"
                "\"encodeMs\":%.3f,\"bestTotalMs\":%.3f}\n",
                o.width, o.height, result.value().source_format.c_str(), result.value().decode_ms, o.pipeline_ms,
                o.encode_ms, best_ms);
    return 0;
}

// analyze: the analysis JSON on stdout. IN is an encoded image (its format becomes the source
// format) or a .ppraw. --saliency-out writes "PPSAL001", u32 LE width, height, the small luma copy
// (width*height bytes) and the saliency map (width*height float32 LE), for the oracle test.
int cmd_analyze(int argc, char **argv) {
    if (argc < 3) return usage();
    const std::string in = argv[2];
    analysis::AnalyzeRequest req;
    std::string saliency_out;
    int repeat = 1;
    for (int i = 3; i < argc; ++i) {
        const std::string a = argv[i];
        const std::string v = i + 1 < argc ? argv[++i] : "";
        if (a == "--types") {
            for (size_t start = 0; start <= v.size();) {
                const size_t comma = std::min(v.find(',', start), v.size());
                if (comma > start) req.types.push_back(v.substr(start, comma - start));
                start = comma + 1;
            }
        } else if (a == "--palette-size") req.palette_size = std::atoi(v.c_str());
        else if (a == "--aspect-ratio") req.aspect_ratio = std::atof(v.c_str());
        else if (a == "--source-format") req.source_format = v;
        else if (a == "--saliency-out") saliency_out = v;
        else if (a == "--repeat") repeat = std::max(1, std::atoi(v.c_str()));
        else return usage();
    }
    std::vector<uint8_t> bytes;
    if (!read_file(in.c_str(), bytes)) {
        std::fprintf(stderr, "cannot read %s\n", in.c_str());
        return 64;
    }
    Image img;
    if (ends_with(in, ".ppraw")) {
        auto r = cli::image_from_ppraw(bytes);
        if (!r.ok()) return fail(r.status());
        img = r.take();
    } else {
        auto d = codec::decode_image(bytes.data(), bytes.size(), Limits{});
        if (!d.ok()) return fail(d.status());
        if (req.source_format.empty()) req.source_format = d.value().format;
        img = std::move(d.value().image);
    }
    Result<std::string> json = Status::error(ErrorCode::INTERNAL, "not run");
    double best_ms = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        json = analysis::analyze_to_json(img, req);
        if (!json.ok()) return fail(json.status());
        best_ms = std::min(best_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    if (repeat > 1) std::fprintf(stderr, "analyze best of %d: %.2f ms\n", repeat, best_ms);
    if (!saliency_out.empty()) {
        auto map = analysis::saliency_map(img);
        if (!map.ok()) return fail(map.status());
        const auto &m = map.value();
        std::vector<uint8_t> header(kSaliencyMagic, kSaliencyMagic + 8);
        put_u32(header, uint32_t(m.width));
        put_u32(header, uint32_t(m.height));
        header.insert(header.end(), m.input.px.begin(), m.input.px.end());
        if (!write_file(saliency_out.c_str(), header, reinterpret_cast<const uint8_t *>(m.v.data()), m.v.size() * 4)) {
            std::fprintf(stderr, "cannot write %s\n", saliency_out.c_str());
            return 64;
        }
    }
    std::printf("%s\n", json.value().c_str());
    return 0;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc >= 3 && std::strcmp(argv[1], "info") == 0) return cmd_info(argv[2]);
    if (argc >= 2 && std::strcmp(argv[1], "run") == 0) return cmd_run(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "analyze") == 0) return cmd_analyze(argc, argv);
    if (argc >= 3 && std::strcmp(argv[1], "metadata") == 0) {
        std::vector<uint8_t> bytes;
        if (!read_file(argv[2], bytes)) return usage();
        std::printf("%s\n", codec::to_json(codec::read_metadata(bytes.data(), bytes.size())).c_str());
        return 0;
    }
    if (argc >= 4 && std::strcmp(argv[1], "composite") == 0) return cli::cmd_composite(argc, argv);
    if (argc >= 7 && std::strcmp(argv[1], "measure-text") == 0) return cli::cmd_measure_text(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "encode") == 0) return cli::cmd_encode(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "ops") == 0) {
        for (const auto &name : ops::list_operations()) std::printf("%s\n", name.c_str());
        return 0;
    }
    return usage();
}
