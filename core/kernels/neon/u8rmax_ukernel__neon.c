#include "neon-common.h"
#include "q8nn/ukernels.h"

uint8_t u8rmax_ukernel__neon(size_t n, const uint8_t* x) {
  uint8x16_t m0 = vdupq_n_u8(0), m1 = vdupq_n_u8(0);
  for (; n >= 32; n -= 32) {
    m0 = vmaxq_u8(m0, vld1q_u8(x));
    m1 = vmaxq_u8(m1, vld1q_u8(x + 16));
    x += 32;
  }
  if (n >= 16) {
    m0 = vmaxq_u8(m0, vld1q_u8(x));
    x += 16;
    n -= 16;
  }
  if (n != 0) m1 = vmaxq_u8(m1, q8nn_neon_load_tail16(x, n));  // zeros never raise a maximum
  const uint8x16_t m = vmaxq_u8(m0, m1);
#if defined(__aarch64__)
  return vmaxvq_u8(m);
#else
  uint8x8_t h = vpmax_u8(vget_low_u8(m), vget_high_u8(m));
  h = vpmax_u8(h, h);
  h = vpmax_u8(h, h);
  h = vpmax_u8(h, h);
  return vget_lane_u8(h, 0);
#endif
}
