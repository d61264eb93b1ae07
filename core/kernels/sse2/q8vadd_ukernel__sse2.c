#include "q8nn/ukernels.h"
#include "sse2-common.h"

// 8 elements of one input as float (a - zp) * multiplier, low and high halves.
static inline void q8nn_sse2_vadd_scale(__m128i v8, __m128i vzp, __m128 vm, __m128* lo,
                                        __m128* hi) {
  const __m128i v = _mm_sub_epi16(_mm_unpacklo_epi8(v8, _mm_setzero_si128()), vzp);
  *lo = _mm_mul_ps(_mm_cvtepi32_ps(q8nn_sse2_i16lo_to_i32(v)), vm);
  *hi = _mm_mul_ps(_mm_cvtepi32_ps(q8nn_sse2_i16hi_to_i32(v)), vm);
}

static inline __m128i q8nn_sse2_vadd8(__m128i va8, __m128i vb8, __m128i vazp, __m128i vbzp,
                                      __m128 vam, __m128 vbm, const struct q8nn_sse2_output* o) {
  __m128 fal, fah, fbl, fbh;
  q8nn_sse2_vadd_scale(va8, vazp, vam, &fal, &fah);
  q8nn_sse2_vadd_scale(vb8, vbzp, vbm, &fbl, &fbh);
  // Two rounded products, then their rounded sum, as in the scalar kernel.
  const __m128i vq = _mm_packs_epi32(q8nn_sse2_output_round(_mm_add_ps(fal, fbl), o),
                                     q8nn_sse2_output_round(_mm_add_ps(fah, fbh), o));
  return _mm_packus_epi16(vq, vq);
}

void q8vadd_ukernel__sse2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params) {
  const __m128i vazp = _mm_set1_epi16((short)params->a_zero_point);
  const __m128i vbzp = _mm_set1_epi16((short)params->b_zero_point);
  const __m128 vam = _mm_set1_ps(params->a_multiplier);
  const __m128 vbm = _mm_set1_ps(params->b_multiplier);
  const struct q8nn_sse2_output o = q8nn_sse2_output_init(&params->output);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m128i vy =
        q8nn_sse2_vadd8(q8nn_sse2_load8(a + i), q8nn_sse2_load8(b + i), vazp, vbzp, vam, vbm, &o);
    _mm_storel_epi64((__m128i*)(y + i), vy);
  }
  if (i < n) {
    const size_t r = n - i;
    const __m128i vy = q8nn_sse2_vadd8(q8nn_sse2_load_tail(a + i, r, i),
                                       q8nn_sse2_load_tail(b + i, r, i), vazp, vbzp, vam, vbm, &o);
    q8nn_sse2_store_tail(y + i, vy, r);
  }
}
