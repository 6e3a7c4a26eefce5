// registry.h: op id → handler. Each family (geometry, color, filters) lists its ops in its own
// *_ops.cpp; registry.cpp joins the lists. list_operations() feeds the drift test that keeps
// C++ and js/catalogue in step.
#pragma once
#include <string>
#include <vector>

#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"
#include "ops/op_spec.h"

namespace pixelpipe::ops {

using OpHandler = Result<Image> (*)(const Image &src, const OpSpec &op, const Limits &limits);

struct OpEntry {
    const char *name;
    OpHandler run;
    // Per-pixel ops (output pixel depends only on the same input pixel) may be fused with their
    // neighbours in a chain: see apply_pointwise_chain.
    bool pointwise = false;
};

// The family tables (each defined in its family's *_ops.cpp).
void add_geometry_ops(std::vector<OpEntry> &table);
void add_color_ops(std::vector<OpEntry> &table);
void add_filter_ops(std::vector<OpEntry> &table);

const OpEntry *find_op(const std::string &name);
std::vector<std::string> list_operations();

// Runs consecutive pointwise steps [first, last) as one pass where it can (color family).
Result<Image> apply_pointwise_chain(const Image &src, const OpSpec *first, const OpSpec *last, const Limits &limits);

}  // namespace pixelpipe::ops
