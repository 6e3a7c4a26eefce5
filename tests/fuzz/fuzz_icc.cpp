// fuzz_icc: ICC profile parsing. Today that is codec/metadata.cpp's header + 'desc' reader, which
// reads profiles from a JPEG's APP2 "ICC_PROFILE" segment: the fuzz bytes are wrapped into one
// (the profile is at most one segment, 65519 bytes), then read_metadata and to_json run.
// (Seeds: ICC profiles, e.g. those inside the test JPEGs; see scripts/fuzz.mjs.)
#include "codec/metadata.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    if (size > 65535 - 2 - 14) return 0;
    std::vector<uint8_t> jpeg = {0xFF, 0xD8, 0xFF, 0xE2, 0, 0};
    const size_t seg = 2 + 14 + size;
    jpeg[4] = uint8_t(seg >> 8);
    jpeg[5] = uint8_t(seg);
    const char tag[] = "ICC_PROFILE";  // with its NUL: 12 bytes
    jpeg.insert(jpeg.end(), tag, tag + 12);
    jpeg.push_back(1);  // chunk 1 ...
    jpeg.push_back(1);  // ... of 1
    jpeg.insert(jpeg.end(), data, data + size);
    jpeg.insert(jpeg.end(), {0xFF, 0xD9});
    const codec::SourceMetadata m = codec::read_metadata(jpeg.data(), jpeg.size());
    if (!m.icc || m.icc_description.size() > size) std::abort();
    const std::string json = codec::to_json(m);
    if (json.empty() || json.front() != '{') std::abort();
    return 0;
}
