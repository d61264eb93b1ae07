// vadd, 64 elements per iteration (tail: masked loads and store).
//
// Inputs become floats without a conversion: unpacking byte x under the bits
// 0x4B00_00 gives the float 2^23 + x, and subtracting 2^23 + zero point is
// exact. Then two separately rounded products (no FMA), their sum, and
// rounding half to even by embedded rounding (MXCSR does not matter).
//
// The output clamps are done on bytes: rounding is monotonic and the bounds
// are integers, so clamping the rounded sum gives what the float clamp does,
// and the saturating packs (int32 -> int16, + zero point, -> uint8) keep
// every value beyond a bound beyond it. A sum beyond int32 would convert to
// INT32_MIN, so with multipliers above 2^22 the sums are first clamped above
// in float (below, INT32_MIN is right).
#include <math.h>
#include <stdbool.h>

#include "q8nn/ukernels.h"
#include "requantize-avx512.h"

struct q8nn_avx512_vadd {
  __m512i magic_hi;  // 0x4B00 in the high half of each 32-bit lane
  __m512 a_bias;     // 2^23 + a_zero_point
  __m512 b_bias;
  __m512 a_multiplier;
  __m512 b_multiplier;
  __m512 max;          // output_max - zero point
  __m512i zero_point;  // int16 lanes
  __m512i min8;        // output_min bytes
  __m512i max8;        // output_max bytes
};

// 64 bytes to four vectors of 16 floats 2^23 + x: byte 4 k + i of 128-bit lane
// L goes to float 4 L + i of vector k (the packs put them back in order).
Q8NN_AVX512_INLINE void q8nn_avx512_vadd_widen(__m512i v, __m512i magic_hi, __m512 f[4]) {
  const __m512i lo = _mm512_unpacklo_epi8(v, _mm512_setzero_si512());
  const __m512i hi = _mm512_unpackhi_epi8(v, _mm512_setzero_si512());
  f[0] = _mm512_castsi512_ps(_mm512_unpacklo_epi16(lo, magic_hi));
  f[1] = _mm512_castsi512_ps(_mm512_unpackhi_epi16(lo, magic_hi));
  f[2] = _mm512_castsi512_ps(_mm512_unpacklo_epi16(hi, magic_hi));
  f[3] = _mm512_castsi512_ps(_mm512_unpackhi_epi16(hi, magic_hi));
}

// The 64 output bytes of 64 elements. float_clamp: see the top comment.
Q8NN_AVX512_INLINE __m512i q8nn_avx512_vadd64(__m512i va, __m512i vb,
                                              const struct q8nn_avx512_vadd* p, bool float_clamp) {
  __m512 fa[4], fb[4];
  q8nn_avx512_vadd_widen(va, p->magic_hi, fa);
  q8nn_avx512_vadd_widen(vb, p->magic_hi, fb);
  __m512i q[4];
  for (int k = 0; k < 4; k++) {
    const __m512 xa = _mm512_mul_ps(_mm512_sub_ps(fa[k], p->a_bias), p->a_multiplier);
    const __m512 xb = _mm512_mul_ps(_mm512_sub_ps(fb[k], p->b_bias), p->b_multiplier);
    __m512 x = _mm512_add_ps(xa, xb);
    if (float_clamp) x = _mm512_min_ps(x, p->max);
    q[k] = _mm512_cvt_roundps_epi32(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  }
  const __m512i h01 = _mm512_adds_epi16(_mm512_packs_epi32(q[0], q[1]), p->zero_point);
  const __m512i h23 = _mm512_adds_epi16(_mm512_packs_epi32(q[2], q[3]), p->zero_point);
  const __m512i v = _mm512_packus_epi16(h01, h23);
  return _mm512_min_epu8(_mm512_max_epu8(v, p->min8), p->max8);
}

Q8NN_AVX512_INLINE void q8nn_avx512_vadd(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                                         const struct q8nn_avx512_vadd* p, bool float_clamp) {
  for (; n >= 64; n -= 64) {
    const __m512i va = _mm512_loadu_si512(a);
    const __m512i vb = _mm512_loadu_si512(b);
    _mm512_storeu_si512(y, q8nn_avx512_vadd64(va, vb, p, float_clamp));
    a += 64;
    b += 64;
    y += 64;
  }
  if (n != 0) {
    const __mmask64 k = q8nn_avx512_mask64(n);
    const __m512i va = _mm512_maskz_loadu_epi8(k, a);
    const __m512i vb = _mm512_maskz_loadu_epi8(k, b);
    _mm512_mask_storeu_epi8(y, k, q8nn_avx512_vadd64(va, vb, p, float_clamp));
  }
}

void q8vadd_ukernel__avx512vnni(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                                const struct q8nn_add_params* params) {
  struct q8nn_avx512_vadd p;
  p.magic_hi = _mm512_set1_epi16(0x4B00);
  p.a_bias = _mm512_set1_ps(8388608.0f + (float)params->a_zero_point);
  p.b_bias = _mm512_set1_ps(8388608.0f + (float)params->b_zero_point);
  p.a_multiplier = _mm512_set1_ps(params->a_multiplier);
  p.b_multiplier = _mm512_set1_ps(params->b_multiplier);
  p.max = _mm512_set1_ps(params->output.max_less_zero_point);
  p.zero_point = _mm512_set1_epi16((short)params->output.zero_point);
  p.min8 = _mm512_set1_epi8((char)params->output.min);
  p.max8 = _mm512_set1_epi8((char)params->output.max);
  // Up to 2^22 each: |sum| <= 255 * 2^23 < 2^31, the conversion cannot overflow.
  if (fabsf(params->a_multiplier) <= 0x1p22f && fabsf(params->b_multiplier) <= 0x1p22f) {
    q8nn_avx512_vadd(n, a, b, y, &p, /*float_clamp=*/false);
  } else {
    q8nn_avx512_vadd(n, a, b, y, &p, /*float_clamp=*/true);
  }
}
