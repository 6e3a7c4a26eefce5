// encode.cpp: RGBA8 → PNG / JPEG bytes with Debian's stb_image_write 1.16.
//
// Output goes into a std::vector through the *_to_func callbacks. Under -fno-exceptions a
// failing std::vector growth (bad_alloc) aborts the module, so the vector is reserved up front
// with a size that normally suffices (PNG: half the raw RGBA size; JPEG: ~1 byte/pixel at q>=90,
// 1/4 below) and growth beyond that is accepted as a (rare) abort risk on out-of-memory.
// stb_image_write's own buffers are malloc'ed; its zlib buffer growth asserts on NULL
// (STBIW_ASSERT, compiled out in release builds) — another rare OOM path we cannot fully close.
#include "codec/encode.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "stb_image_write.h"

namespace pixelpipe::codec {
namespace {

struct Sink {
    std::vector<uint8_t> *out;
};

void write_cb(void *ctx, void *data, int size) {
    auto *s = static_cast<Sink *>(ctx);
    if (size <= 0) return;
    const auto *p = static_cast<const uint8_t *>(data);
    s->out->insert(s->out->end(), p, p + size);
}

// stb_image_write's PNG writer keeps a global compression level (default 8); 1.16 clamps
// anything below 5 to 5, so 5 is its fastest setting. Measured natively (g++ -O2, best of 3)
// on a 2560x1600 photo: level 8 653 ms / 10.04 MB, level 5 592 ms / 10.16 MB (-9 % time,
// +1.2 % size); most of the time is stb trying all five row filters, not deflate. The variable
// is a plain global int in 1.16, written here with the same value from any thread (benign).
constexpr int kPngCompressionLevel = 5;

bool valid(const Image &image) { return !image.empty() && image.width() > 0 && image.height() > 0; }

}  // namespace

Result<std::vector<uint8_t>> encode_png(const Image &image) {
    if (!valid(image)) return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot encode an empty image as PNG");
    if (uint64_t(image.width()) * 4 > uint64_t(INT32_MAX) / 2 || image.size_bytes() > (size_t(1) << 30))
        return Status::error(ErrorCode::ENCODE_FAILED, "image too large for the PNG encoder (over 1 GB of pixels)");
    stbi_write_png_compression_level = kPngCompressionLevel;
    std::vector<uint8_t> out;
    // stb builds the whole PNG in its own (malloc'ed, NULL-checked) buffer and calls write_cb
    // once; reserve half the raw size, enough for typical photos, to avoid repeated growth.
    out.reserve(image.size_bytes() / 2 + 1024);
    Sink sink{&out};
    const int ok = stbi_write_png_to_func(write_cb, &sink, image.width(), image.height(), 4, image.data(), int(image.stride()));
    if (!ok || out.empty()) return Status::error(ErrorCode::ENCODE_FAILED, "PNG encode failed (out of memory in stb_image_write?)");
    return out;
}

// JPEG has no alpha. The RGBA input is flattened onto BLACK — i.e. each channel is multiplied by
// alpha/255 — the same default as sharp/libvips (`flatten()` default background #000000), so
// converting a transparent PNG to JPEG here gives what sharp users expect. Callers wanting white
// should composite first (a resize/background step). Fully opaque images are untouched.
Result<std::vector<uint8_t>> encode_jpeg(const Image &image, int quality) {
    if (quality < 1 || quality > 100)
        return Status::error(ErrorCode::INVALID_ARGUMENT, "JPEG quality must be 1..100, got " + std::to_string(quality));
    if (!valid(image)) return Status::error(ErrorCode::INVALID_ARGUMENT, "cannot encode an empty image as JPEG");
    if (image.width() > 65535 || image.height() > 65535)
        return Status::error(ErrorCode::ENCODE_FAILED, "JPEG cannot store images wider or taller than 65535 pixels");

    const size_t npx = size_t(image.width()) * size_t(image.height());
    bool opaque = true;
    const uint8_t *src = image.data();
    for (size_t i = 0; i < npx; ++i) {
        if (src[i * 4 + 3] != 255) { opaque = false; break; }
    }
    // Feed stb 4 channels when opaque (it ignores the 4th) to avoid a copy; else an RGB copy.
    uint8_t *rgb = nullptr;
    const uint8_t *pixels = src;
    int comp = 4;
    if (!opaque) {
        rgb = static_cast<uint8_t *>(std::malloc(npx * 3));
        if (!rgb) return Status::error(ErrorCode::OUT_OF_MEMORY, "out of memory flattening alpha for JPEG");
        for (size_t i = 0; i < npx; ++i) {
            const unsigned a = src[i * 4 + 3];
            for (int c = 0; c < 3; ++c) rgb[i * 3 + c] = uint8_t((src[i * 4 + c] * a + 127) / 255);
        }
        pixels = rgb;
        comp = 3;
    }
    std::vector<uint8_t> out;
    // Roughly 1 byte/pixel at q95, far less at typical qualities; growth beyond is rare.
    out.reserve(npx / (quality >= 90 ? 1 : 4) + 4096);
    Sink sink{&out};
    const int ok = stbi_write_jpg_to_func(write_cb, &sink, image.width(), image.height(), comp, pixels, quality);
    std::free(rgb);
    if (!ok || out.empty()) return Status::error(ErrorCode::ENCODE_FAILED, "JPEG encode failed");
    return out;
}

}  // namespace pixelpipe::codec
