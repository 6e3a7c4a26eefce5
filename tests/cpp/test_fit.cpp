// test_fit.cpp: ops::plan_fit against a hand-checked table (sharp's semantics; see ops/fit.h).
#include <cstdio>

#include "check.h"
#include "ops/fit.h"

using pixelpipe::ErrorCode;
using namespace pixelpipe::ops;

namespace {

struct Row {
    int in_w, in_h, w, h;
    Fit fit;
    bool without_enlargement;
    // expected: resize size, output size, src (crop) offset, dst (letterbox) offset
    int rw, rh, ow, oh, sx, sy, dx, dy;
};

const char *name(Fit f) {
    switch (f) {
    case Fit::Contain: return "contain";
    case Fit::Cover: return "cover";
    case Fit::Fill: return "fill";
    case Fit::Inside: return "inside";
    case Fit::Outside: return "outside";
    }
    return "?";
}

}  // namespace

int main() {
    const Row table[] = {
        // 4:3 landscape into a square box
        {400, 300, 200, 200, Fit::Contain, false, 200, 150, 200, 200, 0, 0, 0, 25},
        {400, 300, 200, 200, Fit::Cover, false, 267, 200, 200, 200, 34, 0, 0, 0},
        {400, 300, 200, 200, Fit::Fill, false, 200, 200, 200, 200, 0, 0, 0, 0},
        {400, 300, 200, 200, Fit::Inside, false, 200, 150, 200, 150, 0, 0, 0, 0},
        {400, 300, 200, 200, Fit::Outside, false, 267, 200, 267, 200, 0, 0, 0, 0},
        // portrait, odd letterbox: (201-67)/2 = 67 left, crop (301-201+1)/2 = 50
        {100, 300, 201, 201, Fit::Contain, false, 67, 201, 201, 201, 0, 0, 67, 0},
        {100, 300, 201, 201, Fit::Cover, false, 201, 603, 201, 201, 0, 201, 0, 0},
        // one side given: aspect ratio for every fit
        {400, 300, 100, 0, Fit::Cover, false, 100, 75, 100, 75, 0, 0, 0, 0},
        {400, 300, 0, 150, Fit::Contain, false, 200, 150, 200, 150, 0, 0, 0, 0},
        {400, 300, 100, 0, Fit::Fill, false, 100, 75, 100, 75, 0, 0, 0, 0},
        {400, 300, 0, 0, Fit::Cover, false, 400, 300, 400, 300, 0, 0, 0, 0},
        // enlargement, and without_enlargement caps the scale at 1 per axis
        {100, 50, 400, 400, Fit::Inside, false, 400, 200, 400, 200, 0, 0, 0, 0},
        {100, 50, 400, 400, Fit::Inside, true, 100, 50, 100, 50, 0, 0, 0, 0},
        {100, 50, 400, 400, Fit::Contain, true, 100, 50, 400, 400, 0, 0, 150, 175},
        {100, 100, 200, 50, Fit::Cover, true, 100, 100, 100, 50, 0, 25, 0, 0},
        {100, 50, 400, 25, Fit::Fill, true, 100, 25, 100, 25, 0, 0, 0, 0},
        {1000, 500, 400, 0, Fit::Inside, true, 400, 200, 400, 200, 0, 0, 0, 0},
        // extreme aspect: never 0 pixels
        {10000, 1, 100, 0, Fit::Inside, false, 100, 1, 100, 1, 0, 0, 0, 0},
        {1, 1, 7, 3, Fit::Cover, false, 7, 7, 7, 3, 0, 2, 0, 0},
    };
    for (const Row &t : table) {
        ResizeSpec spec;
        spec.width = t.w;
        spec.height = t.h;
        spec.fit = t.fit;
        spec.without_enlargement = t.without_enlargement;
        auto r = plan_fit(t.in_w, t.in_h, spec);
        CHECK(r.ok());
        if (!r.ok()) continue;
        const FitPlan &p = r.value();
        const bool ok = p.resize_width == t.rw && p.resize_height == t.rh && p.out_width == t.ow && p.out_height == t.oh &&
                        p.src_x == t.sx && p.src_y == t.sy && p.dst_x == t.dx && p.dst_y == t.dy;
        if (!ok) {
            std::fprintf(stderr, "  %dx%d -> %dx%d %s%s: got resize %dx%d out %dx%d src %d,%d dst %d,%d\n", t.in_w, t.in_h, t.w,
                         t.h, name(t.fit), t.without_enlargement ? " (without enlargement)" : "", p.resize_width,
                         p.resize_height, p.out_width, p.out_height, p.src_x, p.src_y, p.dst_x, p.dst_y);
        }
        CHECK(ok);
        // Invariants: the copied region lies inside both images.
        CHECK(p.src_x + p.copy_width <= p.resize_width && p.src_y + p.copy_height <= p.resize_height);
        CHECK(p.dst_x + p.copy_width <= p.out_width && p.dst_y + p.copy_height <= p.out_height);
    }

    // Positions (sharp's gravity): 400x300 cover 200x200 resizes to 267x200 (crop 67 columns);
    // contain 200x200 resizes to 200x150 (letterbox 50 rows). Crop: west 0, centre (67+1)/2 = 34,
    // east 67. Embed: north 0, centre 50/2 = 25, south 50. Portrait 300x400 checks the other axis.
    struct PosRow {
        int in_w, in_h;
        Fit fit;
        Position pos;
        int sx, sy, dx, dy;
    };
    const PosRow positions[] = {
        {400, 300, Fit::Cover, Position::Centre, 34, 0, 0, 0},     {400, 300, Fit::Cover, Position::North, 34, 0, 0, 0},
        {400, 300, Fit::Cover, Position::NorthEast, 67, 0, 0, 0},  {400, 300, Fit::Cover, Position::East, 67, 0, 0, 0},
        {400, 300, Fit::Cover, Position::SouthEast, 67, 0, 0, 0},  {400, 300, Fit::Cover, Position::South, 34, 0, 0, 0},
        {400, 300, Fit::Cover, Position::SouthWest, 0, 0, 0, 0},   {400, 300, Fit::Cover, Position::West, 0, 0, 0, 0},
        {400, 300, Fit::Cover, Position::NorthWest, 0, 0, 0, 0},   {400, 300, Fit::Cover, Position::Entropy, 34, 0, 0, 0},
        {300, 400, Fit::Cover, Position::North, 0, 0, 0, 0},       {300, 400, Fit::Cover, Position::South, 0, 67, 0, 0},
        {300, 400, Fit::Cover, Position::East, 0, 34, 0, 0},       {300, 400, Fit::Cover, Position::Attention, 0, 34, 0, 0},
        {400, 300, Fit::Contain, Position::Centre, 0, 0, 0, 25},   {400, 300, Fit::Contain, Position::North, 0, 0, 0, 0},
        {400, 300, Fit::Contain, Position::South, 0, 0, 0, 50},    {400, 300, Fit::Contain, Position::SouthEast, 0, 0, 0, 50},
        {400, 300, Fit::Contain, Position::West, 0, 0, 0, 25},     {400, 300, Fit::Contain, Position::Entropy, 0, 0, 0, 25},
        {300, 400, Fit::Contain, Position::East, 0, 0, 50, 0},     {300, 400, Fit::Contain, Position::NorthWest, 0, 0, 0, 0},
    };
    for (const PosRow &t : positions) {
        ResizeSpec spec;
        spec.width = 200;
        spec.height = 200;
        spec.fit = t.fit;
        spec.position = t.pos;
        auto r = plan_fit(t.in_w, t.in_h, spec);
        const bool ok = r.ok() && r.value().src_x == t.sx && r.value().src_y == t.sy && r.value().dst_x == t.dx &&
                        r.value().dst_y == t.dy;
        if (!ok && r.ok()) {
            std::fprintf(stderr, "  %dx%d %s position %d: got src %d,%d dst %d,%d\n", t.in_w, t.in_h, name(t.fit), int(t.pos),
                         r.value().src_x, r.value().src_y, r.value().dst_x, r.value().dst_y);
        }
        CHECK(ok);
    }

    ResizeSpec bad;
    bad.width = -1;
    CHECK(plan_fit(10, 10, bad).status().code == ErrorCode::INVALID_ARGUMENT);
    CHECK(plan_fit(0, 10, ResizeSpec{}).status().code == ErrorCode::INVALID_ARGUMENT);
    ResizeSpec huge;
    huge.width = 2000000000;
    huge.height = 1;
    huge.fit = Fit::Outside;  // the other side would be 2e9 * 1000
    CHECK(plan_fit(1, 1000, huge).status().code == ErrorCode::IMAGE_TOO_LARGE);
    return check_summary();
}
