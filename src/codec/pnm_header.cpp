// pnm_header.cpp: see pnm_header.h. Token rules as stb_image's stbi__pnm_info: whitespace is
// " \t\n\v\f\r", '#' starts a comment to the end of the line, numbers are runs of digits.
#include "codec/pnm_header.h"

namespace pixelpipe::codec {
namespace {

// stb's int accumulator overflows past 2^31; no real side is over 32768 (limits.h), so any
// number of more than 9 digits is refused before it gets near that.
constexpr int64_t kMaxHeaderNumber = 999'999'999;

bool space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

struct Cursor {
    const uint8_t *d;
    size_t n, at;
    void skip_space_and_comments() {
        for (;;) {
            while (at < n && space(d[at])) ++at;
            if (at >= n || d[at] != '#') return;
            while (at < n && d[at] != '\n' && d[at] != '\r') ++at;
        }
    }
    // false when the number is too long to be a size.
    bool number(int64_t &value) {
        value = 0;
        while (at < n && d[at] >= '0' && d[at] <= '9') {
            value = value * 10 + (d[at++] - '0');
            if (value > kMaxHeaderNumber) return false;
        }
        return true;
    }
};

}  // namespace

Result<PnmHeader> read_pnm_header(const uint8_t *data, size_t size) {
    if (size < 3 || data[0] != 'P' || (data[1] != '5' && data[1] != '6'))
        return Status::error(ErrorCode::DECODE_FAILED, "PNM decode failed: not a binary PGM/PPM (P5/P6) header");
    PnmHeader h;
    h.channels = data[1] == '6' ? 3 : 1;
    Cursor c{data, size, 2};
    c.skip_space_and_comments();
    if (!c.number(h.width)) return Status::error(ErrorCode::IMAGE_TOO_LARGE, "PNM header declares a width of 10 or more digits");
    c.skip_space_and_comments();
    if (!c.number(h.height)) return Status::error(ErrorCode::IMAGE_TOO_LARGE, "PNM header declares a height of 10 or more digits");
    c.skip_space_and_comments();
    if (!c.number(h.max_value) || h.max_value > 65535)
        return Status::error(ErrorCode::DECODE_FAILED, "PNM decode failed: max value over 65535 (only 8- and 16-bit samples)");
    return h;
}

}  // namespace pixelpipe::codec
