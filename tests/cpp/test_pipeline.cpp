// test_pipeline: variants that share their first steps take over the earlier variant's
// intermediate, and every output equals the same variant run on its own.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "check.h"
#include "pipeline/variations.h"
#include "test_images.h"

using namespace pixelpipe;
using pipeline::OpSpec;
using pipeline::VariantSpec;

namespace {

OpSpec step(const std::string &op, std::map<std::string, double> num = {}, std::map<std::string, std::string> str = {}) {
    OpSpec s;
    s.op = op;
    s.num = std::move(num);
    s.str = std::move(str);
    return s;
}

VariantSpec variant(const std::string &id, std::vector<OpSpec> steps) {
    VariantSpec v;
    v.id = id;
    v.output.op = "raw";
    v.steps = std::move(steps);
    return v;
}

bool same_pixels(const pipeline::VariantOutput &a, const pipeline::VariantOutput &b) {
    return a.width == b.width && a.height == b.height && a.size() == b.size() &&
           std::memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

int main() {
    const Image source = test_images::to_image(test_images::random_image(160, 120, 7, true));
    const Limits limits;
    const OpSpec resize = step("resize", {{"width", 80}, {"height", 60}}, {{"fit", "fill"}, {"kernel", "lanczos3"}});
    const OpSpec gray = step("grayscale", {{"amount", 1}});
    const OpSpec sepia = step("sepia", {{"amount", 0.5}});
    const OpSpec bright = step("brightness", {{"amount", 1.2}});
    const OpSpec blur = step("gaussian_blur", {{"sigma", 1.5}});
    const std::vector<VariantSpec> variants = {
        variant("a", {resize, gray}),          // runs resize, keeps it for b and c
        variant("b", {resize, sepia}),         // starts from a's resize
        variant("c", {resize}),                // the kept resize itself
        variant("d", {blur}),                  // nothing shared
        variant("e", {bright, sepia, blur}),   // bright+sepia is one fused chunk...
        variant("f", {bright, gray}),          // ...so f cannot start after bright alone
        variant("g", {bright, sepia, resize}), // but g starts after e's fused chunk
        variant("h", {bright, sepia, gray}),   // h's own fused chunk straddles e's: split exactly
    };
    auto together = pipeline::run_variations(source, variants, limits);
    CHECK(together.ok());
    if (!together.ok()) return check_summary();
    const auto &outs = together.value().outputs;
    const int want_shared[] = {0, 1, 1, 0, 0, 0, 2, 2};
    for (size_t i = 0; i < variants.size(); ++i) {
        auto alone = pipeline::run_variations(source, {variants[i]}, limits);
        CHECK(alone.ok());
        const bool same = alone.ok() && same_pixels(outs[i], alone.value().outputs[0]);
        std::printf("variant %s: shared %d step(s) (want %d), same pixels as alone: %s\n", variants[i].id.c_str(),
                    outs[i].shared_steps, want_shared[i], same ? "yes" : "NO");
        CHECK(same);
        CHECK(outs[i].shared_steps == want_shared[i]);
    }
    // A chain of sharing: y starts from x's resize, z from y's grayscale (which y computed).
    {
        const std::vector<VariantSpec> chain = {variant("x", {resize}), variant("y", {resize, gray}),
                                                variant("z", {resize, gray, blur}), variant("w", {resize, gray, sepia})};
        auto r = pipeline::run_variations(source, chain, limits);
        CHECK(r.ok());
        const int want[] = {0, 1, 2, 2};
        for (size_t i = 0; r.ok() && i < chain.size(); ++i) {
            auto alone = pipeline::run_variations(source, {chain[i]}, limits);
            CHECK(alone.ok() && same_pixels(r.value().outputs[i], alone.value().outputs[0]));
            CHECK(r.value().outputs[i].shared_steps == want[i]);
        }
    }
    // No steps, raw out: the source's own pixels (not a copy), byte for byte; with steps, a new image.
    {
        auto r = pipeline::run_variations(source, {variant("id", {}), variant("b", {bright})}, limits);
        CHECK(r.ok());
        if (r.ok()) {
            const auto &id = r.value().outputs[0];
            CHECK(id.width == source.width() && id.height == source.height() && id.size() == source.size_bytes());
            CHECK(id.data() == source.data());
            CHECK(r.value().outputs[1].data() != source.data());
        }
    }
    // An unknown op still names its variant and step.
    auto bad = pipeline::run_variations(source, {variant("x", {resize, step("nope")})}, limits);
    CHECK(!bad.ok() && bad.status().code == ErrorCode::UNSUPPORTED_OPERATION && bad.status().variant == 0 &&
          bad.status().step == 1);
    return check_summary();
}
