// output_metadata.cpp: see output_metadata.h.
#include "pipeline/output_metadata.h"

#include <cstring>

#include "codec/container_edit.h"
#include "codec/exif.h"
#include "codec/icc_embed.h"
#include "codec/metadata_embed.h"
#include "color/icc_builtin.h"
#include "color/icc_lcms.h"
#include "color/icc_profile.h"
#include "color/icc_transform.h"
#include "color/icc_writer.h"

namespace pixelpipe::pipeline {
namespace {

Result<Image> copy_of(const Image &image) {
    auto copy = Image::allocate(image.width(), image.height());
    if (copy.ok()) std::memcpy(copy.value().data(), image.data(), image.size_bytes());
    return copy;
}

}  // namespace

Result<OutputMetadataOptions> take_output_metadata_options(codec::EncodeParams &params) {
    OutputMetadataOptions o;
    if (auto it = params.str.find("iccProfile"); it != params.str.end()) {
        o.icc_profile = it->second;
        params.str.erase(it);
        if (o.icc_profile != "srgb" && o.icc_profile != "p3")
            return Status::error(ErrorCode::INVALID_ARGUMENT, "iccProfile must be 'srgb' or 'p3', not '" + o.icc_profile + "'");
    }
    if (auto it = params.num.find("keepIccProfile"); it != params.num.end()) {
        o.keep_icc = it->second != 0;
        params.num.erase(it);
    }
    if (auto it = params.num.find("stripMetadata"); it != params.num.end()) {
        o.strip = it->second != 0;
        params.num.erase(it);
    }
    return o;
}

Result<OutputColor> prepare_output_color(const Image &image, const std::string &format, const OutputMetadataOptions &options,
                                         const CarriedMetadata *source, std::vector<std::string> &warnings) {
    OutputColor out;
    if (!codec::has_metadata_container(format)) return out;  // nothing could say the pixels are not sRGB
    if (options.icc_profile == "p3") {
        auto copy = copy_of(image);
        if (!copy.ok()) return copy.status();
        out.converted = copy.take();
        Status st = color::apply_matrix_trc(out.converted, color::build_matrix_trc(color::srgb_profile(), color::display_p3_profile()));
        if (!st.is_ok()) return st;
        out.icc = &color::display_p3_profile_bytes();
        return out;
    }
    // An explicit iccProfile wins; without a source profile the output is sRGB, as with sharp.
    if (!options.icc_profile.empty() || !options.keep_icc || !source || source->icc.empty()) return out;
    auto parsed = color::parse_icc_profile(source->icc.data(), source->icc.size());
    if (!parsed.ok()) {
        warnings.push_back("keepIccProfile: the source's profile is damaged (" + parsed.status().message + "); the output is sRGB");
        return out;
    }
    if (parsed.value().color_space != "RGB") {
        warnings.push_back("keepIccProfile: the source's " + parsed.value().color_space +
                           " profile cannot describe RGB output; the output is sRGB");
        return out;
    }
    if (source->icc_converted) {  // the pixels are sRGB since decode: back to the source's space
        auto copy = copy_of(image);
        if (!copy.ok()) return copy.status();
        // The inverse of decode's choice (color_manage.cpp): matrix/TRC profiles in Halide, LUT
        // profiles through Little CMS. Measured (callgrind, one thread, 768x512 Adobe RGB photo to
        // jpeg): keepIccProfile adds 13.1 M instructions to the export in Halide, 94.1 M in Little CMS.
        const color::IccProfile &p = parsed.value();
        Status st = (p.has_matrix_trc && !p.has_a2b[0] && color::can_be_matrix_trc_destination(p))
                        ? color::apply_matrix_trc(copy.value(), color::build_matrix_trc(color::srgb_profile(), p))
                        : color::lcms_from_srgb(copy.value(), source->icc.data(), source->icc.size());
        if (!st.is_ok()) {
            warnings.push_back(st.message + "; the output is sRGB");
            return out;
        }
        out.converted = copy.take();
    }
    out.icc = &source->icc;
    return out;
}

Result<std::vector<uint8_t>> finish_output(const std::vector<uint8_t> &encoded, const std::string &format, const OutputColor &color,
                                           const OutputMetadataOptions &options, const CarriedMetadata *source, int width,
                                           int height, std::vector<std::string> &warnings) {
    auto declared = color.icc ? codec::embed_icc_profile(encoded, format, *color.icc, width, height)
                              : codec::mark_srgb(encoded, format, width, height);
    if (!declared.ok() || options.strip || !source || (source->exif.empty() && source->xmp.empty())) return declared;
    // The output is upright (decode applied the orientation) and may be resized.
    const std::vector<uint8_t> exif = source->exif.empty() ? source->exif : codec::exif_for_upright_output(source->exif, width, height);
    return codec::embed_metadata(declared.value(), format, exif, source->xmp, source->xmp_extended, width, height, warnings);
}

}  // namespace pixelpipe::pipeline
