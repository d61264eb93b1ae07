// Depthwise convolution on q8nn_dwconv_packing_s8_quads weights, 64 channels
// per block: four taps of 64 channels are transposed with vpunpck{l,h}bw and
// vpunpck{l,h}wd into four zmm of byte quads (the packed channel order), so
// one vpdpbusd adds 4 taps x 16 channels of x * (w - 128). A second vpdpbusd
// against the bytes 128 - kernel_zero_point adds the zero-point correction
// (kernel_zero_point 0: bytes -128, subtracted). vpackssdw, vpackuswb restore
// the channel order of the outputs. A last block of at most 32 channels is
// computed for two pixels at once (one per 256-bit half).
//
// Pixels are taken in chunks, and within a chunk block by block, so that the
// weights of up to 12 taps stay in registers for the whole chunk. With 9 taps
// the quads are the window's columns (taps 3k..3k+2, column-major): when a pixel's
// first columns have the same row pointers as the previous pixel's last ones
// (stride 1 or 2 along a row of a 3x3 window), their quads are reused.
#pragma once

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "requantize-avx512.h"

#define Q8NN_DWCONV_AVX512_CR 64
// Pixels per chunk (the stack buffer of resolved rows holds a chunk's).
#define Q8NN_DWCONV_AVX512_CHUNK 32
// Tap quads whose weights are held in registers (3 quads = 12 zmm).
#define Q8NN_DWCONV_AVX512_HELD_QUADS 3

// How the outputs are clamped (fp32 rule, params.h).
enum q8nn_dwconv_avx512_clamp {
  // Products below 2^31 (q8nn_avx512_needs_float_clamp false), zero point 0,
  // output range [0, 255]: the packs' saturation is the whole clamp.
  q8nn_dwconv_avx512_clamp_none,
  // Products below 2^31 (from the accumulator bound, e.g. any scale < 1)
  // convert without overflow, and the upper clamp commutes with rounding and
  // the saturating packs: vpminub on bytes.
  q8nn_dwconv_avx512_clamp_bytes,
  // Otherwise clamp above in float (round(min(f, max)) = min(round(f), max)
  // for an integer max; f <= -2^31 converts to INT32_MIN, still below).
  q8nn_dwconv_avx512_clamp_float,
};

struct q8nn_dwconv_avx512_params {
  __m512 scale;
  __m512 max;           // output_max - zero point (clamp_float)
  __m512i zero_point;   // int16 lanes
  __m512i min;          // output_min bytes
  __m512i max_bytes;    // output_max bytes
  __m512i correction;   // bytes 128 - kernel_zero_point (-128 for 128)
  __m512i correction3;  // the same, 0 in the free byte of a column quad
  bool negate;          // kernel_zero_point == 0: subtract the correction
  __m512i lone[4];      // vpshufb controls: (x, x, x, 0) quads of a lone last tap
};

// Row of tap t of a pixel: resolved by the caller, or resolved here (multipass
// with an input offset).
#define Q8NN_DWCONV_AVX512_ROW(rows, t) \
  (resolve ? q8nn_avx512_row((rows)[t], input_offset, zero) : (rows)[t])

// 64 input bytes of tap t: channels [c, c + 64) of pixel a, or (pair) [c, c +
// 32) of pixels a and b.
#define Q8NN_DWCONV_AVX512_LOAD(t)                                                               \
  (pair ? _mm512_inserti64x4(                                                                    \
              _mm512_castsi256_si512(                                                            \
                  _mm256_maskz_loadu_epi8((__mmask32)m, Q8NN_DWCONV_AVX512_ROW(rows_a, t) + c)), \
              _mm256_maskz_loadu_epi8((__mmask32)m, Q8NN_DWCONV_AVX512_ROW(rows_b, t) + c), 1)   \
        : _mm512_maskz_loadu_epi8(m, Q8NN_DWCONV_AVX512_ROW(rows_a, t) + c))

// 64 weight bytes at w (pair: the first 32, for both halves).
Q8NN_AVX512_INLINE __m512i q8nn_dwconv_avx512_weights(const uint8_t* w, bool pair) {
  return pair ? _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i*)w))
              : _mm512_loadu_si512(w);
}

