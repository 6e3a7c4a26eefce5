// output.h: an image → the bytes a method returns, for every method that returns an image
// (variations, composite, palettes, export): the format's encoder with its declared options
// (js/catalogue/formats.js), or the raw pixels.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"
#include "ops/op_spec.h"

namespace pixelpipe::pipeline {

// `options.op` is the format name ("png", "jpeg", "raw", …); its parameters are the format's
// options with every default filled in by JS (each one must be read: op_spec.h).
Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options);

// The formats this build encodes and decodes (capabilities().formats).
std::vector<std::string> encodable_formats();
std::vector<std::string> decodable_formats();

}  // namespace pixelpipe::pipeline
