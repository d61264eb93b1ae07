#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

#define CR 2
#define PASS_TAPS 8
// Channels whose sums live on the stack at once (512 bytes, small for wasm stacks).
#define CHUNK 128

void q8dwconv_ukernel_mp2x8__scalar(size_t channels, size_t output_width, size_t kernel_size,
                                    const uint8_t** input, const void* weights, uint8_t* output,
                                    size_t input_stride, size_t output_increment,
                                    size_t input_offset, const uint8_t* zero,
                                    const struct q8nn_conv_params* params) {
  const int32_t izp = params->input_zero_point;
  const int32_t kzp = params->kernel_zero_point;
  const float scale = params->scale;
  // One packed block: CR int32 biases, then kernel_size x CR weights.
  const size_t block_bytes = CR * sizeof(int32_t) + kernel_size * CR;

  for (; output_width != 0; output_width--) {
    for (size_t c0 = 0; c0 < channels; c0 += CHUNK) {
      const size_t cn = channels - c0 < CHUNK ? channels - c0 : CHUNK;
      // CHUNK is a multiple of CR, so chunks start on block boundaries.
      const uint8_t* w0 = (const uint8_t*)weights + c0 / CR * block_bytes;

      int32_t acc[CHUNK];
      for (size_t c = 0; c < cn; c++) {
        memcpy(&acc[c], w0 + c / CR * block_bytes + c % CR * sizeof(int32_t), sizeof(int32_t));
      }

      for (size_t t0 = 0; t0 < kernel_size; t0 += PASS_TAPS) {
        const size_t tn = kernel_size - t0 < PASS_TAPS ? kernel_size - t0 : PASS_TAPS;
        const uint8_t* i[PASS_TAPS];
        for (size_t t = 0; t < tn; t++)
          i[t] = q8nn_indirect_row(input[t0 + t], input_offset, zero) + c0;

        for (size_t c = 0; c < cn; c++) {
          const uint8_t* wt = w0 + c / CR * block_bytes + CR * sizeof(int32_t) + t0 * CR + c % CR;
          int32_t sum = acc[c];
          for (size_t t = 0; t < tn; t++) {
            sum += ((int32_t)i[t][c] - izp) * ((int32_t)wt[t * CR] - kzp);
          }
          acc[c] = sum;
        }
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
