#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 elements of the 4 groups -> 64 bytes: bytes of groups 0, 1 and 2, 3
// interleaved, then 16-bit pairs of those (8 shuffles). The last 1..15
// elements (n >= 16) redo the 16 ending at element n - 1: the overlap is
// rewritten with the same bytes (x and y never overlap). n < 16: byte loop.
static inline void zip16(const uint8_t* x0, const uint8_t* x1, const uint8_t* x2, const uint8_t* x3,
                         uint8_t* y) {
  const v128_t v0 = wasm_v128_load(x0);
  const v128_t v1 = wasm_v128_load(x1);
  const v128_t v2 = wasm_v128_load(x2);
  const v128_t v3 = wasm_v128_load(x3);
  const v128_t v01l =
      wasm_i8x16_shuffle(v0, v1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const v128_t v01h =
      wasm_i8x16_shuffle(v0, v1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  const v128_t v23l =
      wasm_i8x16_shuffle(v2, v3, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const v128_t v23h =
      wasm_i8x16_shuffle(v2, v3, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31);
  wasm_v128_store(y, wasm_i16x8_shuffle(v01l, v23l, 0, 8, 1, 9, 2, 10, 3, 11));
  wasm_v128_store(y + 16, wasm_i16x8_shuffle(v01l, v23l, 4, 12, 5, 13, 6, 14, 7, 15));
  wasm_v128_store(y + 32, wasm_i16x8_shuffle(v01h, v23h, 0, 8, 1, 9, 2, 10, 3, 11));
  wasm_v128_store(y + 48, wasm_i16x8_shuffle(v01h, v23h, 4, 12, 5, 13, 6, 14, 7, 15));
}

void x8zip_x4_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x0 + n;
  const uint8_t* x2 = x1 + n;
  const uint8_t* x3 = x2 + n;
  if (n < 16) {
    for (size_t k = 0; k < n; k++) {
      y[4 * k] = x0[k];
      y[4 * k + 1] = x1[k];
      y[4 * k + 2] = x2[k];
      y[4 * k + 3] = x3[k];
    }
    return;
  }
  size_t k = 0;
  for (; k + 16 <= n; k += 16) zip16(x0 + k, x1 + k, x2 + k, x3 + k, y + 4 * k);
  if (k < n) {
    k = n - 16;
    zip16(x0 + k, x1 + k, x2 + k, x3 + k, y + 4 * k);
  }
}
