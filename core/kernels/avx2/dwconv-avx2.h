// Depthwise convolution, 16 channels per block (two ymm of 8), on
// q8nn_dwconv_packing_i16_pairs weights (CR = 16): each int32 lane holds a
// channel's inputs of two taps as 16-bit halves (x_t, x_t+1), so one vpmaddwd
// gives x_t * w'_t + x_t+1 * w'_t+1 with w' = w - kernel_zero_point (exact:
// 8-bit x 9-bit products); the input zero point is folded into the biases.
#pragma once

#include <immintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "requantize-avx2.h"

// Taps t and t+1 of 16 channels as int16 pairs: channels 0-7 in *lo, 8-15 in *hi.
Q8NN_AVX2_INLINE void q8nn_dwconv_avx2_pair(__m128i x0, __m128i x1, __m256i* lo, __m256i* hi) {
  *lo = _mm256_cvtepu8_epi16(_mm_unpacklo_epi8(x0, x1));
  *hi = _mm256_cvtepu8_epi16(_mm_unpackhi_epi8(x0, x1));
}

// Row of tap t: from `rows` (resolved once per pixel) or from `input`.
#define Q8NN_DWCONV_AVX2_ROW(t) \
  (rows != NULL ? rows[t] : q8nn_avx2_row(input[t], input_offset, zero))

// 16 bytes of channels [c, c + n) of tap t's row; the tail (n < 16) is read
// byte-exactly and zero-filled.
#define Q8NN_DWCONV_AVX2_LOAD(t)                                         \
  (full ? _mm_loadu_si128((const __m128i*)(Q8NN_DWCONV_AVX2_ROW(t) + c)) \
        : q8nn_dwconv_avx2_load_tail(Q8NN_DWCONV_AVX2_ROW(t) + c, n))

Q8NN_AVX2_INLINE __m128i q8nn_dwconv_avx2_load_tail(const uint8_t* p, size_t n) {
  uint8_t buf[16] = {0};
  memcpy(buf, p, n);
  return _mm_loadu_si128((const __m128i*)buf);
}

// The 16 outputs of channels [c, c + n) of one pixel; w = the block's biases.
Q8NN_AVX2_INLINE __m128i q8nn_dwconv_avx2_block(size_t taps, const uint8_t* const* rows,
                                                const uint8_t** input, size_t input_offset,
                                                const uint8_t* zero, size_t c, size_t n,
                                                const uint8_t* w,
                                                const struct q8nn_avx2_requant* rq) {
  const int full = n == 16;
  __m256i acc0 = _mm256_loadu_si256((const __m256i*)w);
  __m256i acc1 = _mm256_loadu_si256((const __m256i*)(w + 32));
  __m256i acc2 = _mm256_setzero_si256();  // second chains: shorter dependencies
  __m256i acc3 = _mm256_setzero_si256();
  w += 64;
  size_t t = 0;
  for (; t + 4 <= taps; t += 4, w += 128) {
    __m256i lo, hi;
    q8nn_dwconv_avx2_pair(Q8NN_DWCONV_AVX2_LOAD(t), Q8NN_DWCONV_AVX2_LOAD(t + 1), &lo, &hi);
    acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(lo, _mm256_loadu_si256((const __m256i*)w)));
    acc1 =
        _mm256_add_epi32(acc1, _mm256_madd_epi16(hi, _mm256_loadu_si256((const __m256i*)(w + 32))));
    q8nn_dwconv_avx2_pair(Q8NN_DWCONV_AVX2_LOAD(t + 2), Q8NN_DWCONV_AVX2_LOAD(t + 3), &lo, &hi);
    acc2 =
        _mm256_add_epi32(acc2, _mm256_madd_epi16(lo, _mm256_loadu_si256((const __m256i*)(w + 64))));
    acc3 =
        _mm256_add_epi32(acc3, _mm256_madd_epi16(hi, _mm256_loadu_si256((const __m256i*)(w + 96))));
  }
  for (; t < taps; t += 2, w += 64) {
    const __m128i x1 = t + 1 < taps ? Q8NN_DWCONV_AVX2_LOAD(t + 1) : _mm_setzero_si128();
    __m256i lo, hi;
    q8nn_dwconv_avx2_pair(Q8NN_DWCONV_AVX2_LOAD(t), x1, &lo, &hi);
    acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(lo, _mm256_loadu_si256((const __m256i*)w)));
    acc1 =
        _mm256_add_epi32(acc1, _mm256_madd_epi16(hi, _mm256_loadu_si256((const __m256i*)(w + 32))));
  }
  return q8nn_avx2_requantize16(_mm256_add_epi32(acc0, acc2), _mm256_add_epi32(acc1, acc3), rq);
}

#undef Q8NN_DWCONV_AVX2_LOAD
#undef Q8NN_DWCONV_AVX2_ROW

// max_rows > 0: the taps' rows are resolved once per pixel (unipass, taps <=
// max_rows); max_rows == 0: per block (multipass, any tap count).
Q8NN_AVX2_INLINE void q8nn_dwconv_avx2(size_t max_rows, size_t taps, size_t channels,
                                       size_t output_width, const uint8_t** input,
                                       const void* weights, uint8_t* output, size_t input_stride,
                                       size_t output_increment, size_t input_offset,
                                       const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_avx2_requant rq = q8nn_avx2_requant_init(params);
  const size_t block_bytes = 64 + (taps + 1) / 2 * 64;
  const uint8_t* rows_buf[32];
  const uint8_t* const* rows = max_rows != 0 ? rows_buf : NULL;
  for (; output_width != 0; output_width--) {
    for (size_t t = 0; t < max_rows; t++) {
      rows_buf[t] = q8nn_avx2_row(input[t], input_offset, zero);
    }
    const uint8_t* w = (const uint8_t*)weights;
    size_t c = 0;
    for (; c + 16 <= channels; c += 16, w += block_bytes) {
      const __m128i y =
          q8nn_dwconv_avx2_block(taps, rows, input, input_offset, zero, c, 16, w, &rq);
      _mm_storeu_si128((__m128i*)output, y);
      output += 16;
    }
    if (c < channels) {
      const size_t n = channels - c;
      const __m128i y = q8nn_dwconv_avx2_block(taps, rows, input, input_offset, zero, c, n, w, &rq);
      q8nn_avx2_store_tail(output, y, n);
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
