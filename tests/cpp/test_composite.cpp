// test_composite.cpp: createComposite's engine against independent references:
//  - every blend mode and Porter-Duff operator vs reference/blend.h (double, from the W3C
//    pseudo-code) on random images with random alpha, opacity < 1, luminance and alpha masks,
//    layers partly off the canvas: within 1 level (colour compared where alpha >= 1 level);
//  - gradients vs the CSS Images 4 reference (premultiplied interpolation): within 1 level;
//  - text coverage vs stb_truetype's own stbtt_MakeCodepointBitmap, line widths vs advances and
//    kerning read straight from stb, wrapping / alignment / line height rules (text.h);
//  - malformed fonts and layers → typed errors naming layer and field, never a crash.
// argv[1] = test data folder (unused); the font is Debian's fonts-dejavu-core DejaVuSans.ttf.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "check.h"
#include "composite/composite.h"
#include "composite/font.h"
#include "composite/text.h"
#include "reference/blend.h"
#include "stb_truetype.h"
#include "test_images.h"

using namespace pixelpipe;
using namespace pixelpipe::composite;
using namespace test_images;

namespace {

const char *kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

std::vector<uint8_t> read_all(const char *path) {
    std::ifstream f(path, std::ios::binary);
    return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

// Max difference between the engine's canvas and the reference; colour only where the
// reference alpha rounds to >= 1 (colour is undefined at alpha 0).
int compare(const Image &got, const std::vector<std::array<double, 4>> &want) {
    int worst = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        const uint8_t *g = got.data() + i * 4;
        const int a = int(std::lround(want[i][3]));
        worst = std::max(worst, std::abs(int(g[3]) - a));
        if (a >= 1)
            for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(int(g[c]) - int(std::lround(want[i][c]))));
    }
    return worst;
}

void test_blend_modes() {
    const int W = 61, H = 47, LW = 40, LH = 30;
    const Image backdrop = to_image(random_image(W, H, 1, true));
    const Image layer_px = to_image(random_image(LW, LH, 2, true));
    const Image mask_px = to_image(random_image(LW, LH, 3, true));
    const char *modes[] = {"normal", "multiply", "screen", "overlay", "darken", "lighten", "color_dodge", "color_burn",
                           "hard_light", "soft_light", "difference", "exclusion", "hue", "saturation", "color",
                           "luminosity", "source_in", "source_out", "source_atop", "destination_in", "destination_out",
                           "destination_atop", "xor", "plus_lighter"};
    struct Case { int x, y; double opacity; MaskMode mask; };
    const Case cases[] = {{10, 7, 0.7, MaskMode::None}, {-5, -3, 1.0, MaskMode::Luminance}, {30, 25, 0.45, MaskMode::Alpha}};
    for (const char *name : modes) {
        auto mode = parse_blend_mode(name);
        CHECK(mode.ok());
        if (!mode.ok()) continue;
        for (const Case &k : cases) {
            CompositeRequest req;
            req.width = W;
            req.height = H;
            Layer bg;  // the random backdrop as a first, normal layer over transparent
            bg.kind = LayerKind::Image;
            bg.image = &backdrop;
            Layer l;
            l.kind = LayerKind::Image;
            l.image = &layer_px;
            l.x = k.x;
            l.y = k.y;
            l.opacity = k.opacity;
            l.blend = mode.value();
            if (k.mask != MaskMode::None) {
                l.mask = &mask_px;
                l.mask_mode = k.mask;
            }
            req.layers = {bg, l};
            auto got = create_composite(req, Limits{});
            CHECK(got.ok());
            if (!got.ok()) continue;
            std::vector<std::array<double, 4>> want(size_t(W) * H);
            for (int y = 0; y < H; ++y)
                for (int x = 0; x < W; ++x) {
                    const uint8_t *b = backdrop.data() + (size_t(y) * W + x) * 4;
                    const int lx = x - k.x, ly = y - k.y;
                    const bool inside = lx >= 0 && ly >= 0 && lx < LW && ly < LH;
                    static const uint8_t kClear[4] = {0, 0, 0, 0};
                    const uint8_t *s = inside ? layer_px.data() + (size_t(ly) * LW + lx) * 4 : kClear;
                    double as = s[3] / 255.0 * k.opacity;
                    if (inside && k.mask != MaskMode::None) {
                        const uint8_t *m = mask_px.data() + (size_t(ly) * LW + lx) * 4;
                        const double luma = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) / 255.0;
                        as *= k.mask == MaskMode::Alpha ? m[3] / 255.0 : luma * m[3] / 255.0;
                    }
                    want[size_t(y) * W + x] = ref::composite_pixel(name, b, s, as);
                }
            const int d = compare(got.value(), want);
            if (d > 1) std::fprintf(stderr, "mode %s at (%d,%d): max diff %d\n", name, k.x, k.y, d);
            CHECK(d <= 1);
        }
    }
    // The names JS may send: CSS spellings and Canvas aliases; unknown → typed error naming the field.
    CHECK(parse_blend_mode("color-dodge").ok() && parse_blend_mode("color-dodge").value() == BlendMode::ColorDodge);
    CHECK(parse_blend_mode("lighter").ok() && parse_blend_mode("lighter").value() == BlendMode::PlusLighter);
    auto bad = parse_blend_mode("foo");
    CHECK(!bad.ok() && bad.status().message.rfind("blendMode: ", 0) == 0);
}