// Requantizes and stores the accumulators (see q8nn_dwconv_avx512_block).
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_store(__m512i acc0, __m512i acc1, __m512i acc2,
                                                 __m512i acc3, bool pair, __mmask64 m,
                                                 const struct q8nn_dwconv_avx512_params* p,
                                                 uint8_t* out_a, uint8_t* out_b, int clamp) {
#define Q8NN_DWCONV_AVX512_ROUND(acc)                                               \
  _mm512_cvt_roundps_epi32(                                                         \
      clamp == q8nn_dwconv_avx512_clamp_float                                       \
          ? _mm512_min_ps(_mm512_mul_ps(_mm512_cvtepi32_ps(acc), p->scale), p->max) \
          : _mm512_mul_ps(_mm512_cvtepi32_ps(acc), p->scale),                       \
      _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)
  __m512i y01 = _mm512_packs_epi32(Q8NN_DWCONV_AVX512_ROUND(acc0), Q8NN_DWCONV_AVX512_ROUND(acc1));
  __m512i y23 = _mm512_packs_epi32(Q8NN_DWCONV_AVX512_ROUND(acc2), Q8NN_DWCONV_AVX512_ROUND(acc3));
#undef Q8NN_DWCONV_AVX512_ROUND
  if (clamp != q8nn_dwconv_avx512_clamp_none) {
    y01 = _mm512_adds_epi16(y01, p->zero_point);
    y23 = _mm512_adds_epi16(y23, p->zero_point);
  }
  __m512i y = _mm512_packus_epi16(y01, y23);
  if (clamp != q8nn_dwconv_avx512_clamp_none) y = _mm512_max_epu8(y, p->min);
  if (clamp == q8nn_dwconv_avx512_clamp_bytes) y = _mm512_min_epu8(y, p->max_bytes);
  if (pair) {
    _mm256_mask_storeu_epi8(out_a, (__mmask32)m, _mm512_castsi512_si256(y));
    if (out_b != NULL) {
      _mm256_mask_storeu_epi8(out_b, (__mmask32)m, _mm512_extracti64x4_epi64(y, 1));
    }
  } else {
    _mm512_mask_storeu_epi8(out_a, m, y);
  }
}

// Weights of row q of the quads (after the biases): held, or loaded from w.
#define Q8NN_DWCONV_AVX512_W(q)                            \
  (held != NULL && (q) < 4 * Q8NN_DWCONV_AVX512_HELD_QUADS \
       ? held[q]                                           \
       : q8nn_dwconv_avx512_weights(w + 64 * (q), pair))

// The outputs of channels [c, c + 64) (lanes of m) of pixel a; pair: of
// channels [c, c + 32) (lanes of m) of pixels a and b (out_b == NULL: a only).
// Taps in groups of 4 consecutive ones (any count but 9). bias = the block's
// biases, followed by its quads; held (or NULL) = the first quads' weights.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_block(
    size_t taps, bool pair, bool resolve, const uint8_t* const* rows_a,
    const uint8_t* const* rows_b, size_t input_offset, const uint8_t* zero, size_t c, __mmask64 m,
    const uint8_t* bias, const __m512i* held, const struct q8nn_dwconv_avx512_params* p,
    uint8_t* out_a, uint8_t* out_b, bool correct, int clamp) {
  __m512i acc0 = q8nn_dwconv_avx512_weights(bias, pair);
  __m512i acc1 = q8nn_dwconv_avx512_weights(bias + 64, pair);
  __m512i acc2 = q8nn_dwconv_avx512_weights(bias + 128, pair);
  __m512i acc3 = q8nn_dwconv_avx512_weights(bias + 192, pair);
  __m512i sum0 = _mm512_setzero_si512();
  __m512i sum1 = _mm512_setzero_si512();
  __m512i sum2 = _mm512_setzero_si512();
  __m512i sum3 = _mm512_setzero_si512();
  const uint8_t* w = bias + 256;
  // A lone last tap (taps % 4 == 1) has its correction packed with it.
  const bool lone = taps % 4 == 1;
  size_t q = 0;
  for (size_t t = 0; t + (lone ? 1 : 0) < taps; t += 4, q += 4) {
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
    acc0 = _mm512_dpbusd_epi32(acc0, q0, Q8NN_DWCONV_AVX512_W(q));
    acc1 = _mm512_dpbusd_epi32(acc1, q1, Q8NN_DWCONV_AVX512_W(q + 1));
    acc2 = _mm512_dpbusd_epi32(acc2, q2, Q8NN_DWCONV_AVX512_W(q + 2));
    acc3 = _mm512_dpbusd_epi32(acc3, q3, Q8NN_DWCONV_AVX512_W(q + 3));
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
    acc0 = _mm512_dpbusd_epi32(acc0, _mm512_shuffle_epi8(x, p->lone[0]), Q8NN_DWCONV_AVX512_W(q));
    acc1 =
        _mm512_dpbusd_epi32(acc1, _mm512_shuffle_epi8(x, p->lone[1]), Q8NN_DWCONV_AVX512_W(q + 1));
    acc2 =
        _mm512_dpbusd_epi32(acc2, _mm512_shuffle_epi8(x, p->lone[2]), Q8NN_DWCONV_AVX512_W(q + 2));
    acc3 =
        _mm512_dpbusd_epi32(acc3, _mm512_shuffle_epi8(x, p->lone[3]), Q8NN_DWCONV_AVX512_W(q + 3));
  }
  q8nn_dwconv_avx512_store(acc0, acc1, acc2, acc3, pair, m, p, out_a, out_b, clamp);
}

