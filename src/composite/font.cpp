// font.cpp: load_font (font.h): sfnt structure checks before stbtt_InitFont.
#include "composite/font.h"

#include "composite/font_gpos.h"
#include "composite/font_outlines.h"

#include <cstring>
#include <string>

namespace pixelpipe::composite {
namespace {

uint16_t u16(const uint8_t *p) { return uint16_t((p[0] << 8) | p[1]); }
uint32_t u32(const uint8_t *p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }

Status bad(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, "font: " + msg); }

struct Table {
    uint32_t offset = 0, length = 0;
    bool present = false;
};

struct Tables {
    Table cmap, head, hhea, hmtx, maxp, glyf, loca, cff, kern, gpos;
};

// The table directory: every record inside the buffer.
Result<Tables> read_directory(const uint8_t *d, size_t size) {
    if (size < 12) return bad("too short for an sfnt header (" + std::to_string(size) + " bytes)");
    const uint32_t version = u32(d);
    if (version == 0x74746366) return bad("font collections (ttcf) are not supported; pass one font");
    if (version != 0x00010000 && version != 0x74727565 /*true*/ && version != 0x4F54544F /*OTTO*/)
        return bad("not a TrueType/OpenType font (bad sfnt version)");
    const uint32_t count = u16(d + 4);
    if (count == 0 || 12 + uint64_t(count) * 16 > size) return bad("table directory is truncated");
    Tables t;
    const struct { const char *tag; Table *slot; } wanted[] = {
        {"cmap", &t.cmap}, {"head", &t.head}, {"hhea", &t.hhea}, {"hmtx", &t.hmtx},
        {"maxp", &t.maxp}, {"glyf", &t.glyf}, {"loca", &t.loca}, {"CFF ", &t.cff}, {"kern", &t.kern}, {"GPOS", &t.gpos}};
    for (uint32_t i = 0; i < count; ++i) {
        const uint8_t *rec = d + 12 + i * 16;
        const uint32_t offset = u32(rec + 8), length = u32(rec + 12);
        const std::string tag(reinterpret_cast<const char *>(rec), 4);
        if (uint64_t(offset) + length > size) return bad("table '" + tag + "' lies outside the font data");
        // The FIRST record of a tag, as stbtt__find_table takes it (a font with two 'cmap' records
        // had the second checked and the first read; found by tests/fuzz/fuzz_font).
        for (const auto &w : wanted)
            if (tag == w.tag && !w.slot->present) *w.slot = {offset, length, true};
    }
    return t;
}

Status check_loca(const uint8_t *d, const Tables &t, int num_glyphs, int index_format) {
    const uint64_t entry = index_format == 0 ? 2 : 4;
    if (uint64_t(num_glyphs + 1) * entry > t.loca.length) return bad("'loca' is shorter than maxp.numGlyphs needs");
    uint64_t previous = 0;
    for (int g = 0; g <= num_glyphs; ++g) {
        const uint8_t *p = d + t.loca.offset + g * entry;
        const uint64_t off = index_format == 0 ? uint64_t(u16(p)) * 2 : u32(p);
        if (off < previous || off > t.glyf.length) return bad("'loca' entry " + std::to_string(g) + " points outside 'glyf'");
        previous = off;
    }
    return Status::ok();
}

// The subtable stbtt_InitFont picks (Microsoft Unicode BMP/full, or Unicode platform) must lie
// inside cmap and its arrays inside the subtable's data.
Status check_cmap(const uint8_t *d, const Table &cmap) {
    if (cmap.length < 4) return bad("'cmap' is truncated");
    const uint8_t *c = d + cmap.offset;
    const uint32_t n = u16(c + 2);
    if (4 + uint64_t(n) * 8 > cmap.length) return bad("'cmap' encoding records are truncated");
    bool found = false;
    for (uint32_t i = 0; i < n; ++i) {
        const uint8_t *rec = c + 4 + i * 8;
        const uint16_t platform = u16(rec), encoding = u16(rec + 2);
        const bool usable = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
        if (!usable) continue;
        const uint32_t sub = u32(rec + 4);
        if (uint64_t(sub) + 8 > cmap.length) return bad("'cmap' subtable lies outside 'cmap'");
        const uint8_t *s = c + sub;
        const uint64_t room = cmap.length - sub;
        const uint16_t format = u16(s);
        uint64_t need = 0;
        if (format == 0) need = 6 + 256;
        else if (format == 4) need = 14 + uint64_t(u16(s + 6) / 2) * 8 + 2;  // 4 arrays of segCount + pad
        else if (format == 6) need = 10 + uint64_t(u16(s + 8)) * 2;
        else if (format == 12 || format == 13) need = room >= 16 ? 16 + uint64_t(u32(s + 12)) * 12 : 16;
        else continue;  // stb returns glyph 0 (.notdef) for formats it does not read
        if (need > room) return bad("'cmap' subtable format " + std::to_string(format) + " is truncated");
        // stb's format-4 binary search steps by the file's searchRange, entrySelector and
        // rangeShift, not by segCount: they must be the values segCount implies (OpenType cmap
        // spec), or the search reads outside the arrays (found by tests/fuzz/fuzz_font).
        if (format == 4) {
            const uint32_t seg = u16(s + 6) / 2;
            uint32_t pow2 = 1, log2 = 0;
            while (pow2 * 2 <= seg) { pow2 *= 2; ++log2; }
            if (seg == 0 || u16(s + 8) != 2 * pow2 || u16(s + 10) != log2 || u16(s + 12) != 2 * seg - 2 * pow2)
                return bad("'cmap' format 4 search fields do not match its segment count");
            // A segment with an idRangeOffset reads glyphIdArray[offset/2 + (c - start)] for
            // every c in start..end: all of it must lie inside 'cmap'.
            const uint64_t ends = 14, starts = ends + 2 * uint64_t(seg) + 2, offsets = starts + 4 * uint64_t(seg);
            for (uint32_t i = 0; i < seg; ++i) {
                const uint32_t end = u16(s + ends + 2 * i), start = u16(s + starts + 2 * i);
                const uint64_t at = offsets + 2 * uint64_t(i), range = u16(s + at);
                if (range != 0 && start <= end && at + range + 2 * uint64_t(end - start) + 2 > room)
                    return bad("'cmap' format 4 segment " + std::to_string(i) + " maps glyphs from outside 'cmap'");
            }
        }
        found = true;
    }
    if (!found) return bad("no Unicode 'cmap' subtable");
    return Status::ok();
}

}  // namespace

