// convert_while_decoding.h: the matrix/TRC conversion of a photo's rows while the decoder is
// still producing the next ones, on a second thread of Halide's pool (issue #15: "the conversion
// of a 12 MP P3 photo adds at most 15 % to its decode time in the mt build").
//
// Why (measured in wasm under Node 20 on this 2-core AMD EPYC, 12 MP, before this change): the
// decode is 130-180 ms on ONE thread (libjpeg-turbo), the conversion after it a second full pass:
// pp_icc_matrix_trc 93 ms on one thread, 36-100 ms on two (machine load); profile parse + tables
// 0.16 ms (7 ms once per instance: the shared sRGB output table); a 48 MB memcpy, i.e. the memory
// traffic of a second pass, 4.4 ms. So the six table lookups per pixel are the cost, not memory.
// A gather-free closed form (x^(1/2.4) from two f32x4.sqrt and a degree-6 polynomial, the input
// curve as u^2 * P(u^(1/4))) was 2x SLOWER than the lookups here (sqrt and the multiply-adds,
// wasm SIMD has no fma), so the tables stay and the pass moves off the critical path instead:
// the pool's second thread is idle while libjpeg decodes, and converts each band of rows about
// as soon as it is decoded (still in the shared cache); the decode then pays only for the last
// band. With one thread (the st build, or setThreads(1)) the tasks run in order: decode, then
// one conversion of every row, as before. The CPU time is the same either way: with no idle
// core (a loaded machine) the saving shrinks to nothing.
#pragma once
#include <cstdint>
#include <type_traits>

#include "color/icc_transform.h"
#include "core/status.h"

namespace pixelpipe::codec {

// What a decoder calls as rows become final (rows [0, rows_done) of `pixels`, RGBA8, `width`
// pixels a row, `height` rows). rows_done < 0: the decode failed; the call returns once the
// converter no longer touches `pixels`, which the decoder may then free.
struct RowsDone {
    void (*fn)(void *ctx, uint8_t *pixels, int width, int height, int rows_done) = nullptr;
    void *ctx = nullptr;
    void operator()(uint8_t *pixels, int width, int height, int rows_done) const {
        if (fn) fn(ctx, pixels, width, height, rows_done);
    }
};

// Runs decode(rows_done) and the conversion of the rows it reports with `tables`. Returns the
// number of rows converted (the decoder's full height when every row was: then the image is in
// the destination space; fewer when the decode failed or never reported rows, e.g. a CMYK frame,
// whose samples are not RGB yet), or the Halide error of a conversion.
template <typename Decode>
Result<int> convert_while_decoding(const color::MatrixTrcTables &tables, Decode &&decode);

// The non-template core: `decode` is called with the RowsDone to report to.
Result<int> convert_while_decoding_impl(const color::MatrixTrcTables &tables, void (*decode)(void *ctx, const RowsDone &), void *ctx);

template <typename Decode>
Result<int> convert_while_decoding(const color::MatrixTrcTables &tables, Decode &&decode) {
    using Fn = std::remove_reference_t<Decode>;
    auto call = [](void *ctx, const RowsDone &rows) { (*static_cast<Fn *>(ctx))(rows); };
    return convert_while_decoding_impl(tables, call, const_cast<void *>(static_cast<const void *>(&decode)));
}

}  // namespace pixelpipe::codec
