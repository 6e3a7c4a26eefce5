// stb_truetype_impl.cpp: the one translation unit that compiles Debian's stb_truetype
// (libstb-dev, /usr/include/stb via -isystem, as src/codec/stb_impl.cpp does for stb_image).
// Fonts reach it only through composite/font.cpp's checks.
#include <cstdlib>
#include <cstring>

#define STB_TRUETYPE_IMPLEMENTATION
#include "stb_truetype.h"
