# debian_source.cmake: the third-party C codecs, built from Debian 12's SOURCE packages for the
# current toolchain (host g++, emscripten mt with -pthread objects, emscripten st).
#
# Why Debian source packages: emscripten's ports cannot be used here (frozen cache, downloads from
# the internet; toolchain.md §10), and Debian's sources carry Debian's security patches (libwebp
# 1.2.4-0.2+deb12u1 is CVE-2023-4863's fix). Nothing of theirs is committed: scripts/setup.mjs
# downloads the pinned versions below with `apt-get source --download-only` into
# PIXELPIPE_DEBIAN_SRC_CACHE; this module unpacks them there once (dpkg-source -x applies Debian's
# patches) and compiles only the files pixelpipe needs, with our own target lists (their build
# systems probe the compiler, and libjpeg-turbo's probe writes SIZEOF_SIZE_T 9 under emscripten).
#
# Targets: pp_deflate (libdeflate), pp_jpeg (libjpeg-turbo without SIMD: its x86 SIMD is nasm
# assembly, and its Arm Neon intrinsics through SIMDe are slower in wasm: libjpeg_neon_wasm.cmake),
# pp_webp (libwebp encoder + decoder + sharpyuv, which the 1.2.4 encoder calls; no tools),
# pp_lcms2 (Little CMS 2: CMYK and LUT-based ICC profiles, src/color/icc_lcms.cpp).

# The pinned versions (source package = Debian version). scripts/setup.mjs reads this list.
set(PIXELPIPE_DEBIAN_SOURCES
    "libdeflate=1.14-1"
    "libjpeg-turbo=1:2.1.5-2"
    "libwebp=1.2.4-0.2+deb12u1"
    "lcms2=2.14-2+deb12u1")
set(PIXELPIPE_DEBIAN_SRC_CACHE "${PROJECT_SOURCE_DIR}/build/debian-src" CACHE PATH
    "where scripts/setup.mjs put the Debian source packages (apt-get source --download-only)")

