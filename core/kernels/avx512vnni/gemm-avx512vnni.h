// The MR x (16 * NV) c4 tile shared by the VNNI gemm and igemm kernels. Weights
// are packed q8nn_gemm_packing_s8_folded (KR = 4): vpdpbusd multiplies 4 bytes
// of a row (u8, broadcast) by 4 k-values of 16 channels (s8 = w - 128), and
//   acc = packed_bias + sum a * (w - 128) + (128 - kernel_zero_point) * sum a.
// The last term is needed only when kernel_zero_point != 128: a vpsadbw pass
// over the rows once per call, or for short rows in one column block the dot
// loop's own broadcasts. The epilogue requantizes 4 accumulators at a time.
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

// Half h (0 or 1) and quarter q (0..3) of a 512-bit vector. The extract
// instructions take the index as an immediate: GCC accepts any index that is
// constant once the store loop is unrolled, clang only a constant expression,
// so under clang the index selects between the constant forms (same result;
// GCC keeps the direct form, whose code is the one measured).
#if defined(__clang__)
#define Q8NN_AVX512_HALF(v, h) \
  ((h) != 0 ? _mm512_extracti64x4_epi64(v, 1) : _mm512_extracti64x4_epi64(v, 0))
#define Q8NN_AVX512_QUARTER(v, q)               \
  ((q) == 0   ? _mm512_extracti32x4_epi32(v, 0) \
   : (q) == 1 ? _mm512_extracti32x4_epi32(v, 1) \
   : (q) == 2 ? _mm512_extracti32x4_epi32(v, 2) \
              : _mm512_extracti32x4_epi32(v, 3))
#else
#define Q8NN_AVX512_HALF(v, h) _mm512_extracti64x4_epi64(v, h)
#define Q8NN_AVX512_QUARTER(v, q) _mm512_extracti32x4_epi32(v, q)
#endif

// Stores the first n bytes (n >= 1) of the 16 * NV bytes of v at unit u (of 64 / (16 * NV)).
#define Q8NN_GEMM_AVX512VNNI_STORE(NV, out, v, u, n)                       \
  do {                                                                     \
    if ((NV) == 4) {                                                       \
      if ((n) >= 64) {                                                     \
        _mm512_storeu_si512(out, v);                                       \
      } else {                                                             \
        _mm512_mask_storeu_epi8(out, q8nn_avx512_mask64(n), v);            \
      }                                                                    \
    } else if ((NV) == 2) {                                                \
      const __m256i h = Q8NN_AVX512_HALF(v, (u)&1);                        \
      if ((n) >= 32) {                                                     \
        _mm256_storeu_si256((__m256i*)(out), h);                           \
      } else {                                                             \
        _mm256_mask_storeu_epi8(out, (__mmask32)q8nn_avx512_mask64(n), h); \
      }                                                                    \
    } else {                                                               \
      const __m128i q = Q8NN_AVX512_QUARTER(v, (u)&3);                     \
      if ((n) >= 16) {                                                     \
        _mm_storeu_si128((__m128i*)(out), q);                              \
      } else {                                                             \
        _mm_mask_storeu_epi8(out, (__mmask16)q8nn_avx512_mask64(n), q);    \
      }                                                                    \
    }                                                                      \
  } while (0)

