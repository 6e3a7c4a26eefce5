// icc_profile.h: what pixelpipe reads from an embedded ICC profile (ICC.1:2010 = v4.3, and v2):
// the header, the description, and the tags of matrix/TRC profiles (rXYZ/gXYZ/bXYZ colorants +
// rTRC/gTRC/bTRC curves, or a gray kTRC), wtpt and chad. LUT-based profiles (A2B0/A2B1, mAB,
// CMYK) are only recognised here; their transform is Little CMS's (icc_lcms.h).
// Every read is bounds-checked: a damaged profile is a Status (the decoder logs it as a warning
// and leaves the pixels alone), never a crash and never a failed decode.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace pixelpipe::color {

struct Xyz { double x = 0, y = 0, z = 0; };
using Mat3 = std::array<std::array<double, 3>, 3>;

// A tone curve, device value 0..1 -> linear 0..1. 'curv' (identity, pure gamma, or a table
// interpolated linearly, as ICC.1 §10.6 says) or 'para' (function types 0..4, ICC.1 §10.18).
struct IccCurve {
    enum class Kind { Identity, Gamma, Table, Parametric };
    Kind kind = Kind::Identity;
    int function_type = 0;            // para: 0..4
    std::array<double, 7> p{1, 1, 0, 0, 0, 0, 0};  // para: g a b c d e f (Gamma: p[0] = gamma)
    std::vector<uint16_t> table;      // curv with >= 2 entries

    double eval(double v) const;
};

struct IccProfile {
    uint32_t version = 0;           // header bytes 8..11 (0x04300000 = v4.3)
    std::string device_class;       // 'mntr' 'scnr' 'prtr' 'spac' 'link' 'abst' 'nmcl' (trimmed)
    std::string color_space;        // 'RGB' 'GRAY' 'CMYK' 'Lab' ... (trimmed)
    std::string pcs;                // 'XYZ' or 'Lab'
    int rendering_intent = 0;       // header's default intent
    std::string description;        // 'desc' (v2 textDescription or v4 mluc), ASCII; else empty

    bool has_matrix_trc = false;    // RGB with rXYZ gXYZ bXYZ rTRC gTRC bTRC, XYZ PCS
    bool has_gray_trc = false;      // GRAY with kTRC
    bool has_a2b[3] = {false, false, false};  // A2B0 (perceptual), A2B1 (colorimetric), A2B2 (saturation)
    Mat3 to_pcs{};                  // device linear RGB -> PCS XYZ (D50): columns rXYZ gXYZ bXYZ
    std::array<IccCurve, 3> trc;    // r g b (gray: all three are kTRC)
    Xyz white;                      // 'wtpt' (D50 when absent)
    bool has_chad = false;
    Mat3 chad{};                    // 'chad': source white -> D50 (informative: colorants are already adapted)
};

// Parses the profile. Errors (DECODE_FAILED) say what is wrong: too short, size field over the
// data, bad 'acsp' signature, tag table outside the profile, a required tag truncated or of an
// unknown type. Tags pixelpipe does not use are never read.
Result<IccProfile> parse_icc_profile(const uint8_t *data, size_t size);

// The profile's colour space and class for metadata: "RGB", "GRAY", "CMYK"; "display" | "input" |
// "output" | "colorspace" | "link" | "abstract" | "named" | the raw signature.
std::string icc_class_name(const IccProfile &p);

// True for any sRGB profile (IEC 61966-2-1 and its ICC v2/v4 and compact variants): colorants
// within 0.0015 of sRGB's D50-adapted ones and every curve within 0.5/255 of the sRGB curve on
// 64 samples. Such images are not converted at all (sRGB pays nothing).
bool is_srgb_profile(const IccProfile &p);

}  // namespace pixelpipe::color
