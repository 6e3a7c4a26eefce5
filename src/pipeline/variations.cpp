// variations.cpp: decode once, run each variant's steps from the shared source (or from an
// earlier variant's intermediate when their first steps agree), encode.
#include "pipeline/variations.h"

#include <chrono>
#include <iterator>
#include <map>
#include <set>
#include <utility>

#include "codec/decode.h"
#include "ops/registry.h"
#include "pipeline/output.h"

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

// Where each chunk of a variant's steps ends: a run of consecutive pointwise steps is one chunk
// (fused), every other step is its own. Only chunk ends have an intermediate image.
Result<std::vector<size_t>> chunk_ends(const std::vector<OpSpec> &steps) {
    std::vector<size_t> ends;
    for (size_t s = 0; s < steps.size();) {
        const ops::OpEntry *entry = ops::find_op(steps[s].op);
        if (!entry) {
            Status unknown = Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + steps[s].op + "'");
            unknown.step = int(s);
            return unknown;
        }
        size_t end = s + 1;
        if (entry->pointwise) {
            while (end < steps.size()) {
                const ops::OpEntry *next = ops::find_op(steps[end].op);
                if (!next || !next->pointwise) break;
                ++end;
            }
        }
        ends.push_back(end);
        s = end;
    }
    return ends;
}

bool same_step(const OpSpec &a, const OpSpec &b) { return a.op == b.op && a.num == b.num && a.str == b.str; }

// A variant whose first steps equal an earlier variant's starts from that variant's
// intermediate instead of the source (one resize feeding several colour variants, say).
struct SharedPrefix {
    int from = -1;      // the earlier variant, or -1
    size_t steps = 0;   // how many leading steps it reuses (a chunk end of both variants)
};

std::vector<SharedPrefix> plan_shared_prefixes(const std::vector<VariantSpec> &variants,
                                               const std::vector<std::vector<size_t>> &ends) {
    std::vector<SharedPrefix> plan(variants.size());
    for (size_t i = 0; i < variants.size(); ++i) {
        for (size_t j = 0; j < i; ++j) {
            const auto &a = variants[i].steps, &b = variants[j].steps;
            size_t common = 0;
            while (common < a.size() && common < b.size() && same_step(a[common], b[common])) ++common;
            // The longest chunk end within the common prefix that j actually computes (after its
            // own shared start): only those intermediates exist.
            size_t usable = 0;
            for (size_t e : ends[j]) {
                if (e <= common && e > plan[j].steps) usable = e;
            }
            if (usable > plan[i].steps) plan[i] = {int(j), usable};
        }
    }
    return plan;
}

using Intermediates = std::map<std::pair<int, size_t>, Image>;  // (variant, steps done) → image