// The dot products of one column block over all taps; with SUMS, also lane i
// of `sums` += (128 - kernel_zero_point) * (sum of row i), from the same
// broadcasts (one extra vpdpbusd per k step for all rows).
#define Q8NN_GEMM_AVX512VNNI_DOTS(MR, NV, ROW, SUMS)                                          \
  do {                                                                                        \
    for (size_t p = 0; p < ks; p++) {                                                         \
      const uint8_t* r[MR];                                                                   \
      _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) r[i] = ROW(p, i);              \
      for (size_t k = 0; k < k4; k += 4) {                                                    \
        __m512i wv[NV];                                                                       \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) wv[v] =                      \
            _mm512_loadu_si512(wp + 64 * v);                                                  \
        wp += 64 * NV;                                                                        \
        __m512i quads = _mm512_setzero_si512();                                               \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) {                            \
          const __m512i va = q8nn_avx512_bcast4(r[i] + k);                                    \
          _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) acc[i][v] =                \
              _mm512_dpbusd_epi32(acc[i][v], va, wv[v]);                                      \
          if (SUMS) quads = _mm512_mask_mov_epi32(quads, (__mmask16)(1u << i), va);           \
        }                                                                                     \
        if (SUMS) sums = _mm512_dpbusd_epi32(sums, quads, kzp_bytes);                         \
      }                                                                                       \
      if (ktail != 0) {                                                                       \
        __m512i wv[NV];                                                                       \
        _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) wv[v] =                      \
            _mm512_loadu_si512(wp + 64 * v);                                                  \
        wp += 64 * NV;                                                                        \
        __m512i quads = _mm512_setzero_si512();                                               \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) {                            \
          const __m512i va = _mm512_broadcastd_epi32(_mm_maskz_loadu_epi8(ktail, r[i] + k4)); \
          _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) acc[i][v] =                \
              _mm512_dpbusd_epi32(acc[i][v], va, wv[v]);                                      \
          if (SUMS) quads = _mm512_mask_mov_epi32(quads, (__mmask16)(1u << i), va);           \
        }                                                                                     \
        if (SUMS) sums = _mm512_dpbusd_epi32(sums, quads, kzp_bytes);                         \
      }                                                                                       \
    }                                                                                         \
  } while (0)

