// color_program.h: the colour-transform compiler. Every pointwise colour op becomes a Stage
// (a per-channel 8-bit table, a 3x4 matrix on RGB, or vibrance); a chain of stages compiles into
// Segments, each one pass of pp_color_program:
//     pre tables (RGBA) -> [vibrance] -> up to 4 x (3x4 matrix -> round -> clamp) -> post tables (RGBA)
// Composition rules (why fused == step by step, tested in test_color.cpp):
//  - tables compose exactly on the 256 levels (a table lookup of a whole level is what the
//    separate step would compute); a table before the first matrix joins `pre`, after it `post`;
//  - matrices are never multiplied together: each one is its own step inside the pass, rounded
//    and clamped exactly where a separate step would round and clamp, so a fused chain computes
//    the same float32 operations as the step-by-step one (the ±1 guarantee holds with no error
//    analysis; in practice the results are identical);
//  - a new segment (one more pass) starts for a matrix or vibrance after a post table, a second
//    vibrance, vibrance after a matrix, or a fifth matrix.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/image.h"
#include "core/status.h"
#include "ops/op_spec.h"

namespace pixelpipe::ops::color {

// Four 256-entry tables (R, G, B, A) of whole 8-bit levels.
struct Tables {
    std::array<std::array<uint8_t, 256>, 4> t;
    static Tables identity();
    Tables then(const Tables &next) const;  // next ∘ this
    bool is_identity() const;
    int max_step() const;  // largest |t[v+1] - t[v]| over the four tables
};

// out_c = m[c][0] r + m[c][1] g + m[c][2] b + m[c][3] on 0..255 values (rows R, G, B).
struct Affine {
    double m[3][4];
    static Affine identity();
    Affine then(const Affine &next) const;  // next · this
    double max_row_l1() const;               // max over rows of |m0| + |m1| + |m2|
};

enum class StageKind { Table, Matrix, Vibrance };

struct Stage {
    StageKind kind = StageKind::Table;
    Tables table = Tables::identity();
    Affine matrix = Affine::identity();
    double vibrance = 0.0;
    // Lipschitz <= 1 in levels: a one-level input difference stays within one level.
    bool non_expanding() const;
};

// Matrix steps one pass can hold (pp_color_program's kMaxMatrices).
constexpr int kMaxMatrices = 4;

struct Segment {
    Tables pre = Tables::identity();
    bool use_vibrance = false;
    double vibrance = 0.0;
    std::vector<Affine> matrices;  // applied in order, each rounded and clamped; at most kMaxMatrices
    Tables post = Tables::identity();
    bool post_set = false;
};

// True for the op ids that stage_for accepts (the pointwise colour transforms).
bool is_pointwise_transform(const std::string &op);
// The stages of one normalised step (one, or two for threshold); INVALID_ARGUMENT for bad
// values, UNSUPPORTED_OPERATION for an op that is not a pointwise colour transform.
Result<std::vector<Stage>> stages_for(const OpSpec &op);
std::vector<Segment> compile(const std::vector<Stage> &stages);
// Runs the segments one pass each (a copy for an empty list).
Result<Image> run(const Image &src, const std::vector<Segment> &segments);
// Convenience: one pass with only tables (normalize, equalize).
Result<Image> run_tables(const Image &src, const Tables &tables);

// Data-dependent tables (two-pass ops).
Tables normalize_tables(const Image &src, double low_percentile, double high_percentile);
Tables equalize_tables(const Image &src);

}  // namespace pixelpipe::ops::color
