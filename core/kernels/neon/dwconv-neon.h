// Depthwise convolution, 16 channels per block, on q8nn_dwconv_packing_i16_pairs
// weights (w' = w - kernel_zero_point as int16, two taps per channel
// interleaved; the input zero point folded into the biases):
//   acc = packed_bias + sum_t x_t * w'_t.
// One LD2 splits a tap pair's weights of 8 channels into the two taps; inputs
// are widened with UXTL (x < 256 fits int16) and accumulated with SMLAL.
#pragma once

#include "neon-common.h"

#if defined(__aarch64__)
#define Q8NN_NEON_MOVL_HI_U8(v) vmovl_high_u8(v)
#define Q8NN_NEON_MLAL_HI_S16(acc, a, b) vmlal_high_s16(acc, a, b)
#else
#define Q8NN_NEON_MOVL_HI_U8(v) vmovl_u8(vget_high_u8(v))
#define Q8NN_NEON_MLAL_HI_S16(acc, a, b) vmlal_s16(acc, vget_high_s16(a), vget_high_s16(b))
#endif

// 16 bytes of channels [c, c + n) of a row (the tail byte-exactly, zero-filled).
Q8NN_NEON_INLINE uint8x16_t q8nn_dwconv_neon_load(const uint8_t* row, int full, size_t n) {
  return full ? vld1q_u8(row) : q8nn_neon_load_tail16(row, n);
}

// acc[0..3] += x (16 channels) * w (two int16x8 of 8 channels each).
Q8NN_NEON_INLINE void q8nn_dwconv_neon_mla(int32x4_t* acc, uint8x16_t x, int16x8_t w_lo,
                                           int16x8_t w_hi) {
  const int16x8_t x_lo = vreinterpretq_s16_u16(vmovl_u8(vget_low_u8(x)));
  const int16x8_t x_hi = vreinterpretq_s16_u16(Q8NN_NEON_MOVL_HI_U8(x));
  acc[0] = vmlal_s16(acc[0], vget_low_s16(x_lo), vget_low_s16(w_lo));
  acc[1] = Q8NN_NEON_MLAL_HI_S16(acc[1], x_lo, w_lo);
  acc[2] = vmlal_s16(acc[2], vget_low_s16(x_hi), vget_low_s16(w_hi));
  acc[3] = Q8NN_NEON_MLAL_HI_S16(acc[3], x_hi, w_hi);
}

// The 16 outputs of channels [c, c + n) of one pixel; w = the block's biases.
// rows != NULL: the taps' rows, already resolved; else from input[].
Q8NN_NEON_INLINE uint8x16_t q8nn_dwconv_neon_block(size_t taps, const uint8_t* const* rows,
                                                   const uint8_t** input, size_t input_offset,
                                                   const uint8_t* zero, size_t c, size_t n,
                                                   const uint8_t* w,
                                                   const struct q8nn_neon_requant* rq) {
  const int full = n == 16;
  int32x4_t acc[4];
  acc[0] = vld1q_s32((const int32_t*)w);
  acc[1] = vld1q_s32((const int32_t*)(w + 16));
  acc[2] = vld1q_s32((const int32_t*)(w + 32));
  acc[3] = vld1q_s32((const int32_t*)(w + 48));
  w += 64;
#define Q8NN_DWCONV_NEON_ROW(t) \
  ((rows != NULL ? rows[t] : q8nn_neon_row(input[t], input_offset, zero)) + c)
  size_t t = 0;
  for (; t + 2 <= taps; t += 2, w += 64) {
    const int16x8x2_t w_lo = vld2q_s16((const int16_t*)w);
    const int16x8x2_t w_hi = vld2q_s16((const int16_t*)(w + 32));
    const uint8x16_t x0 = q8nn_dwconv_neon_load(Q8NN_DWCONV_NEON_ROW(t), full, n);
    const uint8x16_t x1 = q8nn_dwconv_neon_load(Q8NN_DWCONV_NEON_ROW(t + 1), full, n);
    q8nn_dwconv_neon_mla(acc, x0, w_lo.val[0], w_hi.val[0]);
    q8nn_dwconv_neon_mla(acc, x1, w_lo.val[1], w_hi.val[1]);
  }
  if (t < taps) {  // odd tap count: the pair's second weights are 0
    const int16x8x2_t w_lo = vld2q_s16((const int16_t*)w);
    const int16x8x2_t w_hi = vld2q_s16((const int16_t*)(w + 32));
    const uint8x16_t x0 = q8nn_dwconv_neon_load(Q8NN_DWCONV_NEON_ROW(t), full, n);
    q8nn_dwconv_neon_mla(acc, x0, w_lo.val[0], w_hi.val[0]);
  }
#undef Q8NN_DWCONV_NEON_ROW
  return vcombine_u8(q8nn_neon_requantize8(acc[0], acc[1], rq),
                     q8nn_neon_requantize8(acc[2], acc[3], rq));
}

// max_rows > 0: unipass, the taps' rows (taps <= max_rows) are resolved once
// per pixel; max_rows == 0: multipass (any tap count), resolved per block.
Q8NN_NEON_INLINE void q8nn_dwconv_neon(size_t max_rows, size_t taps, size_t channels,
                                       size_t output_width, const uint8_t** input,
                                       const void* weights, uint8_t* output, size_t input_stride,
                                       size_t output_increment, size_t input_offset,
                                       const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_neon_requant rq = q8nn_neon_requant_init(params->scale, &params->output);
  const size_t block_bytes = 64 + (taps + 1) / 2 * 64;
  const uint8_t* rows_buf[32];
  const uint8_t* const* rows = max_rows != 0 ? rows_buf : NULL;
  for (; output_width != 0; output_width--) {
    for (size_t t = 0; t < max_rows; t++) {
      rows_buf[t] = q8nn_neon_row(input[t], input_offset, zero);
    }
    const uint8_t* w = (const uint8_t*)weights;
    size_t c = 0;
    for (; c + 16 <= channels; c += 16, w += block_bytes) {
      vst1q_u8(output,
               q8nn_dwconv_neon_block(taps, rows, input, input_offset, zero, c, 16, w, &rq));
      output += 16;
    }
    if (c < channels) {
      const size_t n = channels - c;
      q8nn_neon_store_tail16(
          output, q8nn_dwconv_neon_block(taps, rows, input, input_offset, zero, c, n, w, &rq), n);
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
