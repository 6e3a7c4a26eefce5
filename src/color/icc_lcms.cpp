// icc_lcms.cpp: Little CMS 2 transforms to sRGB (see icc_lcms.h).
#include "color/icc_lcms.h"

#include <cstring>
#include <memory>
#include <vector>

#include "lcms2.h"

namespace pixelpipe::color {
namespace {

struct ProfileCloser {
    void operator()(void *p) const { if (p) cmsCloseProfile(p); }
};
struct TransformCloser {
    void operator()(void *t) const { if (t) cmsDeleteTransform(t); }
};
using ProfilePtr = std::unique_ptr<void, ProfileCloser>;
using TransformPtr = std::unique_ptr<void, TransformCloser>;

ProfilePtr open_profile(const uint8_t *icc, size_t n) {
    if (!icc || n == 0 || n > 0x7FFFFFFF) return ProfilePtr(nullptr);
    return ProfilePtr(cmsOpenProfileFromMem(icc, cmsUInt32Number(n)));
}

cmsUInt32Number intent_for(cmsHPROFILE p, cmsUInt32Number direction = LCMS_USED_AS_INPUT) {
    return cmsIsIntentSupported(p, INTENT_PERCEPTUAL, direction) ? INTENT_PERCEPTUAL : INTENT_RELATIVE_COLORIMETRIC;
}

// Runs `t` over every row of `img` in place (lcms2 needs distinct input and output buffers).
void transform_rows(cmsHTRANSFORM t, Image &img) {
    std::vector<uint8_t> row(img.stride());
    for (int y = 0; y < img.height(); ++y) {
        std::memcpy(row.data(), img.row(y), img.stride());
        cmsDoTransform(t, row.data(), img.row(y), cmsUInt32Number(img.width()));
    }
}

TransformPtr make_transform(cmsHPROFILE src, cmsUInt32Number in_format) {
    ProfilePtr srgb(cmsCreate_sRGBProfile());
    if (!srgb) return TransformPtr(nullptr);
    // RGBA8 out, the 4th byte left as it is (no cmsFLAGS_COPY_ALPHA: the callers keep or set it).
    return TransformPtr(cmsCreateTransform(src, in_format, srgb.get(), TYPE_RGBA_8, intent_for(src), 0));
}

void naive_cmyk(const uint8_t *cmyk, size_t px, bool inverted, uint8_t *out) {
    for (size_t i = 0; i < px; ++i) {
        const uint8_t *s = cmyk + i * 4;
        const unsigned k = inverted ? s[3] : 255u - s[3];
        for (int c = 0; c < 3; ++c) {
            const unsigned v = inverted ? s[c] : 255u - s[c];  // 255 - ink
            out[i * 4 + size_t(c)] = uint8_t((v * k + 127) / 255);
        }
        out[i * 4 + 3] = 255;
    }
}

}  // namespace

Status lcms_to_srgb(Image &img, const uint8_t *icc, size_t icc_len) {
    ProfilePtr src = open_profile(icc, icc_len);
    if (!src) return Status::error(ErrorCode::DECODE_FAILED, "ICC profile ignored: Little CMS could not read it");
    const cmsColorSpaceSignature space = cmsGetColorSpace(src.get());
    // The decoded image is RGBA; a gray profile reads the R byte and skips G, B, A (3 extra bytes).
    cmsUInt32Number in_format = 0;
    if (space == cmsSigRgbData) in_format = TYPE_RGBA_8;
    else if (space == cmsSigGrayData) in_format = COLORSPACE_SH(PT_GRAY) | EXTRA_SH(3) | CHANNELS_SH(1) | BYTES_SH(1);
    else return Status::error(ErrorCode::DECODE_FAILED, "ICC profile ignored: its colour space does not match the RGB/gray image");
    TransformPtr t = make_transform(src.get(), in_format);
    if (!t) return Status::error(ErrorCode::DECODE_FAILED, "ICC profile ignored: Little CMS could not build a transform to sRGB");
    transform_rows(t.get(), img);
    return Status::ok();
}

Status lcms_from_srgb(Image &img, const uint8_t *icc, size_t icc_len) {
    ProfilePtr dst = open_profile(icc, icc_len);
    if (!dst || cmsGetColorSpace(dst.get()) != cmsSigRgbData)
        return Status::error(ErrorCode::ENCODE_FAILED, "keepIccProfile: Little CMS cannot convert to the source's profile");
    ProfilePtr srgb(cmsCreate_sRGBProfile());
    if (!srgb) return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory creating the sRGB profile");
    TransformPtr t(cmsCreateTransform(srgb.get(), TYPE_RGBA_8, dst.get(), TYPE_RGBA_8, intent_for(dst.get(), LCMS_USED_AS_OUTPUT), 0));
    if (!t) return Status::error(ErrorCode::ENCODE_FAILED, "keepIccProfile: Little CMS could not build a transform from sRGB");
    transform_rows(t.get(), img);
    return Status::ok();
}

Result<Image> cmyk_to_srgb(const uint8_t *cmyk, int w, int h, bool adobe_inverted, const uint8_t *icc, size_t icc_len,
                           std::string *warning) {
    if (!cmyk || w <= 0 || h <= 0) return Status::error(ErrorCode::INVALID_ARGUMENT, "cmyk_to_srgb: empty input");
    auto out = Image::allocate(w, h);
    if (!out.ok()) return out.status();
    Image img = out.take();
    const size_t px = size_t(w) * size_t(h);
    ProfilePtr src = open_profile(icc, icc_len);
    TransformPtr t;
    std::string why;
    if (!icc) why = "";
    else if (!src) why = "ICC profile ignored: Little CMS could not read it; naive CMYK conversion used";
    else if (cmsGetColorSpace(src.get()) != cmsSigCmykData) why = "ICC profile ignored: not a CMYK profile; naive CMYK conversion used";
    else if (!(t = make_transform(src.get(), adobe_inverted ? TYPE_CMYK_8_REV : TYPE_CMYK_8)))
        why = "ICC profile ignored: Little CMS could not build a CMYK transform; naive CMYK conversion used";
    if (warning) *warning = why;
    if (!t) {
        naive_cmyk(cmyk, px, adobe_inverted, img.data());
        return img;
    }
    for (int y = 0; y < h; ++y) {
        cmsDoTransform(t.get(), cmyk + size_t(y) * size_t(w) * 4, img.row(y), cmsUInt32Number(w));
        uint8_t *r = img.row(y);
        for (int x = 0; x < w; ++x) r[x * 4 + 3] = 255;
    }
    return img;
}

}  // namespace pixelpipe::color
