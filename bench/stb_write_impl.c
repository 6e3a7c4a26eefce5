/* stb_write_impl.c: stb_image_write (Debian's libstb-dev) for the encoder benchmark's "before"
   row only; the shipped module no longer contains it. */
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_WRITE_NO_STDIO
#include "stb_image_write.h"
