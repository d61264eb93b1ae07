// The MR x 8 c8 tile shared by the AVX2 gemm and igemm kernels, on
// q8nn_gemm_packing_s8_folded weights with KR = 8 (bytes w - 128, the input
// zero point folded into the biases):
//   acc = packed_bias + sum a * (w - 128) + (128 - kernel_zero_point) * sum a.
// Per group of 8 k-values, a row's 8 bytes are widened to int16 and broadcast
// to both 128-bit lanes; 16 bytes of weights are 8 k-values of 2 channels,
// sign-extended. vpmaddwd is exact on these values (no vpmaddubsw, which
// saturates). acc[i][q] holds 4 partial sums of channel 2q (low lane) and of
// channel 2q+1 (high lane), reduced once per tile. The last term is computed
// once per call, only when kernel_zero_point != 128. With no zero-point
// constants, the 3 x 8 tile's 12 accumulators, 3 rows and 1 weight vector fit
// the 16 ymm registers.
#pragma once

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "requantize-avx2.h"

#define Q8NN_AVX2_GEMM_CACHED_TAPS 32

// 8 bytes of a row as int16, in both lanes.
Q8NN_AVX2_INLINE __m256i q8nn_avx2_gemm_a8(uint64_t bytes) {
  return _mm256_cvtepu8_epi16(_mm_set1_epi64x((long long)bytes));
}

// 8 k-values of channels 2q and 2q + 1 (int8 w - 128) as int16.
Q8NN_AVX2_INLINE __m256i q8nn_avx2_gemm_w16(const uint8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i*)p));
}

Q8NN_AVX2_INLINE uint64_t q8nn_avx2_load8(const uint8_t* p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

// Sum of the n bytes at p (any n), reading only [p, p + n), modulo 2^32.
Q8NN_AVX2_INLINE uint32_t q8nn_avx2_sum_row(const uint8_t* p, size_t n) {
  const __m256i zero = _mm256_setzero_si256();
  __m256i s = zero;
  for (; n >= 32; n -= 32, p += 32) {
    s = _mm256_add_epi64(s, _mm256_sad_epu8(_mm256_loadu_si256((const __m256i*)p), zero));
  }
  __m128i s1 = _mm_add_epi64(_mm256_castsi256_si128(s), _mm256_extracti128_si256(s, 1));
  for (; n >= 8; n -= 8, p += 8) {
    s1 = _mm_add_epi64(s1, _mm_sad_epu8(_mm_loadl_epi64((const __m128i*)p), _mm_setzero_si128()));
  }
  if (n != 0) {
    s1 = _mm_add_epi64(s1, _mm_sad_epu8(_mm_cvtsi64_si128((long long)q8nn_avx2_load_tail8(p, n)),
                                        _mm_setzero_si128()));
  }
  return (uint32_t)_mm_cvtsi128_si64(s1) + (uint32_t)_mm_extract_epi64(s1, 1);
}

// The 8 channel sums of one row, lanes in the order [c0 c2 c4 c6 | c1 c3 c5 c7].
Q8NN_AVX2_INLINE __m256i q8nn_avx2_gemm_reduce(__m256i a01, __m256i a23, __m256i a45, __m256i a67) {
  const __m256i h0 = _mm256_hadd_epi32(a01, a23);  // [c0 c0 c2 c2 | c1 c1 c3 c3]
  const __m256i h1 = _mm256_hadd_epi32(a45, a67);  // [c4 c4 c6 c6 | c5 c5 c7 c7]
  return _mm256_hadd_epi32(h0, h1);
}

// Two rows of requantized outputs in the reduce order to 16 bytes: row r0's
// 8 outputs in channel order, then row r1's.
Q8NN_AVX2_INLINE __m128i q8nn_avx2_gemm_pack2(__m256i r0, __m256i r1) {
  // [r0: c0 c2 c4 c6, r1: c0 c2 c4 c6 | r0: c1 c3 c5 c7, r1: c1 c3 c5 c7]
  const __m256i p = _mm256_packs_epi32(r0, r1);
  const __m128i lo = _mm256_castsi256_si128(p);
  const __m128i hi = _mm256_extracti128_si256(p, 1);
  return _mm_packus_epi16(_mm_unpacklo_epi16(lo, hi), _mm_unpackhi_epi16(lo, hi));
}

// acc[i][q] += a[i] x (8 k-values of channels 2q, 2q + 1 at wp).
#define Q8NN_GEMM_AVX2_STEP(MR, va, wp)                                   \
  do {                                                                    \
    _Pragma("GCC unroll 4") for (size_t q = 0; q < 4; q++) {              \
      const __m256i vw = q8nn_avx2_gemm_w16((wp) + 16 * q);               \
      _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) acc[i][q] = \
          _mm256_add_epi32(acc[i][q], _mm256_madd_epi16(va[i], vw));      \
    }                                                                     \
  } while (0)

