// text.h: text layers with stb_truetype: UTF-8 decoding, line breaking, alignment, rendering.
//
// Rules (stated so Chromium's measureText / the tests can check them):
//  - Scale: `size` px per em (CSS font-size): stbtt_ScaleForMappingEmToPixels.
//  - Advance of a line = sum of glyph advances + kerning between neighbours ('kern' table;
//    see font.h for GPOS). No shaping: no ligatures, no right-to-left, no Indic/complex scripts,
//    no emoji or colour glyphs, no font fallback; a code point the font lacks draws glyph 0
//    (.notdef); invalid UTF-8 decodes to U+FFFD.
//  - Breaking: '\n' always breaks. With max_width > 0, lines break greedily at spaces (U+0020):
//    a word goes on the line if the line (from its first word to this word's end) is at most
//    max_width wide; a word wider than max_width on its own is broken between code points
//    (at least one per line). Spaces at the start and end of a line are dropped and not
//    measured (CSS white-space: normal).
//  - Box: width = max_width if given, else the widest line (rounded up); height = lines x
//    line_height x size (rounded up). Line i's box starts at i x line_height x size; the font's
//    content area (hhea ascent - descent, scaled) is centred in it (CSS half-leading), and the
//    baseline, at its top + ascent, is rounded to a whole pixel.
//  - Alignment inside the box: left 0, center (box - line) / 2, right box - line. Glyphs are
//    rasterised at their exact (subpixel) x positions; overlapping glyphs combine coverage
//    as source-over (a + b - ab).
#pragma once
#include <string>
#include <vector>

#include "composite/composite.h"
#include "composite/font.h"

namespace pixelpipe::composite {

struct TextLine {
    std::string text;  // the line's UTF-8 text without the dropped spaces
    double width = 0;  // px, advances + kerning
    double x = 0;      // left edge of the line inside the box (alignment), px
    double baseline = 0;  // px from the box top (whole pixels)
};

struct TextLayout {
    std::vector<TextLine> lines;
    int box_width = 0, box_height = 0;
};

// Errors: "font: ...", "size: ...", "lineHeight: ...", "maxWidth: ..." (INVALID_ARGUMENT).
Result<TextLayout> measure_text(const TextStyle &style);
// The text in `color` on transparent, box_width x box_height (measure_text's box).
Result<Image> render_text(const TextStyle &style, const Rgba8 &color, const Limits &limits);

}  // namespace pixelpipe::composite
