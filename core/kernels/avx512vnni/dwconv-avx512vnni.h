// Depthwise convolution, 16 channels per zmm, on q8nn_dwconv_packing_i16_pairs
// weights (CR = 16): each int32 lane holds a channel's inputs of two taps as
// 16-bit halves (x_t, x_t+1), so one vpdpwssd adds x_t * w'_t + x_t+1 * w'_t+1
// with w' = w - kernel_zero_point; the input zero point is folded into the
// packed biases.
#pragma once

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "requantize-avx512.h"

// Inputs of taps t and t+1 (x1 == NULL: no tap t+1) as 16-bit pairs.
Q8NN_AVX512_INLINE __m512i q8nn_dwconv_avx512_pair(__mmask16 m, bool full, const uint8_t* x0,
                                                   const uint8_t* x1) {
  const __m512i v0 = _mm512_cvtepu8_epi32(full ? _mm_loadu_si128((const __m128i*)x0)
                                               : _mm_maskz_loadu_epi8(m, x0));
  if (x1 == NULL) return v0;
  const __m512i v1 = _mm512_cvtepu8_epi32(full ? _mm_loadu_si128((const __m128i*)x1)
                                               : _mm_maskz_loadu_epi8(m, x1));
  return _mm512_or_si512(v0, _mm512_slli_epi32(v1, 16));
}

// Row of tap t: from `rows` (resolved once per pixel) or from `input`.
#define Q8NN_DWCONV_AVX512_ROW(t) \
  (rows != NULL ? rows[t] : q8nn_avx512_row(input[t], input_offset, zero))

// The 16 outputs of channels [c, c + n) of one pixel; w = the block's biases.
Q8NN_AVX512_INLINE __m128i q8nn_dwconv_avx512_block(size_t taps, const uint8_t* const* rows,
                                                    const uint8_t** input, size_t input_offset,
                                                    const uint8_t* zero, size_t c, size_t n,
                                                    const uint8_t* w,
                                                    const struct q8nn_avx512_requant* rq) {
  const bool full = n == 16;
  const __mmask16 m = (__mmask16)((1u << n) - 1);
  __m512i acc0 = _mm512_loadu_si512(w);
  __m512i acc1 = _mm512_setzero_si512();  // a second chain: shorter dependencies
  w += 64;
  size_t t = 0;
  for (; t + 4 <= taps; t += 4, w += 128) {
    acc0 = _mm512_dpwssd_epi32(acc0,
                               q8nn_dwconv_avx512_pair(m, full, Q8NN_DWCONV_AVX512_ROW(t) + c,
                                                       Q8NN_DWCONV_AVX512_ROW(t + 1) + c),
                               _mm512_loadu_si512(w));
    acc1 = _mm512_dpwssd_epi32(acc1,
                               q8nn_dwconv_avx512_pair(m, full, Q8NN_DWCONV_AVX512_ROW(t + 2) + c,
                                                       Q8NN_DWCONV_AVX512_ROW(t + 3) + c),
                               _mm512_loadu_si512(w + 64));
  }
  for (; t < taps; t += 2, w += 64) {
    const uint8_t* x1 = t + 1 < taps ? Q8NN_DWCONV_AVX512_ROW(t + 1) + c : NULL;
    acc0 = _mm512_dpwssd_epi32(acc0,
                               q8nn_dwconv_avx512_pair(m, full, Q8NN_DWCONV_AVX512_ROW(t) + c, x1),
                               _mm512_loadu_si512(w));
  }
  return q8nn_avx512_requantize(_mm512_add_epi32(acc0, acc1), rq);
}

#undef Q8NN_DWCONV_AVX512_ROW

// max_rows > 0: the taps' rows are resolved once per pixel (unipass, taps <=
// max_rows); max_rows == 0: per block (multipass, any tap count).
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512(size_t max_rows, size_t taps, size_t channels,
                                           size_t output_width, const uint8_t** input,
                                           const void* weights, uint8_t* output,
                                           size_t input_stride, size_t output_increment,
                                           size_t input_offset, const uint8_t* zero,
                                           const struct q8nn_conv_params* params) {
  const struct q8nn_avx512_requant rq = q8nn_avx512_requant_init(params);
  const size_t block_bytes = 64 + (taps + 1) / 2 * 64;
  const uint8_t* rows_buf[32];
  const uint8_t* const* rows = max_rows != 0 ? rows_buf : NULL;
  for (; output_width != 0; output_width--) {
    for (size_t t = 0; t < max_rows; t++) {
      rows_buf[t] = q8nn_avx512_row(input[t], input_offset, zero);
    }
    const uint8_t* w = (const uint8_t*)weights;
    size_t c = 0;
    for (; c + 16 <= channels; c += 16, w += block_bytes) {
      const __m128i y =
          q8nn_dwconv_avx512_block(taps, rows, input, input_offset, zero, c, 16, w, &rq);
      _mm_storeu_si128((__m128i*)output, y);
      output += 16;
    }
    if (c < channels) {
      // The rows end at `channels`: masked (fault-free) loads and store.
      const size_t n = channels - c;
      const __m128i y =
          q8nn_dwconv_avx512_block(taps, rows, input, input_offset, zero, c, n, w, &rq);
      _mm_mask_storeu_epi8(output, (__mmask16)((1u << n) - 1), y);
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
