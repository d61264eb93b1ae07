#include "neon-common.h"
#include "q8nn/ukernels.h"

void u8clamp_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y,
                           const struct q8nn_clamp_params* params) {
  const uint8x16_t vmin = vdupq_n_u8(params->output_min);
  const uint8x16_t vmax = vdupq_n_u8(params->output_max);
  for (; n >= 64; n -= 64) {
    const uint8x16_t v0 = vld1q_u8(x);
    const uint8x16_t v1 = vld1q_u8(x + 16);
    const uint8x16_t v2 = vld1q_u8(x + 32);
    const uint8x16_t v3 = vld1q_u8(x + 48);
    x += 64;
    vst1q_u8(y, vminq_u8(vmaxq_u8(v0, vmin), vmax));
    vst1q_u8(y + 16, vminq_u8(vmaxq_u8(v1, vmin), vmax));
    vst1q_u8(y + 32, vminq_u8(vmaxq_u8(v2, vmin), vmax));
    vst1q_u8(y + 48, vminq_u8(vmaxq_u8(v3, vmin), vmax));
    y += 64;
  }
  for (; n >= 16; n -= 16) {
    vst1q_u8(y, vminq_u8(vmaxq_u8(vld1q_u8(x), vmin), vmax));
    x += 16;
    y += 16;
  }
  if (n != 0) {
    q8nn_neon_store_tail16(y, vminq_u8(vmaxq_u8(q8nn_neon_load_tail16(x, n), vmin), vmax), n);
  }
}
