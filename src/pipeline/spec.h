// spec.h: the normalised request the JS layer sends (the "baton"). Every default is already
// filled in by js/config/normalise.js; C++ executes it and checks only safety invariants.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace pixelpipe::pipeline {

// One step. `op` is a catalogue op id ("resize", "grayscale", "gaussian_blur", ...).
struct OpSpec {
    std::string op;
    std::map<std::string, double> num;       // numeric parameters (width, sigma, ...)
    std::map<std::string, std::string> str;  // enum/string parameters (fit, ...)

    double number(const std::string &k, double fallback) const {
        auto it = num.find(k);
        return it == num.end() ? fallback : it->second;
    }
    std::string text(const std::string &k, const std::string &fallback) const {
        auto it = str.find(k);
        return it == str.end() ? fallback : it->second;
    }
};

struct VariantSpec {
    std::string id;
    std::vector<OpSpec> steps;
    std::string format = "png";  // "png" | "jpeg" | "raw"
    int quality = 80;            // jpeg only
};

}  // namespace pixelpipe::pipeline
