// Depthwise convolution, 16 channels per block, on
// q8nn_dwconv_packing_i16_pairs weights (CR = 16): each int32 lane holds one
// channel's inputs of two taps as int16 (x_t, x_t+1), so one
// i32x4.dot_i16x8_s (pmaddwd) gives x_t * w'_t + x_t+1 * w'_t+1 with
// w' = w - kernel_zero_point (exact: 8-bit x 9-bit products); the input zero
// point is folded into the biases. A pair of taps of 16 channels costs 4
// widening loads, 4 interleaves, 4 weight loads, 4 dots and 4 adds.
#pragma once

#include "wasmsimd-common.h"

#define Q8NN_WASMSIMD_DW_CR 16

// Interleaves the int16 lanes of two taps: channels 0-3 (lo) / 4-7 (hi) of
// the 8 channels held by x0 and x1.
#define Q8NN_WDW_ZIP_LO(x0, x1) wasm_i16x8_shuffle(x0, x1, 0, 8, 1, 9, 2, 10, 3, 11)
#define Q8NN_WDW_ZIP_HI(x0, x1) wasm_i16x8_shuffle(x0, x1, 4, 12, 5, 13, 6, 14, 7, 15)

// acc0..acc3 (channels 0-3, 4-7, 8-11, 12-15) += the pair of taps whose
// channels 0-7 are x0l / x1l and 8-15 x0h / x1h (int16), weights at wp.
#define Q8NN_WDW_PAIR(x0l, x0h, x1l, x1h, wp)                                                     \
  do {                                                                                            \
    const v128_t x0l_ = (x0l), x0h_ = (x0h), x1l_ = (x1l), x1h_ = (x1h);                          \
    acc0 = wasm_i32x4_add(acc0,                                                                   \
                          wasm_i32x4_dot_i16x8(Q8NN_WDW_ZIP_LO(x0l_, x1l_), wasm_v128_load(wp))); \
    acc1 = wasm_i32x4_add(                                                                        \
        acc1, wasm_i32x4_dot_i16x8(Q8NN_WDW_ZIP_HI(x0l_, x1l_), wasm_v128_load((wp) + 16)));      \
    acc2 = wasm_i32x4_add(                                                                        \
        acc2, wasm_i32x4_dot_i16x8(Q8NN_WDW_ZIP_LO(x0h_, x1h_), wasm_v128_load((wp) + 32)));      \
    acc3 = wasm_i32x4_add(                                                                        \
        acc3, wasm_i32x4_dot_i16x8(Q8NN_WDW_ZIP_HI(x0h_, x1h_), wasm_v128_load((wp) + 48)));      \
  } while (0)

// Row of tap t: from `rows` (resolved once per pixel) or from `input`.
#define Q8NN_WDW_ROW(t) \
  (rows != NULL ? rows[t] : q8nn_wasmsimd_indirect_row(input[t], input_offset, zero))

