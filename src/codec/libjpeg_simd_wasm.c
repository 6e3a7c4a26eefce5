/* libjpeg_simd_wasm.c: libjpeg-turbo's SIMD dispatcher (the jsimd_can_* / jsimd_* entry points of
 * its jsimd.h and jsimddct.h) for the WebAssembly builds, in place of upstream's jsimd_none.c.
 *
 * Why: libjpeg-turbo 2.1.5's x86 SIMD is NASM assembly (no use in wasm), but most of its Arm Neon
 * SIMD is C intrinsics (simd/arm/j*-neon.c files). Compiled with SIMDe's Neon-on-wasm-SIMD headers
 * (Debian libsimde-dev; cmake/debian_source.cmake explains why not emscripten's own arm_neon.h)
 * and -msimd128, those files run as wasm SIMD. Upstream's simd/arm/aarch{32,64}/jsimd.c cannot be
 * used: they detect the CPU at run time (/proc/cpuinfo, getauxval) and also route to jsimd_neon.S
 * and to jchuff-neon.c (ARM inline assembly), neither of which exists for wasm. This file says yes
 * exactly for the Neon .c kernels cmake/debian_source.cmake compiles, and no for the rest
 * (float DCT and quantisation, 6x6/12x12 scaled IDCT, integer-factor and smooth resampling,
 * the sequential Huffman encoder, null colour conversion), which stay on libjpeg-turbo's C path.
 *
 * Compiled only by emscripten with -DPIXELPIPE_JPEG_NEON=ON (OFF by default: exact, but 3-5x
 * SLOWER than the C path; measurements and the reason in cmake/libjpeg_neon_wasm.cmake). Every
 * other build keeps upstream's jsimd_none.c.
 */
#define JPEG_INTERNALS
#include "jinclude.h"
#include "jpeglib.h"
#include "jsimd.h"
#include "jdct.h"
#include "jsimddct.h"
#include "simd/jsimd.h"

/* The kernels are written for 8-bit samples, 32-bit JDIMENSION and the 16-bit DCT/quantisation
 * element types that WITH_SIMD selects (jdct.h, jmorecfg.h); anything else falls back to C. */
#define PP_SIMD_TYPES_OK \
  (BITS_IN_JSAMPLE == 8 && DCTSIZE == 8 && sizeof(JDIMENSION) == 4 && sizeof(JCOEF) == 2)
#define PP_SIMD_DCT_OK (PP_SIMD_TYPES_OK && sizeof(DCTELEM) == 2)
#define PP_SIMD_IDCT_OK (PP_SIMD_TYPES_OK && sizeof(ISLOW_MULT_TYPE) == 2)

/* ---- colour conversion: one Neon kernel per RGB byte order (jccolor/jcgray/jdcolor) ---------- */

typedef void (*to_ycc_fn)(JDIMENSION, JSAMPARRAY, JSAMPIMAGE, JDIMENSION, int);
typedef void (*from_ycc_fn)(JDIMENSION, JSAMPIMAGE, JDIMENSION, JSAMPARRAY, int);
typedef void (*merged_fn)(JDIMENSION, JSAMPIMAGE, JDIMENSION, JSAMPARRAY);

/* Index of a colour space's byte order: 0 RGB, 1 RGBX, 2 BGR, 3 BGRX, 4 XBGR, 5 XRGB. JCS_RGB
 * (and anything unexpected) is RGB, as libjpeg-turbo's RGB_* defaults say. */
LOCAL(int)
byte_order(J_COLOR_SPACE cs)
{
  switch (cs) {
  case JCS_EXT_RGBX: case JCS_EXT_RGBA: return 1;
  case JCS_EXT_BGR: return 2;
  case JCS_EXT_BGRX: case JCS_EXT_BGRA: return 3;
  case JCS_EXT_XBGR: case JCS_EXT_ABGR: return 4;
  case JCS_EXT_XRGB: case JCS_EXT_ARGB: return 5;
  default: return 0;
  }
}

