#include "neon-common.h"
#include "q8nn/ukernels.h"

// 16 channels per block, all taps in registers (UMAX), starting from
// output_min (the lower clamp) and ending with UMIN against output_max.
void u8maxpool_ukernel_16__neon(size_t output_pixels, size_t kernel_size, size_t channels,
                                const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                uint8_t* output, size_t input_stride, size_t output_increment,
                                const struct q8nn_clamp_params* params) {
  const uint8x16_t vmin = vdupq_n_u8(params->output_min);
  const uint8x16_t vmax = vdupq_n_u8(params->output_max);
  for (; output_pixels != 0; output_pixels--) {
    for (size_t c = 0; c < channels; c += 16) {
      const size_t n = channels - c < 16 ? channels - c : 16;
      uint8x16_t m0 = vmin, m1 = vmin;
      size_t t = 0;
      if (n == 16) {
        for (; t + 2 <= kernel_size; t += 2) {
          m0 = vmaxq_u8(m0, vld1q_u8(q8nn_neon_row(input[t], input_offset, zero) + c));
          m1 = vmaxq_u8(m1, vld1q_u8(q8nn_neon_row(input[t + 1], input_offset, zero) + c));
        }
        if (t < kernel_size) {
          m0 = vmaxq_u8(m0, vld1q_u8(q8nn_neon_row(input[t], input_offset, zero) + c));
        }
        vst1q_u8(output, vminq_u8(vmaxq_u8(m0, m1), vmax));
      } else {
        for (; t < kernel_size; t++) {
          m0 = vmaxq_u8(m0,
                        q8nn_neon_load_tail16(q8nn_neon_row(input[t], input_offset, zero) + c, n));
        }
        q8nn_neon_store_tail16(output, vminq_u8(m0, vmax), n);
      }
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
