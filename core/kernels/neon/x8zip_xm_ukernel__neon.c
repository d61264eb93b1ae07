#include "neon-common.h"
#include "q8nn/ukernels.h"

// m >= 4 groups: 4 groups at a time, 8 elements each; one ST4 (single lane)
// writes the 4 bytes of element k at y + k * m + g. The last group quad
// overlaps the previous one when m % 4 != 0 (same values written twice).
// Elements past a multiple of 8 are copied by a plain loop.
void x8zip_xm_ukernel__neon(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  const size_t n8 = n & ~(size_t)7;
  if (n8 != 0) {
    for (size_t g = 0;;) {
      const uint8_t* x0 = x + g * n;
      uint8_t* yg = y + g;
      for (size_t k = 0; k < n8; k += 8) {
        uint8x8x4_t v;
        v.val[0] = vld1_u8(x0 + k);
        v.val[1] = vld1_u8(x0 + n + k);
        v.val[2] = vld1_u8(x0 + 2 * n + k);
        v.val[3] = vld1_u8(x0 + 3 * n + k);
        uint8_t* p = yg + k * m;
        vst4_lane_u8(p, v, 0);
        vst4_lane_u8(p + m, v, 1);
        vst4_lane_u8(p + 2 * m, v, 2);
        vst4_lane_u8(p + 3 * m, v, 3);
        vst4_lane_u8(p + 4 * m, v, 4);
        vst4_lane_u8(p + 5 * m, v, 5);
        vst4_lane_u8(p + 6 * m, v, 6);
        vst4_lane_u8(p + 7 * m, v, 7);
      }
      g += 4;
      if (g == m) break;
      if (g + 4 > m) g = m - 4;
    }
  }
  for (size_t k = n8; k < n; k++) {
    for (size_t g = 0; g < m; g++) y[k * m + g] = x[g * n + k];
  }
}
