// md5.cpp: see md5.h. Little CMS, already linked for colour management, has an MD5 (it computes
// ICC profile IDs with it) behind its public plugin API: cmsMD5alloc/cmsMD5add/cmsMD5finish. We
// use it rather than a second copy; tests/cpp/test_md5.cpp checks it against RFC 1321's vectors.
// In the wasm builds Little CMS and this file's one caller (writing extended XMP) both live in the
// deferred module (scripts/split-wasm.mjs): the call loads it like any other deferred code.
#include "codec/md5.h"

#include <algorithm>

#include "lcms2_plugin.h"

namespace pixelpipe::codec {

std::string md5_hex_upper(const uint8_t *data, size_t size) {
    cmsHANDLE h = cmsMD5alloc(nullptr);
    if (!h) return {};
    // cmsMD5add takes a 32-bit length: feed large inputs in pieces.
    for (size_t at = 0; at < size;) {
        const size_t n = std::min<size_t>(size - at, size_t(1) << 30);
        cmsMD5add(h, data + at, cmsUInt32Number(n));
        at += n;
    }
    cmsProfileID id;
    cmsMD5finish(&id, h);  // also frees h
    static const char kHex[] = "0123456789ABCDEF";
    std::string hex;
    for (uint8_t b : id.ID8) hex += kHex[b >> 4], hex += kHex[b & 15];
    return hex;
}

}  // namespace pixelpipe::codec
