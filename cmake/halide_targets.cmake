# The Halide target strings, in ONE place. Sets PIXELPIPE_HALIDE_TARGET for this build tree
# and PIXELPIPE_VARIANT (host | mt | st).
#   mt: wasm SIMD + threads (needs SharedArrayBuffer, i.e. a cross-origin isolated page)
#   st: wasm SIMD, no threads (any page)
#   host: x86-64 AVX2 (native tests, native benchmark, fuzzing)
set(PIXELPIPE_WASM_FEATURES wasm_simd128-wasm_signext-wasm_sat_float_to_int)
if (EMSCRIPTEN)
  if (PIXELPIPE_THREADS)
    set(PIXELPIPE_VARIANT mt)
    set(PIXELPIPE_HALIDE_TARGET wasm-32-wasmrt-${PIXELPIPE_WASM_FEATURES}-wasm_threads-wasm_bulk_memory)
  else ()
    set(PIXELPIPE_VARIANT st)
    set(PIXELPIPE_HALIDE_TARGET wasm-32-wasmrt-${PIXELPIPE_WASM_FEATURES})
  endif ()
else ()
  set(PIXELPIPE_VARIANT host)
  # Not `host`: Halide 14 detects this machine as avx512_sapphirerapids and LLVM then emitted
  # AVX512-FP16 instructions (vmovw) that the CPU lacks (SIGILL in pp_rotate). AVX2+FMA is what
  # every x86-64 CI machine here has, and what the native benchmark is meant to show.
  set(PIXELPIPE_HALIDE_TARGET x86-64-linux-sse41-avx-avx2-fma-f16c)
endif ()
# Parallel schedules only where threads exist (the generators' `threads` GeneratorParam).
if (PIXELPIPE_VARIANT STREQUAL "st")
  set(PIXELPIPE_HALIDE_THREADS false)
else ()
  set(PIXELPIPE_HALIDE_THREADS true)
endif ()
message(STATUS "pixelpipe variant ${PIXELPIPE_VARIANT}: Halide target ${PIXELPIPE_HALIDE_TARGET}")
