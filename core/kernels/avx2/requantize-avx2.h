// The fp32 requantization rule (params.h) on 8 int32 lanes, and the small
// helpers shared by the AVX2 kernels. Bit-exact with q8nn_requantize_fp32:
// clamp in float to integer bounds, then magic-bias rounding (half to even in
// the default MXCSR mode), the zero point folded into the subtracted bits.
// The result is in [output_min, output_max], so saturating packs are exact.
#pragma once

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/params.h"

#define Q8NN_AVX2_INLINE static inline __attribute__((always_inline))

struct q8nn_avx2_requant {
  __m256 scale;
  __m256 min;  // output_min - zero point
  __m256 max;  // output_max - zero point
  __m256 magic_bias;
  __m256i magic_less_zp;
};

Q8NN_AVX2_INLINE struct q8nn_avx2_requant q8nn_avx2_requant_init(
    const struct q8nn_conv_params* params) {
  struct q8nn_avx2_requant r;
  r.scale = _mm256_set1_ps(params->scale);
  r.min = _mm256_set1_ps(params->output.min_less_zero_point);
  r.max = _mm256_set1_ps(params->output.max_less_zero_point);
  r.magic_bias = _mm256_set1_ps(params->output.magic_bias);
  r.magic_less_zp = _mm256_set1_epi32(params->output.magic_bias_less_zero_point);
  return r;
}

// 8 accumulators to 8 int32 outputs in [output_min, output_max].
Q8NN_AVX2_INLINE __m256i q8nn_avx2_requantize_epi32(__m256i acc,
                                                    const struct q8nn_avx2_requant* r) {
  __m256 f = _mm256_mul_ps(_mm256_cvtepi32_ps(acc), r->scale);
  f = _mm256_min_ps(_mm256_max_ps(f, r->min), r->max);
  return _mm256_sub_epi32(_mm256_castps_si256(_mm256_add_ps(f, r->magic_bias)), r->magic_less_zp);
}

// The 16 output bytes of two groups of 8 accumulators (a first).
Q8NN_AVX2_INLINE __m128i q8nn_avx2_requantize16(__m256i a, __m256i b,
                                                const struct q8nn_avx2_requant* r) {
  // packs works within 128-bit lanes: [a0-3 b0-3 | a4-7 b4-7] -> [a0-3 a4-7 | b0-3 b4-7].
  const __m256i p = _mm256_permute4x64_epi64(
      _mm256_packs_epi32(q8nn_avx2_requantize_epi32(a, r), q8nn_avx2_requantize_epi32(b, r)), 0xD8);
  return _mm_packus_epi16(_mm256_castsi256_si128(p), _mm256_extracti128_si256(p, 1));
}

// The 8 output bytes of 8 accumulators, in the low half.
Q8NN_AVX2_INLINE __m128i q8nn_avx2_requantize8(__m256i a, const struct q8nn_avx2_requant* r) {
  const __m256i q = q8nn_avx2_requantize_epi32(a, r);
  const __m128i h = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
  return _mm_packus_epi16(h, h);
}

// Stores the first n (< 16) bytes of v, writing nothing else.
Q8NN_AVX2_INLINE void q8nn_avx2_store_tail(uint8_t* p, __m128i v, size_t n) {
  if (n & 8) {
    _mm_storel_epi64((__m128i*)p, v);
    v = _mm_unpackhi_epi64(v, v);
    p += 8;
  }
  uint64_t x = (uint64_t)_mm_cvtsi128_si64(v);
  if (n & 4) {
    const uint32_t t = (uint32_t)x;
    memcpy(p, &t, 4);
    x >>= 32;
    p += 4;
  }
  if (n & 2) {
    const uint16_t t = (uint16_t)x;
    memcpy(p, &t, 2);
    x >>= 16;
    p += 2;
  }
  if (n & 1) *p = (uint8_t)x;
}

// Loads the n (< 8) bytes at p into the low bytes of a uint64 (the rest 0),
// reading only [p, p + n).
Q8NN_AVX2_INLINE uint64_t q8nn_avx2_load_tail8(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  unsigned s = 0;
  if (n & 4) {
    uint32_t t;
    memcpy(&t, p, 4);
    v = t;
    p += 4;
    s = 32;
  }
  if (n & 2) {
    uint16_t t;
    memcpy(&t, p, 2);
    v |= (uint64_t)t << s;
    p += 2;
    s += 16;
  }
  if (n & 1) v |= (uint64_t)*p << s;
  return v;
}

Q8NN_AVX2_INLINE const uint8_t* q8nn_avx2_row(const uint8_t* row, size_t input_offset,
                                              const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
