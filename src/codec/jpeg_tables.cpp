// jpeg_tables.cpp: see jpeg_tables.h.
#include "codec/jpeg_tables.h"

#include <string>

namespace pixelpipe::codec {
namespace {

// One DHT segment's payload: tables of [class/id byte, 16 counts, the symbols], as stb reads them
// (past the end of the file stb reads zeros: a truncated table still counts what is there).
Status check_dht(const uint8_t *p, size_t len) {
    size_t at = 0;
    while (at < len) {
        size_t codes = 0;
        for (size_t i = at + 1; i <= at + 16 && i < len; ++i) codes += p[i];
        if (codes > 256)
            return Status::error(ErrorCode::DECODE_FAILED, "JPEG decode failed: corrupt Huffman table (" +
                                                                std::to_string(codes) + " codes, at most 256)");
        at += 17 + codes;
    }
    return Status::ok();
}

}  // namespace

Status check_jpeg_huffman_tables(const uint8_t *d, size_t n) {
    size_t pos = 2;  // after SOI
    while (pos + 1 < n) {
        if (d[pos] != 0xFF) { ++pos; continue; }              // entropy-coded data
        const uint8_t m = d[pos + 1];
        if (m == 0xFF) { ++pos; continue; }                    // fill byte
        if (m == 0x00 || m == 0x01 || (m >= 0xD0 && m <= 0xD8)) { pos += 2; continue; }  // stuffing, TEM, RSTn, SOI
        if (m == 0xD9 || pos + 4 > n) break;                   // EOI, or no room for a length
        const size_t len = size_t(d[pos + 2]) << 8 | d[pos + 3];
        if (len < 2) break;                                    // stb refuses it itself
        const size_t payload = pos + 4, end = pos + 2 + len < n ? pos + 2 + len : n;
        if (m == 0xC4) {
            Status s = check_dht(d + payload, end - payload);
            if (!s.is_ok()) return s;
        }
        pos = end;
    }
    return Status::ok();
}

}  // namespace pixelpipe::codec