#undef Q8NN_DWCONV_AVX512_W

// The quads (x_3k, x_3k+1, x_3k+2, junk) of column k of a 9-tap window (taps
// column-major, as the operators order them); the weights' free byte is 0.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_column(bool pair, bool resolve,
                                                  const uint8_t* const* rows_a,
                                                  const uint8_t* const* rows_b, size_t input_offset,
                                                  const uint8_t* zero, size_t c, __mmask64 m,
                                                  size_t k, __m512i* q) {
  const __m512i x0 = Q8NN_DWCONV_AVX512_LOAD(3 * k);
  const __m512i x1 = Q8NN_DWCONV_AVX512_LOAD(3 * k + 1);
  const __m512i x2 = Q8NN_DWCONV_AVX512_LOAD(3 * k + 2);
  const __m512i lo01 = _mm512_unpacklo_epi8(x0, x1);
  const __m512i hi01 = _mm512_unpackhi_epi8(x0, x1);
  const __m512i lo22 = _mm512_unpacklo_epi8(x2, x2);
  const __m512i hi22 = _mm512_unpackhi_epi8(x2, x2);
  q[0] = _mm512_unpacklo_epi16(lo01, lo22);
  q[1] = _mm512_unpackhi_epi16(lo01, lo22);
  q[2] = _mm512_unpacklo_epi16(hi01, hi22);
  q[3] = _mm512_unpackhi_epi16(hi01, hi22);
}

#undef Q8NN_DWCONV_AVX512_LOAD
#undef Q8NN_DWCONV_AVX512_ROW

// Whether column k of pixel `rows` reads the rows of column l of pixel `prev`.
Q8NN_AVX512_INLINE bool q8nn_dwconv_avx512_same_column(const uint8_t* const* rows, size_t k,
                                                       const uint8_t* const* prev, size_t l) {
  return rows[3 * k] == prev[3 * l] && rows[3 * k + 1] == prev[3 * l + 1] &&
         rows[3 * k + 2] == prev[3 * l + 2];
}

