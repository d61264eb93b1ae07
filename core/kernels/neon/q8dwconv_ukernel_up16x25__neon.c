#include "dwconv-neon.h"
#include "q8nn/ukernels.h"

void q8dwconv_ukernel_up16x25__neon(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params) {
  q8nn_dwconv_neon(25, 25, channels, output_width, input, weights, output, input_stride,
                   output_increment, input_offset, zero, params);
}
