// op_spec.h: one normalised step ({op, ...params}) as the JS layer sends it.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace pixelpipe::ops {

struct OpSpec {
    std::string op;                          // catalogue op id ("resize", "grayscale", ...)
    std::map<std::string, double> num;       // numbers and booleans (0/1); arrays as "key.0", "key.1", ...
    std::map<std::string, std::string> str;  // enum/string parameters

    double number(const std::string &k, double fallback) const {
        auto it = num.find(k);
        return it == num.end() ? fallback : it->second;
    }
    // A numeric array sent as key.0, key.1, ... (JS flattens nested arrays row by row).
    std::vector<double> array(const std::string &k) const {
        std::vector<double> values;
        for (;;) {
            auto it = num.find(k + "." + std::to_string(values.size()));
            if (it == num.end()) return values;
            values.push_back(it->second);
        }
    }
    std::string text(const std::string &k, const std::string &fallback) const {
        auto it = str.find(k);
        return it == str.end() ? fallback : it->second;
    }
};

}  // namespace pixelpipe::ops
