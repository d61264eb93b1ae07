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
  __m512 min;  // output_min - zero point
  __m512 max;  // output_max - zero point
  __m512i zero_point;
};

Q8NN_AVX512_INLINE struct q8nn_avx512_requant q8nn_avx512_requant_init(
    const struct q8nn_conv_params* params) {
  int32_t magic_bits;
  memcpy(&magic_bits, &params->output.magic_bias, sizeof(magic_bits));
  struct q8nn_avx512_requant r;
  r.scale = _mm512_set1_ps(params->scale);
  r.min = _mm512_set1_ps(params->output.min_less_zero_point);
  r.max = _mm512_set1_ps(params->output.max_less_zero_point);
  r.zero_point = _mm512_set1_epi32(magic_bits - params->output.magic_bias_less_zero_point);
  return r;
}

// Returns the 16 output bytes of 16 accumulators.
Q8NN_AVX512_INLINE __m128i q8nn_avx512_requantize(__m512i acc,
                                                  const struct q8nn_avx512_requant* r) {
  __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), r->scale);
  f = _mm512_min_ps(_mm512_max_ps(f, r->min), r->max);
  // Embedded rounding: half to even whatever MXCSR says.
  const __m512i q = _mm512_cvt_roundps_epi32(f, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  return _mm512_cvtepi32_epi8(_mm512_add_epi32(q, r->zero_point));
}

// Mask of the first n (<= 64) lanes.
Q8NN_AVX512_INLINE __mmask64 q8nn_avx512_mask64(size_t n) {
  return n >= 64 ? ~(__mmask64)0 : (((__mmask64)1 << n) - 1);
}

Q8NN_AVX512_INLINE const uint8_t* q8nn_avx512_row(const uint8_t* row, size_t input_offset,
                                                  const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
