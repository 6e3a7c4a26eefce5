// op_spec.h: one normalised step ({op, ...params}) as the JS layer sends it, and the checked way
// to read its parameters. Names are the catalogue's wire names (js/catalogue); a parameter absent
// from the request takes the catalogue's default (catalogue_defaults.generated.inc), so C++ never
// writes a default of its own. Every read is recorded: a parameter that was sent but never read,
// or (strict mode, for the parameter-mismatch test) read but not sent, is an error
// (check_parameters), so a renamed read on either side fails instead of silently using a default.
#pragma once
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace pixelpipe::ops {

struct OpSpec {
    OpSpec() = default;
    explicit OpSpec(std::string op_, std::map<std::string, double> num_ = {}, std::map<std::string, std::string> str_ = {})
        : op(std::move(op_)), num(std::move(num_)), str(std::move(str_)) {}

    std::string op;                          // catalogue op id ("resize", "grayscale", ...)
    std::map<std::string, double> num;       // numbers and booleans (0/1); arrays as "key.0", "key.1", ...
    std::map<std::string, std::string> str;  // enum/string parameters

    // A number: the request's, else the catalogue default, else NaN (an optional parameter the
    // request left out: callers test with has()).
    double number(const std::string &k) const;
    // For parameters whose absence has a meaning of its own ("0 = derive from the other side"),
    // not a catalogue default: the request's value, else `absent`.
    double number_or(const std::string &k, double absent) const;
    // A numeric array sent as key.0, key.1, ... (JS flattens nested arrays row by row).
    std::vector<double> array(const std::string &k) const;
    std::string text(const std::string &k) const;
    bool has(const std::string &k) const;

    // Sent-but-unread parameters are always an error; with `strict`, read-but-not-sent ones too.
    Status check_parameters(bool strict) const;

private:
    mutable std::set<std::string> read_;     // base keys read ("kernel" for kernel.0..)
    mutable std::set<std::string> missing_;  // read, absent from the request and without a catalogue default
    void mark(const std::string &k, bool present) const;
};

// The catalogue default of op/key, if it declares one.
bool catalogue_default(const std::string &op, const std::string &key, double *number, std::string *text);

// Strict parameter checking for the whole engine (tests only; see check_parameters).
void set_strict_parameters(bool strict);
bool strict_parameters();

}  // namespace pixelpipe::ops
