#include "dwconv-neon.h"
#include "q8nn/ukernels.h"

// Any tap count: each block of 16 channels goes over all taps in registers
// (no partial sums in memory).
void q8dwconv_ukernel_mp16__neon(size_t channels, size_t output_width, size_t kernel_size,
                                 const uint8_t** input, const void* weights, uint8_t* output,
                                 size_t input_stride, size_t output_increment, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params) {
  q8nn_dwconv_neon(0, kernel_size, channels, output_width, input, weights, output, input_stride,
                   output_increment, input_offset, zero, params);
}
