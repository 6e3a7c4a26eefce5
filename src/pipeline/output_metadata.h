// output_metadata.h: what an encoded output says besides its pixels, decided from three output
// options that are not encoder options (js/methods/export.js sends them; encode_output takes them
// out of the encoder's parameters):
//   iccProfile 'srgb' | 'p3'  the output colour space (converted, declared); given, it wins over
//   keepIccProfile 1          the source's profile: the pixels go back to it (or stay in it with
//                             colorManagement 'preserve') and it is embedded, as sharp's
//                             keepIccProfile(); a CMYK or gray profile cannot describe RGB output,
//                             so the output stays sRGB with a warning
//   stripMetadata 0           the source's EXIF (Orientation 1, the output size) and XMP copied in
// Formats without a colour or metadata container (gif, bmp, tga, ico, svg) ignore all three.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"
#include "pipeline/carried_metadata.h"

namespace pixelpipe::pipeline {

struct OutputMetadataOptions {
    std::string icc_profile;     // "srgb" | "p3" | "" (not given)
    bool keep_icc = false;
    bool strip = true;
};

// Removes the three keys from `params`. INVALID_ARGUMENT for an unknown iccProfile.
Result<OutputMetadataOptions> take_output_metadata_options(codec::EncodeParams &params);

// The pixels to encode and the profile to declare.
struct OutputColor {
    Image converted;                            // the pixels in the output space, when they differ
    const std::vector<uint8_t> *icc = nullptr;  // the profile to embed; nullptr: sRGB (codec::mark_srgb)
    const Image &pixels(const Image &image) const { return converted.empty() ? image : converted; }
};
// Formats without a container (codec::has_metadata_container) keep the sRGB pixels.
Result<OutputColor> prepare_output_color(const Image &image, const std::string &format, const OutputMetadataOptions &options,
                                         const CarriedMetadata *source, std::vector<std::string> &warnings);

// After the encoder: the colour declaration, then (stripMetadata 0) EXIF and XMP. `width` and
// `height`: the encoded image's.
Result<std::vector<uint8_t>> finish_output(const std::vector<uint8_t> &encoded, const std::string &format,
                                           const OutputColor &color, const OutputMetadataOptions &options,
                                           const CarriedMetadata *source, int width, int height,
                                           std::vector<std::string> &warnings);

}  // namespace pixelpipe::pipeline
