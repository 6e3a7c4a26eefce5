// stb_impl.cpp: the one translation unit that compiles Debian's stb_image
// (libstb-dev, /usr/include/stb, added with -isystem). Never vendor stb; never define the
// *_IMPLEMENTATION macros anywhere else (bench/stb_write_impl.c, the benchmark's "before" row, aside).
#include <cstdint>
#include <cstdlib>
#include <malloc.h>  // malloc_usable_size (glibc and emscripten's dlmalloc/emmalloc)

#include "codec/stb_guard.h"

namespace pixelpipe::codec {
namespace {
struct GuardState {
    bool active = false;
    uint64_t budget = 0;
    uint64_t max_single = 0;
    uint64_t live = 0;
    uint64_t peak = 0;
    bool refused = false;
};
thread_local GuardState g_guard;

inline uint64_t usable(void *p) { return p ? uint64_t(malloc_usable_size(p)) : 0; }

bool admit(uint64_t add_bytes, uint64_t remove_bytes) {
    GuardState &g = g_guard;
    if (!g.active) return true;
    const uint64_t after = g.live - (remove_bytes < g.live ? remove_bytes : g.live) + add_bytes;
    if (add_bytes > g.max_single || after > g.budget) {
        g.refused = true;
        return false;
    }
    return true;
}
void account(uint64_t add_bytes, uint64_t remove_bytes) {
    GuardState &g = g_guard;
    if (!g.active) return;
    g.live -= (remove_bytes < g.live ? remove_bytes : g.live);
    g.live += add_bytes;
    if (g.live > g.peak) g.peak = g.live;
}
}  // namespace

extern "C" {
static void *pp_stbi_malloc(size_t n) {
    if (!admit(n, 0)) return nullptr;
    void *p = std::malloc(n);
    account(usable(p), 0);
    return p;
}
static void *pp_stbi_realloc(void *old, size_t n) {
    const uint64_t old_size = usable(old);
    if (!admit(n, old_size)) return nullptr;  // stb keeps (and later frees) `old` on NULL
    void *p = std::realloc(old, n);
    if (p) account(usable(p), old_size);
    return p;
}
static void pp_stbi_free(void *p) {
    if (!p) return;
    account(0, usable(p));
    std::free(p);
}
}

StbBudgetScope::StbBudgetScope(uint64_t budget_bytes, uint64_t max_single_bytes) {
    g_guard = GuardState{};
    g_guard.active = true;
    g_guard.budget = budget_bytes;
    g_guard.max_single = max_single_bytes;
}
StbBudgetScope::~StbBudgetScope() { g_guard = GuardState{}; }
StbBudgetStats StbBudgetScope::stats() const {
    StbBudgetStats s;
    s.peak_bytes = g_guard.peak;
    s.refused = g_guard.refused;
    return s;
}
void stb_guard_release(void *p) { account(0, usable(p)); }

}  // namespace pixelpipe::codec

#define STBI_MALLOC(sz) pixelpipe::codec::pp_stbi_malloc(sz)
#define STBI_REALLOC(p, newsz) pixelpipe::codec::pp_stbi_realloc(p, newsz)
#define STBI_FREE(p) pixelpipe::codec::pp_stbi_free(p)

#define STB_IMAGE_IMPLEMENTATION
#define STBI_NO_STDIO
// Softimage PIC: no test file exists for it (PROVENANCE "Gaps"), so the loader is compiled out
// rather than exposed untested; decode.cpp reports such files as UNSUPPORTED_FORMAT.
#define STBI_NO_PIC
// JPEG decodes with libjpeg-turbo (jpeg_decode.h): stb's JPEG loader is compiled out.
#define STBI_NO_JPEG
#include "stb_image.h"

namespace pixelpipe::codec {
int stb_tga_info(const uint8_t *data, size_t size, int *w, int *h, int *comp) { return stb_format_info('t', data, size, w, h, comp); }

int stb_format_info(char kind, const uint8_t *data, size_t size, int *w, int *h, int *comp) {
    if (!data || size == 0 || size > size_t(INT32_MAX)) return 0;
    stbi__context s;
    stbi__start_mem(&s, data, int(size));
    switch (kind) {
    case 'b': return stbi__bmp_info(&s, w, h, comp);
    case 'p': return stbi__psd_info(&s, w, h, comp);
    case 'n': return stbi__pnm_info(&s, w, h, comp);
    case 'h': return stbi__hdr_info(&s, w, h, comp);
    case 't': return stbi__tga_info(&s, w, h, comp);
    default: return 0;
    }
}
void stb_set_iphone_png_flags_thread(bool convert_bgr_to_rgb, bool unpremultiply) {
    stbi_convert_iphone_png_to_rgb_thread(convert_bgr_to_rgb ? 1 : 0);
    stbi__unpremultiply_on_load_thread(unpremultiply ? 1 : 0);
}
}  // namespace pixelpipe::codec
