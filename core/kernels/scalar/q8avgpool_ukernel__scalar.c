#include <stddef.h>
#include <stdint.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

// Channels whose sums live on the stack at once: taps outer, channels inner.
#define CHUNK 64

void q8avgpool_ukernel__scalar(size_t output_pixels, size_t kernel_size, size_t channels,
                               const uint8_t** input, size_t input_offset, const uint8_t* zero,
                               uint8_t* output, size_t input_stride, size_t output_increment,
                               const struct q8nn_avgpool_params* params) {
  const int32_t bias = params->bias;
  const float scale = params->scale;

  for (; output_pixels != 0; output_pixels--) {
    for (size_t c0 = 0; c0 < channels; c0 += CHUNK) {
      const size_t cn = channels - c0 < CHUNK ? channels - c0 : CHUNK;
      int32_t acc[CHUNK];
      for (size_t c = 0; c < cn; c++) acc[c] = bias;
      for (size_t t = 0; t < kernel_size; t++) {
        const uint8_t* x = q8nn_indirect_row(input[t], input_offset, zero) + c0;
        for (size_t c = 0; c < cn; c++) acc[c] += (int32_t)x[c];
      }
      for (size_t c = 0; c < cn; c++) {
        output[c] = q8nn_requantize_fp32(acc[c], scale, &params->output);
      }
      output += cn;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