// One block of channels (starting at c, lanes of m) of a 9-tap window for the
// n pixels whose rows start at `rows` (row_stride bytes apart); pair: two
// pixels per step. The quads of the last two columns are kept for the next
// step.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_block_pixels9(
    bool pair, bool resolve, size_t n, const uint8_t* const* rows, size_t row_stride,
    size_t input_offset, const uint8_t* zero, size_t c, __mmask64 m, const uint8_t* w,
    const struct q8nn_dwconv_avx512_params* p, uint8_t* output, size_t output_stride, bool correct,
    int clamp) {
  __m512i held[12];
  for (size_t q = 0; q < 12; q++) held[q] = q8nn_dwconv_avx512_weights(w + 256 + 64 * q, pair);
  __m512i kept1[4], kept2[4];  // set before use (prev_a != NULL); zeros for the compiler
  for (int j = 0; j < 4; j++) kept1[j] = kept2[j] = _mm512_setzero_si512();
  const uint8_t* const* prev_a = NULL;
  const uint8_t* const* prev_b = NULL;
  // pair: pixel i and pixel i + half, so that both halves move one pixel
  // per step and keep their columns.
  const size_t half = pair ? (n + 1) / 2 : n;
  for (size_t i = 0; i < half; i++) {
    const uint8_t* const* rows_a = (const uint8_t* const*)((uintptr_t)rows + i * row_stride);
    const bool two = pair && i + half < n;
    const uint8_t* const* rows_b =
        two ? (const uint8_t* const*)((uintptr_t)rows_a + half * row_stride) : rows_a;
    // Stride 1: columns 0, 1 were the last pixel's 1, 2; stride 2: column 0
    // was its column 2.
    const bool shift1 = prev_a != NULL && q8nn_dwconv_avx512_same_column(rows_a, 0, prev_a, 1) &&
                        q8nn_dwconv_avx512_same_column(rows_a, 1, prev_a, 2) &&
                        (!pair || (q8nn_dwconv_avx512_same_column(rows_b, 0, prev_b, 1) &&
                                   q8nn_dwconv_avx512_same_column(rows_b, 1, prev_b, 2)));
    const bool shift2 = !shift1 && prev_a != NULL &&
                        q8nn_dwconv_avx512_same_column(rows_a, 0, prev_a, 2) &&
                        (!pair || q8nn_dwconv_avx512_same_column(rows_b, 0, prev_b, 2));
    __m512i k0[4], k1[4], k2[4];
    if (shift1) {
      for (int j = 0; j < 4; j++) k0[j] = kept1[j];
      for (int j = 0; j < 4; j++) k1[j] = kept2[j];
    } else {
      if (shift2) {
        for (int j = 0; j < 4; j++) k0[j] = kept2[j];
      } else {
        q8nn_dwconv_avx512_column(pair, resolve, rows_a, rows_b, input_offset, zero, c, m, 0, k0);
      }
      q8nn_dwconv_avx512_column(pair, resolve, rows_a, rows_b, input_offset, zero, c, m, 1, k1);
    }
    q8nn_dwconv_avx512_column(pair, resolve, rows_a, rows_b, input_offset, zero, c, m, 2, k2);
    __m512i acc[4];
    for (int j = 0; j < 4; j++) {
      acc[j] = q8nn_dwconv_avx512_weights(w + 64 * j, pair);
      acc[j] = _mm512_dpbusd_epi32(acc[j], k0[j], held[j]);
      acc[j] = _mm512_dpbusd_epi32(acc[j], k1[j], held[4 + j]);
      acc[j] = _mm512_dpbusd_epi32(acc[j], k2[j], held[8 + j]);
      if (correct) {
        __m512i sum = _mm512_dpbusd_epi32(_mm512_setzero_si512(), k0[j], p->correction3);
        sum = _mm512_dpbusd_epi32(sum, k1[j], p->correction3);
        sum = _mm512_dpbusd_epi32(sum, k2[j], p->correction3);
        acc[j] = p->negate ? _mm512_sub_epi32(acc[j], sum) : _mm512_add_epi32(acc[j], sum);
      }
    }
    for (int j = 0; j < 4; j++) kept1[j] = k1[j];
    for (int j = 0; j < 4; j++) kept2[j] = k2[j];
    prev_a = rows_a;
    prev_b = rows_b;
    uint8_t* out_a = output + i * output_stride + c;
    q8nn_dwconv_avx512_store(acc[0], acc[1], acc[2], acc[3], pair, m, p, out_a,
                             two ? out_a + half * output_stride : NULL, clamp);
  }
}

