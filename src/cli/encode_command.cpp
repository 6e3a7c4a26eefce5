// encode_command.cpp: `pixelpipe_native encode IN OUT --format F [--opt key=value ...] [--repeat N]`
// IN is any decodable image or a .ppraw; the options go to the encoder registry exactly as given
// (every option of the format must be present: the registry has no defaults). Prints
// {"bytes":N,"bestMs":T} (T = best of N encodes).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/cli_io.h"
#include "cli/commands.h"
#include "codec/decode.h"
#include "codec/encoders/registry.h"

namespace pixelpipe::cli {

int cmd_encode(int argc, char **argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: pixelpipe_native encode IN OUT --format F [--opt key=value ...] [--repeat N]\n");
        return 64;
    }
    const std::string in = argv[2], out = argv[3];
    std::string format;
    codec::EncodeParams params;
    int repeat = 1;
    for (int i = 4; i < argc; ++i) {
        const std::string a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : "";
        if (a == "--format") format = next, ++i;
        else if (a == "--repeat") repeat = std::max(1, std::atoi(next)), ++i;
        else if (a == "--opt") {
            const std::string kv = next;
            ++i;
            const size_t eq = kv.find('=');
            if (eq == std::string::npos) return fail(Status::error(ErrorCode::INVALID_ARGUMENT, "--opt needs key=value"));
            parse_value(kv.substr(0, eq), kv.substr(eq + 1), params.num, params.str);
        } else {
            return fail(Status::error(ErrorCode::INVALID_ARGUMENT, "unknown argument " + a));
        }
    }
    std::vector<uint8_t> bytes;
    if (!read_file(in.c_str(), bytes)) {
        std::fprintf(stderr, "cannot read %s\n", in.c_str());
        return 64;
    }
    Result<Image> image = Status::error(ErrorCode::INTERNAL, "not loaded");
    if (in.size() > 6 && in.compare(in.size() - 6, 6, ".ppraw") == 0) {
        image = image_from_ppraw(bytes);
    } else {
        auto decoded = codec::decode_image(bytes.data(), bytes.size(), Limits{});
        if (!decoded.ok()) return fail(decoded.status());
        image = std::move(decoded.value().image);
    }
    if (!image.ok()) return fail(image.status());
    Result<std::vector<uint8_t>> encoded = Status::error(ErrorCode::INTERNAL, "not run");
    double best = 1e300;
    for (int r = 0; r < repeat; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        encoded = codec::encode(image.value(), format, params);
        if (!encoded.ok()) return fail(encoded.status());
        best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    FILE *f = std::fopen(out.c_str(), "wb");
    const auto &data = encoded.value();
    if (!f || std::fwrite(data.data(), 1, data.size(), f) != data.size() || std::fclose(f) != 0) {
        std::fprintf(stderr, "cannot write %s\n", out.c_str());
        return 64;
    }
    std::printf("{\"bytes\":%zu,\"bestMs\":%.3f}\n", data.size(), best);
    return 0;
}

}  // namespace pixelpipe::cli
