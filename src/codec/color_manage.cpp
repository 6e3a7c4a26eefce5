// color_manage.cpp: see color_manage.h.
#include "codec/color_manage.h"

#include "color/icc_builtin.h"
#include "color/icc_lcms.h"
#include "color/icc_profile.h"

namespace pixelpipe::codec {
namespace {

enum class Route { None, MatrixTrc, Lcms };

// What 'convert' does with a parsed profile; `mismatch` is set when it does not fit the image.
Route route_for(const color::IccProfile &p, bool gray_image, std::string &mismatch) {
    if (p.color_space == "CMYK") return Route::None;  // converted inside the JPEG decoder
    if (p.color_space != "RGB" && !(p.color_space == "GRAY" && gray_image)) {
        mismatch = "ICC profile ignored: its colour space " + p.color_space + " does not match the image";
        return Route::None;
    }
    if (color::is_srgb_profile(p)) return Route::None;
    // Perceptual LUTs win over the matrix (icc_lcms.h); matrix/TRC-only profiles run in Halide.
    return (p.has_matrix_trc || p.has_gray_trc) && !p.has_a2b[0] ? Route::MatrixTrc : Route::Lcms;
}

}  // namespace

std::optional<color::MatrixTrcTables> rgb_matrix_trc_tables(const EmbeddedColor &found, ColorManagement mode) {
    if (mode != ColorManagement::Convert || found.icc.empty()) return std::nullopt;
    auto parsed = color::parse_icc_profile(found.icc.data(), found.icc.size());
    if (!parsed.ok() || parsed.value().color_space != "RGB") return std::nullopt;
    std::string mismatch;  // an RGB profile takes the same route for gray and colour images
    if (route_for(parsed.value(), false, mismatch) != Route::MatrixTrc) return std::nullopt;
    return color::build_matrix_trc(parsed.value(), color::srgb_profile());
}

Status apply_color_management(DecodedImage &img, EmbeddedColor found, ColorManagement mode) {
    if (mode == ColorManagement::Ignore) return Status::ok();
    if (!found.warning.empty()) img.warnings.push_back(found.warning);
    if (found.icc.empty()) return Status::ok();
    img.icc_profile = std::move(found.icc);
    if (mode == ColorManagement::Preserve) return Status::ok();

    auto parsed = color::parse_icc_profile(img.icc_profile.data(), img.icc_profile.size());
    if (!parsed.ok()) {
        img.warnings.push_back(parsed.status().message);
        return Status::ok();
    }
    if (img.color_converted) return Status::ok();  // by the decoder (a CMYK frame, or rows while decoding)
    const color::IccProfile &p = parsed.value();
    std::string mismatch;
    const Route route = route_for(p, img.source_channels == 1 || img.source_channels == 2, mismatch);
    if (!mismatch.empty()) img.warnings.push_back(std::move(mismatch));
    if (route == Route::None) return Status::ok();
    if (route == Route::MatrixTrc) {
        Status st = color::apply_matrix_trc(img.image, color::build_matrix_trc(p, color::srgb_profile()));
        if (!st.is_ok()) return st;
    } else {
        Status st = color::lcms_to_srgb(img.image, img.icc_profile.data(), img.icc_profile.size());
        if (!st.is_ok()) {
            img.warnings.push_back(st.message);
            return Status::ok();
        }
    }
    img.color_converted = true;
    return Status::ok();
}

}  // namespace pixelpipe::codec
