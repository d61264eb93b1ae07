// vadd, 32 elements per iteration, then groups of 8 and a partial group that
// touch nothing outside the rows.
//
// The 32-element blocks make floats without a conversion: unpacking byte x
// under the bits 0x4B00_00 gives the float 2^23 + x, and subtracting 2^23 +
// zero point is exact. Then two separately rounded products (no FMA), their
// sum, and magic-bias rounding (half to even in the default MXCSR mode).
//
// The magic bias rounds exactly while |sum| < 2^22, which multipliers up to
// 2^13 guarantee; the output clamps are then done on bytes (rounding is
// monotonic and the bounds are integers, and the saturating packs keep every
// value beyond a bound beyond it). Larger multipliers clamp in float first,
// as requantize-avx2.h does.
#include <math.h>
#include <stdbool.h>

#include "q8nn/ukernels.h"
#include "requantize-avx2.h"

struct q8nn_avx2_vadd {
  __m256i magic_hi;  // 0x4B00 in the high half of each 32-bit lane
  __m256 a_bias;     // 2^23 + a_zero_point
  __m256 b_bias;
  __m256i a_zero_point;
  __m256i b_zero_point;
  __m256 a_multiplier;
  __m256 b_multiplier;
  __m256 min;  // output_min - zero point
  __m256 max;  // output_max - zero point
  __m256 magic_bias;
  __m256i magic_less_zp;
  __m256i min8;  // output_min bytes
  __m256i max8;  // output_max bytes
};

// The output rule on 8 sums, as int32 (in [output_min, output_max] with the
// float clamp, else saturated by the packs and clamped on bytes).
Q8NN_AVX2_INLINE __m256i q8nn_avx2_vadd_round(__m256 x, const struct q8nn_avx2_vadd* p,
                                              bool float_clamp) {
  if (float_clamp) x = _mm256_min_ps(_mm256_max_ps(x, p->min), p->max);
  return _mm256_sub_epi32(_mm256_castps_si256(_mm256_add_ps(x, p->magic_bias)), p->magic_less_zp);
}

// 32 bytes to four vectors of 8 floats 2^23 + x: byte 4 k + i of 128-bit lane
// L goes to float 4 L + i of vector k (the packs put them back in order).
Q8NN_AVX2_INLINE void q8nn_avx2_vadd_widen(__m256i v, __m256i magic_hi, __m256 f[4]) {
  const __m256i lo = _mm256_unpacklo_epi8(v, _mm256_setzero_si256());
  const __m256i hi = _mm256_unpackhi_epi8(v, _mm256_setzero_si256());
  f[0] = _mm256_castsi256_ps(_mm256_unpacklo_epi16(lo, magic_hi));
  f[1] = _mm256_castsi256_ps(_mm256_unpackhi_epi16(lo, magic_hi));
  f[2] = _mm256_castsi256_ps(_mm256_unpacklo_epi16(hi, magic_hi));
  f[3] = _mm256_castsi256_ps(_mm256_unpackhi_epi16(hi, magic_hi));
}

// The 32 output bytes of 32 elements.
Q8NN_AVX2_INLINE __m256i q8nn_avx2_vadd32(__m256i va, __m256i vb, const struct q8nn_avx2_vadd* p,
                                          bool float_clamp) {
  __m256 fa[4], fb[4];
  q8nn_avx2_vadd_widen(va, p->magic_hi, fa);
  q8nn_avx2_vadd_widen(vb, p->magic_hi, fb);
  __m256i q[4];
  for (int k = 0; k < 4; k++) {
    const __m256 xa = _mm256_mul_ps(_mm256_sub_ps(fa[k], p->a_bias), p->a_multiplier);
    const __m256 xb = _mm256_mul_ps(_mm256_sub_ps(fb[k], p->b_bias), p->b_multiplier);
    q[k] = q8nn_avx2_vadd_round(_mm256_add_ps(xa, xb), p, float_clamp);
  }
  const __m256i v =
      _mm256_packus_epi16(_mm256_packs_epi32(q[0], q[1]), _mm256_packs_epi32(q[2], q[3]));
  return _mm256_min_epu8(_mm256_max_epu8(v, p->min8), p->max8);
}

