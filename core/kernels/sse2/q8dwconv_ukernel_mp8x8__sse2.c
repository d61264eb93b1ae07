#include "dwconv-8-sse2.h"
#include "q8nn/ukernels.h"

// Channels whose sums live on the stack at once (a multiple of the tile).
#define CHUNK 128
#define PASS_TAPS 8

void q8dwconv_ukernel_mp8x8__sse2(size_t channels, size_t output_width, size_t kernel_size,
                                  const uint8_t** input, const void* weights, uint8_t* output,
                                  size_t input_stride, size_t output_increment, size_t input_offset,
                                  const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_sse2_conv p = q8nn_sse2_conv_init(params);
  const size_t block_bytes = Q8NN_DW_CR * sizeof(int32_t) + kernel_size * Q8NN_DW_CR;
  for (; output_width != 0; output_width--) {
    for (size_t c0 = 0; c0 < channels; c0 += CHUNK) {
      const size_t cn = channels - c0 < CHUNK ? channels - c0 : CHUNK;
      const uint8_t* w0 = (const uint8_t*)weights + c0 / Q8NN_DW_CR * block_bytes;
      __m128i acc[CHUNK / 4];
      for (size_t b = 0; b * Q8NN_DW_CR < cn; b++) {
        acc[2 * b] = _mm_loadu_si128((const __m128i*)(w0 + b * block_bytes));
        acc[2 * b + 1] = _mm_loadu_si128((const __m128i*)(w0 + b * block_bytes + 16));
      }
      for (size_t t0 = 0; t0 < kernel_size; t0 += PASS_TAPS) {
        const size_t tn = kernel_size - t0 < PASS_TAPS ? kernel_size - t0 : PASS_TAPS;
        const uint8_t* i[PASS_TAPS];
        for (size_t t = 0; t < tn; t++)
          i[t] = q8nn_sse2_indirect_row(input[t0 + t], input_offset, zero);
        for (size_t b = 0; b * Q8NN_DW_CR < cn; b++) {
          const size_t c = c0 + b * Q8NN_DW_CR;
          const size_t n = channels - c < Q8NN_DW_CR ? channels - c : Q8NN_DW_CR;
          const uint8_t* wt = w0 + b * block_bytes + 32 + t0 * Q8NN_DW_CR;
          q8nn_sse2_dw_block(&acc[2 * b], &acc[2 * b + 1], i, tn, c, n, wt, &p);
        }
      }
      for (size_t b = 0; b * Q8NN_DW_CR < cn; b++) {
        const size_t n = cn - b * Q8NN_DW_CR < Q8NN_DW_CR ? cn - b * Q8NN_DW_CR : Q8NN_DW_CR;
        const __m128i vout = q8nn_sse2_dw_requantize(acc[2 * b], acc[2 * b + 1], &p);
        if (n == Q8NN_DW_CR) {
          _mm_storel_epi64((__m128i*)output, vout);
        } else {
          q8nn_sse2_store_tail(output, vout, n);
        }
        output += n;
      }
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
