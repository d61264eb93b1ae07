// The 4x8c2 tile shared by the wasmsimd gemm and igemm kernels. Weights are
// q8nn_gemm_packing_i16_izp_folded: int16 w - kernel_zero_point, with the
// input zero point term in the biases, so the inner loop multiplies
// zero-extended a by the stored weights and needs no row sums:
//   acc = packed_bias + sum_k a[k] * (w[k] - kernel_zero_point).
// i32x4.dot_i16x8_s (pmaddwd) sums a pair of k exactly (|a * (w - kzp)| <=
// 255 * 255) into each of the 4 int32 lanes of a column; int32 lanes wrap
// like the packed biases. Each 32-byte weight group holds k pairs (2g, 2g + 1)
// of 8 columns as int16: columns 0-3 then 4-7, each meeting the pair of a row
// broadcast to the 4 lanes.
#pragma once

#include "wasmsimd-common.h"

// The accumulators of a 4x8 tile: row r, columns 0-3 (l) and 4-7 (h).
#define Q8NN_W48_ACC_DECLARE                                     \
  v128_t vacc0l, vacc0h, vacc1l, vacc1h, vacc2l, vacc2h, vacc3l, \
      vacc3h /* named, so that they stay in locals */

// Biases at w.
#define Q8NN_W48_ACC_INIT(w)           \
  do {                                 \
    vacc0l = wasm_v128_load(w);        \
    vacc0h = wasm_v128_load((w) + 16); \
    vacc1l = vacc0l;                   \
    vacc1h = vacc0h;                   \
    vacc2l = vacc0l;                   \
    vacc2h = vacc0h;                   \
    vacc3l = vacc0l;                   \
    vacc3h = vacc0h;                   \
  } while (0)

// Row r += broadcast pair vs times the weights vbl / vbh.
#define Q8NN_W48_MADD(r, vs)                                                 \
  do {                                                                       \
    const v128_t vs_ = (vs);                                                 \
    vacc##r##l = wasm_i32x4_add(vacc##r##l, wasm_i32x4_dot_i16x8(vs_, vbl)); \
    vacc##r##h = wasm_i32x4_add(vacc##r##h, wasm_i32x4_dot_i16x8(vs_, vbh)); \
  } while (0)

#define Q8NN_W48_WEIGHTS(wg)             \
  const v128_t vbl = wasm_v128_load(wg); \
  const v128_t vbh = wasm_v128_load((wg) + 16)

// Group of pre-broadcast pairs vs[0..4) with weights at wg.
#define Q8NN_W48_BGROUP(vs, wg) \
  do {                          \
    Q8NN_W48_WEIGHTS(wg);       \
    Q8NN_W48_MADD(0, (vs)[0]);  \
    Q8NN_W48_MADD(1, (vs)[1]);  \
    Q8NN_W48_MADD(2, (vs)[2]);  \
    Q8NN_W48_MADD(3, (vs)[3]);  \
  } while (0)

// The pair of k (2g, 2g + 1) at p, widened and broadcast to the 4 lanes.
#define Q8NN_W48_PAIR(p) wasm_u16x8_extend_low_u8x16(wasm_v128_load16_splat(p))

// acc += rows a0..a3 (kc bytes each) times the panel at w, one pair of k per
// iteration (broadcast straight from memory, so that nothing spills); an odd
// last k is read alone and paired with 0 (its padding weight adds nothing).
// Advances w past the panel (round_up(kc, 2) * 16 bytes).
#define Q8NN_W48_ACCUMULATE(a0, a1, a2, a3, kc, w)                                      \
  do {                                                                                  \
    const uint8_t* pa0 = (a0);                                                          \
    const uint8_t* pa1 = (a1);                                                          \
    const uint8_t* pa2 = (a2);                                                          \
    const uint8_t* pa3 = (a3);                                                          \
    size_t k = (kc);                                                                    \
    _Pragma("clang loop unroll(disable)") for (; k >= 2; k -= 2, w += 32) {             \
      const v128_t vs[4] = {Q8NN_W48_PAIR(pa0), Q8NN_W48_PAIR(pa1), Q8NN_W48_PAIR(pa2), \
                            Q8NN_W48_PAIR(pa3)};                                        \
      pa0 += 2, pa1 += 2, pa2 += 2, pa3 += 2;                                           \
      Q8NN_W48_BGROUP(vs, w);                                                           \
    }                                                                                   \
    if (k != 0) {                                                                       \
      const v128_t vs[4] = {wasm_i32x4_splat(*pa0), wasm_i32x4_splat(*pa1),             \
                            wasm_i32x4_splat(*pa2), wasm_i32x4_splat(*pa3)};            \
      Q8NN_W48_BGROUP(vs, w);                                                           \
      w += 32;                                                                          \
    }                                                                                   \
  } while (0)

