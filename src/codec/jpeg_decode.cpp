// jpeg_decode.cpp: see jpeg_decode.h. libjpeg's errors longjmp back into run() (libjpeg_errors.h),
// where only C objects live; the C++ side (Image, Status) is built after run() returns.
#include "codec/jpeg_decode.h"

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "codec/jpeg_cmyk.h"
#include "color/icc_lcms.h"
#include "codec/libjpeg_errors.h"
#include "jerror.h"

namespace pixelpipe::codec {
namespace {

constexpr uint64_t kMiB = 1024ull * 1024ull;
// wasm32: a single malloc over ~2 GB fails even with a 4 GB heap (toolchain.md §8).
constexpr uint64_t kMaxSingleAllocation = 2048ull * kMiB - 64ull * kMiB;
// A progressive file may have any number of scans, each a full pass over the coefficients: a
// few KB can cost minutes. libjpeg-turbo's own guard (TJFLAG_LIMITSCANS, djpeg -maxscans) uses
// 500; real encoders write about 10 (the progressive files in testdata have 10 and 11).
constexpr int kMaxScans = 500;

// Warnings (level -1) are ignored, except "Premature end of JPEG file": libjpeg would go on and
// pad the rest with grey; a truncated file is refused instead (Pillow and stb refuse it too, and
// the malformed-file tests pin DECODE_FAILED for truncated JPEGs).
void on_message(j_common_ptr cinfo, int level) {
    if (level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF) libjpeg_fail(cinfo, JWRN_JPEG_EOF);
}

void on_progress(j_common_ptr cinfo) {
    auto *d = reinterpret_cast<j_decompress_ptr>(cinfo);
    if (d->input_scan_number > kMaxScans) {
        auto *err = reinterpret_cast<LibjpegErrors *>(cinfo->err);
        std::snprintf(err->message, sizeof err->message, "more than %d progressive scans (decompression bomb?)", kMaxScans);
        libjpeg_fail(cinfo, -1);
    }
}

// Everything run() touches, in C terms only.
struct Job {
    const uint8_t *data;
    size_t size;
    int shrink;
    Limits limits;
    uint64_t budget;
    // results
    uint8_t *pixels = nullptr;  // malloc'ed RGBA (or CMYK before conversion), output size
    int width = 0, height = 0, full_width = 0, full_height = 0, components = 0;
    bool cmyk = false, adobe = false;
    ErrorCode refused = ErrorCode::OK;  // set (with `why`) when run() refuses before decoding
    char why[256] = {0};
    RowsDone rows_done = {};  // progress for a converter working behind the decoder
};

// Coefficient buffers libjpeg keeps for a multi-scan file: every component's blocks, 64 JCOEFs
// each, padded to whole MCUs; a single-scan file needs only a few block rows.
uint64_t libjpeg_buffer_bytes(const jpeg_decompress_struct &cinfo) {
    uint64_t bytes = 1 * kMiB;  // tables, Huffman state, row buffers (all O(width))
    for (int c = 0; c < cinfo.num_components; ++c) {
        const jpeg_component_info &ci = cinfo.comp_info[c];
        const uint64_t wb = uint64_t(ci.width_in_blocks) + uint64_t(ci.h_samp_factor);
        const uint64_t hb = jpeg_has_multiple_scans(const_cast<j_decompress_ptr>(&cinfo))
                                ? uint64_t(ci.height_in_blocks) + uint64_t(ci.v_samp_factor)
                                : uint64_t(cinfo.max_v_samp_factor) * 2;
        bytes += wb * hb * DCTSIZE2 * sizeof(JCOEF) + wb * DCTSIZE * 2 * DCTSIZE;  // + sample rows
    }
    return bytes;
}

// The limits check, in its own frame: the Status it builds is gone before libjpeg can longjmp.
bool within_limits(Job &job) {
    const Status dims = check_dimensions(job.full_width, job.full_height, job.limits);
    if (dims.is_ok()) return true;
    job.refused = dims.code == ErrorCode::INVALID_ARGUMENT ? ErrorCode::DECODE_FAILED : dims.code;
    std::snprintf(job.why, sizeof job.why, "JPEG %s", dims.message.c_str());
    return false;
}

bool run(Job &job, LibjpegErrors &err) {
    jpeg_decompress_struct cinfo;
    jpeg_progress_mgr progress;
    cinfo.err = libjpeg_errors(err, on_message);
    if (setjmp(err.jump)) {
        jpeg_destroy_decompress(&cinfo);
        job.rows_done(job.pixels, job.width, job.height, -1);  // returns once nobody else reads them
        std::free(job.pixels);
        job.pixels = nullptr;
        return false;
    }
    jpeg_create_decompress(&cinfo);
    progress.progress_monitor = on_progress;
    cinfo.progress = &progress;
    jpeg_mem_src(&cinfo, job.data, static_cast<unsigned long>(job.size));
    if (jpeg_read_header(&cinfo, TRUE) != JPEG_HEADER_OK) ERREXIT(&cinfo, JERR_NO_IMAGE);
    job.full_width = int(cinfo.image_width);
    job.full_height = int(cinfo.image_height);
    job.components = cinfo.num_components;

    if (!within_limits(job)) {
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    job.cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    job.adobe = cinfo.saw_Adobe_marker;
    cinfo.out_color_space = job.cmyk ? JCS_CMYK : JCS_EXT_RGBA;  // 4 bytes a pixel either way
    cinfo.scale_num = 1;
    cinfo.scale_denom = unsigned(job.shrink);
    // Defaults kept on purpose: the accurate integer IDCT (JDCT_ISLOW) and fancy (triangle)
    // chroma upsampling, as Pillow decodes; the oracle test compares with Pillow exactly.
    jpeg_calc_output_dimensions(&cinfo);
    job.width = int(cinfo.output_width);
    job.height = int(cinfo.output_height);

    const uint64_t out_bytes = uint64_t(job.width) * uint64_t(job.height) * 4;
    const uint64_t need = out_bytes + libjpeg_buffer_bytes(cinfo) + job.size;
    if (need > job.budget || out_bytes > kMaxSingleAllocation) {
        job.refused = ErrorCode::IMAGE_TOO_LARGE;
        std::snprintf(job.why, sizeof job.why,
                      "decoding this %dx%d JPEG needs about %llu MB of working memory, over the decoder budget of %llu MB",
                      job.full_width, job.full_height, (unsigned long long)((need + kMiB - 1) / kMiB),
                      (unsigned long long)((job.budget + kMiB - 1) / kMiB));
        jpeg_destroy_decompress(&cinfo);
        return false;
    }
    // libjpeg's whole-image (coefficient) arrays are held to what is left of the budget: with no
    // backing store (jmemnobs) it then stops with JERR_NO_BACKING_STORE instead of allocating.
    const uint64_t left = job.budget - out_bytes;
    cinfo.mem->max_memory_to_use = long(left < uint64_t(LONG_MAX) ? left : uint64_t(LONG_MAX));

    jpeg_start_decompress(&cinfo);
    job.pixels = static_cast<uint8_t *>(std::malloc(size_t(out_bytes)));
    if (!job.pixels) ERREXIT1(&cinfo, JERR_OUT_OF_MEMORY, 99);
    const size_t stride = size_t(job.width) * 4;
    JSAMPROW rows[16];
    while (cinfo.output_scanline < cinfo.output_height) {
        const JDIMENSION y = cinfo.output_scanline;
        const JDIMENSION n = cinfo.output_height - y < 16 ? cinfo.output_height - y : 16;
        for (JDIMENSION i = 0; i < n; ++i) rows[i] = job.pixels + size_t(y + i) * stride;
        jpeg_read_scanlines(&cinfo, rows, n);
        if (!job.cmyk) job.rows_done(job.pixels, job.width, job.height, int(cinfo.output_scanline));
    }
    // Not jpeg_finish_decompress: it would read on to EOI, and what follows the last scan's data
    // (a missing EOI, trailing bytes) does not change the pixels.
    jpeg_destroy_decompress(&cinfo);
    return true;
}

ErrorCode code_of(int msg_code) {
    switch (msg_code) {
    case JERR_OUT_OF_MEMORY: return ErrorCode::OUT_OF_MEMORY;
    case JERR_NO_BACKING_STORE: return ErrorCode::IMAGE_TOO_LARGE;  // over max_memory_to_use
    case JERR_IMAGE_TOO_BIG:
    case JERR_WIDTH_OVERFLOW: return ErrorCode::IMAGE_TOO_LARGE;
    default: return ErrorCode::DECODE_FAILED;
    }
}

}  // namespace

Result<JpegDecoded> jpeg_decode(const uint8_t *data, size_t size, int shrink, const Limits &limits,
                                uint64_t budget_bytes, const uint8_t *cmyk_icc, size_t cmyk_icc_len, std::string *warning,
                                const RowsDone &rows_done) {
    if (shrink != 1 && shrink != 2 && shrink != 4 && shrink != 8)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "JPEG shrink-on-load factor must be 1, 2, 4 or 8, got " + std::to_string(shrink));
    if (!data || size == 0) return Status::error(ErrorCode::DECODE_FAILED, "JPEG decode failed: empty input");
    if (size > size_t(ULONG_MAX)) return Status::error(ErrorCode::IMAGE_TOO_LARGE, "JPEG input too large");
    Job job{data, size, shrink, limits, budget_bytes};
    job.rows_done = rows_done;
    LibjpegErrors err;
    if (!run(job, err)) {
        if (job.refused != ErrorCode::OK) return Status::error(job.refused, job.why);
        if (err.code == JERR_NO_BACKING_STORE)
            return Status::error(ErrorCode::IMAGE_TOO_LARGE, "JPEG decode refused: libjpeg needs more working memory than the decoder budget");
        return Status::error(code_of(err.code), std::string("JPEG decode failed: ") + err.message);
    }
    JpegDecoded out;
    out.image = Image::adopt(job.pixels, job.width, job.height);
    out.full_width = job.full_width;
    out.full_height = job.full_height;
    out.components = job.components;
    if (job.cmyk && cmyk_icc && cmyk_icc_len) {
        auto managed = color::cmyk_to_srgb(out.image.data(), job.width, job.height, job.adobe, cmyk_icc, cmyk_icc_len, warning);
        if (managed.ok() && (!warning || warning->empty())) {
            out.image = managed.take();
            out.cmyk_managed = true;
            return out;
        }
    }
    if (job.cmyk) cmyk_to_rgba(out.image.data(), job.width, job.height, job.adobe, out.image);
    return out;
}

}  // namespace pixelpipe::codec