static const to_ycc_fn rgb_ycc_kernels[6] = {
  jsimd_extrgb_ycc_convert_neon, jsimd_extrgbx_ycc_convert_neon, jsimd_extbgr_ycc_convert_neon,
  jsimd_extbgrx_ycc_convert_neon, jsimd_extxbgr_ycc_convert_neon, jsimd_extxrgb_ycc_convert_neon
};
static const to_ycc_fn rgb_gray_kernels[6] = {
  jsimd_extrgb_gray_convert_neon, jsimd_extrgbx_gray_convert_neon, jsimd_extbgr_gray_convert_neon,
  jsimd_extbgrx_gray_convert_neon, jsimd_extxbgr_gray_convert_neon, jsimd_extxrgb_gray_convert_neon
};
static const from_ycc_fn ycc_rgb_kernels[6] = {
  jsimd_ycc_extrgb_convert_neon, jsimd_ycc_extrgbx_convert_neon, jsimd_ycc_extbgr_convert_neon,
  jsimd_ycc_extbgrx_convert_neon, jsimd_ycc_extxbgr_convert_neon, jsimd_ycc_extxrgb_convert_neon
};
static const merged_fn h2v1_merged_kernels[6] = {
  jsimd_h2v1_extrgb_merged_upsample_neon, jsimd_h2v1_extrgbx_merged_upsample_neon,
  jsimd_h2v1_extbgr_merged_upsample_neon, jsimd_h2v1_extbgrx_merged_upsample_neon,
  jsimd_h2v1_extxbgr_merged_upsample_neon, jsimd_h2v1_extxrgb_merged_upsample_neon
};
static const merged_fn h2v2_merged_kernels[6] = {
  jsimd_h2v2_extrgb_merged_upsample_neon, jsimd_h2v2_extrgbx_merged_upsample_neon,
  jsimd_h2v2_extbgr_merged_upsample_neon, jsimd_h2v2_extbgrx_merged_upsample_neon,
  jsimd_h2v2_extxbgr_merged_upsample_neon, jsimd_h2v2_extxrgb_merged_upsample_neon
};

#define PP_RGB_OK (PP_SIMD_TYPES_OK && (RGB_PIXELSIZE == 3 || RGB_PIXELSIZE == 4))

GLOBAL(int) jsimd_can_rgb_ycc(void) { return PP_RGB_OK; }
GLOBAL(int) jsimd_can_rgb_gray(void) { return PP_RGB_OK; }
GLOBAL(int) jsimd_can_ycc_rgb(void) { return PP_RGB_OK; }
GLOBAL(int) jsimd_can_ycc_rgb565(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_c_can_null_convert(void) { return 0; }

/* RGB → YCbCr and RGB → grey share the encoder's colour-converter signature. */
#define PP_FROM_RGB(name, kernels) \
  GLOBAL(void) jsimd_##name(j_compress_ptr cinfo, JSAMPARRAY input_buf, JSAMPIMAGE output_buf, \
                            JDIMENSION output_row, int num_rows) \
  { \
    kernels[byte_order(cinfo->in_color_space)](cinfo->image_width, input_buf, output_buf, \
                                               output_row, num_rows); \
  }
PP_FROM_RGB(rgb_ycc_convert, rgb_ycc_kernels)
PP_FROM_RGB(rgb_gray_convert, rgb_gray_kernels)

GLOBAL(void)
jsimd_ycc_rgb_convert(j_decompress_ptr cinfo, JSAMPIMAGE input_buf, JDIMENSION input_row,
                      JSAMPARRAY output_buf, int num_rows)
{
  ycc_rgb_kernels[byte_order(cinfo->out_color_space)](cinfo->output_width, input_buf, input_row,
                                                      output_buf, num_rows);
}

GLOBAL(void)
jsimd_ycc_rgb565_convert(j_decompress_ptr cinfo, JSAMPIMAGE input_buf, JDIMENSION input_row,
                         JSAMPARRAY output_buf, int num_rows)
{
  jsimd_ycc_rgb565_convert_neon(cinfo->output_width, input_buf, input_row, output_buf, num_rows);
}

GLOBAL(void)
jsimd_c_null_convert(j_compress_ptr cinfo, JSAMPARRAY input_buf, JSAMPIMAGE output_buf,
                     JDIMENSION output_row, int num_rows)
{
}

/* ---- chroma downsampling (encoder, jcsample) --------------------------------------------------- */

GLOBAL(int) jsimd_can_h2v2_downsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v1_downsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v2_smooth_downsample(void) { return 0; }

