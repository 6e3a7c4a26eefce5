// decode_target.h: the body of every decode fuzz target. The sniffing target passes the bytes as
// they are; each format-family target makes sure they start with its magic (prepending it when
// the mutator lost it), so libFuzzer's time goes into that decoder and not into the sniffer.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "codec/decode.h"
#include "fuzz_common.h"

namespace pixelpipe::fuzz {

inline void fuzz_decode(const uint8_t *data, size_t size, const std::string &magic = "",
                        const char *expected_format = nullptr) {
    std::vector<uint8_t> bytes;
    if (!magic.empty() && (size < magic.size() || std::memcmp(data, magic.data(), magic.size()) != 0)) {
        bytes.assign(magic.begin(), magic.end());
        bytes.insert(bytes.end(), data, data + size);
        data = bytes.data();
        size = bytes.size();
    }
    const Limits limits = fuzz_limits();
    auto info = codec::probe_image(data, size);
    expect_typed(info.status());
    auto decoded = codec::decode_image(data, size, limits);
    expect_typed(decoded.status());
    if (!decoded.ok()) return;
    // A decoded image obeys the limits it was decoded under and agrees with the header probe.
    const codec::DecodedImage &d = decoded.value();
    const Image &img = d.image;
    const bool swapped = d.orientation >= 5;
    const bool sane = !img.empty() && img.width() > 0 && img.height() > 0 && img.width() <= limits.max_side &&
                      img.height() <= limits.max_side && uint64_t(img.width()) * img.height() <= limits.max_pixels &&
                      d.orientation >= 1 && d.orientation <= 8 &&
                      (!expected_format || d.format == expected_format) &&
                      (!info.ok() || (info.value().format == d.format &&
                                      info.value().width == (swapped ? img.height() : img.width()) &&
                                      info.value().height == (swapped ? img.width() : img.height())));
    if (!sane) {
        std::fprintf(stderr, "decoded %s %dx%d orientation %d; probe %s %dx%d\n", d.format.c_str(), img.width(),
                     img.height(), d.orientation, info.ok() ? info.value().format.c_str() : "failed",
                     info.ok() ? info.value().width : 0, info.ok() ? info.value().height : 0);
        std::abort();
    }
}

}  // namespace pixelpipe::fuzz
