#include "neon-common.h"
#include "q8nn/ukernels.h"

// 16 channels per block, all rows in registers (UADDW into 16 bits for up to
// 256 rows at a time, then into the 32-bit sums).
void q8gavgpool_ukernel__neon(size_t rows, size_t channels, const uint8_t* input,
                              size_t input_stride, const uint8_t* zero, uint8_t* output,
                              const struct q8nn_avgpool_params* params) {
  const struct q8nn_neon_requant rq = q8nn_neon_requant_init(params->scale, &params->output);
  const uint32x4_t bias = vdupq_n_u32((uint32_t)params->bias);
  for (size_t c = 0; c < channels; c += 16) {
    const size_t n = channels - c < 16 ? channels - c : 16;
    const int full = n == 16;
    uint32x4_t acc0 = bias, acc1 = bias, acc2 = bias, acc3 = bias;
    const uint8_t* x = input + c;
    for (size_t r = 0; r < rows;) {
      const size_t chunk = rows - r < 256 ? rows - r : 256;  // 256 * 255 < 2^16
      uint16x8_t lo = vdupq_n_u16(0), hi = vdupq_n_u16(0);
      for (size_t i = 0; i < chunk; i++) {
        const uint8x16_t v = full ? vld1q_u8(x) : q8nn_neon_load_tail16(x, n);
        lo = vaddw_u8(lo, vget_low_u8(v));
        hi = vaddw_u8(hi, vget_high_u8(v));
        x += input_stride;
      }
      acc0 = vaddw_u16(acc0, vget_low_u16(lo));
      acc1 = vaddw_u16(acc1, vget_high_u16(lo));
      acc2 = vaddw_u16(acc2, vget_low_u16(hi));
      acc3 = vaddw_u16(acc3, vget_high_u16(hi));
      r += chunk;
    }
    const uint8x16_t y = vcombine_u8(
        q8nn_neon_requantize8(vreinterpretq_s32_u32(acc0), vreinterpretq_s32_u32(acc1), &rq),
        q8nn_neon_requantize8(vreinterpretq_s32_u32(acc2), vreinterpretq_s32_u32(acc3), &rq));
    if (full) {
      vst1q_u8(output + c, y);
    } else {
      q8nn_neon_store_tail16(output + c, y, n);
    }
  }
}
