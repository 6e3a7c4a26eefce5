#include "ops/fit.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pixelpipe::ops {
namespace {

// Far beyond any Limits.max_side, small enough that size arithmetic cannot overflow int.
constexpr double kMaxSize = 1 << 30;

}  // namespace

Result<FitPlan> plan_fit(int in_width, int in_height, const ResizeSpec &spec) {
    if (in_width <= 0 || in_height <= 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "resize of an empty image");
    }
    if (spec.width < 0 || spec.height < 0) {
        return Status::error(ErrorCode::INVALID_ARGUMENT, "resize width and height must be >= 0, got " +
                                                              std::to_string(spec.width) + "x" + std::to_string(spec.height));
    }
    const int tw = spec.width, th = spec.height;
    double hshrink = 1.0, vshrink = 1.0;
    if (tw > 0 && th > 0) {
        hshrink = double(in_width) / tw;
        vshrink = double(in_height) / th;
        switch (spec.fit) {
        case Fit::Cover:
        case Fit::Outside:
            hshrink = vshrink = std::min(hshrink, vshrink);
            break;
        case Fit::Contain:
        case Fit::Inside:
            hshrink = vshrink = std::max(hshrink, vshrink);
            break;
        case Fit::Fill:
            break;
        }
    } else if (tw > 0) {
        hshrink = vshrink = double(in_width) / tw;
    } else if (th > 0) {
        hshrink = vshrink = double(in_height) / th;
    }
    if (spec.without_enlargement) {
        hshrink = std::max(1.0, hshrink);
        vshrink = std::max(1.0, vshrink);
    }
    // Never shrink an axis to 0 pixels.
    hshrink = std::min(hshrink, double(in_width));
    vshrink = std::min(vshrink, double(in_height));

    const double rw = std::max(1.0, std::round(in_width / hshrink));
    const double rh = std::max(1.0, std::round(in_height / vshrink));
    if (rw > kMaxSize || rh > kMaxSize) {
        return Status::error(ErrorCode::IMAGE_TOO_LARGE, "resize to " + std::to_string(tw) + "x" + std::to_string(th) +
                                                             " needs an intermediate image over 2^30 pixels per side");
    }

    FitPlan p;
    p.resize_width = int(rw);
    p.resize_height = int(rh);
    p.out_width = p.resize_width;
    p.out_height = p.resize_height;
    if (tw > 0 && th > 0) {
        if (spec.fit == Fit::Contain) {
            p.out_width = tw;  // always exactly the box, even without enlargement (sharp embeds)
            p.out_height = th;
        } else if (spec.fit == Fit::Cover) {
            p.out_width = std::min(tw, p.resize_width);
            p.out_height = std::min(th, p.resize_height);
        }
    }
    // Per axis: crop when the canvas is smaller, letterbox when it is larger, anchored by the
    // position (sharp's CalculateCrop / CalculateEmbedPosition; entropy/attention start centred
    // and resize() moves the crop afterwards).
    enum Anchor { Start, Middle, End };
    Anchor ax = Middle, ay = Middle;
    switch (spec.position) {
    case Position::North: ay = Start; break;
    case Position::NorthEast: ax = End; ay = Start; break;
    case Position::East: ax = End; break;
    case Position::SouthEast: ax = End; ay = End; break;
    case Position::South: ay = End; break;
    case Position::SouthWest: ax = Start; ay = End; break;
    case Position::West: ax = Start; break;
    case Position::NorthWest: ax = Start; ay = Start; break;
    default: break;
    }
    auto place = [](Anchor a, int resized, int out, int &src, int &dst, int &len) {
        if (out <= resized) {
            src = a == Start ? 0 : a == End ? resized - out : (resized - out + 1) / 2;
            dst = 0;
            len = out;
        } else {
            src = 0;
            dst = a == Start ? 0 : a == End ? out - resized : (out - resized) / 2;
            len = resized;
        }
    };
    place(ax, p.resize_width, p.out_width, p.src_x, p.dst_x, p.copy_width);
    place(ay, p.resize_height, p.out_height, p.src_y, p.dst_y, p.copy_height);
    return p;
}

}  // namespace pixelpipe::ops
