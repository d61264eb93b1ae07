// Helpers shared by the WebAssembly SIMD128 kernels: partial loads and stores
// that never touch bytes outside a row, and the fp32 output rule on 4 lanes.
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wasm_simd128.h>

#include "q8nn/params.h"

// Bytes p[0..n) (n in [0, 8]) in the low 64 bits, zeros above: fixed-size
// lane loads (pinsr* in engines), no memcpy call of a variable size.
static inline v128_t q8nn_wasmsimd_load_tail8(const uint8_t* p, size_t n) {
  const v128_t vzero = wasm_i32x4_const(0, 0, 0, 0);
  switch (n) {
    case 0:
      return vzero;
    case 1:
      return wasm_v128_load8_lane(p, vzero, 0);
    case 2:
      return wasm_v128_load16_lane(p, vzero, 0);
    case 3:
      return wasm_v128_load8_lane(p + 2, wasm_v128_load16_lane(p, vzero, 0), 2);
    case 4:
      return wasm_v128_load32_zero(p);
    case 5:
      return wasm_v128_load8_lane(p + 4, wasm_v128_load32_zero(p), 4);
    case 6:
      return wasm_v128_load16_lane(p + 4, wasm_v128_load32_zero(p), 2);
    case 7:
      return wasm_v128_load8_lane(p + 6, wasm_v128_load16_lane(p + 4, wasm_v128_load32_zero(p), 2),
                                  6);
    default:
      return wasm_v128_load64_zero(p);
  }
}

// Bytes p[0..n) (n in [1, 16]), zeros above.
static inline v128_t q8nn_wasmsimd_load_tail16(const uint8_t* p, size_t n) {
  if (n == 16) return wasm_v128_load(p);
  if (n <= 8) return q8nn_wasmsimd_load_tail8(p, n);
  return wasm_i64x2_replace_lane(
      wasm_v128_load64_zero(p), 1,
      wasm_i64x2_extract_lane(q8nn_wasmsimd_load_tail8(p + 8, n - 8), 0));
}

// Stores the low n (< 8) bytes of v.
static inline void q8nn_wasmsimd_store_tail8(uint8_t* p, v128_t v, size_t n) {
  if (n & 4) {
    wasm_v128_store32_lane(p, v, 0);
    v = wasm_u64x2_shr(v, 32), p += 4;
  }
  if (n & 2) {
    wasm_v128_store16_lane(p, v, 0);
    v = wasm_u64x2_shr(v, 16), p += 2;
  }
  if (n & 1) wasm_v128_store8_lane(p, v, 0);
}

// Stores the low n (<= 16) bytes of v.
static inline void q8nn_wasmsimd_store_tail16(uint8_t* p, v128_t v, size_t n) {
  if (n == 16) {
    wasm_v128_store(p, v);
    return;
  }
  if (n >= 8) {
    wasm_v128_store64_lane(p, v, 0);
    v = wasm_i64x2_shuffle(v, v, 1, 1), p += 8, n -= 8;
  }
  if (n != 0) q8nn_wasmsimd_store_tail8(p, v, n);
}

struct q8nn_wasmsimd_output {
  v128_t scale, min_lzp, magic, magic_lzp, max_u8;
  // Neither clamp is needed: output range [0, 255], and products above
  // -1.5 * 2^23, where magic-bias rounding of a negative product still gives
  // a negative integer (which saturates to 0).
  bool plain;
};

// Plain when the accumulator bound allows it (float rounding is monotonic,
// so (float)bound * scale bounds every product).
static inline struct q8nn_wasmsimd_output q8nn_wasmsimd_output_init(
    const struct q8nn_conv_params* params) {
  const struct q8nn_fp32_output* o = &params->output;
  struct q8nn_wasmsimd_output r;
  r.scale = wasm_f32x4_splat(params->scale);
  r.min_lzp = wasm_f32x4_splat(o->min_less_zero_point);
  r.magic = wasm_f32x4_splat(o->magic_bias);
  r.magic_lzp = wasm_i32x4_splat(o->magic_bias_less_zero_point);
  r.max_u8 = wasm_u8x16_splat((uint8_t)o->max);
  r.plain = o->min == 0 && o->max == 255 &&
            (float)params->accumulator_bound * params->scale < 12582912.0f;
  return r;
}

// The fp32 rule (params.h) on 4 int32 accumulators, up to the upper clamp:
// (float) acc * scale, clamped below in float (pmax(a, b) = a < b ? b : a is
// the comparison of the scalar rule, and one instruction in engines), then
// magic-bias rounding and the zero point. Results are >= output_min; above
// output_max they may be anything up to 2^30 (bits(fp + magic) grows with fp,
// and without wrapping), which the narrowing saturates and
// q8nn_wasmsimd_requantize16 clamps as bytes, like the float clamp would.
static inline v128_t q8nn_wasmsimd_requantize_low(v128_t acc, const struct q8nn_wasmsimd_output* o,
                                                  bool plain) {
  v128_t fp = wasm_f32x4_mul(wasm_f32x4_convert_i32x4(acc), o->scale);
  if (!plain) fp = wasm_f32x4_pmax(fp, o->min_lzp);
  return wasm_i32x4_sub(wasm_f32x4_add(fp, o->magic), o->magic_lzp);
}

// 16 uint8 outputs from 4 vectors of 4 accumulators (the fp32 rule). Callers
// branch on o->plain once per block and pass it as a constant.
static inline v128_t q8nn_wasmsimd_requantize16(v128_t a0, v128_t a1, v128_t a2, v128_t a3,
                                                const struct q8nn_wasmsimd_output* o, bool plain) {
  const v128_t v01 = wasm_i16x8_narrow_i32x4(q8nn_wasmsimd_requantize_low(a0, o, plain),
                                             q8nn_wasmsimd_requantize_low(a1, o, plain));
  const v128_t v23 = wasm_i16x8_narrow_i32x4(q8nn_wasmsimd_requantize_low(a2, o, plain),
                                             q8nn_wasmsimd_requantize_low(a3, o, plain));
  const v128_t v = wasm_u8x16_narrow_i16x8(v01, v23);
  return plain ? v : wasm_u8x16_min(v, o->max_u8);
}

static inline const uint8_t* q8nn_wasmsimd_indirect_row(const uint8_t* row, size_t input_offset,
                                                        const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
