// The block schedule of the SIMD x8zip_xm kernels (channel shuffle with m >= 4
// groups), shared by the ISAs that have it. A kernel defines, before including
// this header,
//   static inline void zip8x8(size_t n, size_t m, const uint8_t* x, uint8_t* y);
//   static inline void zip4x8(size_t n, size_t m, const uint8_t* x, uint8_t* y);
// which write groups x[0], x[n], ... (8 or 4 of them, 8 elements each) to
// y[k * m + g] for k < 8, and calls q8nn_zip_xm_blocks(n, m, x, y).
//
// Groups go 8 at a time (m >= 8) or 4 at a time (m < 8), elements 8 at a
// time. When m is not a multiple of the chunk, a last chunk ending at group
// m - 1 overlaps the previous one; the last 1..7 elements redo the 8 ending at
// element n - 1. Overlaps are rewritten with the same bytes (x and y never
// overlap). n < 8: byte loop.
#pragma once

#include <stddef.h>
#include <stdint.h>

// All groups of elements k..k+7.
static inline void q8nn_zip_xm_block(size_t n, size_t m, const uint8_t* x, uint8_t* y, size_t k) {
  const uint8_t* xk = x + k;
  uint8_t* yk = y + k * m;
  if (m >= 8) {
    size_t g = 0;
    for (; g + 8 <= m; g += 8) zip8x8(n, m, xk + g * n, yk + g);
    if (g < m) zip8x8(n, m, xk + (m - 8) * n, yk + (m - 8));
  } else {
    zip4x8(n, m, xk, yk);
    if (m > 4) zip4x8(n, m, xk + (m - 4) * n, yk + (m - 4));
  }
}

static inline void q8nn_zip_xm_blocks(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  if (n < 8) {
    for (size_t k = 0; k < n; k++) {
      const uint8_t* xk = x + k;
      for (size_t g = 0; g < m; g++) *y++ = xk[g * n];
    }
    return;
  }
  size_t k = 0;
  for (; k + 8 <= n; k += 8) q8nn_zip_xm_block(n, m, x, y, k);
  if (k < n) q8nn_zip_xm_block(n, m, x, y, n - 8);
}
