// The unipass depthwise kernel of channel tile 2, shared by every tap count:
// each q8dwconv_ukernel_up2x<T>__scalar is this function with T fixed.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/scalar-math.h"

#define CR 2

static inline void q8nn_dwconv_up2__scalar(size_t taps, size_t channels, size_t output_width,
                                           const uint8_t** input, const void* weights,
                                           uint8_t* output, size_t input_stride,
                                           size_t output_increment, size_t input_offset,
                                           const uint8_t* zero,
                                           const struct q8nn_conv_params* params) {
  const int32_t izp = params->input_zero_point;
  const int32_t kzp = params->kernel_zero_point;
  const float scale = params->scale;
  // One packed block: CR int32 biases, then taps x CR weights.
  const size_t block_bytes = CR * sizeof(int32_t) + taps * CR;

  for (; output_width != 0; output_width--) {
    const uint8_t* i[25];  // the largest tap count that uses it
    for (size_t t = 0; t < taps; t++) i[t] = q8nn_indirect_row(input[t], input_offset, zero);
    input = (const uint8_t**)((uintptr_t)input + input_stride);

    const uint8_t* w = (const uint8_t*)weights;
    size_t c = 0;
    for (; c + CR <= channels; c += CR) {
      int32_t acc[CR];
      memcpy(acc, w, sizeof(acc));  // biases; packed blocks are not 4-byte multiples
      const uint8_t* wt = w + CR * sizeof(int32_t);
      for (size_t t = 0; t < taps; t++) {
        acc[0] += ((int32_t)i[t][c] - izp) * ((int32_t)wt[t * CR] - kzp);
        acc[1] += ((int32_t)i[t][c + 1] - izp) * ((int32_t)wt[t * CR + 1] - kzp);
      }
      *output++ = q8nn_requantize_fp32(acc[0], scale, &params->output);
      *output++ = q8nn_requantize_fp32(acc[1], scale, &params->output);
      w += block_bytes;
    }
    if (c < channels) {
      // Last, odd channel: lane 0 of a padded block; the input rows end here.
      int32_t acc;
      memcpy(&acc, w, sizeof(acc));
      const uint8_t* wt = w + CR * sizeof(int32_t);
      for (size_t t = 0; t < taps; t++) {
        acc += ((int32_t)i[t][c] - izp) * ((int32_t)wt[t * CR] - kzp);
      }
      *output++ = q8nn_requantize_fp32(acc, scale, &params->output);
    }
    output += output_increment;
  }
}

#undef CR
