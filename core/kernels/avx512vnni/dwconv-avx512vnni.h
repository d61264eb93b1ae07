// Depthwise convolution on q8nn_dwconv_packing_s8_quads weights, 64 channels
// per block: four taps of 64 channels are transposed with vpunpck{l,h}bw and
// vpunpck{l,h}wd into four zmm of (x_t, .., x_t+3) byte quads (the packed
// channel order), so one vpdpbusd adds 4 taps x 16 channels of
// x * (w - 128). A second vpdpbusd against the bytes 128 - kernel_zero_point
// adds the zero-point correction (kernel_zero_point 0: bytes -128,
// subtracted). vpackssdw, vpackuswb restore the channel order of the outputs.
// A last block of at most 32 channels is computed for two pixels at once (one
// per 256-bit half).
#pragma once

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "requantize-avx512.h"

#define Q8NN_DWCONV_AVX512_CR 64

struct q8nn_dwconv_avx512_params {
  __m512 scale;
  __m512 max;          // output_max - zero point
  __m512i zero_point;  // int16 lanes
  __m512i min;         // output_min bytes
  __m512i correction;  // bytes 128 - kernel_zero_point (-128 for 128)
  bool negate;         // kernel_zero_point == 0: subtract the correction
  __m512i lone[4];     // vpshufb controls: (x, x, x, 0) quads of a lone last tap
};

// Row of tap t of a pixel: from `rows` (resolved once per pixel) or from `input`.
#define Q8NN_DWCONV_AVX512_ROW(rows, input, t) \
  ((rows) != NULL ? (rows)[t] : q8nn_avx512_row((input)[t], input_offset, zero))

// 64 input bytes of tap t: channels [c, c + 64) of pixel a, or (pair) [c, c +
// 32) of pixels a and b.
#define Q8NN_DWCONV_AVX512_LOAD(t)                                                               \
  (pair ? _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_maskz_loadu_epi8(                     \
                                 (__mmask32)m, Q8NN_DWCONV_AVX512_ROW(rows_a, input_a, t) + c)), \
                             _mm256_maskz_loadu_epi8(                                            \
                                 (__mmask32)m, Q8NN_DWCONV_AVX512_ROW(rows_b, input_b, t) + c),  \
                             1)                                                                  \
        : _mm512_maskz_loadu_epi8(m, Q8NN_DWCONV_AVX512_ROW(rows_a, input_a, t) + c))

// 64 weight bytes of row q (pair: the first 32, for both halves).
#define Q8NN_DWCONV_AVX512_WEIGHTS(w, q)                                               \
  (pair ? _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i*)((w) + 64 * (q)))) \
        : _mm512_loadu_si512((w) + 64 * (q)))

