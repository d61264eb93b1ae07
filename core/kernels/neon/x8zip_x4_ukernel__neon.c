#include "neon-common.h"
#include "q8nn/ukernels.h"

// ST4 interleaves 16 elements of each group; tail as in x8zip_x2.
void x8zip_x4_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x1 = x + n;
  const uint8_t* x2 = x + 2 * n;
  const uint8_t* x3 = x + 3 * n;
  if (n < 16) {
    for (size_t k = 0; k < n; k++) {
      y[4 * k] = x[k];
      y[4 * k + 1] = x1[k];
      y[4 * k + 2] = x2[k];
      y[4 * k + 3] = x3[k];
    }
    return;
  }
  for (size_t k = 0;;) {
    uint8x16x4_t v;
    v.val[0] = vld1q_u8(x + k);
    v.val[1] = vld1q_u8(x1 + k);
    v.val[2] = vld1q_u8(x2 + k);
    v.val[3] = vld1q_u8(x3 + k);
    vst4q_u8(y + 4 * k, v);
    k += 16;
    if (k == n) return;
    if (k + 16 > n) k = n - 16;
  }
}
