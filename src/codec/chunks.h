// chunks.h: walking the chunk lists of PNG (length, type, body, CRC; big-endian) and of WebP's
// RIFF container (FourCC, little-endian size, body padded to even). fn(type, body, size) returns
// false to stop; the walk stops quietly at the first chunk that runs past the buffer.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "codec/encoders/bytes.h"

namespace pixelpipe::codec {

template <class Fn>
void for_each_png_chunk(const uint8_t *data, size_t size, Fn &&fn) {
    if (!data || size < 8 || std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) != 0) return;
    for (size_t pos = 8; pos + 12 <= size;) {
        const size_t len = get_be32(data + pos);
        if (len > size - pos - 12) return;
        if (!fn(data + pos + 4, data + pos + 8, len)) return;
        pos += 12 + len;
    }
}

template <class Fn>
void for_each_webp_chunk(const uint8_t *data, size_t size, Fn &&fn) {
    if (!data || size < 12 || std::memcmp(data, "RIFF", 4) != 0 || std::memcmp(data + 8, "WEBP", 4) != 0) return;
    for (size_t pos = 12; pos + 8 <= size;) {
        const size_t len = get_le32(data + pos + 4);
        if (len > size - pos - 8) return;
        if (!fn(data + pos, data + pos + 8, len)) return;
        pos += 8 + len + (len & 1);
    }
}

}  // namespace pixelpipe::codec
