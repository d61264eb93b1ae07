// The MR x (16 * NV) c4 tile shared by the VNNI gemm and igemm kernels. Weights
// are packed q8nn_gemm_packing_s8_folded (KR = 4): vpdpbusd multiplies 4 bytes
// of a row (u8, broadcast) by 4 k-values of 16 channels (s8 = w - 128), and
//   acc = packed_bias + sum a * (w - 128) + (128 - kernel_zero_point) * sum a.
// The last term is computed (once per call) only when kernel_zero_point != 128.
#pragma once

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "requantize-avx512.h"

Q8NN_AVX512_INLINE __m512i q8nn_avx512_bcast4(const uint8_t* p) {
  int32_t v;
  memcpy(&v, p, sizeof(v));
  return _mm512_set1_epi32(v);
}

// Sum of n bytes (any n), reading only [p, p + n).
Q8NN_AVX512_INLINE __m512i q8nn_avx512_sad_row(__m512i sums, const uint8_t* p, size_t n) {
  const __m512i zero = _mm512_setzero_si512();
  for (; n >= 64; n -= 64, p += 64) {
    sums = _mm512_add_epi64(sums, _mm512_sad_epu8(_mm512_loadu_si512(p), zero));
  }
  if (n != 0) {
    const __m512i v = _mm512_maskz_loadu_epi8(q8nn_avx512_mask64(n), p);
    sums = _mm512_add_epi64(sums, _mm512_sad_epu8(v, zero));
  }
  return sums;
}

// rows(p, i) gives row i of tap p. Rows i >= mr are readable (the wrappers
// repeat a valid row) and their results are never stored.
#define Q8NN_GEMM_AVX512VNNI_BODY(MR, NV, ROW)                                                  \
  do {                                                                                          \
    const struct q8nn_avx512_requant rq = q8nn_avx512_requant_init(params);                     \
    uint8_t* cr[MR];                                                                            \
    cr[0] = c;                                                                                  \
    for (size_t i = 1; i < MR; i++) cr[i] = i < mr ? cr[i - 1] + cm_stride : cr[i - 1];         \
    int32_t corr[MR] = {0};                                                                     \
    const int32_t kzp_term = 128 - params->kernel_zero_point;                                   \
    if (kzp_term != 0) {                                                                        \
      for (size_t i = 0; i < MR; i++) {                                                         \
        __m512i s = _mm512_setzero_si512();                                                     \
        for (size_t p = 0; p < ks; p++) s = q8nn_avx512_sad_row(s, ROW(p, i), kc);              \
        corr[i] = (int32_t)((uint32_t)_mm512_reduce_add_epi64(s) * (uint32_t)kzp_term);         \
      }                                                                                         \
    }                                                                                           \
    const uint8_t* wp = (const uint8_t*)w;                                                      \
    const size_t k4 = kc & ~(size_t)3;                                                          \
    const __mmask16 ktail = (__mmask16)((1u << (kc & 3)) - 1);                                  \
    for (;;) {                                                                                  \
      __m512i acc[MR][NV];                                                                      \
      _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) {                                \
        const __m512i b = _mm512_loadu_si512(wp + 64 * v);                                      \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) acc[i][v] =                    \
            _mm512_add_epi32(b, _mm512_set1_epi32(corr[i]));                                    \
      }                                                                                         \
      wp += 64 * NV;                                                                            \
      for (size_t p = 0; p < ks; p++) {                                                         \
        const uint8_t* r[MR];                                                                   \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) r[i] = ROW(p, i);              \
        for (size_t k = 0; k < k4; k += 4) {                                                    \
          __m512i wv[NV];                                                                       \
          _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) wv[v] =                      \
              _mm512_loadu_si512(wp + 64 * v);                                                  \
          wp += 64 * NV;                                                                        \
          _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) {                            \
            const __m512i va = q8nn_avx512_bcast4(r[i] + k);                                    \
            _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) acc[i][v] =                \
                _mm512_dpbusd_epi32(acc[i][v], va, wv[v]);                                      \
          }                                                                                     \
        }                                                                                       \
        if (ktail != 0) {                                                                       \
          __m512i wv[NV];                                                                       \
          _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) wv[v] =                      \
              _mm512_loadu_si512(wp + 64 * v);                                                  \
          wp += 64 * NV;                                                                        \
          _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) {                            \
            const __m512i va = _mm512_broadcastd_epi32(_mm_maskz_loadu_epi8(ktail, r[i] + k4)); \
            _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) acc[i][v] =                \
                _mm512_dpbusd_epi32(acc[i][v], va, wv[v]);                                      \
          }                                                                                     \
        }                                                                                       \
      }                                                                                         \
      /* Last row first: repeated rows share a pointer and row 0 must win. */                   \
      const size_t n = nc < 16 * NV ? nc : 16 * NV;                                             \
      _Pragma("GCC unroll 16") for (size_t i = MR; i-- > 0;) {                                  \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) {                              \
          const __m128i y = q8nn_avx512_requantize(acc[i][v], &rq);                             \
          if (n >= 16 * (v + 1)) {                                                              \
            _mm_storeu_si128((__m128i*)(cr[i] + 16 * v), y);                                    \
          } else if (n > 16 * v) {                                                              \
            _mm_mask_storeu_epi8(cr[i] + 16 * v, (__mmask16)((1u << (n - 16 * v)) - 1), y);     \
          }                                                                                     \
        }                                                                                       \
        cr[i] += n;                                                                             \
      }                                                                                         \
      nc -= n;                                                                                  \
      if (nc == 0) break;                                                                       \
    }                                                                                           \
  } while (0)