// Broadcasts the k pairs of rows a0..a3 (kc bytes each) into buf:
// [group][row], round_up(kc, 2) / 2 * 4 vectors; returns the end of buf.
static inline v128_t* q8nn_wasmsimd_4x8c2_broadcast(v128_t* buf, const uint8_t* a0,
                                                    const uint8_t* a1, const uint8_t* a2,
                                                    const uint8_t* a3, size_t kc) {
  for (size_t k = 0; k < kc; k += 8) {
    const size_t n = kc - k < 8 ? kc - k : 8;
    v128_t va[4];
    if (n == 8) {
      va[0] = wasm_u16x8_load8x8(a0 + k);
      va[1] = wasm_u16x8_load8x8(a1 + k);
      va[2] = wasm_u16x8_load8x8(a2 + k);
      va[3] = wasm_u16x8_load8x8(a3 + k);
    } else {
      va[0] = wasm_u16x8_extend_low_u8x16(q8nn_wasmsimd_load_tail8(a0 + k, n));
      va[1] = wasm_u16x8_extend_low_u8x16(q8nn_wasmsimd_load_tail8(a1 + k, n));
      va[2] = wasm_u16x8_extend_low_u8x16(q8nn_wasmsimd_load_tail8(a2 + k, n));
      va[3] = wasm_u16x8_extend_low_u8x16(q8nn_wasmsimd_load_tail8(a3 + k, n));
    }
    const size_t groups = (n + 1) / 2;
    for (size_t r = 0; r < 4; r++) {
      buf[r] = wasm_i32x4_shuffle(va[r], va[r], 0, 0, 0, 0);
      if (groups > 1) buf[4 + r] = wasm_i32x4_shuffle(va[r], va[r], 1, 1, 1, 1);
      if (groups > 2) buf[8 + r] = wasm_i32x4_shuffle(va[r], va[r], 2, 2, 2, 2);
      if (groups > 3) buf[12 + r] = wasm_i32x4_shuffle(va[r], va[r], 3, 3, 3, 3);
    }
    buf += groups * 4;
  }
  return buf;
}

// acc += the pre-broadcast pairs vs (groups x 4 vectors) times the weights at
// w. One group per iteration: unrolled, LLVM hoists the loads of several
// groups and V8 then spills accumulators (15 allocatable xmm registers); V8
// unrolls it twice itself. The loop ends on a pointer comparison: with a
// group counter, V8 kept the counter on the stack (a store and a reload per
// iteration: 4-5% slower network).
#define Q8NN_W48_BACCUMULATE(vs, groups, w)                                           \
  do {                                                                                \
    const v128_t* pvs = (vs);                                                         \
    const v128_t* const pvs_end = pvs + (groups)*4;                                   \
    _Pragma("clang loop unroll(disable)") for (; pvs != pvs_end; pvs += 4, w += 32) { \
      Q8NN_W48_BGROUP(pvs, w);                                                        \
    }                                                                                 \
  } while (0)

// Output rows: row r at c + d_r (d_0 = 0). Offsets rather than 4 pointers:
// constants across the column loop, so that V8 needs fewer scalar registers.
struct q8nn_wasmsimd_4x8_out {
  uint8_t* c;
  size_t d1, d2, d3;
};

static inline struct q8nn_wasmsimd_4x8_out q8nn_wasmsimd_4x8_out_init(uint8_t* c, size_t mr,
                                                                      size_t cm_stride) {
  struct q8nn_wasmsimd_4x8_out out;
  out.c = c;
  out.d1 = mr > 1 ? cm_stride : 0;
  out.d2 = mr > 2 ? out.d1 + cm_stride : out.d1;
  out.d3 = mr > 3 ? out.d2 + cm_stride : out.d2;
  return out;
}

