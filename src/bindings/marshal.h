// marshal.h: emscripten::val ⇄ the pipeline's C++ structs. Only this folder knows about JS values.
#pragma once
#include <emscripten/val.h>

#include <vector>

#include "core/limits.h"
#include "core/status.h"
#include "pipeline/variations.h"

namespace pixelpipe::bindings {

// A JS {op, ...params} object (a step, or a format's options with op = the format) → OpSpec.
// Numbers and booleans become num[key], strings str[key], numeric arrays num["key.i"].
ops::OpSpec step_from_js(const emscripten::val &step);
// JS variants ([{id, steps:[{op, ...}], output: {op: format, ...formatOptions}}]) → specs.
std::vector<pipeline::VariantSpec> variants_from_js(const emscripten::val &variants);
// One step {op, ...params} → OpSpec (the same flattening).
pipeline::OpSpec step_from_js(const emscripten::val &step);
Limits limits_from_js(const emscripten::val &limits);

emscripten::val error_to_js(const Status &status);
emscripten::val result_to_js(const pipeline::VariationsResult &result);
// A JS-owned Uint8Array holding a copy of the bytes (the one copy out of wasm memory).
emscripten::val bytes_to_js(const uint8_t *data, size_t size);

}  // namespace pixelpipe::bindings
