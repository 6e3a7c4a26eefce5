// jpeg.cpp: RGBA8 → JPEG with libjpeg-turbo's libjpeg API (quality, 4:2:0 or 4:4:4, progressive,
// optimised Huffman tables, JFIF density). libjpeg's errors longjmp back into run()
// (libjpeg_errors.h: no C++ objects with destructors live across the setjmp).
#include "codec/encoders/jpeg.h"

#include <csetjmp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "codec/encoders/pixels.h"
#include "codec/libjpeg_errors.h"

namespace pixelpipe::codec {
namespace {

// Everything libjpeg touches, in C terms only, so the longjmp skips no destructor.
struct Job {
    const uint8_t *pixels;  // RGB, or RGBX (opaque RGBA read in place: no flattening copy)
    int components;
    int width, height;
    JpegOptions options;
    unsigned char *out = nullptr;
    unsigned long out_size = 0;
};

bool run(Job &job, LibjpegErrors &err) {
    jpeg_compress_struct cinfo;
    cinfo.err = libjpeg_errors(err);  // warnings ignored
    if (setjmp(err.jump)) {
        jpeg_destroy_compress(&cinfo);
        return false;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &job.out, &job.out_size);
    cinfo.image_width = JDIMENSION(job.width);
    cinfo.image_height = JDIMENSION(job.height);
    cinfo.input_components = job.components;
    cinfo.in_color_space = job.components == 4 ? JCS_EXT_RGBX : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, job.options.quality, TRUE);
    const int h = job.options.subsample_420 ? 2 : 1;
    cinfo.comp_info[0].h_samp_factor = h;
    cinfo.comp_info[0].v_samp_factor = h;
    cinfo.comp_info[1].h_samp_factor = cinfo.comp_info[1].v_samp_factor = 1;
    cinfo.comp_info[2].h_samp_factor = cinfo.comp_info[2].v_samp_factor = 1;
    cinfo.optimize_coding = job.options.optimize_coding ? TRUE : FALSE;
    if (job.options.progressive) jpeg_simple_progression(&cinfo);  // implies optimised tables
    // The integer slow DCT (libjpeg's default, JDCT_ISLOW) is the accurate one: keep it.
    if (job.options.dpi > 0) {
        cinfo.write_JFIF_header = TRUE;
        cinfo.density_unit = 1;  // dots per inch
        const long d = std::lround(job.options.dpi);
        cinfo.X_density = cinfo.Y_density = UINT16(d > 65535 ? 65535 : d);
    }
    jpeg_start_compress(&cinfo, TRUE);
    while (cinfo.next_scanline < cinfo.image_height) {
        const size_t offset = size_t(cinfo.next_scanline) * size_t(job.width) * size_t(job.components);
        JSAMPROW row = const_cast<JSAMPROW>(job.pixels + offset);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    return true;
}

}  // namespace

JpegOptions read_jpeg_options(ParamReader &r) {
    JpegOptions o;
    o.quality = r.integer("quality", 1, 100);
    o.subsample_420 = r.choice("chromaSubsampling", {"4:2:0", "4:4:4"}) == 0;
    o.progressive = r.boolean("progressive");
    o.optimize_coding = r.boolean("optimizeCoding");
    o.dpi = r.number("dpi", 0, 65535);
    o.background = r.rgba("background");
    return o;
}

Result<std::vector<uint8_t>> encode_jpeg(const Image &image, const JpegOptions &options) {
    if (image.width() > 65500 || image.height() > 65500)
        return Status::error(ErrorCode::ENCODE_FAILED, "JPEG cannot store images wider or taller than 65500 pixels");
    Job job{image.data(), 4, image.width(), image.height(), options};
    Result<std::vector<uint8_t>> rgb = std::vector<uint8_t>{};
    if (!is_opaque(image)) {
        rgb = flatten_to_rgb(image, options.background);
        if (!rgb.ok()) return rgb.status();
        job.pixels = rgb.value().data();
        job.components = 3;
    }
    LibjpegErrors err;
    const bool ok = run(job, err);
    std::vector<uint8_t> out;
    if (ok) out.assign(job.out, job.out + job.out_size);
    std::free(job.out);  // jpeg_mem_dest's buffer is malloc'ed and ours to free
    if (!ok) return Status::error(ErrorCode::ENCODE_FAILED, std::string("JPEG encode failed: ") + err.message);
    return out;
}

}  // namespace pixelpipe::codec
