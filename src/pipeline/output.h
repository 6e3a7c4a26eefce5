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
#include "pipeline/carried_metadata.h"

namespace pixelpipe::pipeline {

// `options.op` is the format name ("png", "jpeg", "raw", …); its parameters are the format's
// options with every default filled in by JS (each one must be read: op_spec.h), plus the output
// metadata options of output_metadata.h. `source`: what the image was made from carries over
// (nullptr: nothing, e.g. a composite); `warnings` gets what could not be kept.
Result<std::vector<uint8_t>> encode_output(const Image &image, const ops::OpSpec &options,
                                           const CarriedMetadata *source = nullptr,
                                           std::vector<std::string> *warnings = nullptr);

// The formats this build encodes and decodes (capabilities().formats).
std::vector<std::string> encodable_formats();
std::vector<std::string> decodable_formats();

}  // namespace pixelpipe::pipeline