Result<VariantOutput> run_variant(const Image &source, const VariantSpec &v, int index, const Limits &limits,
                                  const std::vector<size_t> &ends, const SharedPrefix &start,
                                  const std::set<size_t> &keep, Intermediates &store, const CarriedMetadata *carried) {
    VariantOutput out;
    out.id = v.id;
    out.format = v.output.op;
    out.shared_steps = int(start.steps);
    auto t0 = std::chrono::steady_clock::now();
    // Chunks chain through `current`; the source (or a shared intermediate) is borrowed, never
    // copied. A chunk of several pointwise steps goes to the color family as one pass (fusion).
    Image current;
    const Image *input = &source;
    if (start.from >= 0) {
        auto kept = store.find({start.from, start.steps});
        if (kept == store.end()) return located(Status::error(ErrorCode::INTERNAL, "shared intermediate missing"), index, -1);
        input = &kept->second;
    }
    const auto &steps = v.steps;
    // Chunks start after the shared steps (a chunk of this variant may straddle that point:
    // fused and step-by-step colour passes give identical pixels, so splitting it is exact).
    size_t s = start.steps;
    for (size_t end : ends) {
        if (end <= start.steps) continue;
        auto r = end - s > 1 ? ops::apply_pointwise_chain(*input, &steps[s], &steps[0] + end, limits)
                             : ops::find_op(steps[s].op)->run(*input, steps[s], limits);
        if (!r.ok()) return located(r.status(), index, r.status().step >= 0 ? int(s) + r.status().step : int(s));
        for (size_t k = s; k < end; ++k) {  // every parameter sent was read, under its declared name
            Status checked = steps[k].check_parameters(ops::strict_parameters());
            if (!checked.is_ok()) return located(checked, index, int(k));
        }
        current = r.take();
        input = &current;
        if (keep.count(end)) {  // a later variant starts here
            Image &kept = store[{index, end}];
            kept = std::move(current);
            input = &kept;
        }
        s = end;
    }
    out.pipeline_ms = ms_since(t0);
    out.width = input->width();
    out.height = input->height();
    t0 = std::chrono::steady_clock::now();
    if (v.output.op == "raw" && input == &current) {
        out.pixels = std::move(current);
        out.encode_ms = ms_since(t0);
        return out;
    }
    if (v.output.op == "raw" && input == &source && v.output.num.empty() && v.output.str.empty()) {
        out.borrowed = &source;
        out.encode_ms = ms_since(t0);
        return out;
    }
    auto bytes = encode_output(*input, v.output, carried, &out.warnings);
    if (!bytes.ok()) return located(bytes.status(), index, -1);
    out.bytes = bytes.take();
    out.encode_ms = ms_since(t0);
    return out;
}

}  // namespace

Result<VariationsResult> run_variations(const Image &source, const std::vector<VariantSpec> &variants,
                                        const Limits &limits, const std::function<void(int)> &on_variant,
                                        const CarriedMetadata *carried) {
    VariationsResult result;
    result.source_width = source.width();
    result.source_height = source.height();
    result.source_format = "raw";
    std::vector<std::vector<size_t>> ends;
    for (size_t i = 0; i < variants.size(); ++i) {
        auto e = chunk_ends(variants[i].steps);
        if (!e.ok()) return located(e.status(), int(i), e.status().step);
        ends.push_back(e.take());
    }
    const auto plan = plan_shared_prefixes(variants, ends);
    std::vector<std::set<size_t>> keep(variants.size());
    std::vector<size_t> last_user(variants.size(), 0);  // per source variant: the last variant reading its intermediates
    for (size_t i = 0; i < variants.size(); ++i) {
        if (plan[i].from < 0) continue;
        keep[plan[i].from].insert(plan[i].steps);
        last_user[plan[i].from] = i;
    }
    Intermediates store;
    for (size_t i = 0; i < variants.size(); ++i) {
        auto r = run_variant(source, variants[i], int(i), limits, ends[i], plan[i], keep[i], store, carried);
        if (!r.ok()) return r.status();
        result.outputs.push_back(r.take());
        if (on_variant) on_variant(int(i));
        // Free the intermediates nobody after this variant needs.
        for (auto it = store.begin(); it != store.end();) {
            it = last_user[size_t(it->first.first)] <= i ? store.erase(it) : std::next(it);
        }
    }
    return result;
}

Result<VariationsResult> process_variations(const uint8_t *data, size_t size, const std::vector<VariantSpec> &variants,
                                            const Limits &limits, const codec::DecodeOptions &decode) {
    auto t0 = std::chrono::steady_clock::now();
    auto decoded = codec::decode_image(data, size, limits, decode);
    if (!decoded.ok()) return decoded.status();
    const double decode_ms = ms_since(t0);
    const CarriedMetadata carried = carried_metadata(decoded.value());
    auto r = run_variations(decoded.value().image, variants, limits, {}, &carried);
    if (!r.ok()) return r;
    for (auto &o : r.value().outputs) {  // the decoded source ends here: copy what borrows it
        if (!o.borrowed) continue;
        o.bytes.assign(o.data(), o.data() + o.size());
        o.borrowed = nullptr;
    }
    r.value().decode_ms = decode_ms;
    r.value().source_format = decoded.value().format;
    r.value().warnings = std::move(decoded.value().warnings);
    return r;
}

}  // namespace pixelpipe::pipeline