// ROW(p, i) gives row i of tap p. Rows i >= mr are readable (the wrappers
// repeat a valid row) and their results are never stored.
#define Q8NN_GEMM_AVX2_BODY(MR, ROW)                                                               \
  do {                                                                                             \
    const struct q8nn_avx2_requant rq = q8nn_avx2_requant_init(params);                            \
    uint8_t* cr[MR];                                                                               \
    cr[0] = c;                                                                                     \
    for (size_t i = 1; i < MR; i++) cr[i] = i < mr ? cr[i - 1] + cm_stride : cr[i - 1];            \
    __m256i vcorr[MR];                                                                             \
    const int32_t kzp_term = 128 - params->kernel_zero_point;                                      \
    const size_t k8 = kc & ~(size_t)7;                                                             \
    const size_t ktail = kc & 7;                                                                   \
    /* kc < 8 (e.g. a first RGB layer): each tap's row vectors are loaded once per */              \
    /* call, not once per block of 8 channels, and summed on the way. */                           \
    __m256i va_cache[Q8NN_AVX2_GEMM_CACHED_TAPS][MR];                                              \
    const int cached = k8 == 0 && ks <= Q8NN_AVX2_GEMM_CACHED_TAPS;                                \
    for (size_t i = 0; i < MR; i++) {                                                              \
      uint32_t sum = 0;                                                                            \
      if (cached) {                                                                                \
        for (size_t p = 0; p < ks; p++) {                                                          \
          const uint64_t bytes = q8nn_avx2_load_tail8(ROW(p, i), ktail);                           \
          sum += (uint32_t)_mm_cvtsi128_si32(                                                      \
              _mm_sad_epu8(_mm_cvtsi64_si128((long long)bytes), _mm_setzero_si128()));             \
          va_cache[p][i] = q8nn_avx2_gemm_a8(bytes);                                               \
        }                                                                                          \
      } else if (kzp_term != 0) {                                                                  \
        for (size_t p = 0; p < ks; p++) sum += q8nn_avx2_sum_row(ROW(p, i), kc);                   \
      }                                                                                            \
      vcorr[i] = _mm256_set1_epi32((int32_t)(sum * (uint32_t)kzp_term));                           \
    }                                                                                              \
    const uint8_t* wp = (const uint8_t*)w;                                                         \
                                                                                                   \
    for (;;) {                                                                                     \
      const __m256i bias = _mm256_permutevar8x32_epi32(                                            \
          _mm256_loadu_si256((const __m256i*)wp),                                                  \
          _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7)); /* reduce order */                           \
      wp += 32;                                                                                    \
      __m256i acc[MR][4];                                                                          \
      _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {                                    \
        _Pragma("GCC unroll 4") for (size_t q = 0; q < 4; q++) acc[i][q] = _mm256_setzero_si256(); \
      }                                                                                            \
      if (cached) {                                                                                \
        for (size_t p = 0; p < ks; p++, wp += 64) Q8NN_GEMM_AVX2_STEP(MR, va_cache[p], wp);        \
      } else                                                                                       \
        for (size_t p = 0; p < ks; p++) {                                                          \
          const uint8_t* r[MR];                                                                    \
          _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) r[i] = ROW(p, i);                \
          for (size_t k = 0; k < k8; k += 8) {                                                     \
            __m256i va[MR];                                                                        \
            _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) va[i] =                        \
                q8nn_avx2_gemm_a8(q8nn_avx2_load8(r[i] + k));                                      \
            Q8NN_GEMM_AVX2_STEP(MR, va, wp);                                                       \
            wp += 64;                                                                              \
          }                                                                                        \
          if (ktail != 0) {                                                                        \
            /* Lanes past kc read a = 0: they add nothing. */                                      \
            __m256i va[MR];                                                                        \
            _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) va[i] =                        \
                q8nn_avx2_gemm_a8(q8nn_avx2_load_tail8(r[i] + k8, ktail));                         \
            Q8NN_GEMM_AVX2_STEP(MR, va, wp);                                                       \
            wp += 64;                                                                              \
          }                                                                                        \
        }                                                                                          \
      __m256i q[MR];                                                                               \
      _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) q[i] = q8nn_avx2_requantize_epi32(   \
          _mm256_add_epi32(_mm256_add_epi32(bias, vcorr[i]),                                       \
                           q8nn_avx2_gemm_reduce(acc[i][0], acc[i][1], acc[i][2], acc[i][3])),     \
          &rq);                                                                                    \
      __m128i y[MR];                                                                               \
      _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i += 2) {                                 \
        const size_t j = i + 1 < MR ? i + 1 : i;                                                   \
        const __m128i yy = q8nn_avx2_gemm_pack2(q[i], q[j]);                                       \
        y[i] = yy;                                                                                 \
        y[j] = _mm_unpackhi_epi64(yy, yy);                                                         \
      }                                                                                            \
      /* Last row first: repeated rows share a pointer and row 0 must win. */                      \
      const size_t n = nc < 8 ? nc : 8;                                                            \
      _Pragma("GCC unroll 8") for (size_t i = MR; i-- > 0;) {                                      \
        if (n == 8) {                                                                              \
          _mm_storel_epi64((__m128i*)cr[i], y[i]);                                                 \
        } else {                                                                                   \
          q8nn_avx2_store_tail(cr[i], y[i], n);                                                    \
        }                                                                                          \
        cr[i] += n;                                                                                \
      }                                                                                            \
      nc -= n;                                                                                     \
      if (nc == 0) break;                                                                          \
    }                                                                                              \
  } while (0)