# pixelpipe_debian_source(<package> <out-var>): the unpacked, patched source tree of <package>.
function(pixelpipe_debian_source package out_var)
  set(found "")
  foreach (entry IN LISTS PIXELPIPE_DEBIAN_SOURCES)
    if (entry MATCHES "^${package}=(.+)$")
      set(found "${CMAKE_MATCH_1}")
    endif ()
  endforeach ()
  if (NOT found)
    message(FATAL_ERROR "debian_source: ${package} is not in PIXELPIPE_DEBIAN_SOURCES")
  endif ()
  string(REGEX REPLACE "^[0-9]+:" "" version "${found}")   # the epoch is not in file names
  string(REGEX REPLACE "-[^-]+$" "" upstream "${version}")
  set(dsc "${PIXELPIPE_DEBIAN_SRC_CACHE}/${package}_${version}.dsc")
  set(dir "${PIXELPIPE_DEBIAN_SRC_CACHE}/unpacked/${package}-${version}")
  if (NOT EXISTS "${dir}/.unpacked")
    if (NOT EXISTS "${dsc}")
      message(FATAL_ERROR "debian_source: ${dsc} is missing; run `node scripts/setup.mjs` (it downloads "
                          "the pinned Debian source packages with apt-get source --download-only)")
    endif ()
    file(REMOVE_RECURSE "${dir}")
    file(MAKE_DIRECTORY "${PIXELPIPE_DEBIAN_SRC_CACHE}/unpacked")
    execute_process(COMMAND dpkg-source --no-check -x "${dsc}" "${dir}"
                    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
    if (NOT rc EQUAL 0 OR NOT EXISTS "${dir}")
      message(FATAL_ERROR "debian_source: dpkg-source -x ${dsc} failed: ${err}")
    endif ()
    file(WRITE "${dir}/.unpacked" "${found}\n")
  endif ()
  message(STATUS "Debian source ${package} ${found} (upstream ${upstream})")
  set(${out_var} "${dir}" PARENT_SCOPE)
endfunction()

# Flags every codec library gets: -O3 + wasm SIMD autovectorisation under emscripten, and
# -pthread in the threaded variant (objects linked into a -pthread module must be built with it).
function(pixelpipe_codec_library name)
  add_library(${name} STATIC ${ARGN})
  set_target_properties(${name} PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${name} PRIVATE -O3 -w)   # third-party code: its warnings are not ours
  if (EMSCRIPTEN)
    target_compile_options(${name} PRIVATE -msimd128)
    if (PIXELPIPE_VARIANT STREQUAL "mt")
      target_compile_options(${name} PRIVATE -pthread)
    endif ()
  endif ()
endfunction()

# Generated headers keep their time stamp when unchanged (no rebuild on every configure).
function(pixelpipe_write_if_changed path content)
  file(WRITE "${path}.tmp" "${content}")
  configure_file("${path}.tmp" "${path}" COPYONLY)
endfunction()

# ---- libdeflate: raw deflate for PNG's smaller levels ----------------------------------------
pixelpipe_debian_source(libdeflate LIBDEFLATE_DIR)
# lib/x86/*.c compile to portable code under emscripten (no cpuid: the generic paths are used).
file(GLOB PP_DEFLATE_SOURCES "${LIBDEFLATE_DIR}/lib/*.c" "${LIBDEFLATE_DIR}/lib/x86/*.c")
pixelpipe_codec_library(pp_deflate ${PP_DEFLATE_SOURCES})
target_include_directories(pp_deflate SYSTEM PUBLIC "${LIBDEFLATE_DIR}")

# ---- libjpeg-turbo: the JPEG encoder (and, for issue 12, a decoder with DCT scaling) -----------
pixelpipe_debian_source(libjpeg-turbo LIBJPEG_DIR)
set(PP_JPEG_CONFIG_DIR "${CMAKE_CURRENT_BINARY_DIR}/pp_jpeg_config")
# What libjpeg-turbo's CMakeLists would generate for a wasm32/x86-64 8-bit build with arithmetic
# coding off (no browser decodes it) and in-memory source/destination on.
pixelpipe_write_if_changed("${PP_JPEG_CONFIG_DIR}/jconfig.h" [=[
#define JPEG_LIB_VERSION 62
#define LIBJPEG_TURBO_VERSION 2.1.5
#define LIBJPEG_TURBO_VERSION_NUMBER 2001005
#define MEM_SRCDST_SUPPORTED 1
#define BITS_IN_JSAMPLE 8
]=])
pixelpipe_write_if_changed("${PP_JPEG_CONFIG_DIR}/jconfigint.h" [=[
#define BUILD "debian-2.1.5-2"
#undef inline
#define INLINE __inline__ __attribute__((always_inline))
#define THREAD_LOCAL __thread
#define PACKAGE_NAME "libjpeg-turbo"
#define VERSION "2.1.5"
#if defined(__SIZEOF_SIZE_T__)
#define SIZEOF_SIZE_T __SIZEOF_SIZE_T__
#else
#error "size_t width unknown"
#endif
#define HAVE_BUILTIN_CTZL
#define FALLTHROUGH __attribute__((fallthrough));
]=])
pixelpipe_write_if_changed("${PP_JPEG_CONFIG_DIR}/jversion.h" [=[
#define JVERSION "6b  27-Mar-1998"
#define JCOPYRIGHT "Copyright (C) 2009-2023 D. R. Commander and others (libjpeg-turbo)"
#define JCOPYRIGHT_SHORT "Copyright (C) 2023 The libjpeg-turbo Project and many others"
]=])
set(PP_JPEG_FILES jcapimin jcapistd jccoefct jccolor jcdctmgr jchuff jcicc jcinit jcmainct jcmarker
    jcmaster jcomapi jcparam jcphuff jcprepct jcsample jctrans jdapimin jdapistd jdatadst jdatasrc
    jdcoefct jdcolor jddctmgr jdhuff jdicc jdinput jdmainct jdmarker jdmaster jdmerge jdphuff jdpostct
    jdsample jdtrans jerror jfdctflt jfdctfst jfdctint jidctflt jidctfst jidctint jidctred jquant1
    jquant2 jutils jmemmgr jmemnobs)
list(TRANSFORM PP_JPEG_FILES PREPEND "${LIBJPEG_DIR}/")
list(TRANSFORM PP_JPEG_FILES APPEND ".c")
# OFF: measured 3-5x SLOWER than the C path in wasm (cmake/libjpeg_neon_wasm.cmake has the numbers).
option(PIXELPIPE_JPEG_NEON "wasm: libjpeg-turbo's Neon intrinsics kernels through SIMDe (slower)" OFF)
if (EMSCRIPTEN AND PIXELPIPE_JPEG_NEON)
  include("${CMAKE_CURRENT_LIST_DIR}/libjpeg_neon_wasm.cmake")   # sets PP_JPEG_SIMD_FILES
else ()
  list(APPEND PP_JPEG_FILES "${LIBJPEG_DIR}/jsimd_none.c")
endif ()
pixelpipe_codec_library(pp_jpeg ${PP_JPEG_FILES} ${PP_JPEG_SIMD_FILES})
target_include_directories(pp_jpeg SYSTEM PUBLIC "${PP_JPEG_CONFIG_DIR}" "${LIBJPEG_DIR}")
if (PP_JPEG_SIMD_FILES)
  # WITH_SIMD selects the 16-bit DCT/multiplier types and 32-byte pool alignment the kernels need.
  target_compile_definitions(pp_jpeg PRIVATE WITH_SIMD)
  target_include_directories(pp_jpeg PRIVATE "${PP_JPEG_NEON_INCLUDE_DIR}")
endif ()

# ---- libwebp: lossy + lossless encoder and decoder (no mux/demux, no tools) -------------------
pixelpipe_debian_source(libwebp LIBWEBP_DIR)
file(GLOB PP_WEBP_SOURCES "${LIBWEBP_DIR}/src/dec/*.c" "${LIBWEBP_DIR}/src/enc/*.c"
     "${LIBWEBP_DIR}/src/dsp/*.c" "${LIBWEBP_DIR}/src/utils/*.c" "${LIBWEBP_DIR}/sharpyuv/*.c")
pixelpipe_codec_library(pp_webp ${PP_WEBP_SOURCES})
target_include_directories(pp_webp SYSTEM PUBLIC "${LIBWEBP_DIR}/src")
target_include_directories(pp_webp PRIVATE "${LIBWEBP_DIR}")
if (EMSCRIPTEN)
  # libwebp's SSE2/SSE4.1 kernels through emscripten's SSE → wasm SIMD headers; its cpu.c
  # reports them available under EMSCRIPTEN from these compile flags (no runtime check).
  target_compile_options(pp_webp PRIVATE -msse4.1)
endif ()

# ---- Little CMS 2: ICC transforms for LUT-based profiles (CMYK, mAB/mBA, Lab PCS) ---------------
pixelpipe_debian_source(lcms2 LCMS2_DIR)
file(GLOB PP_LCMS2_SOURCES "${LCMS2_DIR}/src/*.c")
pixelpipe_codec_library(pp_lcms2 ${PP_LCMS2_SOURCES})
target_include_directories(pp_lcms2 SYSTEM PUBLIC "${LCMS2_DIR}/include")
