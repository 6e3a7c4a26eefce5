// spec.h: the normalised request the JS layer sends (the "baton"). Every default is already
// filled in by js/config/normalise.js; C++ executes it and checks only safety invariants.
#pragma once
#include <string>
#include <vector>

#include "ops/op_spec.h"

namespace pixelpipe::pipeline {

using ops::OpSpec;

struct VariantSpec {
    std::string id;
    std::vector<OpSpec> steps;
    OpSpec output;  // output.op = the format ("png" unless set); its parameters = the format's options
    VariantSpec() { output.op = "png"; }
};

}  // namespace pixelpipe::pipeline
