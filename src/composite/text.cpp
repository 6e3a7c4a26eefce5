// text.cpp: measure_text / render_text (text.h).
#include "composite/text.h"

#include <algorithm>
#include <cmath>

namespace pixelpipe::composite {
namespace {

Status bad(const std::string &msg) { return Status::error(ErrorCode::INVALID_ARGUMENT, msg); }

struct CodePoint {
    uint32_t cp;
    size_t byte, end;  // its bytes in the UTF-8 text: [byte, end)
};

// UTF-8 → code points; malformed, overlong or surrogate sequences become U+FFFD (one per bad byte).
std::vector<CodePoint> decode_utf8(const std::string &s) {
    std::vector<CodePoint> out;
    const auto *p = reinterpret_cast<const uint8_t *>(s.data());
    const size_t n = s.size();
    for (size_t i = 0; i < n;) {
        const uint8_t b = p[i];
        int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
        bool ok = len > 0 && i + len <= n;
        for (int k = 1; ok && k < len; ++k) {
            ok = (p[i + k] & 0xC0) == 0x80;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (ok && (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) ok = false;
        if (!ok) {
            out.push_back({0xFFFD, i, i + 1});
            ++i;
            continue;
        }
        out.push_back({cp, i, i + size_t(len)});
        i += size_t(len);
    }
    return out;
}

struct Shaped {  // one paragraph's code points with their glyphs and metrics (px)
    std::vector<CodePoint> cps;
    std::vector<int> glyph;
    std::vector<double> advance;  // advance[i]
    std::vector<double> kern;     // kern[i] between i-1 and i (kern[0] = 0)
};

Shaped shape(const Font &font, double scale, std::vector<CodePoint> cps) {
    Shaped s;
    s.cps = std::move(cps);
    for (size_t i = 0; i < s.cps.size(); ++i) {
        // 0 = .notdef when missing. A cmap may map to ids past maxp.numGlyphs, where stb's hmtx,
        // loca and kern reads have no bounds (fuzz_font): those are missing glyphs too.
        int g = stbtt_FindGlyphIndex(&font.info, int(s.cps[i].cp));
        if (g < 0 || g >= font.info.numGlyphs) g = 0;
        int adv = 0, lsb = 0;
        stbtt_GetGlyphHMetrics(&font.info, g, &adv, &lsb);
        s.glyph.push_back(g);
        s.advance.push_back(adv * scale);
        s.kern.push_back(i == 0 ? 0.0 : stbtt_GetGlyphKernAdvance(&font.info, s.glyph[i - 1], g) * scale);
    }
    return s;
}

// Width of code points [a, b): advances, and kerning between pairs inside the range.
double width_of(const Shaped &s, size_t a, size_t b) {
    double w = 0;
    for (size_t i = a; i < b; ++i) w += s.advance[i] + (i > a ? s.kern[i] : 0.0);
    return w;
}

struct Span {
    size_t a, b;  // code point range in the paragraph
};

// Greedy breaking of one paragraph (text.h rules).
std::vector<Span> break_paragraph(const Shaped &s, double max_width) {
    std::vector<Span> words;
    for (size_t i = 0; i < s.cps.size();) {
        if (s.cps[i].cp == ' ') { ++i; continue; }
        size_t j = i;
        while (j < s.cps.size() && s.cps[j].cp != ' ') ++j;
        words.push_back({i, j});
        i = j;
    }
    std::vector<Span> lines;
    if (words.empty()) return {{0, 0}};
    if (max_width <= 0) return {{words.front().a, words.back().b}};
    bool open = false;
    Span line{0, 0};
    for (Span w : words) {
        if (open && width_of(s, line.a, w.b) <= max_width) {
            line.b = w.b;
            continue;
        }
        if (open) lines.push_back(line);
        // A word too wide on its own is cut between code points (at least one per line).
        while (width_of(s, w.a, w.b) > max_width && w.b - w.a > 1) {
            size_t e = w.a + 1;
            while (e + 1 <= w.b && width_of(s, w.a, e + 1) <= max_width) ++e;
            lines.push_back({w.a, e});
            w.a = e;
        }
        line = w;
        open = true;
    }
    lines.push_back(line);
    return lines;
}

struct Laid {
    TextLayout layout;
    std::vector<Shaped> paragraphs;
    std::vector<std::pair<size_t, Span>> spans;  // per line: paragraph index and span
    Font font;
    double scale = 0;
};

Result<Laid> lay_out(const TextStyle &st) {
    if (!(st.size > 0 && st.size <= 4096)) return bad("size: must be a number of px in (0, 4096]");
    if (!(st.line_height > 0 && st.line_height <= 100)) return bad("lineHeight: must be a multiple of size in (0, 100]");
    if (!(st.max_width >= 0 && st.max_width <= 1e6)) return bad("maxWidth: must be a number of px in 0..1000000 (0 = none)");
    auto font = load_font(st.font, st.font_size);
    if (!font.ok()) return font.status();
    Laid out;
    out.font = font.take();
    out.scale = stbtt_ScaleForMappingEmToPixels(&out.font.info, float(st.size));
    const double line_px = st.line_height * st.size;
    const double ascent = out.font.ascent * out.scale, content = (out.font.ascent - out.font.descent) * out.scale;
    // Paragraphs at '\n'.
    const auto all = decode_utf8(st.text);
    std::vector<CodePoint> para;
    auto flush = [&]() {
        out.paragraphs.push_back(shape(out.font, out.scale, para));
        para.clear();
    };
    for (const auto &cp : all) {
        if (cp.cp == '\n') flush();
        else para.push_back(cp);
    }
    flush();
    double widest = 0;
    for (size_t p = 0; p < out.paragraphs.size(); ++p) {
        const Shaped &s = out.paragraphs[p];
        for (Span sp : break_paragraph(s, st.max_width)) {
            TextLine line;
            line.width = width_of(s, sp.a, sp.b);
            if (sp.b > sp.a) {
                line.text = st.text.substr(s.cps[sp.a].byte, s.cps[sp.b - 1].end - s.cps[sp.a].byte);
            }
            widest = std::max(widest, line.width);
            out.spans.push_back({p, sp});
            out.layout.lines.push_back(std::move(line));
        }
    }
    const double box_w = st.max_width > 0 ? st.max_width : widest;
    out.layout.box_width = std::max(1, int(std::ceil(box_w - 1e-9)));
    out.layout.box_height = std::max(1, int(std::ceil(out.layout.lines.size() * line_px - 1e-9)));
    for (size_t i = 0; i < out.layout.lines.size(); ++i) {
        TextLine &l = out.layout.lines[i];
        l.baseline = std::round(i * line_px + (line_px - content) / 2 + ascent);
        const double room = box_w - l.width;
        l.x = st.align == TextAlign::Center ? room / 2 : st.align == TextAlign::Right ? room : 0;
    }
    return out;
}

}  // namespace

Result<TextLayout> measure_text(const TextStyle &style) {
    auto laid = lay_out(style);
    if (!laid.ok()) return laid.status();
    return std::move(laid.value().layout);
}

Result<Image> render_text(const TextStyle &style, const Rgba8 &color, const Limits &limits) {
    auto laid_r = lay_out(style);
    if (!laid_r.ok()) return laid_r.status();
    const Laid &laid = laid_r.value();
    const int W = laid.layout.box_width, H = laid.layout.box_height;
    Status dims = check_dimensions(W, H, limits);
    if (!dims.is_ok()) return Status::error(dims.code, "text: the text box is too large: " + dims.message);
    std::vector<uint8_t> coverage(size_t(W) * size_t(H), 0);
    std::vector<uint8_t> glyph_px;
    const float scale = float(laid.scale);
    for (size_t li = 0; li < laid.spans.size(); ++li) {
        const Shaped &s = laid.paragraphs[laid.spans[li].first];
        const Span sp = laid.spans[li].second;
        const TextLine &line = laid.layout.lines[li];
        double pen = line.x;
        for (size_t i = sp.a; i < sp.b; ++i) {
            if (i > sp.a) pen += s.kern[i];
            const double fx = std::floor(pen);
            const float shift = float(pen - fx);
            int x0, y0, x1, y1;
            stbtt_GetGlyphBitmapBoxSubpixel(&laid.font.info, s.glyph[i], scale, scale, shift, 0, &x0, &y0, &x1, &y1);
            const int gw = x1 - x0, gh = y1 - y0;
            if (gw > 0 && gh > 0) {
                glyph_px.assign(size_t(gw) * size_t(gh), 0);
                stbtt_MakeGlyphBitmapSubpixel(&laid.font.info, glyph_px.data(), gw, gh, gw, scale, scale, shift, 0, s.glyph[i]);
                const int ox = int(fx) + x0, oy = int(line.baseline) + y0;
                for (int gy = std::max(0, -oy); gy < gh && oy + gy < H; ++gy) {
                    uint8_t *row = &coverage[size_t(oy + gy) * W];
                    for (int gx = std::max(0, -ox); gx < gw && ox + gx < W; ++gx) {
                        const int a = row[ox + gx], b = glyph_px[size_t(gy) * gw + gx];
                        row[ox + gx] = uint8_t(a + b - (a * b + 127) / 255);
                    }
                }
            }
            pen += s.advance[i];
        }
    }
    auto img = Image::allocate(W, H);
    if (!img.ok()) return img.status();
    uint8_t *px = img.value().data();
    for (size_t i = 0; i < coverage.size(); ++i) {
        px[i * 4 + 0] = color[0];
        px[i * 4 + 1] = color[1];
        px[i * 4 + 2] = color[2];
        px[i * 4 + 3] = uint8_t((coverage[i] * color[3] + 127) / 255);
    }
    return img;
}

}  // namespace pixelpipe::composite
