// The 4x4c2 tile shared by the SSE2 gemm and igemm kernels. Exact 16-bit
// arithmetic: a and w widened to int16 minus their zero points, pmaddwd sums
// pairs of k into int32 lanes (one lane per output channel).
#pragma once

#include "sse2-common.h"

struct q8nn_sse2_conv {
  __m128i izp, kzp;
  __m128 scale;
  struct q8nn_sse2_output out;
  struct q8nn_sse2_u8_output u8;
};

static inline struct q8nn_sse2_conv q8nn_sse2_conv_init(const struct q8nn_conv_params* params) {
  struct q8nn_sse2_conv r;
  r.izp = _mm_set1_epi16((short)params->input_zero_point);
  r.kzp = _mm_set1_epi16((short)params->kernel_zero_point);
  r.scale = _mm_set1_ps(params->scale);
  r.out = q8nn_sse2_output_init(&params->output);
  r.u8 = q8nn_sse2_u8_output_init(&params->output);
  return r;
}

#define Q8NN_MADD_GROUP(g, vxb)                                                        \
  vacc0 = _mm_add_epi32(vacc0, _mm_madd_epi16(_mm_shuffle_epi32(va0, (g)*0x55), vxb)); \
  vacc1 = _mm_add_epi32(vacc1, _mm_madd_epi16(_mm_shuffle_epi32(va1, (g)*0x55), vxb)); \
  vacc2 = _mm_add_epi32(vacc2, _mm_madd_epi16(_mm_shuffle_epi32(va2, (g)*0x55), vxb)); \
  vacc3 = _mm_add_epi32(vacc3, _mm_madd_epi16(_mm_shuffle_epi32(va3, (g)*0x55), vxb));

// Adds kc products of rows a0..a3 with a 4-channel panel (KR = 2); returns the
// panel's end (round_up(kc, 2) * 4 bytes further).
static inline const uint8_t* q8nn_sse2_4x4c2_accumulate(__m128i acc[4], const uint8_t* a0,
                                                        const uint8_t* a1, const uint8_t* a2,
                                                        const uint8_t* a3, size_t kc,
                                                        const uint8_t* w,
                                                        const struct q8nn_sse2_conv* p) {
  const __m128i vzero = _mm_setzero_si128();
  const __m128i vizp = p->izp, vkzp = p->kzp;
  __m128i vacc0 = acc[0], vacc1 = acc[1], vacc2 = acc[2], vacc3 = acc[3];
  size_t k = kc;
  for (; k >= 8; k -= 8) {
    const __m128i va0 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a0), vzero), vizp);
    const __m128i va1 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a1), vzero), vizp);
    const __m128i va2 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a2), vzero), vizp);
    const __m128i va3 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a3), vzero), vizp);
    a0 += 8, a1 += 8, a2 += 8, a3 += 8;
    const __m128i vb01 = _mm_loadu_si128((const __m128i*)w);
    const __m128i vb23 = _mm_loadu_si128((const __m128i*)(w + 16));
    w += 32;
    const __m128i vxb0 = _mm_sub_epi16(_mm_unpacklo_epi8(vb01, vzero), vkzp);
    Q8NN_MADD_GROUP(0, vxb0)
    const __m128i vxb1 = _mm_sub_epi16(_mm_unpackhi_epi8(vb01, vzero), vkzp);
    Q8NN_MADD_GROUP(1, vxb1)
    const __m128i vxb2 = _mm_sub_epi16(_mm_unpacklo_epi8(vb23, vzero), vkzp);
    Q8NN_MADD_GROUP(2, vxb2)
    const __m128i vxb3 = _mm_sub_epi16(_mm_unpackhi_epi8(vb23, vzero), vkzp);
    Q8NN_MADD_GROUP(3, vxb3)
  }
  if (k != 0) {
    // 1..7 bytes left: lanes past k read zeros; only their own groups are used,
    // and an odd last k pairs with a padding weight (= kzp, so 0).
    const size_t before = kc - k;
    const __m128i va0 =
        _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load_tail(a0, k, before), vzero), vizp);
    const __m128i va1 =
        _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load_tail(a1, k, before), vzero), vizp);
    const __m128i va2 =
        _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load_tail(a2, k, before), vzero), vizp);
    const __m128i va3 =
        _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load_tail(a3, k, before), vzero), vizp);
    const __m128i vb01 = _mm_loadu_si128((const __m128i*)w);  // packed weights have slack
    const __m128i vxb0 = _mm_sub_epi16(_mm_unpacklo_epi8(vb01, vzero), vkzp);
    Q8NN_MADD_GROUP(0, vxb0)
    if (k > 2) {
      const __m128i vxb1 = _mm_sub_epi16(_mm_unpackhi_epi8(vb01, vzero), vkzp);
      Q8NN_MADD_GROUP(1, vxb1)
      if (k > 4) {
        const __m128i vb23 = _mm_loadu_si128((const __m128i*)(w + 16));
        const __m128i vxb2 = _mm_sub_epi16(_mm_unpacklo_epi8(vb23, vzero), vkzp);
        Q8NN_MADD_GROUP(2, vxb2)
        if (k > 6) {
          const __m128i vxb3 = _mm_sub_epi16(_mm_unpackhi_epi8(vb23, vzero), vkzp);
          Q8NN_MADD_GROUP(3, vxb3)
        }
      }
    }
    w += (k + 1) / 2 * 8;
  }
  acc[0] = vacc0, acc[1] = vacc1, acc[2] = vacc2, acc[3] = vacc3;
  return w;
}

#undef Q8NN_MADD_GROUP

// Requantizes the tile and stores its first n (<= 4) columns to rows c0..c3.
// Rows are stored last to first, so that duplicated row pointers (mr < 4)
// keep the values of the lowest row.
static inline void q8nn_sse2_4x4_store(const __m128i acc[4], size_t n, uint8_t* c0, uint8_t* c1,
                                       uint8_t* c2, uint8_t* c3, const struct q8nn_sse2_conv* p) {
  const __m128i vq0 = q8nn_sse2_requantize(acc[0], p->scale, &p->out);
  const __m128i vq1 = q8nn_sse2_requantize(acc[1], p->scale, &p->out);
  const __m128i vq2 = q8nn_sse2_requantize(acc[2], p->scale, &p->out);
  const __m128i vq3 = q8nn_sse2_requantize(acc[3], p->scale, &p->out);
  const __m128i vout = _mm_packus_epi16(_mm_packs_epi32(vq0, vq1), _mm_packs_epi32(vq2, vq3));
  if (n == 4) {
    q8nn_sse2_store4(c3, _mm_srli_si128(vout, 12));
    q8nn_sse2_store4(c2, _mm_srli_si128(vout, 8));
    q8nn_sse2_store4(c1, _mm_srli_si128(vout, 4));
    q8nn_sse2_store4(c0, vout);
  } else {
    q8nn_sse2_store_tail(c3, _mm_srli_si128(vout, 12), n);
    q8nn_sse2_store_tail(c2, _mm_srli_si128(vout, 8), n);
    q8nn_sse2_store_tail(c1, _mm_srli_si128(vout, 4), n);
    q8nn_sse2_store_tail(c0, vout, n);
  }
}

// Starts the accumulators from the 4 biases at w; returns the first weight byte.
static inline const uint8_t* q8nn_sse2_4x4_init(__m128i acc[4], const uint8_t* w) {
  const __m128i vbias = _mm_loadu_si128((const __m128i*)w);
  acc[0] = acc[1] = acc[2] = acc[3] = vbias;
  return w + 16;
}
