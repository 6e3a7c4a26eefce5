// composition.cpp: composition measures on the saliency map.
// score = 0.35 ruleOfThirds' + 0.30 balance + 0.15 symmetry + 0.20 negative-space score, times a
// tilt penalty. Why these: placement on the thirds and visual balance are the two rules
// photography guides name first; symmetry matters only for some subjects (so it weighs less, and
// the better of the two axes counts); some empty space around a subject (about 60 % of the frame)
// reads as intentional. ruleOfThirds' = min(1, ruleOfThirds / 0.6): 0.6 is about what a subject
// centred on an intersection scores. A visibly tilted horizon (≥ 0.5°) costs up to 20 % at 5°.
#include "analysis/composition.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace pixelpipe::analysis {
namespace {

double thirds_weight(double u, double t) {
    constexpr double sigma = 1.0 / 12.0;
    const double dx = std::min(std::fabs(u - 1.0 / 3), std::fabs(u - 2.0 / 3));
    const double dy = std::min(std::fabs(t - 1.0 / 3), std::fabs(t - 2.0 / 3));
    const double gx = std::exp(-dx * dx / (2 * sigma * sigma)), gy = std::exp(-dy * dy / (2 * sigma * sigma));
    return 0.5 * std::max(gx, gy) + 0.5 * gx * gy;
}

// max(0, normalised cross-correlation of the plane with its mirror); a flat plane is symmetric.
double mirror_similarity(const LumaPlane &p, bool left_right) {
    double mean = 0;
    for (uint8_t v : p.px) mean += v;
    mean /= double(p.px.size());
    double num = 0, den = 0;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x) {
            const double a = p.at(x, y) - mean;
            const double b = (left_right ? p.at(p.width - 1 - x, y) : p.at(x, p.height - 1 - y)) - mean;
            num += a * b;
            den += a * a;
        }
    return den > 0 ? std::max(0.0, num / den) : 1.0;
}

}  // namespace

Composition composition_of(const SaliencyMap &map, int image_w, int image_h, std::optional<double> tilt) {
    Composition c;
    const double total = saliency_total(map);
    const int mw = map.width, mh = map.height;
    const double mean = total / (double(mw) * mh);
    double rot = 0, cx = 0, cy = 0, subject_mass = 0;
    int x0 = mw, y0 = mh, x1 = -1, y1 = -1, low = 0;
    // Hou & Zhang threshold their object map at 3 × its mean; on a 64 px map with a busy
    // background that admits much of the frame, so a cell must also reach 0.3 of the peak.
    const float object = float(std::min(1.0, std::max(3.0 * mean, 0.3)));
    int peak = 0;
    for (int y = 0; y < mh; ++y)
        for (int x = 0; x < mw; ++x) {
            const double v = map.at(x, y);
            rot += v * thirds_weight((x + 0.5) / mw, (y + 0.5) / mh);
            if (v < mean) ++low;
            if (v > map.v[size_t(peak)]) peak = y * mw + x;
        }
    // The subject: the 4-connected cells above the threshold around the peak (the periodic DFT
    // leaves bright cells along the frame's edges; they are not the subject unless they touch it).
    std::vector<uint8_t> seen(map.v.size(), 0);
    std::vector<int> stack{peak};
    seen[size_t(peak)] = 1;
    while (!stack.empty()) {
        const int i = stack.back();
        stack.pop_back();
        const int x = i % mw, y = i / mw;
        const double v = map.v[size_t(i)];
        cx += v * (x + 0.5);
        cy += v * (y + 0.5);
        subject_mass += v;
        x0 = std::min(x0, x); x1 = std::max(x1, x);
        y0 = std::min(y0, y); y1 = std::max(y1, y);
        const int nb[4][2] = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
        for (const auto &n : nb) {
            if (n[0] < 0 || n[0] >= mw || n[1] < 0 || n[1] >= mh) continue;
            const int j = n[1] * mw + n[0];
            if (!seen[size_t(j)] && map.v[size_t(j)] >= object) {
                seen[size_t(j)] = 1;
                stack.push_back(j);
            }
        }
    }
    if (total > 0) {
        c.rule_of_thirds = rot / total;
        const double left = saliency_mass(map, 0, 0, image_w / 2.0, image_h);
        const double top = saliency_mass(map, 0, 0, image_w, image_h / 2.0);
        c.balance_x = 1.0 - std::fabs(2 * left - total) / total;
        c.balance_y = 1.0 - std::fabs(2 * top - total) / total;
    }
    c.balance = 0.5 * (c.balance_x + c.balance_y);
    if (subject_mass > 0) {
        c.centroid_x = cx / subject_mass * map.scale_x;
        c.centroid_y = cy / subject_mass * map.scale_y;
    }
    if (x1 >= 0) {
        c.subject_x = x0 * map.scale_x;
        c.subject_y = y0 * map.scale_y;
        c.subject_w = std::min(double(image_w), (x1 + 1) * map.scale_x) - c.subject_x;
        c.subject_h = std::min(double(image_h), (y1 + 1) * map.scale_y) - c.subject_y;
    }
    c.symmetry_horizontal = mirror_similarity(map.input, true);
    c.symmetry_vertical = mirror_similarity(map.input, false);
    c.symmetry = std::max(c.symmetry_horizontal, c.symmetry_vertical);
    c.negative_space = double(low) / (double(mw) * mh);
    c.horizon_tilt = tilt;

    const double rot_score = std::min(1.0, c.rule_of_thirds / 0.6);
    const double space_score = std::max(0.0, 1.0 - std::fabs(c.negative_space - 0.6) / 0.6);
    double score = 0.35 * rot_score + 0.30 * c.balance + 0.15 * c.symmetry + 0.20 * space_score;
    if (tilt && std::fabs(*tilt) >= 0.5) score *= 1.0 - 0.2 * std::min(1.0, std::fabs(*tilt) / 5.0);
    c.score = std::clamp(score, 0.0, 1.0);
    return c;
}

