#include <stddef.h>
#include <stdint.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

// Channels whose maxima live on the stack at once: taps outer, channels inner.
#define CHUNK 64

void u8maxpool_ukernel__scalar(size_t output_pixels, size_t kernel_size, size_t channels,
                               const uint8_t** input, size_t input_offset, const uint8_t* zero,
                               uint8_t* output, size_t input_stride, size_t output_increment,
                               const struct q8nn_clamp_params* params) {
  const uint8_t ymin = params->output_min;
  const uint8_t ymax = params->output_max;

  for (; output_pixels != 0; output_pixels--) {
    for (size_t c0 = 0; c0 < channels; c0 += CHUNK) {
      const size_t cn = channels - c0 < CHUNK ? channels - c0 : CHUNK;
      // Starting from output_min applies the lower clamp for free.
      uint8_t vmax[CHUNK];
      for (size_t c = 0; c < cn; c++) vmax[c] = ymin;
      for (size_t t = 0; t < kernel_size; t++) {
        const uint8_t* x = q8nn_indirect_row(input[t], input_offset, zero) + c0;
        for (size_t c = 0; c < cn; c++) vmax[c] = x[c] > vmax[c] ? x[c] : vmax[c];
      }
      for (size_t c = 0; c < cn; c++) output[c] = vmax[c] < ymax ? vmax[c] : ymax;
      output += cn;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