// `normal` at opacity 1 without a mask copies the rows where the layer is opaque and blends the
// others (blend.cpp): a layer with opaque bands between translucent ones, over a translucent
// backdrop, still matches the W3C reference everywhere, and the opaque rows equal the layer.
void test_opaque_rows_copied() {
    const int W = 53, H = 41, LW = 37, LH = 29, X = 9, Y = -4;
    const Image backdrop = to_image(random_image(W, H, 4, true));
    Image layer_px = to_image(random_image(LW, LH, 5, true));
    for (int y = 0; y < LH; ++y)
        if (y % 7 < 4)
            for (int x = 0; x < LW; ++x) layer_px.row(y)[x * 4 + 3] = 255;
    CompositeRequest req;
    req.width = W;
    req.height = H;
    Layer bg, l;
    bg.kind = l.kind = LayerKind::Image;
    bg.image = &backdrop;
    l.image = &layer_px;
    l.x = X;
    l.y = Y;
    req.layers = {bg, l};
    auto got = create_composite(req, Limits{});
    CHECK(got.ok());
    if (!got.ok()) return;
    std::vector<std::array<double, 4>> want(size_t(W) * H);
    static const uint8_t kClear[4] = {0, 0, 0, 0};
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) {
            const int lx = x - X, ly = y - Y;
            const bool inside = lx >= 0 && ly >= 0 && lx < LW && ly < LH;
            const uint8_t *s = inside ? layer_px.row(ly) + lx * 4 : kClear;
            want[size_t(y) * W + x] = ref::composite_pixel("normal", backdrop.row(y) + x * 4, s, s[3] / 255.0);
        }
    CHECK(compare(got.value(), want) <= 1);
    CHECK(std::memcmp(got.value().row(7 + Y) + X * 4, layer_px.row(7), size_t(LW) * 4) == 0);  // layer row 7 is opaque
}