// One block of channels (starting at c, lanes of m) for the n pixels whose
// rows start at `rows` (row_stride bytes apart); pair: two pixels per call.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_block_pixels(
    size_t taps, bool hold, bool pair, bool resolve, size_t n, const uint8_t* const* rows,
    size_t row_stride, size_t input_offset, const uint8_t* zero, size_t c, __mmask64 m,
    const uint8_t* w, const struct q8nn_dwconv_avx512_params* p, uint8_t* output,
    size_t output_stride, bool correct, int clamp) {
  if (taps == 9) {
    q8nn_dwconv_avx512_block_pixels9(pair, resolve, n, rows, row_stride, input_offset, zero, c, m,
                                     w, p, output, output_stride, correct, clamp);
    return;
  }
  // hold: the quads' weights are loaded once into registers (the stores below
  // could alias w, so the compiler would not hoist the loads by itself).
  __m512i held[4 * Q8NN_DWCONV_AVX512_HELD_QUADS];
  if (hold) {
    for (size_t q = 0; q < (taps + 3) / 4 * 4; q++) {
      held[q] = q8nn_dwconv_avx512_weights(w + 256 + 64 * q, pair);
    }
  }
  const size_t step = pair ? 2 : 1;
  for (size_t i = 0; i < n; i += step) {
    const uint8_t* const* rows_a = (const uint8_t* const*)((uintptr_t)rows + i * row_stride);
    const bool two = pair && i + 1 < n;
    const uint8_t* const* rows_b =
        two ? (const uint8_t* const*)((uintptr_t)rows_a + row_stride) : rows_a;
    uint8_t* out_a = output + i * output_stride + c;
    q8nn_dwconv_avx512_block(taps, pair, resolve, rows_a, rows_b, input_offset, zero, c, m, w,
                             hold ? held : NULL, p, out_a, two ? out_a + output_stride : NULL,
                             correct, clamp);
  }
}

// n pixels, block by block.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_chunk(
    size_t taps, bool hold, bool resolve, size_t channels, size_t n, const uint8_t* const* rows,
    size_t row_stride, size_t input_offset, const uint8_t* zero, const uint8_t* w,
    const struct q8nn_dwconv_avx512_params* p, uint8_t* output, size_t output_stride, bool correct,
    int clamp) {
  const size_t block_bytes = (4 + (taps + 3) / 4 * 4) * Q8NN_DWCONV_AVX512_CR;
  size_t c = 0;
  for (; c + Q8NN_DWCONV_AVX512_CR <= channels; c += Q8NN_DWCONV_AVX512_CR, w += block_bytes) {
    q8nn_dwconv_avx512_block_pixels(taps, hold, false, resolve, n, rows, row_stride, input_offset,
                                    zero, c, ~(__mmask64)0, w, p, output, output_stride, correct,
                                    clamp);
  }
  // The rows end at `channels`: the last block uses masked (fault-free) loads
  // and stores; one of at most 32 channels runs two pixels at once.
  const size_t tail = channels - c;
  if (tail == 32) {  // constant mask: plain loads and stores
    q8nn_dwconv_avx512_block_pixels(taps, hold, true, resolve, n, rows, row_stride, input_offset,
                                    zero, c, ~(__mmask64)0, w, p, output, output_stride, correct,
                                    clamp);
  } else if (tail != 0 && tail < 32) {
    q8nn_dwconv_avx512_block_pixels(taps, hold, true, resolve, n, rows, row_stride, input_offset,
                                    zero, c, q8nn_avx512_mask64(tail), w, p, output, output_stride,
                                    correct, clamp);
  } else if (tail != 0) {
    q8nn_dwconv_avx512_block_pixels(taps, hold, false, resolve, n, rows, row_stride, input_offset,
                                    zero, c, q8nn_avx512_mask64(tail), w, p, output, output_stride,
                                    correct, clamp);
  }
}