// rows(p, i) gives row i of tap p. Computes MR rows; rows i >= mr are readable
// (the wrappers repeat a valid row) and their results are not stored.
#define Q8NN_GEMM_AVX512VNNI_TILE(MR, NV, ROW, CLAMP)                                       \
  do {                                                                                      \
    _Static_assert((NV) == 1 || (NV) == 2 || (NV) == 4, "a row fills 1, 2 or 4 quarters");  \
    const struct q8nn_avx512_requant rq = q8nn_avx512_requant_init(params);                 \
    uint8_t* cr[MR];                                                                        \
    cr[0] = c;                                                                              \
    for (size_t i = 1; i < MR; i++) cr[i] = i < mr ? cr[i - 1] + cm_stride : cr[i - 1];     \
    int32_t corr[MR] = {0};                                                                 \
    const int32_t kzp_term = 128 - params->kernel_zero_point;                               \
    /* Short rows and one column block: the row sums come with the dots. */                 \
    const bool sums_inline = kzp_term != 0 && kc <= 8 && nc <= 16 * (NV);                   \
    const __m512i kzp_bytes = _mm512_set1_epi8((char)(kzp_term == 128 ? -128 : kzp_term));  \
    /* Kernel zero point 128 (the usual one) has no correction at all. */                   \
    const bool add_corr = kzp_term != 0 && !sums_inline;                                    \
    if (add_corr) {                                                                         \
      for (size_t i = 0; i < MR; i++) {                                                     \
        __m512i s = _mm512_setzero_si512();                                                 \
        for (size_t p = 0; p < ks; p++) s = q8nn_avx512_sad_row(s, ROW(p, i), kc);          \
        corr[i] = (int32_t)((uint32_t)_mm512_reduce_add_epi64(s) * (uint32_t)kzp_term);     \
      }                                                                                     \
    }                                                                                       \
    const uint8_t* wp = (const uint8_t*)w;                                                  \
    const size_t k4 = kc & ~(size_t)3;                                                      \
    const __mmask16 ktail = (__mmask16)((1u << (kc & 3)) - 1);                              \
    for (;;) {                                                                              \
      __m512i acc[MR][NV];                                                                  \
      _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) {                            \
        const __m512i b = _mm512_loadu_si512(wp + 64 * v);                                  \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) acc[i][v] =                \
            add_corr ? _mm512_add_epi32(b, _mm512_set1_epi32(corr[i])) : b;                 \
      }                                                                                     \
      wp += 64 * NV;                                                                        \
      __m512i sums = _mm512_setzero_si512(); /* written only when sums_inline */            \
      if (sums_inline) {                                                                    \
        Q8NN_GEMM_AVX512VNNI_DOTS(MR, NV, ROW, 1);                                          \
        if (kzp_term == 128) sums = _mm512_sub_epi32(_mm512_setzero_si512(), sums);         \
        _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) {                          \
          const __m512i corr_i = _mm512_permutexvar_epi32(_mm512_set1_epi32((int)i), sums); \
          _Pragma("GCC unroll 16") for (size_t v = 0; v < NV; v++) acc[i][v] =              \
              _mm512_add_epi32(acc[i][v], corr_i);                                          \
        }                                                                                   \
      } else {                                                                              \
        Q8NN_GEMM_AVX512VNNI_DOTS(MR, NV, ROW, 0);                                          \
      }                                                                                     \
      /* Four accumulators (row-major order, the last repeated as padding) */               \
      /* give 64 output bytes: 4 / NV whole rows.                          */               \
      const size_t n = nc < 16 * NV ? nc : 16 * NV;                                         \
      _Pragma("GCC unroll 16") for (size_t g = 0; g < ((MR) * (NV) + 3) / 4; g++) {         \
        __m512i quad[4];                                                                    \
        _Pragma("GCC unroll 4") for (size_t j = 0; j < 4; j++) {                            \
          const size_t f = 4 * g + j < (MR) * (NV) ? 4 * g + j : (MR) * (NV)-1;             \
          quad[j] = acc[f / (NV)][f % (NV)];                                                \
        }                                                                                   \
        const __m512i y =                                                                   \
            q8nn_avx512_requantize64(quad[0], quad[1], quad[2], quad[3], &rq, CLAMP);       \
        _Pragma("GCC unroll 4") for (size_t u = 0; u < 4 / (NV); u++) {                     \
          const size_t i = g * (4 / (NV)) + u;                                              \
          if (i < (MR) && i < mr) Q8NN_GEMM_AVX512VNNI_STORE(NV, cr[i], y, u, n);           \
        }                                                                                   \
      }                                                                                     \
      _Pragma("GCC unroll 16") for (size_t i = 0; i < MR; i++) cr[i] += n;                  \
      nc -= n;                                                                              \
      if (nc == 0) break;                                                                   \
    }                                                                                       \
  } while (0)

// A call with few rows (pixel tails, batch-1 fully connected layers) runs a
// shorter tile: 1 row, or 4 when MR > 4.
#define Q8NN_GEMM_AVX512VNNI_TILES(MR, NV, ROW, CLAMP)                  \
  do {                                                                  \
    if ((MR) > 1 && mr == 1) {                                          \
      Q8NN_GEMM_AVX512VNNI_TILE(1, NV, ROW, CLAMP);                     \
    } else if ((MR) > 4 && mr <= 4) {                                   \
      Q8NN_GEMM_AVX512VNNI_TILE(((MR) > 4 ? 4 : (MR)), NV, ROW, CLAMP); \
    } else {                                                            \
      Q8NN_GEMM_AVX512VNNI_TILE(MR, NV, ROW, CLAMP);                    \
    }                                                                   \
  } while (0)

// Scales under 1 (nearly all layers) skip the float clamp of the epilogue.
#define Q8NN_GEMM_AVX512VNNI_BODY(MR, NV, ROW)        \
  do {                                                \
    if (q8nn_avx512_needs_float_clamp(params)) {      \
      Q8NN_GEMM_AVX512VNNI_TILES(MR, NV, ROW, true);  \
    } else {                                          \
      Q8NN_GEMM_AVX512VNNI_TILES(MR, NV, ROW, false); \
    }                                                 \
  } while (0)