// An opaque first layer covering the canvas becomes the canvas (composite.cpp): exact, and the
// background never shows; any reason it might show (one transparent pixel, an offset, opacity
// < 1, a mask) keeps the blend, and the background is where the reference puts it.
void test_backdrop_layer() {
    const int W = 45, H = 33;
    Image photo = to_image(random_image(W, H, 6, false));
    for (int y = 0; y < H; ++y)
        for (int x = 0; x < W; ++x) photo.row(y)[x * 4 + 3] = 255;
    const Image mask = to_image(random_image(W, H, 7, true));
    const Rgba8 red{255, 0, 0, 255};
    auto run = [&](const Image &img, int x, double opacity, const Image *m) {
        CompositeRequest req;
        req.width = W;
        req.height = H;
        req.background = red;
        Layer l;
        l.kind = LayerKind::Image;
        l.image = &img;
        l.x = x;
        l.opacity = opacity;
        l.mask = m;
        l.mask_mode = m ? MaskMode::Alpha : MaskMode::None;
        req.layers = {l};
        return create_composite(req, Limits{});
    };
    auto reference = [&](const Image &img, int x0, double opacity, const Image *m) {
        std::vector<std::array<double, 4>> want(size_t(W) * H);
        static const uint8_t kClear[4] = {0, 0, 0, 0};
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x) {
                const bool inside = x - x0 >= 0 && x - x0 < W;
                const uint8_t *s = inside ? img.row(y) + (x - x0) * 4 : kClear;
                const double as = s[3] / 255.0 * opacity * (m && inside ? m->row(y)[(x - x0) * 4 + 3] / 255.0 : 1.0);
                want[size_t(y) * W + x] = ref::composite_pixel("normal", red.data(), s, as);
            }
        return want;
    };
    auto whole = run(photo, 0, 1.0, nullptr);
    CHECK(whole.ok() && std::memcmp(whole.value().data(), photo.data(), photo.size_bytes()) == 0);
    Image holed = to_image(random_image(W, H, 6, false));
    std::memcpy(holed.data(), photo.data(), photo.size_bytes());
    holed.row(5)[7 * 4 + 3] = 0;
    const struct { const Image *img; int x; double opacity; const Image *mask; } keep_blend[] = {
        {&holed, 0, 1.0, nullptr}, {&photo, 1, 1.0, nullptr}, {&photo, 0, 0.99, nullptr}, {&photo, 0, 1.0, &mask}};
    for (const auto &k : keep_blend) {
        auto got = run(*k.img, k.x, k.opacity, k.mask);
        CHECK(got.ok());
        if (got.ok()) CHECK(compare(got.value(), reference(*k.img, k.x, k.opacity, k.mask)) <= 1);
    }
    auto hole = run(holed, 0, 1.0, nullptr);
    CHECK(hole.ok() && std::memcmp(hole.value().row(5) + 7 * 4, red.data(), 4) == 0);
}

void test_geometry() {
    // A 20x10 red solid rotated 90° at (10, 10): the box becomes 10x20 around the same centre
    // (20, 15), i.e. x 15..25, y 5..25.
    CompositeRequest req;
    req.width = 40;
    req.height = 40;
    Layer l;
    l.kind = LayerKind::Solid;
    l.color = {255, 0, 0, 255};
    l.width = 20;
    l.height = 10;
    l.x = 10;
    l.y = 10;
    l.rotate = 90;
    req.layers = {l};
    auto r = create_composite(req, Limits{});
    CHECK(r.ok());
    if (!r.ok()) return;
    int minx = 99, maxx = -1, miny = 99, maxy = -1;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x)
            if (r.value().row(y)[x * 4 + 3] == 255) {
                minx = std::min(minx, x), maxx = std::max(maxx, x), miny = std::min(miny, y), maxy = std::max(maxy, y);
            }
    CHECK(minx == 15 && maxx == 24 && miny == 5 && maxy == 24);
    // Scaling an image layer: a 2x2 image to 8x8 with fit 'fill' covers exactly that box.
    const Image small = to_image(random_image(2, 2, 9, false));
    Layer im;
    im.kind = LayerKind::Image;
    im.image = &small;
    im.width = 8;
    im.height = 8;
    im.fit = "fill";
    im.x = -2;
    im.y = 3;
    req.layers = {im};
    r = create_composite(req, Limits{});
    CHECK(r.ok());
    if (r.ok()) {
        CHECK(r.value().row(3)[0 * 4 + 3] == 255 && r.value().row(10)[5 * 4 + 3] == 255);
        CHECK(r.value().row(11)[0 * 4 + 3] == 0 && r.value().row(3)[6 * 4 + 3] == 0 && r.value().row(2)[0 * 4 + 3] == 0);
    }
}

