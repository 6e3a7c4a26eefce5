// fuzz_icc: ICC profile parsing, straight into the colour-management parser
// (color/icc_profile.h parse_icc_profile) and then the step every decode runs on the profile it
// found (codec/color_manage.h apply_color_management: sRGB check, matrix/TRC or gray tables for
// pp_icc_matrix_trc, or Little CMS) on a small image (gray when the profile says GRAY, else RGB:
// the other pairing only adds a warning; one pass instead of both: 669 -> 809 executions/s in 20 s
// runs on the loaded VM). A profile is untrusted
// input: the parser must answer a typed Status, and a damaged profile must leave the pixels alone
// with a warning, never fail the decode.
// (Seeds: ICC profiles, e.g. those inside the test JPEGs; see scripts/fuzz.mjs.)
#include <cmath>
#include <cstring>

#include "codec/color_manage.h"
#include "color/icc_profile.h"
#include "fuzz_common.h"

namespace {

using namespace pixelpipe;

// Every curve the parser accepted must map 0..1 to a number (the transform tables sample it).
void check_curves(const color::IccProfile &p) {
    if (!p.has_matrix_trc && !p.has_gray_trc) return;
    for (const color::IccCurve &c : p.trc) {
        for (int i = 0; i <= 16; ++i) {
            if (std::isnan(c.eval(i / 16.0))) {
                std::fprintf(stderr, "curve of kind %d gives NaN at %d/16\n", int(c.kind), i);
                std::abort();
            }
        }
    }
}

// apply_color_management as decode_image runs it: a damaged profile is a warning, not an error.
void color_manage(const uint8_t *data, size_t size, int source_channels) {
    codec::DecodedImage img;
    auto px = Image::allocate(7, 3);
    if (!px.ok()) std::abort();
    img.image = px.take();
    for (size_t i = 0; i < img.image.size_bytes(); ++i) img.image.data()[i] = uint8_t(i * 37);
    img.source_channels = source_channels;
    codec::EmbeddedColor found;
    found.icc.assign(data, data + size);
    found.declared = true;
    const Status st = codec::apply_color_management(img, std::move(found), codec::ColorManagement::Convert);
    fuzz::expect_typed(st);
    // Only OUT_OF_MEMORY / INTERNAL may fail this step (color_manage.h); a 7x3 image never runs out.
    if (!st.is_ok()) {
        std::fprintf(stderr, "apply_color_management failed: %s '%s'\n", error_code_name(st.code), st.message.c_str());
        std::abort();
    }
    for (size_t i = 3; i < img.image.size_bytes(); i += 4) {
        if (img.image.data()[i] != uint8_t(i * 37)) std::abort();  // alpha is never touched
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    auto parsed = color::parse_icc_profile(data, size);
    int channels = 3;
    if (!parsed.ok()) {
        fuzz::expect_typed(parsed.status());
    } else {
        const color::IccProfile &p = parsed.value();
        check_curves(p);
        if (color::icc_class_name(p).empty()) std::abort();
        (void)color::is_srgb_profile(p);
        if (p.color_space == "GRAY") channels = 1;
    }
    color_manage(data, size, channels);
    return 0;
}
