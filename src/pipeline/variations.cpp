// variations.cpp: decode once, run each variant's steps from the shared source, encode.
#include "pipeline/variations.h"

#include <chrono>

#include "codec/decode.h"
#include "codec/encode.h"
#include "ops/registry.h"

namespace pixelpipe::pipeline {
namespace {

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Status located(Status s, int variant, int step) {
    s.variant = variant;
    s.step = step;
    return s;
}

Result<std::vector<uint8_t>> encode(const Image &img, const VariantSpec &v) {
    if (v.format == "png") return codec::encode_png(img);
    if (v.format == "jpeg") return codec::encode_jpeg(img, v.quality);
    if (v.format == "raw") {
        std::vector<uint8_t> bytes(img.data(), img.data() + img.size_bytes());
        return bytes;
    }
    return Status::error(ErrorCode::INVALID_ARGUMENT, "unknown output format '" + v.format + "'");
}

Result<VariantOutput> run_variant(const Image &source, const VariantSpec &v, int index, const Limits &limits) {
    VariantOutput out;
    out.id = v.id;
    out.format = v.format;
    auto t0 = std::chrono::steady_clock::now();
    // Steps chain through `current`; the source is borrowed, never copied, until a step runs.
    // A run of consecutive pointwise steps goes to the color family as one chain (fusion).
    Image current;
    const Image *input = &source;
    const auto &steps = v.steps;
    for (size_t s = 0; s < steps.size();) {
        const ops::OpEntry *entry = ops::find_op(steps[s].op);
        if (!entry) {
            return located(Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + steps[s].op + "'"),
                           index, int(s));
        }
        size_t end = s + 1;
        if (entry->pointwise) {
            while (end < steps.size()) {
                const ops::OpEntry *next = ops::find_op(steps[end].op);
                if (!next || !next->pointwise) break;
                ++end;
            }
        }
        auto r = end - s > 1 ? ops::apply_pointwise_chain(*input, &steps[s], &steps[0] + end, limits)
                             : entry->run(*input, steps[s], limits);
        if (!r.ok()) return located(r.status(), index, r.status().step >= 0 ? int(s) + r.status().step : int(s));
        current = r.take();
        input = &current;
        s = end;
    }
    out.pipeline_ms = ms_since(t0);
    out.width = input->width();
    out.height = input->height();
    t0 = std::chrono::steady_clock::now();
    if (v.format == "raw" && input == &current) {
        out.pixels = std::move(current);
        out.encode_ms = ms_since(t0);
        return out;
    }
    auto bytes = encode(*input, v);
    if (!bytes.ok()) return located(bytes.status(), index, -1);
    out.bytes = bytes.take();
    out.encode_ms = ms_since(t0);
    return out;
}

}  // namespace

Result<VariationsResult> run_variations(const Image &source, const std::vector<VariantSpec> &variants,
                                        const Limits &limits) {
    VariationsResult result;
    result.source_width = source.width();
    result.source_height = source.height();
    result.source_format = "raw";
    for (size_t i = 0; i < variants.size(); ++i) {
        auto r = run_variant(source, variants[i], int(i), limits);
        if (!r.ok()) return r.status();
        result.outputs.push_back(r.take());
    }
    return result;
}

Result<VariationsResult> process_variations(const uint8_t *data, size_t size, const std::vector<VariantSpec> &variants,
                                            const Limits &limits) {
    auto t0 = std::chrono::steady_clock::now();
    auto decoded = codec::decode_image(data, size, limits);
    if (!decoded.ok()) return decoded.status();
    const double decode_ms = ms_since(t0);
    auto r = run_variations(decoded.value().image, variants, limits);
    if (!r.ok()) return r;
    r.value().decode_ms = decode_ms;
    r.value().source_format = decoded.value().format;
    return r;
}

}  // namespace pixelpipe::pipeline
