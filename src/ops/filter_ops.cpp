// filter_ops.cpp: the filter family's entries in the op registry.
#include <cmath>

#include "ops/ops.h"
#include "ops/registry.h"

namespace pixelpipe::ops {
namespace {

Result<Image> run_gaussian_blur(const Image &src, const OpSpec &op, const Limits &) {
    return gaussian_blur(src, float(op.number("sigma", 0)));
}

}  // namespace

void add_filter_ops(std::vector<OpEntry> &table) {
    table.push_back({"gaussian_blur", &run_gaussian_blur, false});
}

}  // namespace pixelpipe::ops
