// load_ppraw.h: the benchmarks' raw input (.ppraw: "PPRAW001", u32 width, u32 height, RGBA8
// rows); exits on any error (bench programs only).
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "core/image.h"

inline pixelpipe::Image load_ppraw(const char *path) {
    FILE *f = std::fopen(path, "rb");
    if (!f) { std::fprintf(stderr, "cannot open %s\n", path); std::exit(1); }
    char magic[8];
    uint32_t wh[2];
    if (std::fread(magic, 1, 8, f) != 8 || std::fread(wh, 4, 2, f) != 2) std::exit(1);
    auto img = pixelpipe::Image::allocate(int(wh[0]), int(wh[1]));
    if (!img.ok() || std::fread(img.value().data(), 1, img.value().size_bytes(), f) != img.value().size_bytes()) std::exit(1);
    std::fclose(f);
    return img.take();
}
