#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 elements at a time: bytes widened to int32, zero point subtracted,
// converted to float (exact) and multiplied; the two
// rounded products are added in float and go through the output rule, as in
// the scalar kernel (no FMA: -ffp-contract=off, and wasm has none). The last
// 1..15 elements use partial loads, both read before the store, so y may
// alias a or b.

struct vadd_consts {
  v128_t azp, bzp, am, bm;
  struct q8nn_wasmsimd_misc_output o;
};

// (float)(v - zp) * m for the 4 groups of 4 lanes of v. The bytes are
// widened to int32 before the zero point is subtracted: with the subtraction
// in 16 bits, LLVM 14 folds "extend to int32, convert" into a conversion from
// int16 that it scalarizes (16 extract / convert / replace per vector).
static inline void vadd_scale(v128_t v, v128_t vzp, v128_t vm, v128_t f[4]) {
  const v128_t lo = wasm_u16x8_extend_low_u8x16(v);
  const v128_t hi = wasm_u16x8_extend_high_u8x16(v);
  f[0] = wasm_f32x4_mul(
      wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_extend_low_u16x8(lo), vzp)), vm);
  f[1] = wasm_f32x4_mul(
      wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_extend_high_u16x8(lo), vzp)), vm);
  f[2] = wasm_f32x4_mul(
      wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_extend_low_u16x8(hi), vzp)), vm);
  f[3] = wasm_f32x4_mul(
      wasm_f32x4_convert_i32x4(wasm_i32x4_sub(wasm_u32x4_extend_high_u16x8(hi), vzp)), vm);
}

static inline v128_t vadd16(v128_t va, v128_t vb, const struct vadd_consts* k) {
  v128_t fa[4], fb[4];
  vadd_scale(va, k->azp, k->am, fa);
  vadd_scale(vb, k->bzp, k->bm, fb);
  return q8nn_wasmsimd_misc_pack16(
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_add(fa[0], fb[0]), &k->o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_add(fa[1], fb[1]), &k->o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_add(fa[2], fb[2]), &k->o),
      q8nn_wasmsimd_misc_output_round(wasm_f32x4_add(fa[3], fb[3]), &k->o));
}

void q8vadd_ukernel__wasmsimd(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                              const struct q8nn_add_params* params) {
  struct vadd_consts k;
  k.azp = wasm_i32x4_splat(params->a_zero_point);
  k.bzp = wasm_i32x4_splat(params->b_zero_point);
  k.am = wasm_f32x4_splat(params->a_multiplier);
  k.bm = wasm_f32x4_splat(params->b_multiplier);
  k.o = q8nn_wasmsimd_misc_output_init(&params->output);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    wasm_v128_store(y + i, vadd16(wasm_v128_load(a + i), wasm_v128_load(b + i), &k));
  }
  if (i < n) {
    const size_t r = n - i;
    const v128_t va = q8nn_wasmsimd_misc_load_partial(a + i, r);
    const v128_t vb = q8nn_wasmsimd_misc_load_partial(b + i, r);
    q8nn_wasmsimd_misc_store_partial(y + i, vadd16(va, vb, &k), r);
  }
}
