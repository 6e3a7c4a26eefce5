// op_spec.cpp: parameter reads with catalogue defaults and read tracking (see op_spec.h).
#include "ops/op_spec.h"

#include <atomic>
#include <cmath>

namespace pixelpipe::ops {
namespace {

struct DefaultRow {
    const char *op;
    const char *key;
    double number;
    const char *text;
};

const DefaultRow kDefaults[] = {
#include "ops/catalogue_defaults.generated.inc"
};

std::atomic<bool> g_strict{false};

std::string base_key(const std::string &k) { return k.substr(0, k.find('.')); }

}  // namespace

bool catalogue_default(const std::string &op, const std::string &key, double *number, std::string *text) {
    for (const auto &row : kDefaults) {
        if (op == row.op && key == row.key) {
            if (number) *number = row.number;
            if (text) *text = row.text;
            return true;
        }
    }
    return false;
}

void set_strict_parameters(bool strict) { g_strict = strict; }
bool strict_parameters() { return g_strict; }

void OpSpec::mark(const std::string &k, bool present) const {
    read_.insert(k);
    if (!present) missing_.insert(k);
}

bool OpSpec::has(const std::string &k) const { return num.count(k) || str.count(k) || num.count(k + ".0"); }

double OpSpec::number(const std::string &k) const {
    auto it = num.find(k);
    double d = NAN;
    const bool present = it != num.end();
    mark(k, present || catalogue_default(op, k, &d, nullptr));
    return present ? it->second : d;
}

double OpSpec::number_or(const std::string &k, double absent) const {
    read_.insert(k);  // optional by design: absence is not a mismatch
    auto it = num.find(k);
    return it == num.end() ? absent : it->second;
}

std::vector<double> OpSpec::array(const std::string &k) const {
    std::vector<double> values;
    const bool sent = num.count(k + ".0") > 0;
    for (;;) {
        const std::string item = k + "." + std::to_string(values.size());
        double d = 0;
        auto it = num.find(item);
        if (sent && it != num.end()) values.push_back(it->second);
        else if (!sent && catalogue_default(op, item, &d, nullptr)) values.push_back(d);
        else break;
    }
    // Absent without a default: legal (curves' optional channels come back empty), but in strict
    // mode it is a read the request does not carry.
    mark(k, sent || !values.empty());
    return values;
}

std::string OpSpec::text(const std::string &k) const {
    auto it = str.find(k);
    std::string d;
    const bool present = it != str.end();
    mark(k, present || catalogue_default(op, k, nullptr, &d));
    return present ? it->second : d;
}

Status OpSpec::check_parameters(bool strict) const {
    auto unread = [&](const std::string &k) { return !read_.count(base_key(k)) && !read_.count(k); };
    for (const auto &kv : num) {
        if (unread(kv.first)) {
            return Status::error(ErrorCode::INTERNAL, op + ": parameter '" + base_key(kv.first) + "' was sent but the engine does not read it");
        }
    }
    for (const auto &kv : str) {
        if (unread(kv.first)) {
            return Status::error(ErrorCode::INTERNAL, op + ": parameter '" + kv.first + "' was sent but the engine does not read it");
        }
    }
    if (strict && !missing_.empty()) {
        return Status::error(ErrorCode::INTERNAL, op + ": the engine reads parameter '" + *missing_.begin() +
                                                      "', which the request does not carry and the catalogue does not declare");
    }
    return Status::ok();
}

}  // namespace pixelpipe::ops
