// Depthwise convolution, 16 channels per block, on
// q8nn_dwconv_packing_i16_pairs weights (CR = 16): each int32 lane holds one
// channel's inputs of two taps as int16 (x_t, x_t+1), so one
// i32x4.dot_i16x8_s (pmaddwd) gives x_t * w'_t + x_t+1 * w'_t+1 with
// w' = w - kernel_zero_point (exact: 8-bit x 9-bit products); the input zero
// point is folded into the biases. A pair of taps of 16 channels costs 2
// loads, 6 shuffles (2 byte interleaves, 4 widenings), 4 weight loads, 4
// dots and 4 adds; widening each row first (4 loads that widen) and then
// zipping int16 lanes took 8 shuffles and ran ~2% slower.
#pragma once

#include "wasmsimd-common.h"

#define Q8NN_WASMSIMD_DW_CR 16

// acc0..acc3 (channels 0-3, 4-7, 8-11, 12-15) += the pair of taps whose 16
// channels are the bytes x0 and x1, weights at wp.
#define Q8NN_WDW_PAIR(x0, x1, wp)                                                                  \
  do {                                                                                             \
    const v128_t x0_ = (x0), x1_ = (x1);                                                           \
    const v128_t lo_ =                                                                             \
        wasm_i8x16_shuffle(x0_, x1_, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);      \
    const v128_t hi_ = wasm_i8x16_shuffle(x0_, x1_, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29,  \
                                          14, 30, 15, 31);                                         \
    acc0 = wasm_i32x4_add(                                                                         \
        acc0, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(lo_), wasm_v128_load(wp)));         \
    acc1 = wasm_i32x4_add(                                                                         \
        acc1, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(lo_), wasm_v128_load((wp) + 16))); \
    acc2 = wasm_i32x4_add(                                                                         \
        acc2, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_low_u8x16(hi_), wasm_v128_load((wp) + 32)));  \
    acc3 = wasm_i32x4_add(                                                                         \
        acc3, wasm_i32x4_dot_i16x8(wasm_u16x8_extend_high_u8x16(hi_), wasm_v128_load((wp) + 48))); \
  } while (0)

// acc0..acc3 += a lone tap (16 channels at p) whose pair's second weights are
// 0: x * w + x * 0. Widening loads then int16 zips: one shuffle fewer on the
// way to the dots than Q8NN_WDW_PAIR(x, x, wp) (~2% of this kernel).
#define Q8NN_WDW_LONE(p, wp)                                                             \
  do {                                                                                   \
    const v128_t xl_ = wasm_u16x8_load8x8(p);                                            \
    const v128_t xh_ = wasm_u16x8_load8x8((p) + 8);                                      \
    acc0 = wasm_i32x4_add(                                                               \
        acc0, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(xl_, xl_, 0, 0, 1, 1, 2, 2, 3, 3), \
                                   wasm_v128_load(wp)));                                 \
    acc1 = wasm_i32x4_add(                                                               \
        acc1, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(xl_, xl_, 4, 4, 5, 5, 6, 6, 7, 7), \
                                   wasm_v128_load((wp) + 16)));                          \
    acc2 = wasm_i32x4_add(                                                               \
        acc2, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(xh_, xh_, 0, 0, 1, 1, 2, 2, 3, 3), \
                                   wasm_v128_load((wp) + 32)));                          \
    acc3 = wasm_i32x4_add(                                                               \
        acc3, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(xh_, xh_, 4, 4, 5, 5, 6, 6, 7, 7), \
                                   wasm_v128_load((wp) + 48)));                          \
  } while (0)

// Row of tap t: from `rows` (resolved once per pixel) or from `input`.
#define Q8NN_WDW_ROW(t) \
  (rows != NULL ? rows[t] : q8nn_wasmsimd_indirect_row(input[t], input_offset, zero))

