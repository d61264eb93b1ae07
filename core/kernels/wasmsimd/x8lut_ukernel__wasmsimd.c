#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// i8x16.swizzle looks up 16-entry tables and returns 0 for indices >= 16. The
// 256 entries are 16 slices of 16: slice j is looked up with x - 16 j (mod
// 256), which is in [0, 16) exactly for the bytes of slice j, and the 16
// results are or-ed together. The last 1..15 bytes use partial loads (read
// before the store, so y may alias x).

static inline v128_t lut16(v128_t vx, const v128_t t[16]) {
  const v128_t v16 = wasm_i8x16_const_splat(16);
  v128_t r = wasm_i8x16_swizzle(t[0], vx);
  for (int j = 1; j < 16; j++) {
    vx = wasm_i8x16_sub(vx, v16);
    r = wasm_v128_or(r, wasm_i8x16_swizzle(t[j], vx));
  }
  return r;
}

void x8lut_ukernel__wasmsimd(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y) {
  v128_t t[16];
  for (int j = 0; j < 16; j++) t[j] = wasm_v128_load(table + 16 * j);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) wasm_v128_store(y + i, lut16(wasm_v128_load(x + i), t));
  if (i < n) {
    const v128_t v = q8nn_wasmsimd_misc_load_partial(x + i, n - i);
    q8nn_wasmsimd_misc_store_partial(y + i, lut16(v, t), n - i);
  }
}
