#include "q8nn/ukernels.h"
#include "sse2-common.h"

void u8maxpool_ukernel_16__sse2(size_t output_pixels, size_t kernel_size, size_t channels,
                                const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                uint8_t* output, size_t input_stride, size_t output_increment,
                                const struct q8nn_clamp_params* params) {
  const __m128i vmin = _mm_set1_epi8((char)params->output_min);
  const __m128i vmaxv = _mm_set1_epi8((char)params->output_max);
  for (; output_pixels != 0; output_pixels--) {
    size_t c = 0;
    for (; c + 16 <= channels; c += 16) {
      // Starting from output_min applies the lower clamp.
      __m128i vmax = vmin;
      for (size_t t = 0; t < kernel_size; t++) {
        const uint8_t* x = q8nn_sse2_indirect_row(input[t], input_offset, zero) + c;
        vmax = _mm_max_epu8(vmax, _mm_loadu_si128((const __m128i*)x));
      }
      _mm_storeu_si128((__m128i*)output, _mm_min_epu8(vmax, vmaxv));
      output += 16;
    }
    for (; c < channels; c += 8) {
      const size_t n = channels - c < 8 ? channels - c : 8;
      __m128i vmax = vmin;
      for (size_t t = 0; t < kernel_size; t++) {
        const uint8_t* x = q8nn_sse2_indirect_row(input[t], input_offset, zero) + c;
        vmax = _mm_max_epu8(vmax, n == 8 ? q8nn_sse2_load8(x) : q8nn_sse2_load_tail(x, n, c));
      }
      vmax = _mm_min_epu8(vmax, vmaxv);
      if (n == 8) {
        _mm_storel_epi64((__m128i*)output, vmax);
      } else {
        q8nn_sse2_store_tail(output, vmax, n);
      }
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