// max_rows > 0: unipass (taps <= max_rows), rows resolved once per chunk into
// a buffer when there is an input offset; max_rows == 0: multipass (any tap
// count), rows resolved per block.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_pixels(size_t max_rows, size_t taps, size_t channels,
                                                  size_t output_width, const uint8_t** input,
                                                  const void* weights, uint8_t* output,
                                                  size_t input_stride, size_t output_increment,
                                                  size_t input_offset, const uint8_t* zero,
                                                  const struct q8nn_conv_params* params,
                                                  bool correct, int clamp) {
  const int32_t correction = 128 - params->kernel_zero_point;
  struct q8nn_dwconv_avx512_params p;
  p.scale = _mm512_set1_ps(params->scale);
  p.max = _mm512_set1_ps(params->output.max_less_zero_point);
  p.zero_point = _mm512_set1_epi16((int16_t)params->output.zero_point);
  p.min = _mm512_set1_epi8((char)params->output.min);
  p.max_bytes = _mm512_set1_epi8((char)params->output.max);
  p.correction = _mm512_set1_epi8((char)(correction == 128 ? -128 : correction));
  p.correction3 = _mm512_maskz_mov_epi8(0x7777777777777777, p.correction);
  p.negate = correction == 128;
  // Quad j holds channels 4j..4j+3 of each 128-bit lane (pack.h).
  for (int j = 0; j < 4; j++) {
    int8_t control[16];
    for (int i = 0; i < 16; i++) control[i] = (int8_t)(i % 4 == 3 ? -128 : 4 * j + i / 4);
    p.lone[j] = _mm512_broadcast_i32x4(_mm_loadu_si128((const __m128i*)control));
  }
  const uint8_t* w = (const uint8_t*)weights;
  // Up to 3 quads (12 zmm) of weights fit in registers beside the rest.
  const bool hold = max_rows != 0 && (taps + 3) / 4 <= Q8NN_DWCONV_AVX512_HELD_QUADS;
  const size_t output_stride = channels + output_increment;
  // Unipass with an input offset: each chunk's rows are resolved once into
  // `rows`. Otherwise the pointers are the rows (input_offset 0, the zero row
  // too), or multipass resolves them per block.
  const bool buffer = max_rows != 0 && input_offset != 0;
  const bool resolve = max_rows == 0 && input_offset != 0;
  const uint8_t* rows[Q8NN_DWCONV_AVX512_CHUNK * 25];
  while (output_width != 0) {
    const size_t n =
        output_width < Q8NN_DWCONV_AVX512_CHUNK ? output_width : Q8NN_DWCONV_AVX512_CHUNK;
    if (buffer) {
      for (size_t i = 0; i < n; i++) {
        const uint8_t** pixel = (const uint8_t**)((uintptr_t)input + i * input_stride);
        for (size_t t = 0; t < taps; t++) {
          rows[i * taps + t] = q8nn_avx512_row(pixel[t], input_offset, zero);
        }
      }
      q8nn_dwconv_avx512_chunk(taps, hold, false, channels, n, rows, taps * sizeof(void*), 0, zero,
                               w, &p, output, output_stride, correct, clamp);
    } else {
      q8nn_dwconv_avx512_chunk(taps, hold, resolve, channels, n, (const uint8_t* const*)input,
                               input_stride, input_offset, zero, w, &p, output, output_stride,
                               correct, clamp);
    }
    input = (const uint8_t**)((uintptr_t)input + n * input_stride);
    output += n * output_stride;
    output_width -= n;
  }
}

// Unswitched on the kernel zero point (at 128, symmetric int8 weights seen as
// uint8, w - 128 needs no correction) and on the clamp.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512_taps(size_t max_rows, size_t taps, size_t channels,
                                                size_t output_width, const uint8_t** input,
                                                const void* weights, uint8_t* output,
                                                size_t input_stride, size_t output_increment,
                                                size_t input_offset, const uint8_t* zero,
                                                const struct q8nn_conv_params* params) {
  const bool correct = params->kernel_zero_point != 128;
  if (q8nn_avx512_needs_float_clamp(params)) {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, correct,
                              q8nn_dwconv_avx512_clamp_float);
  } else if (correct) {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, true,
                              q8nn_dwconv_avx512_clamp_bytes);
  } else if (params->output.zero_point == 0 && params->output.min == 0 &&
             params->output.max == 255) {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, false,
                              q8nn_dwconv_avx512_clamp_none);
  } else {
    q8nn_dwconv_avx512_pixels(max_rows, taps, channels, output_width, input, weights, output,
                              input_stride, output_increment, input_offset, zero, params, false,
                              q8nn_dwconv_avx512_clamp_bytes);
  }
}

// 9 taps (column quads) get their own copy.
Q8NN_AVX512_INLINE void q8nn_dwconv_avx512(size_t max_rows, size_t taps, size_t channels,
                                           size_t output_width, const uint8_t** input,
                                           const void* weights, uint8_t* output,
                                           size_t input_stride, size_t output_increment,
                                           size_t input_offset, const uint8_t* zero,
                                           const struct q8nn_conv_params* params) {
  if (taps == 9) {
    q8nn_dwconv_avx512_taps(max_rows != 0 ? 9 : 0, 9, channels, output_width, input, weights,
                            output, input_stride, output_increment, input_offset, zero, params);
  } else {
    q8nn_dwconv_avx512_taps(max_rows, taps, channels, output_width, input, weights, output,
                            input_stride, output_increment, input_offset, zero, params);
  }
}
