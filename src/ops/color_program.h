// color_program.h: the colour-transform compiler. Every pointwise colour op becomes a Stage
// (a per-channel 8-bit table, a 3x4 matrix on RGB, or vibrance); a chain of stages compiles into
// Segments, each one pass of pp_color_program:
//     pre tables (RGBA) -> [vibrance] -> 3x4 matrix -> round -> post tables (RGBA)
// Composition rules (why fused == step by step within ±1 level, tested in test_color.cpp):
//  - tables compose exactly on the 256 levels (a table lookup of a whole level is what the
//    separate step would compute); a table before the first matrix joins `pre`, after it `post`;
//  - the pipeline rounds after vibrance and after the matrix exactly where a separate step would;
//  - two matrices are multiplied into one only when the first never leaves [0,255] (so its clamp
//    is a no-op), the skipped rounding cannot move the result by a whole level (error bound
//    L1(row) * (err + 0.5) < 1), no later step in the chain can amplify a one-level difference
//    (tables with steps <= 1, matrices with row L1 <= 1), and no other segment did so before;
//  - otherwise a new segment (one more pass) starts.
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

struct Segment {
    Tables pre = Tables::identity();
    bool use_vibrance = false;
    double vibrance = 0.0;
    bool use_matrix = false;
    Affine matrix = Affine::identity();
    Tables post = Tables::identity();
    bool post_set = false;
    int matrices = 0;     // how many matrices were multiplied into `matrix`
    double error = 0.0;   // bound on |fused - step-by-step| of the matrix output, in levels
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
