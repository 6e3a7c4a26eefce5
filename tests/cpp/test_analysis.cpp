// test_analysis.cpp: analyze_to_json's contract (typed errors for bad requests, only the requested
// types in the answer) and codec/metadata's robustness: every prefix and 2,000 seeded byte
// mutations of real JPEG/PNG headers parse without reading out of bounds (values are checked
// against Pillow in tests/oracle/test_analysis_oracle.py).
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>

#include "analysis/analyze.h"
#include "check.h"
#include "codec/metadata.h"
#include "test_images.h"

using namespace pixelpipe;

namespace {

void test_requests() {
    const Image img = test_images::to_image(test_images::random_image(64, 48, 9, false));
    analysis::AnalyzeRequest req;
    req.types = {"colors", "sharpness"};
    auto r = analysis::analyze_to_json(img, req);
    CHECK(r.status().code == ErrorCode::UNSUPPORTED_OPERATION);
    CHECK(r.status().message.find("'sharpness'") != std::string::npos);
    CHECK(r.status().message.find("smartCrop") != std::string::npos);  // lists the supported ones

    req.types = {"colors"};
    for (int bad : {0, 21}) {
        req.palette_size = bad;
        CHECK(analysis::analyze_to_json(img, req).status().code == ErrorCode::INVALID_ARGUMENT);
    }
    req.palette_size = 6;
    req.types = {"smartCrop"};
    for (double bad : {0.0, -1.0, 1e9, double(NAN)}) {
        req.aspect_ratio = bad;
        CHECK(analysis::analyze_to_json(img, req).status().code == ErrorCode::INVALID_ARGUMENT);
    }
    req.aspect_ratio = 1;
    CHECK(analysis::analyze_to_json(Image{}, req).status().code == ErrorCode::INVALID_ARGUMENT);

    req.types = {"stats"};
    auto ok = analysis::analyze_to_json(img, req);
    CHECK(ok.ok());
    CHECK(ok.value().rfind("{\"stats\":", 0) == 0 && ok.value().find("\"colors\"") == std::string::npos);
    req.types = {};
    CHECK(analysis::analyze_to_json(img, req).value() == "{}");

    // Tiny images: every pipeline's edge handling (vector tails, strips, 3×3 stencils).
    req.types = analysis::supported_analysis_types();
    req.source_format = "jpeg";
    for (auto [w, h] : {std::pair{1, 1}, {2, 3}, {3, 3}, {17, 2}, {5, 70}, {70, 5}, {33, 17}}) {
        const Image tiny = test_images::to_image(test_images::random_image(w, h, uint32_t(w * 100 + h), true));
        auto t = analysis::analyze_to_json(tiny, req);
        CHECK(t.ok());
        if (!t.ok()) std::printf("%dx%d: %s\n", w, h, t.status().message.c_str());
        // JsonWriter turns a non-finite number into null: only the nullable fields may be null.
        std::string json = t.ok() ? t.value() : "null";
        for (const char *allowed : {"\"horizonTilt\":null", "\"dominant\":null", "\"average\":null"})
            for (size_t at; (at = json.find(allowed)) != std::string::npos;) json.erase(at, std::strlen(allowed));
        CHECK(json.find("null") == std::string::npos);
    }
}

std::vector<uint8_t> read(const std::string &path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<uint8_t>((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

void test_metadata_robust(const std::string &root) {
    for (const char *name : {"formats/jpeg_progressive_420_exif_icc.jpg", "formats/png_rgb16_icc.png",
                             "formats/exif_orientation/Landscape_6.jpg"}) {
        const std::vector<uint8_t> file = read(root + "/" + name);
        CHECK(!file.empty());
        const codec::SourceMetadata full = codec::read_metadata(file.data(), file.size());
        CHECK(full.icc || full.exif);
        // Only the header matters: the first 64 KB, every prefix length up to it (step 7).
        const size_t head = std::min<size_t>(file.size(), 65536);
        for (size_t n = 0; n < head; n += 7) {
            std::vector<uint8_t> prefix(file.begin(), file.begin() + long(n));  // own buffer: ASan sees overreads
            (void)codec::to_json(codec::read_metadata(prefix.data(), prefix.size()));
        }
        std::mt19937 rng(11);
        for (int i = 0; i < 2000; ++i) {
            std::vector<uint8_t> m(file.begin(), file.begin() + long(head));
            for (int k = 0; k < 4; ++k) m[rng() % m.size()] = uint8_t(rng());
            (void)codec::to_json(codec::read_metadata(m.data(), m.size()));
        }
        std::printf("metadata %-45s %s\n", name, codec::to_json(full).c_str());
    }
    CHECK(codec::to_json(codec::read_metadata(nullptr, 0)) ==
          "{\"bitDepth\":8,\"hasAlpha\":false,\"icc\":null,\"exif\":null}");
}

}  // namespace

int main(int argc, char **argv) {
    const std::string root = argc > 1 ? argv[1] : "../shared/testdata";
    test_requests();
    test_metadata_robust(root);
    return check_summary();
}
