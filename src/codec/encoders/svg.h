// svg.h: SVG encoder: the raster embedded as a data URI, or traced into filled paths.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/encoders/params.h"
#include "core/image.h"
#include "core/status.h"

namespace pixelpipe::codec {

struct SvgOptions {
    bool trace = false;             // mode 'trace' (else 'embed')
    bool embed_jpeg = false;        // embedFormat 'jpeg' (else 'png')
    int quality = 0;                // embedded JPEG quality 1..100
    int colors = 16;                // trace: palette size 2..256
    double detail = 0;              // trace: 0..1, 1 keeps the most corners (least simplification)
    double smoothing = 0;           // trace: 0..1, 0 = polygons, 1 = curves at every gentle corner
    int min_area = 0;               // trace: regions under this many pixels merge into what lies beneath
    std::array<uint8_t, 4> background{};  // embedded JPEG: alpha flattened onto this colour
};

SvgOptions read_svg_options(ParamReader &reader);
Result<std::vector<uint8_t>> encode_svg(const Image &image, const SvgOptions &options);

// The trace body: <g fill="#rrggbb"> groups of <path> elements (one per region), bottom layer
// first. Exposed for the tests and the benchmark.
Result<std::string> trace_svg_body(const Image &image, const SvgOptions &options);

}  // namespace pixelpipe::codec