void test_gradients() {
    const int W = 57, H = 33;
    std::vector<GradientStop> stops = {{0.0, {255, 0, 0, 255}}, {0.3, {0, 0, 255, 40}}, {0.3, {0, 200, 0, 255}},
                                       {0.2, {10, 20, 30, 128}}, {1.0, {255, 255, 255, 0}}};
    std::vector<ref::Stop> fixed;
    double prev = -1e9;
    for (const auto &s : stops) {  // CSS fix-up, written again here
        prev = std::max(prev, s.offset);
        fixed.push_back({prev, {double(s.color[0]), double(s.color[1]), double(s.color[2]), double(s.color[3])}});
    }
    struct G { bool radial; double angle, cx, cy, r; };
    const G cases[] = {{false, 0, 0, 0, 0}, {false, 45, 0, 0, 0}, {false, 90, 0, 0, 0}, {false, 135, 0, 0, 0},
                       {false, 200, 0, 0, 0}, {true, 0, 20, 10, 25}, {true, 0, NAN, NAN, NAN}};
    for (const G &g : cases) {
        CompositeRequest req;
        req.width = W;
        req.height = H;
        Layer l;
        l.kind = LayerKind::Gradient;
        l.width = W;
        l.height = H;
        l.gradient.radial = g.radial;
        l.gradient.angle = g.angle;
        l.gradient.center_x = g.cx;
        l.gradient.center_y = g.cy;
        l.gradient.radius = g.r;
        l.gradient.stops = stops;
        req.layers = {l};
        auto r = create_composite(req, Limits{});
        CHECK(r.ok());
        if (!r.ok()) continue;
        std::vector<std::array<double, 4>> want;
        const double a = g.angle * M_PI / 180, dx = std::sin(a), dy = -std::cos(a);
        const double len = std::fabs(W * std::sin(a)) + std::fabs(H * std::cos(a));  // CSS gradient line
        const double cx = g.radial && !std::isnan(g.cx) ? g.cx : W / 2.0, cy = g.radial && !std::isnan(g.cy) ? g.cy : H / 2.0;
        const double radius = std::isnan(g.r) ? std::hypot(std::max(cx, W - cx), std::max(cy, H - cy)) : g.r;
        for (int y = 0; y < H; ++y)
            for (int x = 0; x < W; ++x) {
                const double px = x + 0.5 - cx, py = y + 0.5 - cy;
                const double t = g.radial ? std::hypot(px, py) / radius : (px * dx + py * dy) / len + 0.5;
                want.push_back(ref::gradient_at(fixed, t));
            }
        const int d = compare(r.value(), want);
        if (d > 1) std::fprintf(stderr, "gradient radial=%d angle=%g: max diff %d\n", g.radial, g.angle, d);
        CHECK(d <= 1);
    }
}

TextStyle style_of(const std::vector<uint8_t> &font, const std::string &text, double size) {
    TextStyle s;
    s.text = text;
    s.font = font.data();
    s.font_size = font.size();
    s.size = size;
    return s;
}

