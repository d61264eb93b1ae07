#include "neon-common.h"
#include "q8nn/ukernels.h"

// ST2 interleaves 16 elements of each group; a tail of n % 16 (n >= 16) redoes
// the last 16 (the overlapping stores write the same values).
void x8zip_x2_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x1 = x + n;
  if (n < 16) {
    for (size_t k = 0; k < n; k++) {
      y[2 * k] = x[k];
      y[2 * k + 1] = x1[k];
    }
    return;
  }
  for (size_t k = 0;;) {
    uint8x16x2_t v;
    v.val[0] = vld1q_u8(x + k);
    v.val[1] = vld1q_u8(x1 + k);
    vst2q_u8(y + 2 * k, v);
    k += 16;
    if (k == n) return;
    if (k + 16 > n) k = n - 16;
  }
}