// The outputs of channels [c, c + 64) (lanes of m) of pixel a; pair: of
// channels [c, c + 32) (lanes of m) of pixels a and b (out_b == NULL: a only).
// w = the block's biases.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_block(
    size_t taps, bool pair, const uint8_t* const* rows_a, const uint8_t* const* rows_b,
    const uint8_t** input_a, const uint8_t** input_b, size_t input_offset, const uint8_t* zero,
    size_t c, __mmask64 m, const uint8_t* w, const struct q8nn_dwconv_avx512_params* p,
    uint8_t* out_a, uint8_t* out_b, bool correct) {
  __m512i acc0 = Q8NN_DWCONV_AVX512_WEIGHTS(w, 0);
  __m512i acc1 = Q8NN_DWCONV_AVX512_WEIGHTS(w, 1);
  __m512i acc2 = Q8NN_DWCONV_AVX512_WEIGHTS(w, 2);
  __m512i acc3 = Q8NN_DWCONV_AVX512_WEIGHTS(w, 3);
  __m512i sum0 = _mm512_setzero_si512();
  __m512i sum1 = _mm512_setzero_si512();
  __m512i sum2 = _mm512_setzero_si512();
  __m512i sum3 = _mm512_setzero_si512();
  w += 256;
  // A lone last tap (taps % 4 == 1) has its correction packed with it.
  const bool lone = taps % 4 == 1;
  for (size_t t = 0; t + (lone ? 1 : 0) < taps; t += 4, w += 256) {
    const __m512i x0 = Q8NN_DWCONV_AVX512_LOAD(t);
    const __m512i x1 = t + 1 < taps ? Q8NN_DWCONV_AVX512_LOAD(t + 1) : _mm512_setzero_si512();
    const __m512i x2 = t + 2 < taps ? Q8NN_DWCONV_AVX512_LOAD(t + 2) : _mm512_setzero_si512();
    const __m512i x3 = t + 3 < taps ? Q8NN_DWCONV_AVX512_LOAD(t + 3) : _mm512_setzero_si512();
    const __m512i lo01 = _mm512_unpacklo_epi8(x0, x1);
    const __m512i hi01 = _mm512_unpackhi_epi8(x0, x1);
    const __m512i lo23 = _mm512_unpacklo_epi8(x2, x3);
    const __m512i hi23 = _mm512_unpackhi_epi8(x2, x3);
    const __m512i q0 = _mm512_unpacklo_epi16(lo01, lo23);
    const __m512i q1 = _mm512_unpackhi_epi16(lo01, lo23);
    const __m512i q2 = _mm512_unpacklo_epi16(hi01, hi23);
    const __m512i q3 = _mm512_unpackhi_epi16(hi01, hi23);
    acc0 = _mm512_dpbusd_epi32(acc0, q0, Q8NN_DWCONV_AVX512_WEIGHTS(w, 0));
    acc1 = _mm512_dpbusd_epi32(acc1, q1, Q8NN_DWCONV_AVX512_WEIGHTS(w, 1));
    acc2 = _mm512_dpbusd_epi32(acc2, q2, Q8NN_DWCONV_AVX512_WEIGHTS(w, 2));
    acc3 = _mm512_dpbusd_epi32(acc3, q3, Q8NN_DWCONV_AVX512_WEIGHTS(w, 3));
    if (correct) {
      sum0 = _mm512_dpbusd_epi32(sum0, q0, p->correction);
      sum1 = _mm512_dpbusd_epi32(sum1, q1, p->correction);
      sum2 = _mm512_dpbusd_epi32(sum2, q2, p->correction);
      sum3 = _mm512_dpbusd_epi32(sum3, q3, p->correction);
    }
  }
  if (!correct) {
    // kernel_zero_point 128: w - 128 is w - kernel_zero_point, no correction.
  } else if (p->negate) {
    acc0 = _mm512_sub_epi32(acc0, sum0);
    acc1 = _mm512_sub_epi32(acc1, sum1);
    acc2 = _mm512_sub_epi32(acc2, sum2);
    acc3 = _mm512_sub_epi32(acc3, sum3);
  } else {
    acc0 = _mm512_add_epi32(acc0, sum0);
    acc1 = _mm512_add_epi32(acc1, sum1);
    acc2 = _mm512_add_epi32(acc2, sum2);
    acc3 = _mm512_add_epi32(acc3, sum3);
  }
  if (lone) {
    const __m512i x = Q8NN_DWCONV_AVX512_LOAD(taps - 1);
    acc0 = _mm512_dpbusd_epi32(acc0, _mm512_shuffle_epi8(x, p->lone[0]),
                               Q8NN_DWCONV_AVX512_WEIGHTS(w, 0));
    acc1 = _mm512_dpbusd_epi32(acc1, _mm512_shuffle_epi8(x, p->lone[1]),
                               Q8NN_DWCONV_AVX512_WEIGHTS(w, 1));
    acc2 = _mm512_dpbusd_epi32(acc2, _mm512_shuffle_epi8(x, p->lone[2]),
                               Q8NN_DWCONV_AVX512_WEIGHTS(w, 2));
    acc3 = _mm512_dpbusd_epi32(acc3, _mm512_shuffle_epi8(x, p->lone[3]),
                               Q8NN_DWCONV_AVX512_WEIGHTS(w, 3));
  }
  // The fp32 rule: clamp above in float (round(min(f, max)) = min(round(f),
  // max) for an integer max; f <= -2^31 converts to INT32_MIN, still below),
  // then saturating packs and the byte max clamp below.
#define Q8NN_DWCONV_AVX512_ROUND(acc)                                          \
  _mm512_cvt_roundps_epi32(                                                    \
      _mm512_min_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc), p->scale), p->max), \
      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
  const __m512i y01 = _mm512_adds_epi16(
      _mm512_packs_epi32(Q8NN_DWCONV_AVX512_ROUND(acc0), Q8NN_DWCONV_AVX512_ROUND(acc1)),
      p->zero_point);
  const __m512i y23 = _mm512_adds_epi16(
      _mm512_packs_epi32(Q8NN_DWCONV_AVX512_ROUND(acc2), Q8NN_DWCONV_AVX512_ROUND(acc3)),
      p->zero_point);
#undef Q8NN_DWCONV_AVX512_ROUND
  const __m512i y = _mm512_max_epu8(_mm512_packus_epi16(y01, y23), p->min);
  if (pair) {
    _mm256_mask_storeu_epi8(out_a, (__mmask32)m, _mm512_castsi512_si256(y));
    if (out_b != NULL) {
      _mm256_mask_storeu_epi8(out_b, (__mmask32)m, _mm512_extracti64x4_epi64(y, 1));
    }
  } else {
    _mm512_mask_storeu_epi8(out_a, m, y);
  }
}

#undef Q8NN_DWCONV_AVX512_WEIGHTS
#undef Q8NN_DWCONV_AVX512_LOAD
#undef Q8NN_DWCONV_AVX512_ROW

// The full blocks (channels [0, full)) of one pixel.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_full(size_t taps, size_t full,
                                                const uint8_t* const* rows, const uint8_t** input,
                                                size_t input_offset, const uint8_t* zero,
                                                const uint8_t* w, size_t block_bytes,
                                                const struct q8nn_dwconv_avx512_params* p,
                                                uint8_t* output, bool correct) {
  for (size_t c = 0; c < full; c += Q8NN_DWCONV_AVX512_CR, w += block_bytes) {
    q8nn_dwconv_avx512_block(taps, false, rows, NULL, input, NULL, input_offset, zero, c,
                             ~(__mmask64)0, w, p, output + c, NULL, correct);
  }
}

