# libjpeg_neon_wasm.cmake (included by debian_source.cmake for the emscripten builds, only with
# -DPIXELPIPE_JPEG_NEON=ON): libjpeg-turbo 2.1.5's Arm Neon SIMD kernels, which are C intrinsics,
# compiled to wasm SIMD, with src/codec/libjpeg_simd_wasm.c as the dispatcher in place of
# jsimd_none.c. Upstream's files are compiled as they are; only two small headers are generated.
#
# To try it: `emcmake cmake -B build/wasm-mt -DPIXELPIPE_JPEG_NEON=ON` (and build/wasm-st; the
# cached option stays ON), then `node scripts/build.mjs --force`; needs Debian's libsimde-dev.
#
# OFF by default because it is SLOWER, though exact. Measured 2026-12-02 on this 2-core machine
# (shared, load 3-10), 4000x3000 q90 4:2:0 JPEG, before/after alternated in the same minutes:
#   Chromium, bench/run.mjs --rows decode,thumbnail --runs 5 (median ms, two pairs):
#     decode mt 141 / 146 -> 459 / 482, st 174 / 189 -> 490 / 494;
#     thumbnail mt 55 / 62 -> 143 / 148, st 69 / 72 -> 156 / 156
#   Chromium, bench/methods/run.mjs --rows jpeg85: encode mt 259 / 207 -> 1052 / 1003 ms
#   libjpeg alone in Node (min of 5): decode 1/1 200-360 -> 790-1470 ms; encode q85 260-710 ->
#     2500-4300 ms; per group, each enabled alone: ycc->RGBA conversion and the islow IDCT each
#     add hundreds of ms, the encoder's kernels (colour, downsampling, FDCT, quantisation) ~3 s,
#     fancy upsampling is about even.
# Why: the kernels are written around Neon's 64-bit halves (int16x4, vget_low/high, vcombine),
# widening/narrowing arithmetic (vmull/vmlal_lane, vqrshrn, vaddhn) and interleaved structure
# stores (vst3/vst4, vst*_lane), none of which is one wasm SIMD instruction. SIMDe emulates them
# through its union types: stack round trips, i8x16.shuffle chains and per-lane loops (the islow
# IDCT alone becomes 4.7k wasm instructions with 44 loops), costing more than libjpeg-turbo's
# scalar C. Not a SIMDe version matter: SIMDe 0.8.4-dev (GitHub, tried outside the repo) was as
# slow. Exactness: every JPEG of the test data decoded byte-identical at 1/1, 1/2, 1/4, 1/8 and
# every photo encoded to identical bytes (bench/jpeg-ab.mjs), so only speed stands in the way.
#
# Neon → wasm SIMD: emscripten 3.1.6's compat/arm_neon.h is SIMDe's header list, but Debian's
# emscripten package ships it without SIMDe's neon/*.h beside it (`#include "neon/types.h"` fails),
# so the kernels include SIMDe itself (Debian libsimde-dev 0.7.4, the same project, whole) through
# the generated arm_neon.h below. SIMDe 0.7.4 has every intrinsic these files use.
#
# Left to C: aarch{32,64}/jchuff-neon.c (its bit-buffer flush is ARM inline assembly, jchuff.h)
# and whatever upstream only has in jsimd_neon.S assembly (nothing, with the kernels below).

find_path(PP_SIMDE_INCLUDE_DIR simde/arm/neon.h PATHS /usr/include NO_CMAKE_FIND_ROOT_PATH
          DOC "SIMDe headers (Debian libsimde-dev): Neon intrinsics on wasm SIMD")
if (NOT PP_SIMDE_INCLUDE_DIR)
  message(FATAL_ERROR "libjpeg_neon_wasm: simde/arm/neon.h not found; install Debian's libsimde-dev "
                      "(apt-get install libsimde-dev) or build with -DPIXELPIPE_JPEG_NEON=OFF")
endif ()

set(PP_JPEG_NEON_INCLUDE_DIR "${CMAKE_CURRENT_BINARY_DIR}/pp_jpeg_neon")
# Shadows emscripten's incomplete compat/arm_neon.h (-I is searched before the sysroot's compat/).
pixelpipe_write_if_changed("${PP_JPEG_NEON_INCLUDE_DIR}/arm_neon.h" "\
#define SIMDE_ENABLE_NATIVE_ALIASES
#include \"${PP_SIMDE_INCLUDE_DIR}/simde/arm/neon.h\"
")
# What libjpeg-turbo's simd/CMakeLists.txt generates from arm/neon-compat.h.in: SIMDe has the three
# multi-register loads it probes for, and clang's builtins.
pixelpipe_write_if_changed("${PP_JPEG_NEON_INCLUDE_DIR}/neon-compat.h" [=[
#define HAVE_VLD1_S16_X3
#define HAVE_VLD1_U16_X2
#define HAVE_VLD1Q_U8_X4
#define BUILTIN_CLZ(x)  __builtin_clz(x)
#define BUILTIN_CLZLL(x)  __builtin_clzll(x)
#define BUILTIN_BSWAP64(x)  __builtin_bswap64(x)
]=])

# The kernels (the "full Neon intrinsics" set of upstream's simd/CMakeLists.txt minus jchuff):
# colour conversion both ways, chroma down/upsampling (plain, fancy, merged), forward and inverse
# DCTs (islow, ifast, scaled 4x4/2x2), quantisation, progressive AC preparation. They compile as
# 32-bit Arm code (no __aarch64__), which matches wasm32's 32-bit size_t in jcphuff.
set(PP_JPEG_NEON_KERNELS jccolor jcgray jcsample jcphuff jdcolor jdmerge jdsample jfdctint
    jfdctfst jquanti jidctint jidctfst jidctred)
list(TRANSFORM PP_JPEG_NEON_KERNELS PREPEND "${LIBJPEG_DIR}/simd/arm/")
list(TRANSFORM PP_JPEG_NEON_KERNELS APPEND "-neon.c")
set(PP_JPEG_SIMD_FILES ${PP_JPEG_NEON_KERNELS} "${PROJECT_SOURCE_DIR}/src/codec/libjpeg_simd_wasm.c")