Result<Font> load_font(const uint8_t *d, size_t size) {
    if (!d || size == 0) return bad("no font data");
    if (size > size_t(INT32_MAX)) return bad("font data is larger than 2 GB");
    auto dir = read_directory(d, size);
    if (!dir.ok()) return dir.status();
    const Tables &t = dir.value();
    for (const auto &[tag, table] : {std::pair{"cmap", &t.cmap}, {"head", &t.head}, {"hhea", &t.hhea},
                                     {"hmtx", &t.hmtx}, {"maxp", &t.maxp}}) {
        if (!table->present) return bad(std::string("required table '") + tag + "' is missing");
    }
    const bool truetype = t.glyf.present && t.loca.present;
    if (!truetype && !t.cff.present) return bad("no outlines: needs 'glyf' + 'loca' or 'CFF '");
    if (t.head.length < 54 || t.hhea.length < 36 || t.maxp.length < 6) return bad("'head', 'hhea' or 'maxp' is truncated");
    const int num_glyphs = u16(d + t.maxp.offset + 4);
    const int index_format = int16_t(u16(d + t.head.offset + 50));
    const int h_metrics = u16(d + t.hhea.offset + 34);
    if (num_glyphs == 0) return bad("maxp.numGlyphs is 0");
    if (h_metrics == 0 || h_metrics > num_glyphs) return bad("hhea.numberOfHMetrics is out of range");
    // stb reads advance + lsb for glyphs below numberOfHMetrics, then lsb-only entries.
    if (uint64_t(h_metrics) * 4 + uint64_t(num_glyphs - h_metrics) * 2 > t.hmtx.length) return bad("'hmtx' is truncated");
    if (truetype) {
        if (index_format != 0 && index_format != 1) return bad("head.indexToLocFormat must be 0 or 1");
        Status s = check_loca(d, t, num_glyphs, index_format);
        if (!s.is_ok()) return s;
        s = check_glyph_outlines(d + t.glyf.offset, t.glyf.length, d + t.loca.offset, num_glyphs, index_format);
        if (!s.is_ok()) return s;
    }
    Status s = check_cmap(d, t.cmap);
    if (!s.is_ok()) return s;
    // stb's 'kern' reader: version-0 header, then nPairs (at +10) pairs of 6 bytes from +18.
    if (t.kern.present && (t.kern.length < 18 || 18 + uint64_t(u16(d + t.kern.offset + 10)) * 6 > t.kern.length))
        return bad("'kern' is truncated");

    Font font;
    if (!stbtt_InitFont(&font.info, d, 0)) return bad("stb_truetype could not read the font");
    // stb kerns from GPOS when the font has one (and then never from 'kern'): let it only where its
    // reads stay inside the table and some pair subtable is one it understands; else 'kern' serves.
    const GposKerning gpos = t.gpos.present ? check_gpos_kerning(d + t.gpos.offset, t.gpos.length) : GposKerning::Absent;
    if (gpos != GposKerning::Usable) font.info.gpos = 0;
    stbtt_GetFontVMetrics(&font.info, &font.ascent, &font.descent, &font.line_gap);
    font.units_per_em = u16(d + t.head.offset + 18);
    if (font.units_per_em < 16 || font.units_per_em > 16384) return bad("head.unitsPerEm is out of range");
    return font;
}

}  // namespace pixelpipe::composite
