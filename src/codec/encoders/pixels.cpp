// pixels.cpp: see pixels.h.
#include "codec/encoders/pixels.h"

#include <algorithm>
#include <cstring>

#include "HalideRuntime.h"

namespace pixelpipe::codec {
namespace {
inline uint8_t over(unsigned c, unsigned a, unsigned bg) { return uint8_t((c * a + bg * (255 - a) + 127) / 255); }

struct OpacityJob {
    const Image *image;
    int rows;
    std::vector<uint8_t> *band_alpha;  // AND of the band's alpha bytes
};

int opacity_band(void *, int band, uint8_t *closure) {
    auto *job = reinterpret_cast<OpacityJob *>(closure);
    const int y0 = band * job->rows, y1 = std::min(job->image->height(), y0 + job->rows);
    const uint8_t *p = job->image->row(y0);
    const size_t n = size_t(job->image->width()) * size_t(y1 - y0);
    uint8_t all = 255;
    for (size_t i = 0; i < n; ++i) all &= p[i * 4 + 3];  // branch-free: vectorises
    (*job->band_alpha)[band] = all;
    return 0;
}
}  // namespace

bool is_opaque(const Image &image) {
    // Bands of ~1 MB on Halide's thread pool: every opaque image is read in full before its
    // encoder can start (48 MB for 12 MP), so both cores share that pass.
    if (image.width() <= 0 || image.height() <= 0) return true;
    const int rows = int(std::max<size_t>(1, (size_t(1) << 20) / image.stride()));
    const int bands = (image.height() + rows - 1) / rows;
    std::vector<uint8_t> band_alpha(bands, 0);
    OpacityJob job{&image, rows, &band_alpha};
    halide_do_par_for(nullptr, opacity_band, 0, bands, reinterpret_cast<uint8_t *>(&job));
    return std::all_of(band_alpha.begin(), band_alpha.end(), [](uint8_t a) { return a == 255; });
}

Result<std::vector<uint8_t>> flatten_to_rgb(const Image &image, const std::array<uint8_t, 4> &bg) {
    const size_t n = size_t(image.width()) * size_t(image.height());
    std::vector<uint8_t> rgb;
    rgb.resize(n * 3);
    const uint8_t *p = image.data();
    uint8_t *q = rgb.data();
    for (size_t i = 0; i < n; ++i, p += 4, q += 3) {
        const unsigned a = p[3];
        q[0] = over(p[0], a, bg[0]);
        q[1] = over(p[1], a, bg[1]);
        q[2] = over(p[2], a, bg[2]);
    }
    return rgb;
}

Result<Image> flatten(const Image &image, const std::array<uint8_t, 4> &bg) {
    auto out = Image::allocate(image.width(), image.height());
    if (!out.ok()) return out.status();
    const size_t n = size_t(image.width()) * size_t(image.height());
    const uint8_t *p = image.data();
    uint8_t *q = out.value().data();
    for (size_t i = 0; i < n; ++i, p += 4, q += 4) {
        const unsigned a = p[3];
        q[0] = over(p[0], a, bg[0]);
        q[1] = over(p[1], a, bg[1]);
        q[2] = over(p[2], a, bg[2]);
        q[3] = 255;
    }
    return out;
}

}  // namespace pixelpipe::codec
