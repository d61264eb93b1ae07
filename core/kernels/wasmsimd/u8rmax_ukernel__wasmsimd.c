#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// Two running maxima of 16 lanes, 32 bytes at a time. The last 1..31 bytes:
// full blocks of 16, then (n >= 16) the 16 bytes ending at x + n, which only
// re-read bytes already counted, or (n < 16) partial loads; zero lanes never
// raise a maximum of uint8 values. Then a reduction across lanes.
uint8_t u8rmax_ukernel__wasmsimd(size_t n, const uint8_t* x) {
  v128_t vmax0 = wasm_i8x16_const_splat(0), vmax1 = wasm_i8x16_const_splat(0);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    vmax0 = wasm_u8x16_max(vmax0, wasm_v128_load(x + i));
    vmax1 = wasm_u8x16_max(vmax1, wasm_v128_load(x + i + 16));
  }
  if (i + 16 <= n) {
    vmax0 = wasm_u8x16_max(vmax0, wasm_v128_load(x + i));
    i += 16;
  }
  if (i < n) {
    const v128_t v = n >= 16 ? wasm_v128_load(x + n - 16) : q8nn_wasmsimd_misc_load_partial(x, n);
    vmax1 = wasm_u8x16_max(vmax1, v);
  }
  v128_t v = wasm_u8x16_max(vmax0, vmax1);
  v = wasm_u8x16_max(v, wasm_i64x2_shuffle(v, v, 1, 1));
  v = wasm_u8x16_max(v, wasm_i32x4_shuffle(v, v, 1, 1, 1, 1));
  v = wasm_u8x16_max(v, wasm_i16x8_shuffle(v, v, 1, 1, 1, 1, 1, 1, 1, 1));
  v = wasm_u8x16_max(v, wasm_u16x8_shr(v, 8));
  return (uint8_t)wasm_u8x16_extract_lane(v, 0);
}
