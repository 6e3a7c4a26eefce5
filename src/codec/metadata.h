// metadata.h: the facts analyzeImage's `metadata` reports that only the file's header knows
// (the decode facts — format, size, orientation — come from decode.h). JPEG and PNG are read;
// other formats report 8 bits and no ICC/EXIF. Every read is bounds-checked; garbage gives the
// defaults, never an error.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace pixelpipe::codec {

struct SourceMetadata {
    int bit_depth = 8;             // bits per sample as stored (JPEG SOF precision, PNG IHDR)
    bool has_alpha = false;        // from the header: PNG colour type 4/6 or a tRNS chunk
    bool icc = false;              // an ICC profile is embedded (JPEG APP2, PNG iCCP, WebP ICCP)
    std::string icc_description;   // the profile's 'desc' tag (PNG: else the iCCP name)
    std::string icc_color_space;   // ICC header colour space ("RGB", "GRAY", "CMYK")
    std::string icc_class;         // "display" | "input" | "output" | "colorspace" | ... (icc_class_name)
    bool exif = false;             // an EXIF block was found (JPEG APP1, PNG eXIf)
    std::string make, model, date_time;
    bool gps = false;
};

SourceMetadata read_metadata(const uint8_t *data, size_t size);

// {"bitDepth":8,"hasAlpha":false,"icc":{"description":…,"colorSpace":…,"class":…}|null,
//  "exif":{"make":…,"model":…,"dateTime":…,"gps":bool}|null}; empty strings become null.
std::string to_json(const SourceMetadata &m);

}  // namespace pixelpipe::codec
