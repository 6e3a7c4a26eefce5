// test_images.h: what the C++ tests share: synthetic images, Image ⇄ ref::Rgba, differences,
// timing. (reference/*.h stays free of pixelpipe code; this header bridges the two.)
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "core/image.h"
#include "reference/rgba.h"

namespace test_images {

// A whole file (empty, with a message, when it cannot be opened).
inline std::vector<uint8_t> read_file(const std::string &path) {
    std::vector<uint8_t> out;
    FILE *f = std::fopen(path.c_str(), "rb");
    if (!f) {
        std::fprintf(stderr, "cannot open %s\n", path.c_str());
        return out;
    }
    uint8_t buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.insert(out.end(), buf, buf + n);
    std::fclose(f);
    return out;
}

// Uniform noise in every channel; alpha random too, or opaque.
inline ref::Rgba random_image(int w, int h, uint32_t seed, bool random_alpha) {
    std::mt19937 rng(seed);
    ref::Rgba img(w, h);
    for (size_t i = 0; i < img.px.size(); ++i) img.px[i] = uint8_t(rng() & 255);
    if (!random_alpha)
        for (size_t i = 3; i < img.px.size(); i += 4) img.px[i] = 255;
    return img;
}

inline pixelpipe::Image to_image(const ref::Rgba &r) {
    auto img = pixelpipe::Image::allocate(r.width, r.height);
    if (!img.ok()) std::abort();
    std::memcpy(img.value().data(), r.px.data(), r.px.size());
    return img.take();
}

inline ref::Rgba to_ref(const pixelpipe::Image &img) {
    ref::Rgba r(img.width(), img.height());
    std::memcpy(r.px.data(), img.data(), r.px.size());
    return r;
}

// Max abs difference over all bytes; -1 when the sizes differ.
inline int max_diff(const pixelpipe::Image &a, const ref::Rgba &b) {
    if (a.width() != b.width || a.height() != b.height) return -1;
    int m = 0;
    for (size_t i = 0; i < b.px.size(); ++i) m = std::max(m, std::abs(int(a.data()[i]) - int(b.px[i])));
    return m;
}

inline double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace test_images
