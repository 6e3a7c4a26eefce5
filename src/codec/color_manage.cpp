// color_manage.cpp: see color_manage.h.
#include "codec/color_manage.h"

#include "color/icc_builtin.h"
#include "color/icc_lcms.h"
#include "color/icc_profile.h"
#include "color/icc_transform.h"

namespace pixelpipe::codec {

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
    const color::IccProfile &p = parsed.value();
    if (p.color_space == "CMYK") return Status::ok();  // converted inside the JPEG decoder
    const bool gray_image = img.source_channels == 1 || img.source_channels == 2;
    if (p.color_space != "RGB" && !(p.color_space == "GRAY" && gray_image)) {
        img.warnings.push_back("ICC profile ignored: its colour space " + p.color_space + " does not match the image");
        return Status::ok();
    }
    if (color::is_srgb_profile(p)) return Status::ok();
    // Perceptual LUTs win over the matrix (icc_lcms.h); matrix/TRC-only profiles run in Halide.
    if ((p.has_matrix_trc || p.has_gray_trc) && !p.has_a2b[0]) {
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
