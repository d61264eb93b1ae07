#include "neon-common.h"
#include "q8nn/ukernels.h"

// 16 channels per block, all taps in registers: pairs of taps are added in
// 16 bits (UADDL), then widened into the 32-bit sums (UADDW). Sums wrap modulo
// 2^32 like the reference's int32 (the bias is negative).
static inline uint8x16_t avgpool_block(size_t kernel_size, const uint8_t** input,
                                       size_t input_offset, const uint8_t* zero, size_t c, size_t n,
                                       uint32x4_t bias, const struct q8nn_neon_requant* rq) {
  const int full = n == 16;
  uint32x4_t acc0 = bias, acc1 = bias, acc2 = bias, acc3 = bias;
  size_t t = 0;
  for (; t + 2 <= kernel_size; t += 2) {
    const uint8_t* r0 = q8nn_neon_row(input[t], input_offset, zero) + c;
    const uint8_t* r1 = q8nn_neon_row(input[t + 1], input_offset, zero) + c;
    const uint8x16_t x0 = full ? vld1q_u8(r0) : q8nn_neon_load_tail16(r0, n);
    const uint8x16_t x1 = full ? vld1q_u8(r1) : q8nn_neon_load_tail16(r1, n);
    const uint16x8_t lo = vaddl_u8(vget_low_u8(x0), vget_low_u8(x1));
    const uint16x8_t hi = vaddl_u8(vget_high_u8(x0), vget_high_u8(x1));
    acc0 = vaddw_u16(acc0, vget_low_u16(lo));
    acc1 = vaddw_u16(acc1, vget_high_u16(lo));
    acc2 = vaddw_u16(acc2, vget_low_u16(hi));
    acc3 = vaddw_u16(acc3, vget_high_u16(hi));
  }
  if (t < kernel_size) {
    const uint8_t* r0 = q8nn_neon_row(input[t], input_offset, zero) + c;
    const uint8x16_t x0 = full ? vld1q_u8(r0) : q8nn_neon_load_tail16(r0, n);
    const uint16x8_t lo = vmovl_u8(vget_low_u8(x0));
    const uint16x8_t hi = vmovl_u8(vget_high_u8(x0));
    acc0 = vaddw_u16(acc0, vget_low_u16(lo));
    acc1 = vaddw_u16(acc1, vget_high_u16(lo));
    acc2 = vaddw_u16(acc2, vget_low_u16(hi));
    acc3 = vaddw_u16(acc3, vget_high_u16(hi));
  }
  return vcombine_u8(
      q8nn_neon_requantize8(vreinterpretq_s32_u32(acc0), vreinterpretq_s32_u32(acc1), rq),
      q8nn_neon_requantize8(vreinterpretq_s32_u32(acc2), vreinterpretq_s32_u32(acc3), rq));
}

void q8avgpool_ukernel__neon(size_t output_pixels, size_t kernel_size, size_t channels,
                             const uint8_t** input, size_t input_offset, const uint8_t* zero,
                             uint8_t* output, size_t input_stride, size_t output_increment,
                             const struct q8nn_avgpool_params* params) {
  const struct q8nn_neon_requant rq = q8nn_neon_requant_init(params->scale, &params->output);
  const uint32x4_t bias = vdupq_n_u32((uint32_t)params->bias);
  for (; output_pixels != 0; output_pixels--) {
    size_t c = 0;
    for (; c + 16 <= channels; c += 16) {
      vst1q_u8(output, avgpool_block(kernel_size, input, input_offset, zero, c, 16, bias, &rq));
      output += 16;
    }
    if (c < channels) {
      const size_t n = channels - c;
      q8nn_neon_store_tail16(
          output, avgpool_block(kernel_size, input, input_offset, zero, c, n, bias, &rq), n);
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