// The 16 outputs (as bytes) of channels [c, c + n) of one pixel, n in
// [1, 16]; w = the block's biases. Rows of a tail block (n < 16) are read
// exactly, their missing channels are zeros.
static inline v128_t q8nn_wasmsimd_dw16_block(size_t taps, const uint8_t* const* rows,
                                              const uint8_t** input, size_t input_offset,
                                              const uint8_t* zero, size_t c, size_t n,
                                              const uint8_t* w,
                                              const struct q8nn_wasmsimd_output* o) {
  v128_t acc0 = wasm_v128_load(w);
  v128_t acc1 = wasm_v128_load(w + 16);
  v128_t acc2 = wasm_v128_load(w + 32);
  v128_t acc3 = wasm_v128_load(w + 48);
  w += 64;
  size_t t = 0;
  // Tap pairs are not unrolled: LLVM would hoist the loads of all taps and
  // V8 spill them (15 allocatable xmm registers).
  if (n == Q8NN_WASMSIMD_DW_CR && rows != NULL) {
    // Rows resolved per pixel: walk them with a pointer (fewer address
    // computations than indexing by tap).
    const uint8_t* const* pr = rows;
    const uint8_t* const* pr_end = rows + (taps & ~(size_t)1);
#pragma clang loop unroll(disable)
    for (; pr != pr_end; pr += 2, w += 64) {
      const uint8_t* r0 = pr[0] + c;
      const uint8_t* r1 = pr[1] + c;
      Q8NN_WDW_PAIR(wasm_u16x8_load8x8(r0), wasm_u16x8_load8x8(r0 + 8), wasm_u16x8_load8x8(r1),
                    wasm_u16x8_load8x8(r1 + 8), w);
    }
    if (taps & 1) {
      // A missing odd tap's weights are 0: any value will do.
      const uint8_t* r0 = pr[0] + c;
      const v128_t x0l = wasm_u16x8_load8x8(r0);
      const v128_t x0h = wasm_u16x8_load8x8(r0 + 8);
      Q8NN_WDW_PAIR(x0l, x0h, x0l, x0h, w);
    }
  } else if (n == Q8NN_WASMSIMD_DW_CR) {
#pragma clang loop unroll(disable)
    for (; t + 2 <= taps; t += 2, w += 64) {
      const uint8_t* r0 = Q8NN_WDW_ROW(t) + c;
      const uint8_t* r1 = Q8NN_WDW_ROW(t + 1) + c;
      Q8NN_WDW_PAIR(wasm_u16x8_load8x8(r0), wasm_u16x8_load8x8(r0 + 8), wasm_u16x8_load8x8(r1),
                    wasm_u16x8_load8x8(r1 + 8), w);
    }
    if (t < taps) {
      // A missing odd tap's weights are 0: any value will do.
      const uint8_t* r0 = Q8NN_WDW_ROW(t) + c;
      const v128_t x0l = wasm_u16x8_load8x8(r0);
      const v128_t x0h = wasm_u16x8_load8x8(r0 + 8);
      Q8NN_WDW_PAIR(x0l, x0h, x0l, x0h, w);
    }
  } else {
#pragma clang loop unroll(disable)
    for (; t < taps; t += 2, w += 64) {
      const v128_t x0 = q8nn_wasmsimd_load_tail16(Q8NN_WDW_ROW(t) + c, n);
      const v128_t x1 = t + 1 < taps ? q8nn_wasmsimd_load_tail16(Q8NN_WDW_ROW(t + 1) + c, n) : x0;
      Q8NN_WDW_PAIR(wasm_u16x8_extend_low_u8x16(x0), wasm_u16x8_extend_high_u8x16(x0),
                    wasm_u16x8_extend_low_u8x16(x1), wasm_u16x8_extend_high_u8x16(x1), w);
    }
  }
  return q8nn_wasmsimd_requantize16(acc0, acc1, acc2, acc3, o);
}

#undef Q8NN_WDW_ROW

// max_rows > 0: the taps' rows are resolved once per pixel (unipass, taps <=
// max_rows <= 32); max_rows == 0: per block (multipass, any tap count).
static inline void q8nn_wasmsimd_dw16(size_t max_rows, size_t taps, size_t channels,
                                      size_t output_width, const uint8_t** input,
                                      const void* weights, uint8_t* output, size_t input_stride,
                                      size_t output_increment, size_t input_offset,
                                      const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_wasmsimd_output o = q8nn_wasmsimd_output_init(params->scale, &params->output);
  const size_t block_bytes = 64 + (taps + 1) / 2 * 64;
  const uint8_t* rows_buf[32];
  const uint8_t* const* rows = max_rows != 0 ? rows_buf : NULL;
  for (; output_width != 0; output_width--) {
    for (size_t t = 0; t < max_rows; t++) {
      rows_buf[t] = q8nn_wasmsimd_indirect_row(input[t], input_offset, zero);
    }
    const uint8_t* w = (const uint8_t*)weights;
    size_t c = 0;
    for (; c + Q8NN_WASMSIMD_DW_CR <= channels; c += Q8NN_WASMSIMD_DW_CR, w += block_bytes) {
      const v128_t y = q8nn_wasmsimd_dw16_block(taps, rows, input, input_offset, zero, c,
                                                Q8NN_WASMSIMD_DW_CR, w, &o);
      wasm_v128_store(output, y);
      output += Q8NN_WASMSIMD_DW_CR;
    }
    if (c < channels) {
      const size_t n = channels - c;
      const v128_t y = q8nn_wasmsimd_dw16_block(taps, rows, input, input_offset, zero, c, n, w, &o);
      q8nn_wasmsimd_store_tail16(output, y, n);
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
