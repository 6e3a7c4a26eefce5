// stb_truetype_impl.cpp: the one translation unit that compiles Debian's stb_truetype
// (libstb-dev, /usr/include/stb via -isystem, as src/codec/stb_impl.cpp does for stb_image).
// Fonts reach it only through composite/font.cpp's checks.
#include <cstdlib>
#include <cstring>

// stb asserts on font features it does not implement (e.g. composite glyphs anchored by
// matching points); with a debug build that would abort the whole wasm module on a user's
// font. Compiled out everywhere: stb then skips the feature.
#define STBTT_assert(x) ((void)0)
#define STB_TRUETYPE_IMPLEMENTATION
#include "stb_truetype.h"