// The 8 output bytes (low half) of the 8 elements in the low halves of a8, b8.
Q8NN_AVX2_INLINE __m128i q8nn_avx2_vadd8(__m128i a8, __m128i b8, const struct q8nn_avx2_vadd* p,
                                         bool float_clamp) {
  const __m256i a = _mm256_sub_epi32(_mm256_cvtepu8_epi32(a8), p->a_zero_point);
  const __m256i b = _mm256_sub_epi32(_mm256_cvtepu8_epi32(b8), p->b_zero_point);
  const __m256 xa = _mm256_mul_ps(_mm256_cvtepi32_ps(a), p->a_multiplier);
  const __m256 xb = _mm256_mul_ps(_mm256_cvtepi32_ps(b), p->b_multiplier);
  const __m256i q = q8nn_avx2_vadd_round(_mm256_add_ps(xa, xb), p, float_clamp);
  const __m128i h = _mm_packs_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
  const __m128i v = _mm_packus_epi16(h, h);
  return _mm_min_epu8(_mm_max_epu8(v, _mm256_castsi256_si128(p->min8)),
                      _mm256_castsi256_si128(p->max8));
}

Q8NN_AVX2_INLINE __m128i q8nn_avx2_vadd_load8(const uint8_t* p) {
  return _mm_loadl_epi64((const __m128i*)p);
}

Q8NN_AVX2_INLINE void q8nn_avx2_vadd(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                                     const struct q8nn_avx2_vadd* p, bool float_clamp) {
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const __m256i va = _mm256_loadu_si256((const __m256i*)(a + i));
    const __m256i vb = _mm256_loadu_si256((const __m256i*)(b + i));
    _mm256_storeu_si256((__m256i*)(y + i), q8nn_avx2_vadd32(va, vb, p, float_clamp));
  }
  for (; i + 8 <= n; i += 8) {
    const __m128i v =
        q8nn_avx2_vadd8(q8nn_avx2_vadd_load8(a + i), q8nn_avx2_vadd_load8(b + i), p, float_clamp);
    _mm_storel_epi64((__m128i*)(y + i), v);
  }
  if (i < n) {
    const size_t r = n - i;
    __m128i a8, b8;
    if (i != 0) {
      // The 8 bytes ending at the end of the rows, shifted down (the bytes
      // shifted out may already hold outputs when y aliases a or b).
      const __m128i shift = _mm_cvtsi32_si128((int)(8 - r) * 8);
      a8 = _mm_srl_epi64(q8nn_avx2_vadd_load8(a + n - 8), shift);
      b8 = _mm_srl_epi64(q8nn_avx2_vadd_load8(b + n - 8), shift);
    } else {
      a8 = _mm_cvtsi64_si128((long long)q8nn_avx2_load_tail8(a, r));
      b8 = _mm_cvtsi64_si128((long long)q8nn_avx2_load_tail8(b, r));
    }
    q8nn_avx2_store_tail(y + i, q8nn_avx2_vadd8(a8, b8, p, float_clamp), r);
  }
}

void q8vadd_ukernel__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params) {
  struct q8nn_avx2_vadd p;
  p.magic_hi = _mm256_set1_epi16(0x4B00);
  p.a_bias = _mm256_set1_ps(8388608.0f + (float)params->a_zero_point);
  p.b_bias = _mm256_set1_ps(8388608.0f + (float)params->b_zero_point);
  p.a_zero_point = _mm256_set1_epi32(params->a_zero_point);
  p.b_zero_point = _mm256_set1_epi32(params->b_zero_point);
  p.a_multiplier = _mm256_set1_ps(params->a_multiplier);
  p.b_multiplier = _mm256_set1_ps(params->b_multiplier);
  p.min = _mm256_set1_ps(params->output.min_less_zero_point);
  p.max = _mm256_set1_ps(params->output.max_less_zero_point);
  p.magic_bias = _mm256_set1_ps(params->output.magic_bias);
  p.magic_less_zp = _mm256_set1_epi32(params->output.magic_bias_less_zero_point);
  p.min8 = _mm256_set1_epi8((char)params->output.min);
  p.max8 = _mm256_set1_epi8((char)params->output.max);
  // Up to 2^13 each: |sum| <= 255 * 2^14 < 2^22.
  if (fabsf(params->a_multiplier) <= 0x1p13f && fabsf(params->b_multiplier) <= 0x1p13f) {
    q8nn_avx2_vadd(n, a, b, y, &p, /*float_clamp=*/false);
  } else {
    q8nn_avx2_vadd(n, a, b, y, &p, /*float_clamp=*/true);
  }
}
