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
// The image result of a method: `output` ({op: format, ...formatOptions}, from JS) encodes it
// through pipeline::encode_output; undefined/null returns the raw RGBA8 pixels. →
// { ok: true, format, width, height, data: Uint8Array } | error_to_js(status).
emscripten::val image_output_to_js(const Image &image, const emscripten::val &output);
// A JS-owned Uint8Array holding a copy of the bytes (the one copy out of wasm memory).
emscripten::val bytes_to_js(const uint8_t *data, size_t size);

}  // namespace pixelpipe::bindings