// Requantizes the tile, stores its first n (<= 8) columns and moves the rows
// past them.
#define Q8NN_W48_STORE(o, n, out)                                                                 \
  do {                                                                                            \
    v128_t vout01, vout23;                                                                        \
    if ((o)->plain) {                                                                             \
      vout01 = q8nn_wasmsimd_requantize16(vacc0l, vacc0h, vacc1l, vacc1h, o, true);               \
      vout23 = q8nn_wasmsimd_requantize16(vacc2l, vacc2h, vacc3l, vacc3h, o, true);               \
    } else {                                                                                      \
      vout01 = q8nn_wasmsimd_requantize16(vacc0l, vacc0h, vacc1l, vacc1h, o, false);              \
      vout23 = q8nn_wasmsimd_requantize16(vacc2l, vacc2h, vacc3l, vacc3h, o, false);              \
    }                                                                                             \
    if ((n) == 8) {                                                                               \
      wasm_v128_store64_lane((out).c + (out).d3, vout23, 1);                                      \
      wasm_v128_store64_lane((out).c + (out).d2, vout23, 0);                                      \
      wasm_v128_store64_lane((out).c + (out).d1, vout01, 1);                                      \
      wasm_v128_store64_lane((out).c, vout01, 0);                                                 \
    } else {                                                                                      \
      q8nn_wasmsimd_store_tail8((out).c + (out).d3, wasm_i64x2_shuffle(vout23, vout23, 1, 1), n); \
      q8nn_wasmsimd_store_tail8((out).c + (out).d2, vout23, n);                                   \
      q8nn_wasmsimd_store_tail8((out).c + (out).d1, wasm_i64x2_shuffle(vout01, vout01, 1, 1), n); \
      q8nn_wasmsimd_store_tail8((out).c, vout01, n);                                              \
    }                                                                                             \
    (out).c += 8;                                                                                 \
  } while (0)

// Longest row (in k) that gemm broadcasts once for all blocks of columns, and
// the largest ks * round_up(kc, 2) of igemm (32 KB of stack).
#define Q8NN_W48_MAX_BROADCAST_K 1024

static inline void q8nn_wasmsimd_gemm_4x8c2(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                            size_t a_stride, const void* w, uint8_t* c,
                                            size_t cm_stride,
                                            const struct q8nn_conv_params* params) {
  const struct q8nn_wasmsimd_output o = q8nn_wasmsimd_output_init(params);
  // Missing rows duplicate the row above (same reads, same values stored).
  const uint8_t* a0 = a;
  const uint8_t* a1 = mr > 1 ? a0 + a_stride : a0;
  const uint8_t* a2 = mr > 2 ? a1 + a_stride : a1;
  const uint8_t* a3 = mr > 3 ? a2 + a_stride : a2;
  struct q8nn_wasmsimd_4x8_out out = q8nn_wasmsimd_4x8_out_init(c, mr, cm_stride);
  const uint8_t* wp = (const uint8_t*)w;
  if (mr == 1) {
    // One row (fully connected layers at batch 1): a 1x8 tile, without
    // computing 3 copies of the row.
    for (; nc != 0; c += 8) {
      v128_t vacc_l = wasm_v128_load(wp);
      v128_t vacc_h = wasm_v128_load(wp + 16);
      wp += 32;
      const uint8_t* pa = a0;
      size_t k = kc;
      for (; k >= 2; k -= 2, pa += 2, wp += 32) {
        const v128_t vs = Q8NN_W48_PAIR(pa);
        vacc_l = wasm_i32x4_add(vacc_l, wasm_i32x4_dot_i16x8(vs, wasm_v128_load(wp)));
        vacc_h = wasm_i32x4_add(vacc_h, wasm_i32x4_dot_i16x8(vs, wasm_v128_load(wp + 16)));
      }
      if (k != 0) {
        const v128_t vs = wasm_i32x4_splat(*pa);
        vacc_l = wasm_i32x4_add(vacc_l, wasm_i32x4_dot_i16x8(vs, wasm_v128_load(wp)));
        vacc_h = wasm_i32x4_add(vacc_h, wasm_i32x4_dot_i16x8(vs, wasm_v128_load(wp + 16)));
        wp += 32;
      }
      const v128_t vout = q8nn_wasmsimd_requantize16(vacc_l, vacc_h, vacc_l, vacc_h, &o, false);
      const size_t n = nc < 8 ? nc : 8;
      if (n == 8) {
        wasm_v128_store64_lane(c, vout, 0);
      } else {
        q8nn_wasmsimd_store_tail8(c, vout, n);
      }
      nc -= n;
    }
    return;
  }
  if (nc > 8 && kc <= Q8NN_W48_MAX_BROADCAST_K) {
    // Several blocks of columns: broadcast the pairs of A once for all.
    v128_t buf[Q8NN_W48_MAX_BROADCAST_K / 2 * 4];
    q8nn_wasmsimd_4x8c2_broadcast(buf, a0, a1, a2, a3, kc);
    const size_t groups = (kc + 1) / 2;
    while (nc != 0) {
      Q8NN_W48_ACC_DECLARE;
      Q8NN_W48_ACC_INIT(wp);
      wp += 32;
      Q8NN_W48_BACCUMULATE(buf, groups, wp);
      const size_t n = nc < 8 ? nc : 8;
      Q8NN_W48_STORE(&o, n, out);
      nc -= n;
    }
    return;
  }
  while (nc != 0) {
    Q8NN_W48_ACC_DECLARE;
    Q8NN_W48_ACC_INIT(wp);
    wp += 32;
    Q8NN_W48_ACCUMULATE(a0, a1, a2, a3, kc, wp);
    const size_t n = nc < 8 ? nc : 8;
    Q8NN_W48_STORE(&o, n, out);
    nc -= n;
  }
}

