// color_ops.cpp: the color family's entries in the op registry, and the pointwise-chain runner.
#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

Result<Image> run_grayscale(const Image &src, const OpSpec &, const Limits &) { return grayscale(src); }

}  // namespace

void add_color_ops(std::vector<OpEntry> &table) {
    table.push_back({"grayscale", &run_grayscale, true});
}

// No fusion yet: the steps run one after another.
Result<Image> apply_pointwise_chain(const Image &src, const OpSpec *first, const OpSpec *last, const Limits &limits) {
    Image current;
    const Image *input = &src;
    for (const OpSpec *op = first; op != last; ++op) {
        const OpEntry *entry = find_op(op->op);
        if (!entry) return Status::error(ErrorCode::UNSUPPORTED_OPERATION, "unknown operation '" + op->op + "'");
        auto r = entry->run(*input, *op, limits);
        if (!r.ok()) return r.status();
        current = r.take();
        input = &current;
    }
    return current;
}

}  // namespace pixelpipe::ops
