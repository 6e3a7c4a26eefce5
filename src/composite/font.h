// font.h: untrusted TrueType/OpenType bytes → a checked stb_truetype font.
//
// stb_truetype reads offsets from the file without bounds checks ("not safe on untrusted
// fonts"), so load_font() first checks what it will follow: the sfnt table directory, every
// table's offset + length inside the buffer, the tables stb requires (cmap, head, hhea, hmtx,
// maxp, and glyf + loca or CFF), their minimum sizes, hmtx against numberOfHMetrics, every loca
// entry inside glyf (non-decreasing), the cmap subtable stb selects (format 4/6/12 sizes),
// every glyph's outline (font_outlines.h: arrays inside the glyph, composites without cycles),
// and the GPOS kerning stb would read (font_gpos.h; kerning falls back to 'kern' when not usable).
// Collections (ttcf) are refused: one font per buffer.
#pragma once
#include <cstddef>
#include <cstdint>

#include "core/status.h"
#include "stb_truetype.h"

namespace pixelpipe::composite {

struct Font {
    stbtt_fontinfo info{};
    int ascent = 0, descent = 0, line_gap = 0;  // font units (hhea), descent negative
    int units_per_em = 0;
};

// INVALID_ARGUMENT "font: <what is wrong>" for anything malformed. `data` must outlive the Font.
Result<Font> load_font(const uint8_t *data, size_t size);

}  // namespace pixelpipe::composite