GLOBAL(void)
jsimd_h2v2_downsample(j_compress_ptr cinfo, jpeg_component_info *compptr, JSAMPARRAY input_data,
                      JSAMPARRAY output_data)
{
  jsimd_h2v2_downsample_neon(cinfo->image_width, cinfo->max_v_samp_factor, compptr->v_samp_factor,
                             compptr->width_in_blocks, input_data, output_data);
}

GLOBAL(void)
jsimd_h2v1_downsample(j_compress_ptr cinfo, jpeg_component_info *compptr, JSAMPARRAY input_data,
                      JSAMPARRAY output_data)
{
  jsimd_h2v1_downsample_neon(cinfo->image_width, cinfo->max_v_samp_factor, compptr->v_samp_factor,
                             compptr->width_in_blocks, input_data, output_data);
}

GLOBAL(void)
jsimd_h2v2_smooth_downsample(j_compress_ptr cinfo, jpeg_component_info *compptr,
                             JSAMPARRAY input_data, JSAMPARRAY output_data)
{
}

/* ---- chroma upsampling (decoder, jdsample and jdmerge) ----------------------------------------- */

GLOBAL(int) jsimd_can_h2v2_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v1_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_int_upsample(void) { return 0; }
GLOBAL(int) jsimd_can_h2v2_fancy_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v1_fancy_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h1v2_fancy_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v2_merged_upsample(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_h2v1_merged_upsample(void) { return PP_SIMD_TYPES_OK; }

/* The upsamplers' signature; plain upsampling works on the output width, fancy on the input's. */
#define PP_UPSAMPLE(name, body) \
  GLOBAL(void) jsimd_##name(j_decompress_ptr cinfo, jpeg_component_info *compptr, \
                            JSAMPARRAY input_data, JSAMPARRAY *output_data_ptr) { body }
#define PP_UPSAMPLE_NEON(name, width) \
  PP_UPSAMPLE(name, jsimd_##name##_neon(cinfo->max_v_samp_factor, width, input_data, \
                                        output_data_ptr);)

PP_UPSAMPLE_NEON(h2v2_upsample, cinfo->output_width)
PP_UPSAMPLE_NEON(h2v1_upsample, cinfo->output_width)
PP_UPSAMPLE_NEON(h2v2_fancy_upsample, compptr->downsampled_width)
PP_UPSAMPLE_NEON(h2v1_fancy_upsample, compptr->downsampled_width)
PP_UPSAMPLE_NEON(h1v2_fancy_upsample, compptr->downsampled_width)
PP_UPSAMPLE(int_upsample, )

GLOBAL(void)
jsimd_h2v2_merged_upsample(j_decompress_ptr cinfo, JSAMPIMAGE input_buf,
                           JDIMENSION in_row_group_ctr, JSAMPARRAY output_buf)
{
  h2v2_merged_kernels[byte_order(cinfo->out_color_space)](cinfo->output_width, input_buf,
                                                          in_row_group_ctr, output_buf);
}

GLOBAL(void)
jsimd_h2v1_merged_upsample(j_decompress_ptr cinfo, JSAMPIMAGE input_buf,
                           JDIMENSION in_row_group_ctr, JSAMPARRAY output_buf)
{
  h2v1_merged_kernels[byte_order(cinfo->out_color_space)](cinfo->output_width, input_buf,
                                                          in_row_group_ctr, output_buf);
}

/* ---- forward DCT and quantisation (encoder, jcdctmgr) ------------------------------------------ */

GLOBAL(int) jsimd_can_convsamp(void) { return PP_SIMD_DCT_OK; }
GLOBAL(int) jsimd_can_convsamp_float(void) { return 0; }
GLOBAL(int) jsimd_can_fdct_islow(void) { return PP_SIMD_DCT_OK; }
GLOBAL(int) jsimd_can_fdct_ifast(void) { return PP_SIMD_DCT_OK; }
GLOBAL(int) jsimd_can_fdct_float(void) { return 0; }
GLOBAL(int) jsimd_can_quantize(void) { return PP_SIMD_DCT_OK; }
GLOBAL(int) jsimd_can_quantize_float(void) { return 0; }

GLOBAL(void)
jsimd_convsamp(JSAMPARRAY sample_data, JDIMENSION start_col, DCTELEM *workspace)
{
  jsimd_convsamp_neon(sample_data, start_col, workspace);
}

