// font_gpos.h: may stb_truetype read this font's GPOS table for kerning?
//
// Most OpenType fonts keep their kerning only in GPOS pair-adjustment lookups (the URW base35
// fonts, Lato's extra pairs, most web fonts); without it their text sets loose. stb_truetype
// 1.26 reads GPOS without bounds checks: every lookup's header, and for each pair-adjustment
// (type 2) subtable its coverage table, its value formats, and — for the value format it
// supports (xAdvance of the first glyph only) — the pair sets (format 1) or the class
// definitions and the class matrix (format 2). This check follows exactly those reads, for
// every glyph and class index a lookup could produce, inside the GPOS table's own bounds.
#pragma once
#include <cstddef>
#include <cstdint>

namespace pixelpipe::composite {

enum class GposKerning {
    Absent,    // no GPOS table, or a version stb ignores: kern comes from 'kern' if present
    Unusable,  // safe, but no pair subtable stb reads (valueFormat1 = xAdvance, valueFormat2 = 0)
    Malformed, // a read would leave the table: stb must not see it
    Usable,    // stb's GPOS path is safe and yields kerning
};

// `table` is the GPOS table (its offset and length from the sfnt directory, inside the font).
GposKerning check_gpos_kerning(const uint8_t *table, size_t length);

}  // namespace pixelpipe::composite
