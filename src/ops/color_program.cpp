// color_program.cpp: stage construction for every pointwise colour op, the chain compiler and the
// runner around pp_color_program. Formulas and their sources are documented per op below; the
// CSS ones follow Filter Effects Module Level 1, §"Shorthands defined" (matrices verbatim).
#include "ops/color_program.h"
#include "color/color.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

#include "HalideBuffer.h"
#include "pp_color_program.h"

namespace pixelpipe::ops::color {
namespace {

constexpr double kLumaR = ::pixelpipe::color::kLumaR, kLumaG = ::pixelpipe::color::kLumaG, kLumaB = ::pixelpipe::color::kLumaB;  // src/color/color.h

uint8_t level(double v) {  // clamp to 0..255 and round half away from zero
    if (!(v > 0.0)) return 0;  // also NaN
    if (v >= 255.0) return 255;
    return uint8_t(std::lround(v));
}

// Tables from f(value 0..255, channel 0..2) on 0..255 values; alpha identity.
Tables rgb_tables(const std::function<double(double, int)> &f) {
    Tables t = Tables::identity();
    for (int c = 0; c < 3; ++c)
        for (int v = 0; v < 256; ++v) t.t[c][v] = level(f(double(v), c));
    return t;
}

Stage table_stage(Tables t) {
    Stage s;
    s.kind = StageKind::Table;
    s.table = t;
    return s;
}

Stage matrix_stage(const double m[3][4]) {
    Stage s;
    s.kind = StageKind::Matrix;
    std::memcpy(s.matrix.m, m, sizeof s.matrix.m);
    return s;
}

double srgb_to_linear(double v) {  // v in 0..1 (IEC 61966-2-1)
    return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}
double linear_to_srgb(double l) {
    if (l <= 0.0) return 0.0;
    if (l >= 1.0) return 1.0;
    return l <= 0.0031308 ? 12.92 * l : 1.055 * std::pow(l, 1.0 / 2.4) - 0.055;
}

// Monotone cubic (Fritsch & Carlson 1980) through sorted points with distinct x; constant
// outside [x0, xn]. Two points: the straight line.
std::array<double, 256> monotone_curve(std::vector<std::pair<double, double>> pts) {
    std::array<double, 256> out{};
    std::stable_sort(pts.begin(), pts.end(), [](auto &a, auto &b) { return a.first < b.first; });
    std::vector<std::pair<double, double>> p;  // duplicates of x: the last one given wins
    for (auto &q : pts) {
        if (!p.empty() && p.back().first == q.first) p.back() = q;
        else p.push_back(q);
    }
    const size_t n = p.size();
    if (n == 1) {
        out.fill(p[0].second);
        return out;
    }
    std::vector<double> d(n - 1), m(n);
    for (size_t i = 0; i + 1 < n; ++i) d[i] = (p[i + 1].second - p[i].second) / (p[i + 1].first - p[i].first);
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for (size_t i = 1; i + 1 < n; ++i) m[i] = d[i - 1] * d[i] <= 0.0 ? 0.0 : 0.5 * (d[i - 1] + d[i]);
    for (size_t i = 0; i + 1 < n; ++i) {
        if (d[i] == 0.0) {
            m[i] = m[i + 1] = 0.0;
            continue;
        }
        const double a = m[i] / d[i], b = m[i + 1] / d[i], s = a * a + b * b;
        if (s > 9.0) {
            const double tau = 3.0 / std::sqrt(s);
            m[i] = tau * a * d[i];
            m[i + 1] = tau * b * d[i];
        }
    }
    for (int v = 0; v < 256; ++v) {
        const double x = v;
        if (x <= p[0].first) { out[v] = p[0].second; continue; }
        if (x >= p[n - 1].first) { out[v] = p[n - 1].second; continue; }
        size_t i = 0;
        while (x > p[i + 1].first) ++i;
        const double h = p[i + 1].first - p[i].first, t = (x - p[i].first) / h;
        const double t2 = t * t, t3 = t2 * t;
        out[v] = (2 * t3 - 3 * t2 + 1) * p[i].second + (t3 - 2 * t2 + t) * h * m[i] +
                 (-2 * t3 + 3 * t2) * p[i + 1].second + (t3 - t2) * h * m[i + 1];
    }
    return out;
}

Result<std::vector<std::pair<double, double>>> point_list(const OpSpec &op, const std::string &key) {
    const auto flat = op.array(key);
    if (flat.size() % 2 != 0) return Status::error(ErrorCode::INVALID_ARGUMENT, key + ": expected [x, y] pairs");
    std::vector<std::pair<double, double>> pts;
    for (size_t i = 0; i < flat.size(); i += 2) {
        if (!std::isfinite(flat[i]) || !std::isfinite(flat[i + 1]))
            return Status::error(ErrorCode::INVALID_ARGUMENT, key + ": points must be finite");
        pts.emplace_back(flat[i], flat[i + 1]);
    }
    return pts;
}

// A parameter in [lo, hi]: the request's or the catalogue default (op_spec.h). grayscale's
// `amount` has no default on purpose (absent = the full effect, 1).
Result<double> finite(const OpSpec &op, const std::string &key, double lo, double hi) {
    const double v = op.op == "grayscale" && key == "amount" ? op.number_or(key, 1.0) : op.number(key);
    if (!std::isfinite(v) || v < lo || v > hi)
        return Status::error(ErrorCode::INVALID_ARGUMENT,
                             op.op + ": " + key + " must be between " + std::to_string(lo) + " and " + std::to_string(hi));
    return v;
}

Result<std::array<double, 3>> rgb_of(const OpSpec &op, const std::string &key) {
    const auto v = op.array(key);
    if (v.size() < 3) return Status::error(ErrorCode::INVALID_ARGUMENT, op.op + ": " + key + " must be [r, g, b, a]");
    return std::array<double, 3>{v[0], v[1], v[2]};
}

#define PP_TRY(var, expr)              \
    auto var##_r = (expr);             \
    if (!var##_r.ok()) return var##_r.status(); \
    auto var = var##_r.take()

// The full-strength (amount 1) grayscale and sepia matrices of Filter Effects 1.
constexpr double kGrayscaleMatrix[3][4] = {{kLumaR, kLumaG, kLumaB, 0}, {kLumaR, kLumaG, kLumaB, 0}, {kLumaR, kLumaG, kLumaB, 0}};
constexpr double kSepiaMatrix[3][4] = {{0.393, 0.769, 0.189, 0}, {0.349, 0.686, 0.168, 0}, {0.272, 0.534, 0.131, 0}};

// CSS grayscale()/sepia() at `amount` (clamped to 1): the full matrix moved toward the identity
// by g = 1 - amount, i.e. m + (I - m) g.
Stage matrix_stage_toward(const double full[3][4], double amount) {
    const double g = 1.0 - std::min(amount, 1.0);
    double m[3][4];
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 4; ++c) m[r][c] = full[r][c] + ((r == c ? 1.0 : 0.0) - full[r][c]) * g;
    return matrix_stage(m);
}

Result<Stage> css_matrix_op(const std::string &name, double a) {
    // Filter Effects 1 shorthand matrices, with `amount` as the CSS argument (1 = 100%).
    if (name == "grayscale") return matrix_stage_toward(kGrayscaleMatrix, a);
    if (name == "sepia") return matrix_stage_toward(kSepiaMatrix, a);
    if (name == "saturate") {
        const double s = a;
        const double m[3][4] = {{0.213 + 0.787 * s, 0.715 - 0.715 * s, 0.072 - 0.072 * s, 0},
                                {0.213 - 0.213 * s, 0.715 + 0.285 * s, 0.072 - 0.072 * s, 0},
                                {0.213 - 0.213 * s, 0.715 - 0.715 * s, 0.072 + 0.928 * s, 0}};
        return matrix_stage(m);
    }
    // hue_rotate: a = degrees
    const double rad = a * M_PI / 180.0, cs = std::cos(rad), sn = std::sin(rad);
    const double m[3][4] = {{0.213 + cs * 0.787 - sn * 0.213, 0.715 - cs * 0.715 - sn * 0.715, 0.072 - cs * 0.072 + sn * 0.928, 0},
                            {0.213 - cs * 0.213 + sn * 0.143, 0.715 + cs * 0.285 + sn * 0.140, 0.072 - cs * 0.072 - sn * 0.283, 0},
                            {0.213 - cs * 0.213 - sn * 0.787, 0.715 - cs * 0.715 + sn * 0.715, 0.072 + cs * 0.928 + sn * 0.072, 0}};
    return matrix_stage(m);
}

const char *const kPointwise[] = {"grayscale", "sepia", "invert", "opacity", "brightness", "contrast", "saturate",
                                  "hue_rotate", "gamma", "exposure", "levels", "curves", "temperature", "tint",
                                  "vibrance", "colorize", "duotone", "posterize", "threshold", "channel_mixer"};

}  // namespace

// ---- Tables / Affine
Tables Tables::identity() {
    Tables t;
    for (auto &ch : t.t)
        for (int v = 0; v < 256; ++v) ch[v] = uint8_t(v);
    return t;
}
Tables Tables::then(const Tables &next) const {
    Tables r;
    for (int c = 0; c < 4; ++c)
        for (int v = 0; v < 256; ++v) r.t[c][v] = next.t[c][t[c][v]];
    return r;
}
bool Tables::is_identity() const {
    for (int c = 0; c < 4; ++c)
        for (int v = 0; v < 256; ++v)
            if (t[c][v] != v) return false;
    return true;
}
int Tables::max_step() const {
    int m = 0;
    for (int c = 0; c < 4; ++c)
        for (int v = 0; v < 255; ++v) m = std::max(m, std::abs(int(t[c][v + 1]) - int(t[c][v])));
    return m;
}
Affine Affine::identity() {
    Affine a{};
    for (int r = 0; r < 3; ++r) a.m[r][r] = 1.0;
    return a;
}
Affine Affine::then(const Affine &next) const {
    Affine r{};
    for (int i = 0; i < 3; ++i) {
        for (int j = 0; j < 3; ++j)
            for (int k = 0; k < 3; ++k) r.m[i][j] += next.m[i][k] * m[k][j];
        r.m[i][3] = next.m[i][3];
        for (int k = 0; k < 3; ++k) r.m[i][3] += next.m[i][k] * m[k][3];
    }
    return r;
}
double Affine::max_row_l1() const {
    double best = 0.0;
    for (auto &row : m) best = std::max(best, std::fabs(row[0]) + std::fabs(row[1]) + std::fabs(row[2]));
    return best;
}
bool Stage::non_expanding() const {
    switch (kind) {
        case StageKind::Table: return table.max_step() <= 1;
        case StageKind::Matrix: return matrix.max_row_l1() <= 1.0 + 1e-9;
        default: return false;  // vibrance: non-linear, assume it can amplify
    }
}

bool is_pointwise_transform(const std::string &op) {
    for (const char *n : kPointwise)
        if (op == n) return true;
    return false;
}

// ---- one step → its stages
namespace {
Result<Stage> stage_for(const OpSpec &op) {
    const std::string &n = op.op;
    if (n == "grayscale" || n == "sepia") {
        PP_TRY(a, finite(op, "amount", 0.0, 1.0));
        return css_matrix_op(n, a);
    }
    if (n == "saturate") {
        PP_TRY(a, finite(op, "amount", 0.0, 10.0));
        return css_matrix_op(n, a);
    }
    if (n == "hue_rotate") {
        PP_TRY(d, finite(op, "degrees", -1e9, 1e9));
        return css_matrix_op(n, std::fmod(d, 360.0));
    }
    if (n == "invert") {  // feComponentTransfer table [a, 1-a]: C' = a + C (1 - 2a)
        PP_TRY(a, finite(op, "amount", 0.0, 1.0));
        return table_stage(rgb_tables([a](double v, int) { return 255.0 * a + v * (1.0 - 2.0 * a); }));
    }
    if (n == "opacity") {  // table [0, a] on alpha
        PP_TRY(a, finite(op, "amount", 0.0, 1.0));
        Tables t = Tables::identity();
        for (int v = 0; v < 256; ++v) t.t[3][v] = level(v * a);
        return table_stage(t);
    }
    if (n == "brightness") {  // linear, slope a
        PP_TRY(a, finite(op, "amount", 0.0, 10.0));
        return table_stage(rgb_tables([a](double v, int) { return v * a; }));
    }
    if (n == "contrast") {  // linear, slope a, intercept (1 - a) / 2
        PP_TRY(a, finite(op, "amount", 0.0, 10.0));
        return table_stage(rgb_tables([a](double v, int) { return (v - 127.5) * a + 127.5; }));
    }
    if (n == "gamma") {  // image-editor gamma: out = in^(1/gamma), gamma > 1 brightens midtones
        PP_TRY(g, finite(op, "gamma", 1e-6, 100.0));
        return table_stage(rgb_tables([g](double v, int) { return 255.0 * std::pow(v / 255.0, 1.0 / g); }));
    }
    if (n == "exposure") {  // linear light × 2^stops, sRGB curve both ways
        PP_TRY(s, finite(op, "stops", -20.0, 20.0));
        const double k = std::exp2(s);
        return table_stage(rgb_tables([k](double v, int) { return 255.0 * linear_to_srgb(srgb_to_linear(v / 255.0) * k); }));
    }
    if (n == "levels") {
        PP_TRY(ib, finite(op, "inputBlack", 0.0, 255.0));
        PP_TRY(iw, finite(op, "inputWhite", 0.0, 255.0));
        PP_TRY(g, finite(op, "gamma", 1e-6, 100.0));
        PP_TRY(ob, finite(op, "outputBlack", 0.0, 255.0));
        PP_TRY(ow, finite(op, "outputWhite", 0.0, 255.0));
        if (!(iw > ib)) return Status::error(ErrorCode::INVALID_ARGUMENT, "levels: inputWhite must be greater than inputBlack");
        return table_stage(rgb_tables([=](double v, int) {
            const double t = std::clamp((v - ib) / (iw - ib), 0.0, 1.0);
            return ob + std::pow(t, 1.0 / g) * (ow - ob);
        }));
    }
    if (n == "curves") {
        PP_TRY(master, point_list(op, "points"));
        Tables t = Tables::identity();
        const char *keys[3] = {"red", "green", "blue"};
        std::array<double, 256> m{};
        if (!master.empty()) m = monotone_curve(master);
        for (int c = 0; c < 3; ++c) {
            PP_TRY(own, point_list(op, keys[c]));
            std::array<double, 256> ch{};
            if (!own.empty()) ch = monotone_curve(own);
            for (int v = 0; v < 256; ++v) {
                uint8_t x = own.empty() ? uint8_t(v) : level(ch[v]);  // channel curve first,
                t.t[c][v] = master.empty() ? x : level(m[x]);          // then the master curve
            }
        }
        return table_stage(t);
    }
    if (n == "temperature" || n == "tint") {  // white-balance gains in linear light
        PP_TRY(a, finite(op, "amount", -1.0, 1.0));
        double gain[3] = {1.0, 1.0, 1.0};
        if (n == "temperature") gain[0] = 1.0 + 0.25 * a, gain[2] = 1.0 - 0.25 * a;
        else gain[1] = 1.0 - 0.25 * a;
        return table_stage(rgb_tables([gain](double v, int c) {
            return 255.0 * linear_to_srgb(srgb_to_linear(v / 255.0) * gain[c]);
        }));
    }
    if (n == "vibrance") {
        PP_TRY(a, finite(op, "amount", -1.0, 1.0));
        Stage s;
        s.kind = StageKind::Vibrance;
        s.vibrance = a;
        return s;
    }
    if (n == "colorize") {  // (1-s) in + s (color - Y(color) + Y(in)): the colour at the pixel's luma
        PP_TRY(col, rgb_of(op, "color"));
        PP_TRY(s, finite(op, "strength", 0.0, 1.0));
        const double yc = kLumaR * col[0] + kLumaG * col[1] + kLumaB * col[2];
        double m[3][4];
        for (int r = 0; r < 3; ++r) {
            m[r][0] = s * kLumaR + (r == 0 ? 1.0 - s : 0.0);
            m[r][1] = s * kLumaG + (r == 1 ? 1.0 - s : 0.0);
            m[r][2] = s * kLumaB + (r == 2 ? 1.0 - s : 0.0);
            m[r][3] = s * (col[r] - yc);
        }
        return matrix_stage(m);
    }
    if (n == "duotone") {  // shadows + (highlights - shadows) * Y / 255
        PP_TRY(sh, rgb_of(op, "shadows"));
        PP_TRY(hi, rgb_of(op, "highlights"));
        double m[3][4];
        for (int r = 0; r < 3; ++r) {
            const double k = (hi[r] - sh[r]) / 255.0;
            m[r][0] = k * kLumaR, m[r][1] = k * kLumaG, m[r][2] = k * kLumaB, m[r][3] = sh[r];
        }
        return matrix_stage(m);
    }
    if (n == "posterize") {  // n evenly spaced levels per channel, nearest one
        PP_TRY(lv, finite(op, "levels", 2.0, 256.0));
        const double k = std::round(lv) - 1.0;
        return table_stage(rgb_tables([k](double v, int) { return std::round(v * k / 255.0) * 255.0 / k; }));
    }
    if (n == "channel_mixer") {
        const auto v = op.array("matrix");
        if (v.empty()) return matrix_stage(Affine::identity().m);
        if (v.size() != 12) return Status::error(ErrorCode::INVALID_ARGUMENT, "channel_mixer: matrix must be 3x4 numbers");
        double m[3][4];
        for (int i = 0; i < 12; ++i) {
            if (!std::isfinite(v[i])) return Status::error(ErrorCode::INVALID_ARGUMENT, "channel_mixer: matrix must be finite");
            m[i / 4][i % 4] = v[i];
        }
        return matrix_stage(m);
    }
    return Status::error(ErrorCode::UNSUPPORTED_OPERATION, "'" + n + "' is not a pointwise colour transform");
}
}  // namespace

Result<std::vector<Stage>> stages_for(const OpSpec &op) {
    if (op.op == "threshold") {  // white where the 8-bit Rec.709 luma >= threshold: luma matrix, then a step
        PP_TRY(th, finite(op, "threshold", 0.0, 255.0));
        const double luma[3][4] = {{kLumaR, kLumaG, kLumaB, 0}, {kLumaR, kLumaG, kLumaB, 0}, {kLumaR, kLumaG, kLumaB, 0}};
        return std::vector<Stage>{matrix_stage(luma),
                                  table_stage(rgb_tables([th](double v, int) { return v >= th ? 255.0 : 0.0; }))};
    }
    PP_TRY(st, stage_for(op));
    return std::vector<Stage>{st};
}

// ---- compiler
std::vector<Segment> compile(const std::vector<Stage> &stages) {
    std::vector<Segment> segs(1);
    for (const Stage &st : stages) {
        Segment *s = &segs.back();
        switch (st.kind) {
            case StageKind::Table:
                if (!s->use_vibrance && s->matrices.empty()) {
                    s->pre = s->pre.then(st.table);
                } else {
                    s->post = s->post.then(st.table);
                    s->post_set = true;
                }
                break;
            case StageKind::Vibrance:
                if (s->use_vibrance || !s->matrices.empty() || s->post_set) {
                    segs.emplace_back();
                    s = &segs.back();
                }
                s->use_vibrance = true;
                s->vibrance = st.vibrance;
                break;
            case StageKind::Matrix:
                if (s->post_set || int(s->matrices.size()) == kMaxMatrices) {
                    segs.emplace_back();
                    s = &segs.back();
                }
                s->matrices.push_back(st.matrix);
                break;
        }
    }
    return segs;
}

// ---- runner
Result<Image> run(const Image &src, const std::vector<Segment> &segments) {
    if (src.empty()) return Status::error(ErrorCode::INVALID_ARGUMENT, "colour transform of an empty image");
    Image current;
    const Image *input = &src;
    Halide::Runtime::Buffer<float, 2> pre(256, 4), post(256, 4);
    Halide::Runtime::Buffer<float, 3> mats(4, 3, kMaxMatrices);
    for (const Segment &s : segments) {
        auto out = Image::allocate(input->width(), input->height());
        if (!out.ok()) return out.status();
        const bool use_pre = !s.pre.is_identity();
        const bool use_post = s.post_set && !s.post.is_identity();
        for (int c = 0; c < 4; ++c)
            for (int v = 0; v < 256; ++v) pre(v, c) = s.pre.t[c][v], post(v, c) = s.post.t[c][v];
        mats.fill(0.0f);
        const int count = std::min<int>(int(s.matrices.size()), kMaxMatrices);
        for (int i = 0; i < count; ++i)
            for (int r = 0; r < 3; ++r)
                for (int k = 0; k < 4; ++k) mats(k, r, i) = float(s.matrices[i].m[r][k]);
        auto in_buf = input->view();
        auto out_buf = out.value().view();
        const int err = pp_color_program(in_buf, pre, mats, count, post, float(s.vibrance), use_pre, s.use_vibrance,
                                         use_post, out_buf);
        if (Status st = halide_status("pp_color_program", err); !st.is_ok()) return st;
        current = out.take();
        input = &current;
    }
    if (segments.empty()) {
        auto out = Image::allocate(src.width(), src.height());
        if (!out.ok()) return out.status();
        std::memcpy(out.value().data(), src.data(), src.size_bytes());
        return out;
    }
    return current;
}

Result<Image> run_tables(const Image &src, const Tables &tables) {
    Segment s;
    s.pre = tables;
    return run(src, {s});
}

// ---- data-dependent tables
Tables normalize_tables(const Image &src, double low_percentile, double high_percentile) {
    // Percentiles of the 8-bit Rec.709 luma ("lower"/"higher" order statistics, as numpy's
    // percentile(method='lower'/'higher')), then the same linear stretch on R, G and B.
    std::array<uint64_t, 256> hist{};
    const size_t count = size_t(src.width()) * src.height();
    const uint8_t *p = src.data();
    for (size_t i = 0; i < count; ++i, p += 4)
        ++hist[level(kLumaR * p[0] + kLumaG * p[1] + kLumaB * p[2])];
    auto order_stat = [&](uint64_t rank) {  // value of the rank-th smallest (0-based)
        uint64_t seen = 0;
        for (int v = 0; v < 256; ++v) {
            seen += hist[v];
            if (seen > rank) return v;
        }
        return 255;
    };
    const double nm1 = double(count - 1);
    const int lo = order_stat(uint64_t(std::floor(low_percentile / 100.0 * nm1 + 1e-9)));
    const int hi = order_stat(uint64_t(std::ceil(high_percentile / 100.0 * nm1 - 1e-9)));
    if (hi <= lo) return Tables::identity();
    return rgb_tables([lo, hi](double v, int) { return (v - lo) * 255.0 / (hi - lo); });
}

Tables equalize_tables(const Image &src) {
    // PIL ImageOps.equalize, channel by channel (R, G, B; alpha kept), integer arithmetic as in
    // Pillow: step = (N - count of the last used level) // 255, lut[i] = (step//2 + cum[i-1]) // step.
    std::array<std::array<uint64_t, 256>, 3> hist{};
    const size_t count = size_t(src.width()) * src.height();
    const uint8_t *p = src.data();
    for (size_t i = 0; i < count; ++i, p += 4)
        for (int c = 0; c < 3; ++c) ++hist[c][p[c]];
    Tables t = Tables::identity();
    for (int c = 0; c < 3; ++c) {
        uint64_t last = 0, used = 0;
        for (int v = 0; v < 256; ++v)
            if (hist[c][v]) last = hist[c][v], ++used;
        if (used <= 1) continue;
        const uint64_t step = (count - last) / 255;
        if (step == 0) continue;
        uint64_t acc = step / 2;
        for (int v = 0; v < 256; ++v) {
            t.t[c][v] = uint8_t(std::min<uint64_t>(255, acc / step));
            acc += hist[c][v];
        }
    }
    return t;
}

}  // namespace pixelpipe::ops::color
