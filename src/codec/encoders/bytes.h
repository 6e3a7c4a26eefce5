// bytes.h: appending little/big-endian integers to an output byte vector (container headers), and
// reading them back.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace pixelpipe::codec {

inline void put_le16(std::vector<uint8_t> &v, uint32_t x) { v.push_back(uint8_t(x)); v.push_back(uint8_t(x >> 8)); }
inline void put_le32(std::vector<uint8_t> &v, uint32_t x) { put_le16(v, x); put_le16(v, x >> 16); }
inline void put_be32(std::vector<uint8_t> &v, uint32_t x) {
    for (int s = 24; s >= 0; s -= 8) v.push_back(uint8_t(x >> s));
}
inline void put_text(std::vector<uint8_t> &v, const std::string &s) { v.insert(v.end(), s.begin(), s.end()); }

}  // namespace pixelpipe::codec

// Reading them back, and writing one in place (the caller has checked the bounds).
inline void set_be32(uint8_t *p, uint32_t x) {
    for (int i = 0; i < 4; ++i) p[i] = uint8_t(x >> (24 - 8 * i));
}
inline uint32_t get_be32(const uint8_t *p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
inline uint32_t get_le32(const uint8_t *p) { return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24; }
