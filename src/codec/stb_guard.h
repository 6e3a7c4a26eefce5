// stb_guard.h: a per-thread memory budget for stb_image's own allocations.
//
// stb_image trusts what a file says: a PNG whose IDAT inflates to gigabytes makes its zlib
// output buffer double until realloc fails (up to 4 GB), whatever the header dimensions are.
// src/codec/stb_impl.cpp routes stb_image's STBI_MALLOC/REALLOC/FREE through these counters;
// while a StbBudgetScope is alive on this thread, an allocation that would push stb's live
// bytes over the budget (or one single block over max_single) returns NULL, which stb reports
// as "outofmem". Outside a scope nothing is limited. stb_image_write is not affected.
#pragma once
#include <cstddef>
#include <cstdint>

namespace pixelpipe::codec {

struct StbBudgetStats {
    uint64_t peak_bytes = 0;   // highest live total seen inside the scope
    bool refused = false;      // at least one allocation was refused
};

class StbBudgetScope {
public:
    StbBudgetScope(uint64_t budget_bytes, uint64_t max_single_bytes);
    ~StbBudgetScope();
    StbBudgetScope(const StbBudgetScope &) = delete;
    StbBudgetScope &operator=(const StbBudgetScope &) = delete;
    StbBudgetStats stats() const;
};

// The pointer returned by stbi_load_* comes from plain malloc (usable with std::free), but the
// guard must hear about it leaving stb's hands so its live count stays right.
void stb_guard_release(void *p);

// stb_image's TGA header test (TGA has no magic bytes). 1 and the header dimensions when the
// bytes look like a TGA stb can read, else 0.
int stb_tga_info(const uint8_t *data, size_t size, int *w, int *h, int *comp);
// One format's stb header reader (kind: 'b' BMP, 'p' PSD, 'n' PNM, 'h' HDR, 't' TGA), so that
// stbi_failure_reason() keeps that reader's reason instead of stbi_info's final
// "unknown image type" after it tried every other format.
int stb_format_info(char kind, const uint8_t *data, size_t size, int *w, int *h, int *comp);

// stb_image 2.27 declares stbi_set_unpremultiply_on_load_thread but defines it under another
// name (stbi__unpremultiply_on_load_thread); this wrapper calls the real one. Both flags only
// affect Apple CgBI PNGs.
void stb_set_iphone_png_flags_thread(bool convert_bgr_to_rgb, bool unpremultiply);

}  // namespace pixelpipe::codec
