// fuzz_font: untrusted font bytes through composite/font.cpp's checks and then everything
// stb_truetype does with an accepted font: measure_text and render_text (glyph outlines,
// kerning, cmap lookups) for a short text.
#include "composite/text.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    using namespace pixelpipe;
    auto font = composite::load_font(data, size);
    fuzz::expect_typed(font.status());
    if (!font.ok()) return 0;
    // The text: the first and last few code points of each script stb may meet, and the .notdef.
    composite::TextStyle style;
    style.text = "Ag fi\xC3\xA9\xE2\x82\xAC\n\xEF\xBF\xBF\xF0\x9F\x98\x80 W.";
    style.font = data;
    style.font_size = size;
    style.size = 24;
    style.max_width = 60;
    auto layout = composite::measure_text(style);
    fuzz::expect_typed(layout.status());
    auto image = composite::render_text(style, {0, 0, 0, 255}, fuzz::fuzz_limits());
    fuzz::expect_typed(image.status());
    // Kerning (GPOS pairs when font_gpos.h allows them, else 'kern') between the first glyph ids,
    // beyond the few pairs the text meets: coverage and class tables list arbitrary glyph ids.
    int kerning = 0;
    for (int a = 0; a < 32; ++a)
        for (int b = 0; b < 32; ++b) kerning += stbtt_GetGlyphKernAdvance(&font.value().info, a, b);
    (void)kerning;
    return 0;
}
