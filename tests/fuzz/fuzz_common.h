// fuzz_common.h: what the fuzz targets share: the limits they run under, the check that every
// error is a typed one, and structured inputs (images, catalogue steps) built from the fuzzer's
// bytes with libFuzzer's FuzzedDataProvider.
#pragma once
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"
#include "ops/op_spec.h"
#include "ops/registry.h"

namespace pixelpipe::fuzz {

// Product limits shrunk so that one input costs milliseconds: a legal 100-megapixel decode would
// be a libFuzzer timeout, not a finding. The decode budget this implies (24 B per pixel + 64 MB,
// decode.h) stays far under the -malloc_limit_mb that scripts/fuzz.mjs sets, so an allocation
// over that limit means a decoder allocated before (or without) its header check.
inline Limits fuzz_limits() {
    Limits l;
    l.max_pixels = 1u << 20;
    l.max_side = 4096;
    return l;
}

// A Status must be OK or carry a real code and a message saying what was wrong. INTERNAL means a
// pipeline or invariant failed, which no input may cause; the one INTERNAL a request can cause on
// purpose is op_spec's drift check ("parameter 'x' was sent but the engine does not read it":
// after JS validation only a catalogue/engine mismatch gets there; tests/integration/parameters.test.js).
inline void expect_typed(const Status &s) {
    if (s.is_ok()) return;
    const bool drift = s.code == ErrorCode::INTERNAL && (s.message.find("was sent but the engine does not read it") != std::string::npos ||
                                                         s.message.find("the engine reads parameter '") != std::string::npos);
    if ((s.code == ErrorCode::INTERNAL && !drift) || s.message.empty()) {
        std::fprintf(stderr, "untyped or unexplained error: %s '%s'\n", error_code_name(s.code), s.message.c_str());
        std::abort();
    }
}

// A number the way hostile JSON delivers it: ordinary, huge, negative, NaN or infinite.
inline double fuzz_number(FuzzedDataProvider &in) {
    switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0: return std::numeric_limits<double>::quiet_NaN();
    case 1: return in.ConsumeBool() ? INFINITY : -INFINITY;
    case 2: return in.ConsumeFloatingPoint<double>();
    case 3: return in.ConsumeIntegralInRange<int>(-2, 2) * 1e9;
    case 4: return in.ConsumeFloatingPointInRange<double>(0, 1);
    default: return in.ConsumeIntegralInRange<int>(-300, 5000);
    }
}

// A small RGBA8 image (1..max_side square-ish) filled from the input (zeros once it runs out).
inline Image fuzz_image(FuzzedDataProvider &in, int max_side = 48) {
    const int w = in.ConsumeIntegralInRange(1, max_side), h = in.ConsumeIntegralInRange(1, max_side);
    auto img = Image::allocate(w, h);
    if (!img.ok()) std::abort();  // 48x48 must always fit
    Image out = img.take();
    std::vector<uint8_t> px = in.ConsumeBytes<uint8_t>(out.size_bytes());
    if (!px.empty()) std::memcpy(out.data(), px.data(), px.size());
    std::memset(out.data() + px.size(), 0, out.size_bytes() - px.size());
    return out;
}

// The generated catalogue table (op or format, wire key, numeric default, text default): the
// complete request JS would send for each op, read from the same file op_spec.cpp compiles in.
struct CatalogueRow {
    const char *op, *key;
    double number;
    const char *text;
};
inline const std::vector<CatalogueRow> &catalogue_rows() {
    static const std::vector<CatalogueRow> rows = {
#include "ops/catalogue_defaults.generated.inc"
    };
    return rows;
}

// Required parameters have no default, so the table cannot list them: these names let the
// generated steps reach past "missing parameter" (libFuzzer's dictionary adds the rest).
inline const std::vector<std::string> &required_keys() {
    static const std::vector<std::string> keys = {"width", "height", "angle", "degrees", "radius", "sigma",
                                                  "size", "amount", "left", "top", "x", "y", "strength",
                                                  "kernel.0", "kernel.1", "kernel.8", "color.0", "color.3"};
    return keys;
}

// One step { op, ...params }: an op id from `names` (rarely a made-up one), the catalogue's
// complete defaults for it (the well-formed request JS would send), then a few hostile edits:
// a value replaced by a number from fuzz_number or a string, a key added (known or made up), a
// key dropped. `names` is ops::list_operations() for steps, the encoder formats for outputs.
inline ops::OpSpec fuzz_step(FuzzedDataProvider &in, const std::vector<std::string> &names) {
    ops::OpSpec op;
    op.op = in.ConsumeIntegralInRange(0, 31) == 0 ? in.ConsumeRandomLengthString(12)
                                                  : names[in.ConsumeIntegralInRange<size_t>(0, names.size() - 1)];
    std::vector<std::string> keys = required_keys();
    for (const auto &row : catalogue_rows()) {
        if (op.op != row.op) continue;
        keys.push_back(row.key);
        if (*row.text) op.str[row.key] = row.text; else op.num[row.key] = row.number;
    }
    const int edits = in.ConsumeIntegralInRange(0, 6);
    for (int i = 0; i < edits && in.remaining_bytes() > 0; ++i) {
        const std::string key = in.ConsumeBool() ? keys[in.ConsumeIntegralInRange<size_t>(0, keys.size() - 1)]
                                                 : in.ConsumeRandomLengthString(16);
        switch (in.ConsumeIntegralInRange(0, 3)) {
        case 0: op.num.erase(key); op.str.erase(key); break;
        case 1: op.str[key] = in.ConsumeRandomLengthString(24); op.num.erase(key); break;
        default: op.num[key] = fuzz_number(in); op.str.erase(key); break;
        }
    }
    return op;
}

// Lists of steps, as a variant's or a layer's transforms.
inline std::vector<ops::OpSpec> fuzz_steps(FuzzedDataProvider &in, int max_steps) {
    static const std::vector<std::string> names = ops::list_operations();
    std::vector<ops::OpSpec> steps;
    const int n = in.ConsumeIntegralInRange(0, max_steps);
    for (int i = 0; i < n && in.remaining_bytes() > 0; ++i) steps.push_back(fuzz_step(in, names));
    return steps;
}

}  // namespace pixelpipe::fuzz
