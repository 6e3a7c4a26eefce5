// variations.h: decode once → each variant's steps → encode.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "codec/decode.h"
#include "core/image.h"
#include "core/limits.h"
#include "core/status.h"
#include "pipeline/carried_metadata.h"
#include "pipeline/spec.h"

namespace pixelpipe::pipeline {

struct VariantOutput {
    std::string id;
    std::string format;           // "png" | "jpeg" | "raw"
    int width = 0;
    int height = 0;
    std::vector<uint8_t> bytes;   // encoded file (or "raw" pixels copied from a borrowed source)
    Image pixels;                 // "raw" output a step produced: handed over, not copied
    // "raw" output of no steps: the source itself, not copied (a 12 MP copy is ~48 MB of memory
    // traffic on every io round trip); valid while the source image given to run_variations lives.
    const Image *borrowed = nullptr;
    const Image &image() const { return borrowed ? *borrowed : pixels; }
    const uint8_t *data() const { return borrowed || !pixels.empty() ? image().data() : bytes.data(); }
    size_t size() const { return borrowed || !pixels.empty() ? image().size_bytes() : bytes.size(); }
    int shared_steps = 0;         // leading steps taken over from an earlier variant's intermediate
    double pipeline_ms = 0;       // steps
    double encode_ms = 0;
    std::vector<std::string> warnings;  // what the output could not keep (output_metadata.h)
};

struct VariationsResult {
    std::vector<VariantOutput> outputs;
    int source_width = 0;   // after orientation
    int source_height = 0;
    std::string source_format;  // "raw" when the input was pixels
    double decode_ms = 0;
    std::vector<std::string> warnings;  // from the decoder (e.g. an ICC profile it ignored)
};

// Runs all variants on an already decoded image. On failure the Status names the variant and
// step index.
// `on_variant(i)` is called after variant i is done (progress), if set. `carried`: the source's
// profile, EXIF and XMP, for outputs that keep them (encode_output).
Result<VariationsResult> run_variations(const Image &source, const std::vector<VariantSpec> &variants,
                                        const Limits &limits, const std::function<void(int)> &on_variant = {},
                                        const CarriedMetadata *carried = nullptr);

// Decodes `data` then runs run_variations.
Result<VariationsResult> process_variations(const uint8_t *data, size_t size, const std::vector<VariantSpec> &variants,
                                            const Limits &limits, const codec::DecodeOptions &decode = {});

}  // namespace pixelpipe::pipeline