static inline void q8nn_wasmsimd_igemm_4x8c2(size_t mr, size_t nc, size_t kc, size_t ks,
                                             const uint8_t** a, const void* w, uint8_t* c,
                                             size_t cm_stride, size_t input_offset,
                                             const uint8_t* zero,
                                             const struct q8nn_conv_params* params) {
  const struct q8nn_wasmsimd_output o = q8nn_wasmsimd_output_init(params);
  struct q8nn_wasmsimd_4x8_out out = q8nn_wasmsimd_4x8_out_init(c, mr, cm_stride);
  // Rows past mr are readable (ukernels.h); their results are never stored.
  const uint8_t* wp = (const uint8_t*)w;
  const size_t groups = (kc + 1) / 2;
  if (nc > 8 && ks * groups * 2 <= Q8NN_W48_MAX_BROADCAST_K) {
    // Several blocks of columns: broadcast every tap's pairs once for all.
    v128_t buf[Q8NN_W48_MAX_BROADCAST_K / 2 * 4];
    v128_t* end = buf;
    for (size_t t = 0; t < ks; t++) {
      const uint8_t* const* at = a + t * 4;
      end =
          q8nn_wasmsimd_4x8c2_broadcast(end, q8nn_wasmsimd_indirect_row(at[0], input_offset, zero),
                                        q8nn_wasmsimd_indirect_row(at[1], input_offset, zero),
                                        q8nn_wasmsimd_indirect_row(at[2], input_offset, zero),
                                        q8nn_wasmsimd_indirect_row(at[3], input_offset, zero), kc);
    }
    // The panels of the taps follow each other: one run of ks * groups groups.
    while (nc != 0) {
      Q8NN_W48_ACC_DECLARE;
      Q8NN_W48_ACC_INIT(wp);
      wp += 32;
      Q8NN_W48_BACCUMULATE(buf, ks * groups, wp);
      const size_t n = nc < 8 ? nc : 8;
      Q8NN_W48_STORE(&o, n, out);
      nc -= n;
    }
    return;
  }
  while (nc != 0) {
    Q8NN_W48_ACC_DECLARE;
    Q8NN_W48_ACC_INIT(wp);
    wp += 32;
    for (size_t t = 0; t < ks; t++) {
      const uint8_t* const* at = a + t * 4;
      Q8NN_W48_ACCUMULATE(q8nn_wasmsimd_indirect_row(at[0], input_offset, zero),
                          q8nn_wasmsimd_indirect_row(at[1], input_offset, zero),
                          q8nn_wasmsimd_indirect_row(at[2], input_offset, zero),
                          q8nn_wasmsimd_indirect_row(at[3], input_offset, zero), kc, wp);
    }
    const size_t n = nc < 8 ? nc : 8;
    Q8NN_W48_STORE(&o, n, out);
    nc -= n;
  }
}
