// blend_mode.cpp: blend mode names ⇄ ids (snake_case as in js-api.md, CSS spellings accepted).
#include "composite/composite.h"

namespace pixelpipe::composite {
namespace {

constexpr const char *kNames[kBlendModeCount] = {
    "normal",     "multiply",   "screen",        "overlay",        "darken",          "lighten",
    "color_dodge", "color_burn", "hard_light",    "soft_light",     "difference",      "exclusion",
    "hue",        "saturation", "color",         "luminosity",     "source_in",       "source_out",
    "source_atop", "destination_in", "destination_out", "destination_atop", "xor", "plus_lighter"};

}  // namespace

const char *blend_mode_name(BlendMode mode) {
    const int i = int(mode);
    return i >= 0 && i < kBlendModeCount ? kNames[i] : "?";
}

Result<BlendMode> parse_blend_mode(const std::string &name) {
    std::string key = name;
    for (char &ch : key) if (ch == '-') ch = '_';
    // Canvas 2D spellings of the same operators.
    if (key == "source_over") key = "normal";
    if (key == "lighter") key = "plus_lighter";
    for (int i = 0; i < kBlendModeCount; ++i)
        if (key == kNames[i]) return BlendMode(i);
    return Status::error(ErrorCode::UNSUPPORTED_OPERATION, "blendMode: unknown blend mode '" + name + "'");
}

}  // namespace pixelpipe::composite
