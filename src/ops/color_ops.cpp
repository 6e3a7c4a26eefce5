// color_ops.cpp: the color family's entries in the op registry, and the pointwise-chain runner
// (fusion through the compiler in color_program.h).
#include "ops/color_program.h"
#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

// Every pointwise colour transform: its stages compiled alone (one pass).
Result<Image> run_transform(const Image &src, const OpSpec &op, const Limits &) {
    auto stages = color::stages_for(op);
    if (!stages.ok()) return stages.status();
    return color::run(src, color::compile(stages.value()));
}

// Two-pass ops: a histogram, then a table pass.
Result<Image> run_normalize(const Image &src, const OpSpec &op, const Limits &) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "normalize of an empty image");
    const double lo = op.number("lowPercentile"), hi = op.number("highPercentile");
    if (!(lo >= 0.0 && hi <= 100.0 && lo < hi))
        return Status::error(ErrorCode::INVALID_ARGUMENT, "normalize: need 0 <= lowPercentile < highPercentile <= 100");
    return color::run_tables(src, color::normalize_tables(src, lo, hi));
}

Result<Image> run_equalize(const Image &src, const OpSpec &, const Limits &) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "equalize of an empty image");
    return color::run_tables(src, color::equalize_tables(src));
}

}  // namespace

void add_color_ops(std::vector<OpEntry> &table) {
    for (const char *name : {"grayscale", "sepia", "invert", "opacity", "brightness", "contrast", "saturate",
                             "hue_rotate", "gamma", "exposure", "levels", "curves", "temperature", "tint", "vibrance",
                             "colorize", "duotone", "posterize", "threshold", "channel_mixer"})
        table.push_back({name, &run_transform, true});
    table.push_back({"normalize", &run_normalize, false});
    table.push_back({"equalize", &run_equalize, false});
}

// Consecutive colour transforms compile into as few passes as the rules in color_program.h allow;
// any other family's pointwise op in the run is called through its own handler.
Result<Image> apply_pointwise_chain(const Image &src, const OpSpec *first, const OpSpec *last, const Limits &limits) {
    Image current;
    const Image *input = &src;
    auto located = [first](Status s, const OpSpec *at) {
        s.step = int(at - first);
        return s;
    };
    for (const OpSpec *op = first; op != last;) {
        Result<Image> r = Status::error(ErrorCode::INTERNAL, "unreached");
        if (color::is_pointwise_transform(op->op)) {
            std::vector<color::Stage> stages;
            for (; op != last && color::is_pointwise_transform(op->op); ++op) {
                auto s = color::stages_for(*op);
                if (!s.ok()) return located(s.status(), op);
                stages.insert(stages.end(), s.value().begin(), s.value().end());
            }
            r = color::run(*input, color::compile(stages));
            if (!r.ok()) return r.status();
        } else {
            const OpEntry *entry = find_op(op->op);
            if (!entry) return located(Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + op->op + "'"), op);
            r = entry->run(*input, *op, limits);
            if (!r.ok()) return located(r.status(), op);
            ++op;
        }
        current = r.take();
        input = &current;
    }
    return current;
}

}  // namespace pixelpipe::ops