// max_rows > 0: the taps' rows are resolved once per pixel (unipass, taps <=
// max_rows); max_rows == 0: per block (multipass, any tap count).
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_pixels(
    size_t max_rows, size_t taps, size_t channels, size_t output_width, const uint8_t** input,
    const void* weights, uint8_t* output, size_t input_stride, size_t output_increment,
    size_t input_offset, const uint8_t* zero, const struct q8nn_conv_params* params, bool correct) {
  const int32_t correction = 128 - params->kernel_zero_point;
  struct q8nn_dwconv_avx512_params p;
  p.scale = _mm512_set1_ps(params->scale);
  p.max = _mm512_set1_ps(params->output.max_less_zero_point);
  p.zero_point = _mm512_set1_epi16((int16_t)params->output.zero_point);
  p.min = _mm512_set1_epi8((char)params->output.min);
  p.correction = _mm512_set1_epi8((char)(correction == 128 ? -128 : correction));
  p.negate = correction == 128;
  // Quad j holds channels 4j..4j+3 of each 128-bit lane (pack.h).
  for (int j = 0; j < 4; j++) {
    int8_t control[16];
    for (int i = 0; i < 16; i++) control[i] = (int8_t)(i % 4 == 3 ? -128 : 4 * j + i / 4);
    p.lone[j] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i*)control));
  }
  const size_t block_bytes = (4 + (taps + 3) / 4 * 4) * Q8NN_DWCONV_AVX512_CR;
  // The rows end at `channels`: the last block uses masked (fault-free) loads
  // and stores. One of at most 32 channels runs for two pixels at once.
  const size_t full = channels / Q8NN_DWCONV_AVX512_CR * Q8NN_DWCONV_AVX512_CR;
  const size_t tail = channels - full;
  const __mmask64 tail_mask = q8nn_avx512_mask64(tail);
  const uint8_t* tail_w = (const uint8_t*)weights + full / Q8NN_DWCONV_AVX512_CR * block_bytes;
  const size_t output_stride = channels + output_increment;
  const uint8_t* rows_a_buf[32];
  const uint8_t* rows_b_buf[32];
  const uint8_t* const* rows_a = max_rows != 0 ? rows_a_buf : NULL;
  const uint8_t* const* rows_b = max_rows != 0 ? rows_b_buf : NULL;
  while (output_width != 0) {
    const bool two = tail != 0 && tail <= 32 && output_width >= 2;
    const uint8_t** input_b = (const uint8_t**)((uintptr_t)input + input_stride);
    uint8_t* output_b = output + output_stride;
    for (size_t t = 0; t < max_rows; t++) {
      rows_a_buf[t] = q8nn_avx512_row(input[t], input_offset, zero);
    }
    q8nn_dwconv_avx512_full(taps, full, rows_a, input, input_offset, zero, (const uint8_t*)weights,
                            block_bytes, &p, output, correct);
    if (two) {
      for (size_t t = 0; t < max_rows; t++) {
        rows_b_buf[t] = q8nn_avx512_row(input_b[t], input_offset, zero);
      }
      q8nn_dwconv_avx512_full(taps, full, rows_b, input_b, input_offset, zero,
                              (const uint8_t*)weights, block_bytes, &p, output_b, correct);
    }
    if (tail == 32) {  // constant mask: plain loads and stores
      q8nn_dwconv_avx512_block(taps, true, rows_a, two ? rows_b : rows_a, input,
                               two ? input_b : input, input_offset, zero, full, ~(__mmask64)0,
                               tail_w, &p, output + full, two ? output_b + full : NULL, correct);
    } else if (tail != 0 && tail < 32) {
      q8nn_dwconv_avx512_block(taps, true, rows_a, two ? rows_b : rows_a, input,
                               two ? input_b : input, input_offset, zero, full, tail_mask, tail_w,
                               &p, output + full, two ? output_b + full : NULL, correct);
    } else if (tail != 0) {
      q8nn_dwconv_avx512_block(taps, false, rows_a, NULL, input, NULL, input_offset, zero, full,
                               tail_mask, tail_w, &p, output + full, NULL, correct);
    }
    const size_t pixels = two ? 2 : 1;
    input = (const uint8_t**)((uintptr_t)input + pixels * input_stride);
    output += pixels * output_stride;
    output_width -= pixels;
  }
}

// Unswitched on the kernel zero point: at 128 (symmetric int8 weights seen
// as uint8) w - 128 needs no correction.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512(size_t max_rows, size_t taps, size_t channels,
                                           size_t output_width, const uint8_t** input,
                                           const void* weights, uint8_t* output,
                                           size_t input_stride, size_t output_increment,
                                           size_t input_offset, const uint8_t* zero,
                                           const struct q8nn_conv_params* params) {
  if (params->kernel_zero_point == 128) {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, false);
  } else {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, true);
  }
}