void test_text(const std::vector<uint8_t> &font) {
    stbtt_fontinfo info;
    CHECK(stbtt_InitFont(&info, font.data(), 0) != 0);
    const double size = 48;
    const float scale = stbtt_ScaleForMappingEmToPixels(&info, float(size));
    // 1. Coverage of one glyph = stbtt_MakeCodepointBitmap at the same scale, at the baseline.
    {
        TextStyle st = style_of(font, "H", size);
        auto layout = measure_text(st);
        auto img = render_text(st, {255, 255, 255, 255}, Limits{});
        CHECK(layout.ok() && img.ok());
        if (layout.ok() && img.ok()) {
            int w, h, xoff, yoff;
            unsigned char *bmp = stbtt_GetCodepointBitmap(&info, scale, scale, 'H', &w, &h, &xoff, &yoff);
            const int base = int(layout.value().lines[0].baseline);
            int worst = 0, covered = 0;
            for (int y = 0; y < img.value().height(); ++y)
                for (int x = 0; x < img.value().width(); ++x) {
                    const int bx = x - xoff, by = y - base - yoff;
                    const int want = bx >= 0 && by >= 0 && bx < w && by < h ? bmp[by * w + bx] : 0;
                    const int got = img.value().row(y)[x * 4 + 3];
                    covered += want > 0;
                    worst = std::max(worst, std::abs(got - want));
                }
            stbtt_FreeBitmap(bmp, nullptr);
            CHECK(covered > 100);
            CHECK(worst == 0);
        }
    }
    // 2. Widths = advances + kerning straight from stb; UTF-8 accented Latin; .notdef.
    auto width_of = [&](const std::vector<int> &cps) {
        double w = 0;
        for (size_t i = 0; i < cps.size(); ++i) {
            int adv, lsb;
            stbtt_GetCodepointHMetrics(&info, cps[i], &adv, &lsb);
            w += adv * scale;
            if (i > 0) w += stbtt_GetCodepointKernAdvance(&info, cps[i - 1], cps[i]) * scale;
        }
        return w;
    };
    {
        auto m = measure_text(style_of(font, "AVAT\xC3\xA9t\xC3\xA9", size));  // "AVATété"
        CHECK(m.ok());
        if (m.ok()) CHECK_NEAR(m.value().lines[0].width, width_of({'A', 'V', 'A', 'T', 0xE9, 't', 0xE9}), 1e-3);
        // Kerning is applied: 'AV' in DejaVu Sans has a negative kern pair.
        CHECK(stbtt_GetCodepointKernAdvance(&info, 'A', 'V') < 0);
        auto notdef = measure_text(style_of(font, "\xEE\x80\x80", size));  // U+E000, not in the font
        int adv0, lsb0;
        stbtt_GetGlyphHMetrics(&info, 0, &adv0, &lsb0);
        CHECK(notdef.ok() && std::fabs(notdef.value().lines[0].width - adv0 * scale) < 1e-3);
    }
    // 3. Wrapping at spaces, long words cut, '\n', alignment and line height.
    {
        const double w_aa = width_of({'a', 'a', ' ', 'b', 'b'});
        TextStyle st = style_of(font, "aa bb cc\nddddddddddddd", size);
        st.max_width = w_aa + 1;  // "aa bb" fits, "aa bb cc" does not
        st.align = TextAlign::Right;
        st.line_height = 1.5;
        auto m = measure_text(st);
        CHECK(m.ok());
        if (m.ok()) {
            const auto &lines = m.value().lines;
            CHECK(lines.size() >= 4);
            CHECK(lines[0].text == "aa bb" && lines[1].text == "cc");
            CHECK_NEAR(lines[0].width, w_aa, 1e-3);
            CHECK_NEAR(lines[0].x, st.max_width - lines[0].width, 1e-6);  // right aligned
            for (size_t i = 2; i < lines.size(); ++i) {
                CHECK(lines[i].width <= st.max_width);  // the long word is cut to fit
                CHECK(lines[i].text.find_first_not_of('d') == std::string::npos);
            }
            std::string joined;
            for (size_t i = 2; i < lines.size(); ++i) joined += lines[i].text;
            CHECK(joined == "ddddddddddddd");
            CHECK(m.value().box_width == int(std::ceil(st.max_width)));
            CHECK(m.value().box_height == int(std::ceil(lines.size() * 1.5 * size)));
            CHECK_NEAR(lines[1].baseline - lines[0].baseline, 1.5 * size, 1.0);
        }
        st.align = TextAlign::Center;
        auto c = measure_text(st);
        CHECK(c.ok() && std::fabs(c.value().lines[1].x - (st.max_width - c.value().lines[1].width) / 2) < 1e-6);
    }
}

