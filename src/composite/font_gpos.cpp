// font_gpos.cpp: check_gpos_kerning (font_gpos.h), mirroring stbtt__GetGlyphGPOSInfoAdvance's reads.
#include "composite/font_gpos.h"

#include <algorithm>
#include <unordered_set>

namespace pixelpipe::composite {
namespace {

// A hostile table can point thousands of lookups at the same huge subtable; checking stops
// after this many index checks and the GPOS is then not used (real fonts: Lato, the largest
// GPOS among Debian's fonts here, needs about 3,000).
constexpr uint64_t kCheckBudget = uint64_t(1) << 22;

struct Table {
    const uint8_t *d;
    uint64_t n;
    uint64_t budget = kCheckBudget;
    bool has(uint64_t at, uint64_t len) const { return at <= n && len <= n - at; }
    uint16_t u16(uint64_t at) const { return uint16_t((d[at] << 8) | d[at + 1]); }
    bool spend(uint64_t work) {
        if (work > budget) return false;
        budget -= work;
        return true;
    }
};

// The largest index stbtt__GetCoverageIndex can return (-1: it never matches); false when one of
// its reads would leave the table.
bool coverage_max_index(const Table &t, uint64_t at, int64_t &max_index) {
    max_index = -1;
    if (!t.has(at, 2)) return false;
    const uint16_t format = t.u16(at);
    if (format != 1 && format != 2) return true;  // stb: unsupported, -1
    if (!t.has(at, 4)) return false;
    const uint64_t count = t.u16(at + 2);
    if (format == 1) {
        if (!t.has(at + 4, 2 * count)) return false;
        max_index = int64_t(count) - 1;
        return true;
    }
    if (!t.has(at + 4, 6 * count)) return false;
    for (uint64_t i = 0; i < count; ++i) {  // range: start, end, startCoverageIndex
        const uint64_t r = at + 4 + 6 * i;
        const uint16_t start = t.u16(r), end = t.u16(r + 2);
        if (end >= start) max_index = std::max<int64_t>(max_index, int64_t(t.u16(r + 4)) + (end - start));
    }
    return true;
}

// stbtt__GetGlyphClass's reads: format 1 (start, count, values) or 2 (ranges); others read nothing more.
bool class_def_in_bounds(const Table &t, uint64_t at) {
    if (!t.has(at, 2)) return false;
    const uint16_t format = t.u16(at);
    if (format == 1) return t.has(at, 6) && t.has(at + 6, 2 * uint64_t(t.u16(at + 4)));
    if (format == 2) return t.has(at, 4) && t.has(at + 4, 6 * uint64_t(t.u16(at + 2)));
    return true;
}

enum class Subtable { Skipped, Kerning, Malformed };

Subtable check_pair_subtable(Table &t, uint64_t st) {
    if (!t.has(st, 4)) return Subtable::Malformed;
    const uint16_t pos_format = t.u16(st);
    int64_t max_ci;
    if (!coverage_max_index(t, st + t.u16(st + 2), max_ci)) return Subtable::Malformed;
    if (max_ci < 0 || (pos_format != 1 && pos_format != 2)) return Subtable::Skipped;
    if (!t.has(st, 8)) return Subtable::Malformed;
    if (t.u16(st + 4) != 4 || t.u16(st + 6) != 0) return Subtable::Skipped;  // stb: only xAdvance of glyph 1
    if (pos_format == 1) {
        if (!t.has(st, 10) || !t.spend(uint64_t(max_ci) + 1)) return Subtable::Malformed;
        const int64_t pair_sets = t.u16(st + 8);
        // stb reads the pair-set offset and its count for ANY covered index, then compares with pairSetCount.
        for (int64_t ci = 0; ci <= max_ci; ++ci) {
            if (!t.has(st + 10 + 2 * uint64_t(ci), 2)) return Subtable::Malformed;
            const uint64_t set = st + t.u16(st + 10 + 2 * uint64_t(ci));
            if (!t.has(set, 2)) return Subtable::Malformed;
            if (ci < pair_sets && !t.has(set + 2, 4 * uint64_t(t.u16(set)))) return Subtable::Malformed;
        }
        return Subtable::Kerning;
    }
    if (!t.has(st, 16)) return Subtable::Malformed;
    if (!class_def_in_bounds(t, st + t.u16(st + 8)) || !class_def_in_bounds(t, st + t.u16(st + 10))) return Subtable::Malformed;
    // stb bounds the two classes by class1Count and class2Count, then reads the matrix cell.
    const uint64_t cells = uint64_t(t.u16(st + 12)) * t.u16(st + 14);
    return t.has(st + 16, 2 * cells) ? Subtable::Kerning : Subtable::Malformed;
}

}  // namespace

GposKerning check_gpos_kerning(const uint8_t *table, size_t length) {
    Table t{table, length};
    if (!table || !t.has(0, 4)) return length ? GposKerning::Malformed : GposKerning::Absent;
    if (t.u16(0) != 1 || t.u16(2) != 0) return GposKerning::Absent;  // stb reads nothing else
    if (!t.has(0, 10)) return GposKerning::Malformed;
    const uint64_t list = t.u16(8);
    if (!t.has(list, 2) || !t.has(list + 2, 2 * uint64_t(t.u16(list)))) return GposKerning::Malformed;
    std::unordered_set<uint64_t> seen;  // lookups and subtables shared by several offsets: checked once
    bool kerning = false;
    for (uint64_t i = 0, lookups = t.u16(list); i < lookups; ++i) {
        const uint64_t lookup = list + t.u16(list + 2 + 2 * i);
        if (!t.has(lookup, 6)) return GposKerning::Malformed;  // stb reads type and subTableCount
        if (t.u16(lookup) != 2 || !seen.insert(lookup).second) continue;
        const uint64_t subtables = t.u16(lookup + 4);
        if (!t.has(lookup + 6, 2 * subtables) || !t.spend(subtables)) return GposKerning::Malformed;
        for (uint64_t s = 0; s < subtables; ++s) {
            const uint64_t st = lookup + t.u16(lookup + 6 + 2 * s);
            if (!seen.insert(st | (uint64_t(1) << 63)).second) continue;
            switch (check_pair_subtable(t, st)) {
                case Subtable::Malformed: return GposKerning::Malformed;
                case Subtable::Kerning: kerning = true; break;
                case Subtable::Skipped: break;
            }
        }
    }
    return kerning ? GposKerning::Usable : GposKerning::Unusable;
}

}  // namespace pixelpipe::composite
