#include "dwconv-up16-sse2.h"
#include "q8nn/ukernels.h"

Q8NN_DW16_DEFINE(aligned, Q8NN_DW16_PAIR_FULL_ALIGNED)
Q8NN_DW16_DEFINE(ref, Q8NN_DW16_PAIR_FULL_INTRINSICS)

void q8dwconv_ukernel_up16x25__sse2(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params) {
  if (((uintptr_t)weights & 15) == 0) {
    q8nn_dwconv_up16__sse2_aligned(25, channels, output_width, input, weights, output, input_stride,
                                   output_increment, input_offset, zero, params);
    return;
  }
  q8nn_dwconv_up16__sse2_ref(25, channels, output_width, input, weights, output, input_stride,
                             output_increment, input_offset, zero, params);
}

// The intrinsics main loop: the tested reference of the asm one.
void q8dwconv_ukernel_up16x25__sse2_ref(size_t channels, size_t output_width, const uint8_t** input,
                                        const void* weights, uint8_t* output, size_t input_stride,
                                        size_t output_increment, size_t input_offset,
                                        const uint8_t* zero,
                                        const struct q8nn_conv_params* params) {
  q8nn_dwconv_up16__sse2_ref(25, channels, output_width, input, weights, output, input_stride,
                             output_increment, input_offset, zero, params);
}
