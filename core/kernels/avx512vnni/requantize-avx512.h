// The fp32 requantization rule (params.h) on 16 int32 lanes, shared by the
// AVX-512 kernels. Bit-exact with q8nn_requantize_fp32: clamp in float to
// integer bounds, round half to even, add the zero point; the result is in
// [output_min, output_max], so truncating to bytes is exact.
#pragma once

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/params.h"

#define Q8NN_AVX512_INLINE static inline __attribute__((always_inline))

struct q8nn_avx512_requant {
  __m512 scale;
  __m512 max;          // output_max - zero point
  __m512i zero_point;  // int16 lanes
  __m512i min;         // output_min bytes
  __m512i max_bytes;   // output_max bytes
  __m512i byte_order;  // dword permutation undoing the lane-wise packs
  // Steps that are no-ops for common outputs (ReLU6 to [0, 255] has zero
  // point 0 and no clamp), skipped by predictable branches.
  bool add_zero_point;  // zero point != 0
  bool clamp_min;       // output_min != 0
  bool clamp_max;       // output_max != 255
};

Q8NN_AVX512_INLINE struct q8nn_avx512_requant q8nn_avx512_requant_init(
    const struct q8nn_conv_params* params) {
  struct q8nn_avx512_requant r;
  r.scale = _mm512_set1_ps(params->scale);
  r.max = _mm512_set1_ps(params->output.max_less_zero_point);
  r.zero_point = _mm512_set1_epi16((short)params->output.zero_point);
  r.min = _mm512_set1_epi8((char)params->output.min);
  r.max_bytes = _mm512_set1_epi8((char)params->output.max);
  r.add_zero_point = params->output.zero_point != 0;
  r.clamp_min = params->output.min != 0;
  r.clamp_max = params->output.max != 255;
  r.byte_order = _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
  return r;
}

// Whether products need the float clamp below: not when they stay under
// 2^31 (float rounding is monotonic, so (float)bound * scale bounds them),
// as they do for any scale under 1. Then conversion never overflows and the
// int16 / byte saturations and a byte clamp give the same result.
Q8NN_AVX512_INLINE bool q8nn_avx512_needs_float_clamp(const struct q8nn_conv_params* params) {
  return !((float)params->accumulator_bound * params->scale < 2147483648.0f);
}

// Float product (with CLAMP: clamped above only), rounded half to even
// (embedded rounding, whatever MXCSR says). The lower clamp is left to the
// byte stage below: an out-of-range negative product converts to INT32_MIN,
// which saturates to 0 there, while the upper clamp keeps positive products
// in int32 range.
Q8NN_AVX512_INLINE __m512i q8nn_avx512_scale_round(__m512i acc, const struct q8nn_avx512_requant* r,
                                                   bool clamp) {
  __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), r->scale);
  if (clamp) f = _mm512_min_ps(f, r->max);
  return _mm512_cvt_roundps_epi32(f, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

// The 64 output bytes of 4 x 16 accumulators, in order: a's 16, then b's, c's,
// d's. Bit-exact with q8nn_requantize_fp32 (its float clamp to integer bounds
// commutes with rounding): round(x) saturated to int16, plus the zero point
// (saturating), saturated to [0, 255], then clamped to [output_min,
// output_max] (the upper clamp in float instead when CLAMP, see above).
Q8NN_AVX512_INLINE __m512i q8nn_avx512_requantize64(__m512i a, __m512i b, __m512i c, __m512i d,
                                                    const struct q8nn_avx512_requant* r,
                                                    bool clamp) {
  __m512i ab = _mm512_packs_epi32(q8nn_avx512_scale_round(a, r, clamp),
                                  q8nn_avx512_scale_round(b, r, clamp));
  __m512i cd = _mm512_packs_epi32(q8nn_avx512_scale_round(c, r, clamp),
                                  q8nn_avx512_scale_round(d, r, clamp));
  if (r->add_zero_point) {
    ab = _mm512_adds_epi16(ab, r->zero_point);
    cd = _mm512_adds_epi16(cd, r->zero_point);
  }
  // Lane L of the packed bytes holds a[4L..4L+3], b[4L..], c[4L..], d[4L..].
  __m512i v = _mm512_packus_epi16(ab, cd);
  if (r->clamp_min) v = _mm512_max_epu8(v, r->min);
  if (!clamp && r->clamp_max) v = _mm512_min_epu8(v, r->max_bytes);
  return _mm512_permutexvar_epi32(r->byte_order, v);
}

// Mask of the first n (<= 64) lanes.
Q8NN_AVX512_INLINE __mmask64 q8nn_avx512_mask64(size_t n) {
  return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}

Q8NN_AVX512_INLINE const uint8_t* q8nn_avx512_row(const uint8_t* row, size_t input_offset,
                                                  const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
