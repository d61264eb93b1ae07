// The 4x8c2 tile shared by the SSE2 gemm and igemm kernels: like 4x4c2, but
// each broadcast pair of A feeds two pmaddwd (8 channels), which amortises
// the shuffles and the widening of A over twice the products.
#pragma once

#include "gemm-4x4c2-sse2.h"

#define Q8NN_MADD_GROUP8(g, vxbl, vxbh)                       \
  do {                                                        \
    __m128i vs;                                               \
    vs = _mm_shuffle_epi32(va0, (g)*0x55);                    \
    vacc0l = _mm_add_epi32(vacc0l, _mm_madd_epi16(vs, vxbl)); \
    vacc0h = _mm_add_epi32(vacc0h, _mm_madd_epi16(vs, vxbh)); \
    vs = _mm_shuffle_epi32(va1, (g)*0x55);                    \
    vacc1l = _mm_add_epi32(vacc1l, _mm_madd_epi16(vs, vxbl)); \
    vacc1h = _mm_add_epi32(vacc1h, _mm_madd_epi16(vs, vxbh)); \
    vs = _mm_shuffle_epi32(va2, (g)*0x55);                    \
    vacc2l = _mm_add_epi32(vacc2l, _mm_madd_epi16(vs, vxbl)); \
    vacc2h = _mm_add_epi32(vacc2h, _mm_madd_epi16(vs, vxbh)); \
    vs = _mm_shuffle_epi32(va3, (g)*0x55);                    \
    vacc3l = _mm_add_epi32(vacc3l, _mm_madd_epi16(vs, vxbl)); \
    vacc3h = _mm_add_epi32(vacc3h, _mm_madd_epi16(vs, vxbh)); \
  } while (0)

// One group of 2 k for 8 channels: 16 weight bytes at wg.
#define Q8NN_GROUP8(g, wg)                                                  \
  do {                                                                      \
    const __m128i vb = _mm_loadu_si128((const __m128i*)(wg));               \
    const __m128i vxbl = _mm_sub_epi16(_mm_unpacklo_epi8(vb, vzero), vkzp); \
    const __m128i vxbh = _mm_sub_epi16(_mm_unpackhi_epi8(vb, vzero), vkzp); \
    Q8NN_MADD_GROUP8(g, vxbl, vxbh);                                        \
  } while (0)

// acc[2 * r] holds channels 0-3 of row r, acc[2 * r + 1] channels 4-7.
static inline const uint8_t* q8nn_sse2_4x8c2_accumulate(__m128i acc[8], const uint8_t* a0,
                                                        const uint8_t* a1, const uint8_t* a2,
                                                        const uint8_t* a3, size_t kc,
                                                        const uint8_t* w,
                                                        const struct q8nn_sse2_conv* p) {
  const __m128i vzero = _mm_setzero_si128();
  const __m128i vizp = p->izp, vkzp = p->kzp;
  __m128i vacc0l = acc[0], vacc0h = acc[1], vacc1l = acc[2], vacc1h = acc[3];
  __m128i vacc2l = acc[4], vacc2h = acc[5], vacc3l = acc[6], vacc3h = acc[7];
  size_t k = kc;
  for (; k >= 8; k -= 8) {
    const __m128i va0 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a0), vzero), vizp);
    const __m128i va1 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a1), vzero), vizp);
    const __m128i va2 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a2), vzero), vizp);
    const __m128i va3 = _mm_sub_epi16(_mm_unpacklo_epi8(q8nn_sse2_load8(a3), vzero), vizp);
    a0 += 8, a1 += 8, a2 += 8, a3 += 8;
    Q8NN_GROUP8(0, w);
    Q8NN_GROUP8(1, w + 16);
    Q8NN_GROUP8(2, w + 32);
    Q8NN_GROUP8(3, w + 48);
    w += 64;
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
    Q8NN_GROUP8(0, w);
    if (k > 2) {
      Q8NN_GROUP8(1, w + 16);
      if (k > 4) {
        Q8NN_GROUP8(2, w + 32);
        if (k > 6) Q8NN_GROUP8(3, w + 48);
      }
    }
    w += (k + 1) / 2 * 16;
  }
  acc[0] = vacc0l, acc[1] = vacc0h, acc[2] = vacc1l, acc[3] = vacc1h;
  acc[4] = vacc2l, acc[5] = vacc2h, acc[6] = vacc3l, acc[7] = vacc3h;
  return w;
}

#undef Q8NN_GROUP8
#undef Q8NN_MADD_GROUP8

static inline const uint8_t* q8nn_sse2_4x8_init(__m128i acc[8], const uint8_t* w) {
  const __m128i vbl = _mm_loadu_si128((const __m128i*)w);
  const __m128i vbh = _mm_loadu_si128((const __m128i*)(w + 16));
  acc[0] = acc[2] = acc[4] = acc[6] = vbl;
  acc[1] = acc[3] = acc[5] = acc[7] = vbh;
  return w + 32;
}

// Requantizes and stores the first n (<= 8) columns, rows last to first.
static inline void q8nn_sse2_4x8_store(const __m128i acc[8], size_t n, uint8_t* c0, uint8_t* c1,
                                       uint8_t* c2, uint8_t* c3, const struct q8nn_sse2_conv* p) {
  __m128i vq[8];
  for (int i = 0; i < 8; i++) vq[i] = q8nn_sse2_requantize(acc[i], p->scale, &p->out);
  const __m128i vout01 =
      _mm_packus_epi16(_mm_packs_epi32(vq[0], vq[1]), _mm_packs_epi32(vq[2], vq[3]));
  const __m128i vout23 =
      _mm_packus_epi16(_mm_packs_epi32(vq[4], vq[5]), _mm_packs_epi32(vq[6], vq[7]));
  if (n == 8) {
    _mm_storel_epi64((__m128i*)c3, _mm_srli_si128(vout23, 8));
    _mm_storel_epi64((__m128i*)c2, vout23);
    _mm_storel_epi64((__m128i*)c1, _mm_srli_si128(vout01, 8));
    _mm_storel_epi64((__m128i*)c0, vout01);
  } else {
    q8nn_sse2_store_tail(c3, _mm_srli_si128(vout23, 8), n);
    q8nn_sse2_store_tail(c2, vout23, n);
    q8nn_sse2_store_tail(c1, _mm_srli_si128(vout01, 8), n);
    q8nn_sse2_store_tail(c0, vout01, n);
  }
}