void write_composition(JsonWriter &json, const Composition &c, const SaliencyMap *map) {
    json.key("composition").begin_object();
    json.field("score", c.score).field("ruleOfThirds", c.rule_of_thirds).field("balance", c.balance);
    json.field("symmetry", c.symmetry).field("negativeSpace", c.negative_space);
    json.field("balanceX", c.balance_x).field("balanceY", c.balance_y);
    json.field("symmetryHorizontal", c.symmetry_horizontal).field("symmetryVertical", c.symmetry_vertical);
    json.key("subject").begin_object();
    json.field("x", std::round(c.subject_x)).field("y", std::round(c.subject_y));
    json.field("width", std::round(c.subject_w)).field("height", std::round(c.subject_h));
    json.key("centroid").begin_object().field("x", c.centroid_x).field("y", c.centroid_y).end_object();
    json.end_object();
    json.key("horizonTilt");
    if (c.horizon_tilt) json.number(std::round(*c.horizon_tilt * 100) / 100);
    else json.null();
    if (map) {
        // At most 64 cells on the long side (more only when the short side is under 1/64 of the
        // long one: luma_plane caps the box size by it), so ≤ 4096 small integers, about 14 KB of
        // JSON, which the bindings turn into a Uint8Array.
        json.key("saliencyMap").begin_object().field_int("width", map->width).field_int("height", map->height);
        json.key("data").begin_array();
        for (float v : map->v) json.integer(std::lround(std::clamp(v, 0.f, 1.f) * 255.f));
        json.end_array().end_object();
    }
    json.end_object();
}

CropWindow largest_window(int image_w, int image_h, double aspect) {
    CropWindow w;
    if (double(image_w) / image_h > aspect) {
        w.height = image_h;
        w.width = std::clamp(int(std::lround(image_h * aspect)), 1, image_w);
    } else {
        w.width = image_w;
        w.height = std::clamp(int(std::lround(image_w / aspect)), 1, image_h);
    }
    return w;
}

void write_smart_crop(JsonWriter &json, const CropWindow &c) {
    json.key("smartCrop").begin_object();
    json.field_int("left", c.left).field_int("top", c.top).field_int("width", c.width).field_int("height", c.height);
    json.field("score", c.score);
    json.end_object();
}

}  // namespace pixelpipe::analysis
