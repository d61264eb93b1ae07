#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 elements of both groups at a time, interleaved by two shuffles. The
// last 1..15 elements (n >= 16) redo the 16 ending at element n - 1: the
// overlap is rewritten with the same bytes (x and y never overlap). n < 16:
// byte loop.
static inline void zip16(const uint8_t* x0, const uint8_t* x1, uint8_t* y) {
  const v128_t v0 = wasm_v128_load(x0);
  const v128_t v1 = wasm_v128_load(x1);
  wasm_v128_store(
      y, wasm_i8x16_shuffle(v0, v1, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23));
  wasm_v128_store(y + 16, wasm_i8x16_shuffle(v0, v1, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29,
                                             14, 30, 15, 31));
}

void x8zip_x2_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x + n;
  if (n < 16) {
    for (size_t k = 0; k < n; k++) {
      y[2 * k] = x0[k];
      y[2 * k + 1] = x1[k];
    }
    return;
  }
  size_t k = 0;
  for (; k + 16 <= n; k += 16) zip16(x0 + k, x1 + k, y + 2 * k);
  if (k < n) zip16(x0 + n - 16, x1 + n - 16, y + 2 * (n - 16));
}