void test_malformed_fonts(const std::vector<uint8_t> &font) {
    auto expect_font_error = [](const std::vector<uint8_t> &bytes, const char *what) {
        auto r = load_font(bytes.data(), bytes.size());
        if (r.ok()) std::fprintf(stderr, "malformed font accepted: %s\n", what);
        CHECK(!r.ok() && r.status().code == ErrorCode::INVALID_ARGUMENT && r.status().message.rfind("font: ", 0) == 0);
    };
    CHECK(load_font(font.data(), font.size()).ok());
    expect_font_error({}, "empty");
    for (size_t cut : {size_t(4), size_t(12), size_t(100), size_t(1000), font.size() / 2, font.size() - 1})
        expect_font_error(std::vector<uint8_t>(font.begin(), font.begin() + cut), "truncated");
    std::mt19937 rng(7);
    for (int i = 0; i < 50; ++i) {
        std::vector<uint8_t> junk(1 + rng() % 4096);
        for (auto &b : junk) b = uint8_t(rng());
        if (i % 2) std::memcpy(junk.data(), "\x00\x01\x00\x00", std::min<size_t>(4, junk.size()));  // valid version
        expect_font_error(junk, "random bytes");
    }
    const int tables = (font[4] << 8) | font[5];
    for (int t = 0; t < tables; ++t) {  // each table record pointed past the end, one at a time
        std::vector<uint8_t> bogus = font;
        uint8_t *rec = bogus.data() + 12 + t * 16;
        rec[8] = 0x7F;
        expect_font_error(bogus, "bogus table offset");
    }
    std::vector<uint8_t> ttc = font;
    std::memcpy(ttc.data(), "ttcf", 4);
    expect_font_error(ttc, "collection");
    // A text layer with a bad font → error at that layer, field 'font'.
    CompositeRequest req;
    req.width = 10;
    req.height = 10;
    Layer ok;
    ok.kind = LayerKind::Solid;
    ok.width = ok.height = 5;
    Layer text;
    text.kind = LayerKind::Text;
    std::vector<uint8_t> half(font.begin(), font.begin() + font.size() / 2);
    text.text = style_of(half, "Hi", 12);
    req.layers = {ok, text};
    auto r = create_composite(req, Limits{});
    CHECK(!r.ok() && r.status().variant == 1 && r.status().message.rfind("font: ", 0) == 0);
}

void test_layer_errors() {
    CompositeRequest req;
    req.width = 10;
    req.height = 10;
    auto error_of = [&](Layer l) {
        req.layers = {Layer{}, l};
        req.layers[0].width = req.layers[0].height = 1;
        auto r = create_composite(req, Limits{});
        CHECK(!r.ok() && r.status().variant == 1);
        return r.ok() ? std::string() : r.status().message;
    };
    Layer l;
    l.width = l.height = 4;
    Layer nan_x = l;
    nan_x.x = NAN;
    CHECK(error_of(nan_x).rfind("x: ", 0) == 0);
    Layer zero = l;
    zero.width = 0;
    CHECK(error_of(zero).rfind("width: ", 0) == 0);
    Layer no_image = l;
    no_image.kind = LayerKind::Image;
    CHECK(error_of(no_image).rfind("image: ", 0) == 0);
    Layer opacity = l;
    opacity.opacity = 1.5;
    CHECK(error_of(opacity).rfind("opacity: ", 0) == 0);
    Layer step = l;
    step.steps = {ops::OpSpec{"no_such_op", {}, {}}};
    CHECK(error_of(step).rfind("transforms[0]: ", 0) == 0);
    Layer grad = l;
    grad.kind = LayerKind::Gradient;
    CHECK(error_of(grad).rfind("gradient: ", 0) == 0);  // no stops
    // Far-off layers are clipped, not errors; clearing operators still clear.
    Layer far = l;
    far.x = -1e6;
    far.blend = BlendMode::SourceIn;
    req.background = {9, 9, 9, 255};
    req.layers = {far};
    auto r = create_composite(req, Limits{});
    CHECK(r.ok() && r.value().row(5)[5 * 4 + 3] == 0);
}

}  // namespace

int main(int, char **) {
    test_blend_modes();
    test_opaque_rows_copied();
    test_backdrop_layer();
    test_geometry();
    test_gradients();
    const auto font = read_all(kFontPath);
    CHECK(!font.empty());  // Debian fonts-dejavu-core
    if (!font.empty()) {
        test_text(font);
        test_malformed_fonts(font);
    }
    test_layer_errors();
    return check_summary();
}