// The 16 outputs (as bytes) of channels [c, c + n) of one pixel, n in
// [1, 16]; w = the block's biases. Rows of a tail block (n < 16) are read
// exactly, their missing channels are zeros. The weights of the missing tap
// after an odd last one are 0.
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
  if (n == Q8NN_WASMSIMD_DW_CR && rows != NULL && taps == 9) {
    // 3x3: each pair in its own block, behind a branch that is always taken
    // but that neither LLVM nor V8 can prove so (k is opaque to LLVM, a
    // runtime value to V8). V8 schedules a block's loads before its
    // arithmetic, so that one block for all taps would spill; a loop costs
    // a counter, an index and a stack check per pair (~4% of this kernel).
    size_t k = c;
    __asm__("" : "+r"(k));
#define Q8NN_WDW_PAIR_AT(t0, t1) \
  Q8NN_WDW_PAIR(wasm_v128_load(rows[t0] + c), wasm_v128_load(rows[t1] + c), w + (t0)*32)
    Q8NN_WDW_PAIR_AT(0, 1);
    if (k != SIZE_MAX) {
      Q8NN_WDW_PAIR_AT(2, 3);
      if (k != SIZE_MAX - 1) {
        Q8NN_WDW_PAIR_AT(4, 5);
        if (k != SIZE_MAX - 2) {
          Q8NN_WDW_PAIR_AT(6, 7);
          if (k != SIZE_MAX - 3) Q8NN_WDW_LONE(rows[8] + c, w + 256);
        }
      }
    }
#undef Q8NN_WDW_PAIR_AT
  } else if (n == Q8NN_WASMSIMD_DW_CR && rows != NULL) {
    // Tap pairs are not unrolled: LLVM would hoist the loads of all taps and
    // V8 spill them (15 allocatable xmm registers). Rows resolved per pixel
    // are walked with a pointer (fewer address computations than an index).
    const uint8_t* const* pr = rows;
    const uint8_t* const* pr_last = rows + taps - 1;
#pragma clang loop unroll(disable)
    for (; pr < pr_last; pr += 2, w += 64) {
      Q8NN_WDW_PAIR(wasm_v128_load(pr[0] + c), wasm_v128_load(pr[1] + c), w);
    }
    if (pr == pr_last) Q8NN_WDW_LONE(pr[0] + c, w);
  } else if (n == Q8NN_WASMSIMD_DW_CR) {
    size_t t = 0;
#pragma clang loop unroll(disable)
    for (; t + 2 <= taps; t += 2, w += 64) {
      Q8NN_WDW_PAIR(wasm_v128_load(Q8NN_WDW_ROW(t) + c), wasm_v128_load(Q8NN_WDW_ROW(t + 1) + c),
                    w);
    }
    if (t < taps) Q8NN_WDW_LONE(Q8NN_WDW_ROW(t) + c, w);
  } else {
#pragma clang loop unroll(disable)
    for (size_t t = 0; t < taps; t += 2, w += 64) {
      const v128_t x0 = q8nn_wasmsimd_load_tail16(Q8NN_WDW_ROW(t) + c, n);
      const v128_t x1 = t + 1 < taps ? q8nn_wasmsimd_load_tail16(Q8NN_WDW_ROW(t + 1) + c, n) : x0;
      Q8NN_WDW_PAIR(x0, x1, w);
    }
  }
  return o->plain ? q8nn_wasmsimd_requantize16(acc0, acc1, acc2, acc3, o, true)
                  : q8nn_wasmsimd_requantize16(acc0, acc1, acc2, acc3, o, false);
}

#undef Q8NN_WDW_ROW

// max_rows > 0: the taps' rows are resolved once per pixel (unipass, taps <=
// max_rows <= 32); max_rows == 0: per block (multipass, any tap count).
static inline void q8nn_wasmsimd_dw16(size_t max_rows, size_t taps, size_t channels,
                                      size_t output_width, const uint8_t** input,
                                      const void* weights, uint8_t* output, size_t input_stride,
                                      size_t output_increment, size_t input_offset,
                                      const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_wasmsimd_output o = q8nn_wasmsimd_output_init(params);
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
