// Depthwise helpers of channel tile 8 on u8 weights (the multipass kernel).
// Taps go in pairs: interleaving two taps' int16 values lets pmaddwd form
// x_t * w_t + x_t1 * w_t1 exactly in each int32 lane.
#pragma once

#include "gemm-4x4c2-sse2.h"

#define Q8NN_DW_CR 8

// acc_lo/acc_hi (channels 0-3 / 4-7) += taps pair (or single tap) products;
// vi*, vw* are 8 channels of int16 (zero points subtracted).
static inline void q8nn_sse2_dw_pair(__m128i* acc_lo, __m128i* acc_hi, __m128i vi0, __m128i vi1,
                                     __m128i vw0, __m128i vw1) {
  *acc_lo = _mm_add_epi32(
      *acc_lo, _mm_madd_epi16(_mm_unpacklo_epi16(vi0, vi1), _mm_unpacklo_epi16(vw0, vw1)));
  *acc_hi = _mm_add_epi32(
      *acc_hi, _mm_madd_epi16(_mm_unpackhi_epi16(vi0, vi1), _mm_unpackhi_epi16(vw0, vw1)));
}

static inline __m128i q8nn_sse2_widen_sub(__m128i v8, __m128i zp) {
  return _mm_sub_epi16(_mm_unpacklo_epi8(v8, _mm_setzero_si128()), zp);
}

// Sums of one block of 8 channels at offset c of the rows i[0..taps); `n` < 8
// means a tail block (rows end at c + n, c bytes before).
static inline void q8nn_sse2_dw_block(__m128i* acc_lo, __m128i* acc_hi, const uint8_t** i,
                                      size_t taps, size_t c, size_t n, const uint8_t* wt,
                                      const struct q8nn_sse2_conv* p) {
  size_t t = 0;
  if (n == Q8NN_DW_CR) {
    for (; t + 2 <= taps; t += 2) {
      const __m128i vi0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(i[t] + c), p->izp);
      const __m128i vi1 = q8nn_sse2_widen_sub(q8nn_sse2_load8(i[t + 1] + c), p->izp);
      const __m128i vw0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8), p->kzp);
      const __m128i vw1 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8 + 8), p->kzp);
      q8nn_sse2_dw_pair(acc_lo, acc_hi, vi0, vi1, vw0, vw1);
    }
    if (t < taps) {
      const __m128i vi0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(i[t] + c), p->izp);
      const __m128i vw0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8), p->kzp);
      q8nn_sse2_dw_pair(acc_lo, acc_hi, vi0, _mm_setzero_si128(), vw0, vw0);
    }
  } else {
    for (; t + 2 <= taps; t += 2) {
      const __m128i vi0 = q8nn_sse2_widen_sub(q8nn_sse2_load_tail(i[t] + c, n, c), p->izp);
      const __m128i vi1 = q8nn_sse2_widen_sub(q8nn_sse2_load_tail(i[t + 1] + c, n, c), p->izp);
      const __m128i vw0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8), p->kzp);
      const __m128i vw1 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8 + 8), p->kzp);
      q8nn_sse2_dw_pair(acc_lo, acc_hi, vi0, vi1, vw0, vw1);
    }
    if (t < taps) {
      const __m128i vi0 = q8nn_sse2_widen_sub(q8nn_sse2_load_tail(i[t] + c, n, c), p->izp);
      const __m128i vw0 = q8nn_sse2_widen_sub(q8nn_sse2_load8(wt + t * 8), p->kzp);
      q8nn_sse2_dw_pair(acc_lo, acc_hi, vi0, _mm_setzero_si128(), vw0, vw0);
    }
  }
}

static inline __m128i q8nn_sse2_dw_requantize(__m128i acc_lo, __m128i acc_hi,
                                              const struct q8nn_sse2_conv* p) {
  const __m128i vq = _mm_packs_epi32(q8nn_sse2_requantize(acc_lo, p->scale, &p->out),
                                     q8nn_sse2_requantize(acc_hi, p->scale, &p->out));
  return _mm_packus_epi16(vq, vq);
}
