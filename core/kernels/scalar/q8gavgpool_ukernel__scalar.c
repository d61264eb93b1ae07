#include <stddef.h>
#include <stdint.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

// Channels whose sums live on the stack at once: rows outer, channels inner.
#define CHUNK 64

void q8gavgpool_ukernel__scalar(size_t rows, size_t channels, const uint8_t* input,
                                size_t input_stride, const uint8_t* zero, uint8_t* output,
                                const struct q8nn_avgpool_params* params) {
  const int32_t bias = params->bias;
  const float scale = params->scale;

  for (size_t c0 = 0; c0 < channels; c0 += CHUNK) {
    const size_t cn = channels - c0 < CHUNK ? channels - c0 : CHUNK;
    int32_t acc[CHUNK];
    for (size_t c = 0; c < cn; c++) acc[c] = bias;
    const uint8_t* x = input + c0;
    for (size_t r = 0; r < rows; r++) {
      for (size_t c = 0; c < cn; c++) acc[c] += (int32_t)x[c];
      x += input_stride;
    }
    for (size_t c = 0; c < cn; c++) {
      output[c0 + c] = q8nn_requantize_fp32(acc[c], scale, &params->output);
    }
  }
}
