#include "ops/registry.h"

#include <algorithm>

namespace pixelpipe::ops {
namespace {

const std::vector<OpEntry> &table() {
    static const std::vector<OpEntry> entries = [] {
        std::vector<OpEntry> t;
        add_geometry_ops(t);
        add_color_ops(t);
        add_filter_ops(t);
        return t;
    }();
    return entries;
}

}  // namespace

const OpEntry *find_op(const std::string &name) {
    for (const auto &e : table()) {
        if (name == e.name) return &e;
    }
    return nullptr;
}

std::vector<std::string> list_operations() {
    std::vector<std::string> names;
    for (const auto &e : table()) names.emplace_back(e.name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace pixelpipe::ops
