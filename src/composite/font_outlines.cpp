// font_outlines.cpp: see font_outlines.h. Each reader below walks a glyph exactly as
// stb_truetype 1.26's stbtt__GetGlyphShapeTT does (same fields, same order), with bounds.
#include "composite/font_outlines.h"

#include <string>
#include <vector>

namespace pixelpipe::composite {
namespace {

uint16_t u16(const uint8_t *p) { return uint16_t((p[0] << 8) | p[1]); }

Status bad_glyph(int g, const std::string &what) {
    return Status::error(ErrorCode::INVALID_ARGUMENT, "font: glyph " + std::to_string(g) + " " + what);
}

struct Glyph {
    size_t offset = 0, length = 0;   // inside 'glyf'; length 0 = empty (stb draws nothing)
};

Glyph glyph_at(const uint8_t *loca, int g, int index_format) {
    const size_t a = index_format == 0 ? size_t(u16(loca + g * 2)) * 2 : size_t(u16(loca + g * 4)) << 16 | u16(loca + g * 4 + 2);
    const size_t b = index_format == 0 ? size_t(u16(loca + g * 2 + 2)) * 2
                                       : size_t(u16(loca + g * 4 + 4)) << 16 | u16(loca + g * 4 + 6);
    return {a, b - a};
}

// A simple glyph: its point count, or an error when its arrays run past its end.
Status check_simple(const uint8_t *p, size_t len, int contours, int g, uint64_t &points) {
    size_t at = 10 + size_t(contours) * 2 + 2;
    if (at > len) return bad_glyph(g, "is truncated (contour end points)");
    at += u16(p + at - 2);                       // instructions
    const size_t n = 1 + size_t(u16(p + 10 + size_t(contours) * 2 - 2));
    std::vector<uint8_t> flags(n);
    uint8_t f = 0, repeat = 0;
    for (size_t i = 0; i < n; ++i) {
        if (repeat == 0) {
            if (at >= len) return bad_glyph(g, "is truncated (flags)");
            f = p[at++];
            if (f & 8) {
                if (at >= len) return bad_glyph(g, "is truncated (flag repeat)");
                repeat = p[at++];
            }
        } else {
            --repeat;
        }
        flags[i] = f;
    }
    for (uint8_t fl : flags) at += (fl & 2) ? 1 : (fl & 16) ? 0 : 2;   // x
    for (uint8_t fl : flags) at += (fl & 4) ? 1 : (fl & 32) ? 0 : 2;   // y
    if (at > len) return bad_glyph(g, "is truncated (coordinates)");
    // stb's conversion loop: at each contour start an off-curve point reads the next point (past
    // the array when it is the last one: fuzz_font found it), and the next end point is read from
    // endPtsOfContours[j]; more starts than contours would read past that array and outgrow
    // stb's vertex allocation (points + 2 per contour).
    for (size_t i = 0, next_move = 0, j = 0; i < n; ++i) {
        if (i != next_move) continue;
        if (!(flags[i] & 1)) {
            if (i + 1 >= n) return bad_glyph(g, "ends with a contour that is one off-curve point");
            if (flags[i + 1] & 1) ++i;
        }
        if (j >= size_t(contours)) return bad_glyph(g, "has more contour starts than contours (end points out of order)");
        next_move = 1 + size_t(u16(p + 10 + 2 * j++));
    }
    points = n;
    return Status::ok();
}

// A composite glyph: its component glyph indices.
Status check_composite(const uint8_t *p, size_t len, int g, std::vector<uint16_t> &parts) {
    size_t at = 10;
    for (bool more = true; more;) {
        if (at + 4 > len) return bad_glyph(g, "is truncated (component)");
        const uint16_t flags = u16(p + at);
        parts.push_back(u16(p + at + 2));
        at += 4;
        if (flags & 2) at += (flags & 1) ? 4 : 2;   // stb skips no arguments for matching points
        at += (flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0;
        if (at > len) return bad_glyph(g, "is truncated (component transform)");
        more = flags & 0x20;
    }
    return Status::ok();
}

struct Outlines {
    std::vector<uint64_t> points;               // simple glyphs; composites once resolved
    std::vector<std::vector<uint16_t>> parts;   // composites' components
    std::vector<uint8_t> state;                 // 0 unresolved, 1 on the current path, 2 resolved
};

// Total points of glyph g with its components expanded; depth and cycles checked on the way.
Status resolve(Outlines &o, int g, int depth, uint64_t &points) {
    if (g >= int(o.points.size())) { points = 0; return Status::ok(); }   // stb draws nothing
    if (o.state[g] == 2) { points = o.points[g]; return Status::ok(); }
    if (o.state[g] == 1) return bad_glyph(g, "is a composite that contains itself");
    if (depth > kMaxCompositeDepth) return bad_glyph(g, "nests composites deeper than " + std::to_string(kMaxCompositeDepth));
    o.state[g] = 1;
    uint64_t total = 0;
    for (uint16_t part : o.parts[g]) {
        uint64_t n = 0;
        Status s = resolve(o, part, depth + 1, n);
        if (!s.is_ok()) return s;
        total += n;
        if (total > kMaxGlyphPoints) return bad_glyph(g, "expands to more than " + std::to_string(kMaxGlyphPoints) + " points");
    }
    o.points[g] = total;
    o.state[g] = 2;
    points = total;
    return Status::ok();
}

}  // namespace

Status check_glyph_outlines(const uint8_t *glyf, size_t glyf_length, const uint8_t *loca, int num_glyphs,
                            int index_format) {
    (void)glyf_length;  // loca's entries were checked against it
    Outlines o;
    o.points.assign(num_glyphs, 0);
    o.parts.resize(num_glyphs);
    o.state.assign(num_glyphs, 2);
    for (int g = 0; g < num_glyphs; ++g) {
        const Glyph at = glyph_at(loca, g, index_format);
        if (at.length == 0) continue;
        if (at.length < 10) return bad_glyph(g, "is shorter than its 10-byte header");
        const uint8_t *p = glyf + at.offset;
        const int contours = int16_t(u16(p));
        Status s = contours > 0 ? check_simple(p, at.length, contours, g, o.points[g])
                   : contours < 0 ? check_composite(p, at.length, g, o.parts[g]) : Status::ok();
        if (!s.is_ok()) return s;
        if (contours < 0) o.state[g] = 0;
    }
    for (int g = 0; g < num_glyphs; ++g) {
        uint64_t points = 0;
        Status s = resolve(o, g, 0, points);
        if (!s.is_ok()) return s;
    }
    return Status::ok();
}

}  // namespace pixelpipe::composite
