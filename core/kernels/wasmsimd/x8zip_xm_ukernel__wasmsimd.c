#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// Blocks of 8 elements and 8 (or 4) groups, scheduled by q8nn/zip-xm-blocks.h:
// 8-byte loads, then three (two) rounds of interleaving shuffles turn the 8
// (4) rows into one 8-byte (4-byte) unit per element, stored at stride m with
// lane stores.

static inline v128_t unpacklo8(v128_t a, v128_t b) {
  return wasm_i8x16_shuffle(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
}

// Groups x[0], x[n], ..., x[7n] (8 elements each) -> y[k * m + 0..8) for k < 8.
static inline void zip8x8(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  const v128_t v01 = unpacklo8(wasm_v128_load64_zero(x), wasm_v128_load64_zero(x + n));
  const v128_t v23 = unpacklo8(wasm_v128_load64_zero(x + 2 * n), wasm_v128_load64_zero(x + 3 * n));
  const v128_t v45 = unpacklo8(wasm_v128_load64_zero(x + 4 * n), wasm_v128_load64_zero(x + 5 * n));
  const v128_t v67 = unpacklo8(wasm_v128_load64_zero(x + 6 * n), wasm_v128_load64_zero(x + 7 * n));
  const v128_t v0123l = wasm_i16x8_shuffle(v01, v23, 0, 8, 1, 9, 2, 10, 3, 11);
  const v128_t v0123h = wasm_i16x8_shuffle(v01, v23, 4, 12, 5, 13, 6, 14, 7, 15);
  const v128_t v4567l = wasm_i16x8_shuffle(v45, v67, 0, 8, 1, 9, 2, 10, 3, 11);
  const v128_t v4567h = wasm_i16x8_shuffle(v45, v67, 4, 12, 5, 13, 6, 14, 7, 15);
  const v128_t e01 = wasm_i32x4_shuffle(v0123l, v4567l, 0, 4, 1, 5);
  const v128_t e23 = wasm_i32x4_shuffle(v0123l, v4567l, 2, 6, 3, 7);
  const v128_t e45 = wasm_i32x4_shuffle(v0123h, v4567h, 0, 4, 1, 5);
  const v128_t e67 = wasm_i32x4_shuffle(v0123h, v4567h, 2, 6, 3, 7);
  wasm_v128_store64_lane(y, e01, 0);
  wasm_v128_store64_lane(y + m, e01, 1);
  wasm_v128_store64_lane(y + 2 * m, e23, 0);
  wasm_v128_store64_lane(y + 3 * m, e23, 1);
  wasm_v128_store64_lane(y + 4 * m, e45, 0);
  wasm_v128_store64_lane(y + 5 * m, e45, 1);
  wasm_v128_store64_lane(y + 6 * m, e67, 0);
  wasm_v128_store64_lane(y + 7 * m, e67, 1);
}

// Groups x[0], x[n], x[2n], x[3n] (8 elements each) -> y[k * m + 0..4) for k < 8.
static inline void zip4x8(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  const v128_t v01 = unpacklo8(wasm_v128_load64_zero(x), wasm_v128_load64_zero(x + n));
  const v128_t v23 = unpacklo8(wasm_v128_load64_zero(x + 2 * n), wasm_v128_load64_zero(x + 3 * n));
  const v128_t e0123 = wasm_i16x8_shuffle(v01, v23, 0, 8, 1, 9, 2, 10, 3, 11);
  const v128_t e4567 = wasm_i16x8_shuffle(v01, v23, 4, 12, 5, 13, 6, 14, 7, 15);
  wasm_v128_store32_lane(y, e0123, 0);
  wasm_v128_store32_lane(y + m, e0123, 1);
  wasm_v128_store32_lane(y + 2 * m, e0123, 2);
  wasm_v128_store32_lane(y + 3 * m, e0123, 3);
  wasm_v128_store32_lane(y + 4 * m, e4567, 0);
  wasm_v128_store32_lane(y + 5 * m, e4567, 1);
  wasm_v128_store32_lane(y + 6 * m, e4567, 2);
  wasm_v128_store32_lane(y + 7 * m, e4567, 3);
}

#include "q8nn/zip-xm-blocks.h"

void x8zip_xm_ukernel__wasmsimd(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  q8nn_zip_xm_blocks(n, m, x, y);
}
