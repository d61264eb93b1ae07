// Helpers of the WebAssembly SIMD128 kernels outside convolution (pooling,
// elementwise, lookup, zip): partial loads and stores of 1..16 bytes that
// never touch bytes outside a row, and the fp32 output rule on 4 lanes.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <wasm_simd128.h>

#include "q8nn/params.h"

// Loads p[0..n) for n in [1, 16] as two halves of h bytes, h the largest
// power of two <= min(n, 8): lanes [0, h) hold p[0..h) and lanes [h, 2h) hold
// p[n - h..n) (the halves overlap unless n = 2h); lanes above are zero. Lane
// by lane kernels process the vector as usual and store it back with
// q8nn_wasmsimd_misc_store_partial and the same n: the overlapping bytes
// receive the same value twice. Both halves are read before anything is
// stored, so outputs may alias the input.
static inline v128_t q8nn_wasmsimd_misc_load_partial(const uint8_t* p, size_t n) {
  if (n >= 8) return wasm_v128_load64_lane(p + n - 8, wasm_v128_load64_zero(p), 1);
  if (n >= 4) return wasm_v128_load32_lane(p + n - 4, wasm_v128_load32_zero(p), 1);
  const v128_t vzero = wasm_i32x4_const_splat(0);
  if (n >= 2) return wasm_v128_load16_lane(p + n - 2, wasm_v128_load16_lane(p, vzero, 0), 1);
  return wasm_v128_load8_lane(p, vzero, 0);
}

static inline void q8nn_wasmsimd_misc_store_partial(uint8_t* p, v128_t v, size_t n) {
  if (n >= 8) {
    wasm_v128_store64_lane(p, v, 0);
    wasm_v128_store64_lane(p + n - 8, v, 1);
  } else if (n >= 4) {
    wasm_v128_store32_lane(p, v, 0);
    wasm_v128_store32_lane(p + n - 4, v, 1);
  } else if (n >= 2) {
    wasm_v128_store16_lane(p, v, 0);
    wasm_v128_store16_lane(p + n - 2, v, 1);
  } else {
    wasm_v128_store8_lane(p, v, 0);
  }
}

struct q8nn_wasmsimd_misc_output {
  v128_t min_lzp, max_lzp, magic, magic_lzp;
};

static inline struct q8nn_wasmsimd_misc_output q8nn_wasmsimd_misc_output_init(
    const struct q8nn_fp32_output* o) {
  struct q8nn_wasmsimd_misc_output r;
  r.min_lzp = wasm_f32x4_splat(o->min_less_zero_point);
  r.max_lzp = wasm_f32x4_splat(o->max_less_zero_point);
  r.magic = wasm_f32x4_splat(o->magic_bias);
  r.magic_lzp = wasm_i32x4_splat(o->magic_bias_less_zero_point);
  return r;
}

// The output half of the fp32 rule (params.h, scalar-math.h): clamp in float,
// magic-bias rounding, zero point added; int32 results in [output_min,
// output_max]. pmax(a, b) = a < b ? b : a and pmin(a, b) = b < a ? b : a are
// exactly the comparisons of the scalar rule, and single instructions in the
// engines (min / max propagate NaN and cost a longer sequence).
static inline v128_t q8nn_wasmsimd_misc_output_round(v128_t fp,
                                                     const struct q8nn_wasmsimd_misc_output* o) {
  fp = wasm_f32x4_pmax(fp, o->min_lzp);
  fp = wasm_f32x4_pmin(fp, o->max_lzp);
  return wasm_i32x4_sub(wasm_f32x4_add(fp, o->magic), o->magic_lzp);
}

// 16 uint8 from 4 x 4 int32 in [0, 255] (both narrowings are exact).
static inline v128_t q8nn_wasmsimd_misc_pack16(v128_t q0, v128_t q1, v128_t q2, v128_t q3) {
  return wasm_u8x16_narrow_i16x8(wasm_i16x8_narrow_i32x4(q0, q1), wasm_i16x8_narrow_i32x4(q2, q3));
}

// The fp32 rule on 16 int32 accumulators (4 vectors of 4): 16 output bytes.
static inline v128_t q8nn_wasmsimd_misc_requantize16(v128_t a0, v128_t a1, v128_t a2, v128_t a3,
                                                     v128_t vscale,
                                                     const struct q8nn_wasmsimd_misc_output* o) {
  return q8nn_wasmsimd_misc_pack16(
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(a0), vscale), o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(a1), vscale), o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(a2), vscale), o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_mul(wasm_f32x4_convert_i32x4(a3), vscale), o));
}

// Adds the 16 bytes of v (zero-extended) to 8 x 16-bit sums lo, hi.
static inline void q8nn_wasmsimd_misc_sum16(v128_t v, v128_t* lo, v128_t* hi) {
  *lo = wasm_i16x8_add(*lo, wasm_u16x8_extend_low_u8x16(v));
  *hi = wasm_i16x8_add(*hi, wasm_u16x8_extend_high_u8x16(v));
}

// Adds 16-bit sums lo, hi (unsigned) to 4 vectors of int32 accumulators.
static inline void q8nn_wasmsimd_misc_widen_add(v128_t lo, v128_t hi, v128_t acc[4]) {
  acc[0] = wasm_i32x4_add(acc[0], wasm_u32x4_extend_low_u16x8(lo));
  acc[1] = wasm_i32x4_add(acc[1], wasm_u32x4_extend_high_u16x8(lo));
  acc[2] = wasm_i32x4_add(acc[2], wasm_u32x4_extend_low_u16x8(hi));
  acc[3] = wasm_i32x4_add(acc[3], wasm_u32x4_extend_high_u16x8(hi));
}

static inline const uint8_t* q8nn_wasmsimd_misc_row(const uint8_t* row, size_t input_offset,
                                                    const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
