// font_outlines.h: the inside of every TrueType glyph, checked the way stb_truetype will read it.
//
// stb_truetype follows a glyph's own counts (contour end points, instruction length, flag
// repeats, coordinate sizes, composite components) without looking at where the glyph ends, and
// draws a composite glyph by calling itself on each component with no depth limit. So a font
// whose glyph says "more points than I hold" reads past the buffer, and a composite glyph that
// contains itself recurses until the stack overflows (both found by tests/fuzz/fuzz_font). Fonts
// are checked once, when loaded: every glyph must hold what it declares, composites must not
// nest deeper than kMaxCompositeDepth or form cycles, and no glyph may expand to more than
// kMaxGlyphPoints points (a small font of nested composites could otherwise cost exponential time).
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/status.h"

namespace pixelpipe::composite {

constexpr int kMaxCompositeDepth = 16;            // real fonts nest 1-3 levels
constexpr uint64_t kMaxGlyphPoints = 1u << 16;    // real glyphs have at most a few thousand

// glyf: the 'glyf' table; loca: the 'loca' table with num_glyphs + 1 entries already checked to
// be non-decreasing and inside 'glyf' (font.cpp's check_loca). INVALID_ARGUMENT "font: glyph N ...".
Status check_glyph_outlines(const uint8_t *glyf, size_t glyf_length, const uint8_t *loca, int num_glyphs,
                            int index_format);

}  // namespace pixelpipe::composite