GLOBAL(void)
jsimd_convsamp_float(JSAMPARRAY sample_data, JDIMENSION start_col, FAST_FLOAT *workspace)
{
}

GLOBAL(void) jsimd_fdct_islow(DCTELEM *data) { jsimd_fdct_islow_neon(data); }
GLOBAL(void) jsimd_fdct_ifast(DCTELEM *data) { jsimd_fdct_ifast_neon(data); }
GLOBAL(void) jsimd_fdct_float(FAST_FLOAT *data) {}

GLOBAL(void)
jsimd_quantize(JCOEFPTR coef_block, DCTELEM *divisors, DCTELEM *workspace)
{
  jsimd_quantize_neon(coef_block, divisors, workspace);
}

GLOBAL(void)
jsimd_quantize_float(JCOEFPTR coef_block, FAST_FLOAT *divisors, FAST_FLOAT *workspace)
{
}

/* ---- inverse DCT (decoder, jddctmgr): full size and the 1/4, 1/8 scaled ones ------------------- */

GLOBAL(int) jsimd_can_idct_2x2(void) { return PP_SIMD_IDCT_OK; }
GLOBAL(int) jsimd_can_idct_4x4(void) { return PP_SIMD_IDCT_OK; }
GLOBAL(int) jsimd_can_idct_6x6(void) { return 0; }
GLOBAL(int) jsimd_can_idct_12x12(void) { return 0; }
GLOBAL(int) jsimd_can_idct_islow(void) { return PP_SIMD_IDCT_OK; }
GLOBAL(int)
jsimd_can_idct_ifast(void)
{
  return PP_SIMD_TYPES_OK && sizeof(IFAST_MULT_TYPE) == 2 && IFAST_SCALE_BITS == 2;
}
GLOBAL(int) jsimd_can_idct_float(void) { return 0; }

/* Every IDCT entry point has jddctmgr's signature; the Neon kernels take the table directly. */
#define PP_IDCT(name, body) \
  GLOBAL(void) jsimd_idct_##name(j_decompress_ptr cinfo, jpeg_component_info *compptr, \
                                 JCOEFPTR coef_block, JSAMPARRAY output_buf, \
                                 JDIMENSION output_col) { body }
#define PP_IDCT_NEON(name) \
  PP_IDCT(name, jsimd_idct_##name##_neon(compptr->dct_table, coef_block, output_buf, output_col);)

PP_IDCT_NEON(2x2)
PP_IDCT_NEON(4x4)
PP_IDCT_NEON(islow)
PP_IDCT_NEON(ifast)
PP_IDCT(6x6, )
PP_IDCT(12x12, )
PP_IDCT(float, )

/* ---- entropy coding (encoder): the progressive AC preparation only -----------------------------
 * The sequential Huffman encoder's Neon version (aarch{32,64}/jchuff-neon.c) stores its bit
 * buffer with ARM inline assembly (jchuff.h), which clang cannot compile for wasm: it stays C. */

GLOBAL(int) jsimd_can_huff_encode_one_block(void) { return 0; }

GLOBAL(JOCTET *)
jsimd_huff_encode_one_block(void *state, JOCTET *buffer, JCOEFPTR block, int last_dc_val,
                            c_derived_tbl *dctbl, c_derived_tbl *actbl)
{
  return NULL;
}

GLOBAL(int) jsimd_can_encode_mcu_AC_first_prepare(void) { return PP_SIMD_TYPES_OK; }
GLOBAL(int) jsimd_can_encode_mcu_AC_refine_prepare(void) { return PP_SIMD_TYPES_OK; }

GLOBAL(void)
jsimd_encode_mcu_AC_first_prepare(const JCOEF *block, const int *jpeg_natural_order_start, int Sl,
                                  int Al, UJCOEF *values, size_t *zerobits)
{
  jsimd_encode_mcu_AC_first_prepare_neon(block, jpeg_natural_order_start, Sl, Al, values,
                                         zerobits);
}

GLOBAL(int)
jsimd_encode_mcu_AC_refine_prepare(const JCOEF *block, const int *jpeg_natural_order_start, int Sl,
                                   int Al, UJCOEF *absvalues, size_t *bits)
{
  return jsimd_encode_mcu_AC_refine_prepare_neon(block, jpeg_natural_order_start, Sl, Al,
                                                 absvalues, bits);
}
