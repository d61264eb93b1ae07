#include "q8nn/ukernels.h"
#include "sse2-common.h"

static inline void q8nn_sse2_sum8(__m128i v8, __m128i* lo, __m128i* hi) {
  const __m128i vzero = _mm_setzero_si128();
  const __m128i v = _mm_unpacklo_epi8(v8, vzero);
  *lo = _mm_add_epi32(*lo, _mm_unpacklo_epi16(v, vzero));
  *hi = _mm_add_epi32(*hi, _mm_unpackhi_epi16(v, vzero));
}

void q8avgpool_ukernel__sse2(size_t output_pixels, size_t kernel_size, size_t channels,
                             const uint8_t** input, size_t input_offset, const uint8_t* zero,
                             uint8_t* output, size_t input_stride, size_t output_increment,
                             const struct q8nn_avgpool_params* params) {
  const __m128i vbias = _mm_set1_epi32(params->bias);
  const __m128 vscale = _mm_set1_ps(params->scale);
  const struct q8nn_sse2_output o = q8nn_sse2_output_init(&params->output);
  for (; output_pixels != 0; output_pixels--) {
    for (size_t c = 0; c < channels; c += 8) {
      const size_t n = channels - c < 8 ? channels - c : 8;
      __m128i lo = vbias, hi = vbias;
      for (size_t t = 0; t < kernel_size; t++) {
        const uint8_t* x = q8nn_sse2_indirect_row(input[t], input_offset, zero) + c;
        q8nn_sse2_sum8(n == 8 ? q8nn_sse2_load8(x) : q8nn_sse2_load_tail(x, n, c), &lo, &hi);
      }
      const __m128i vq = _mm_packs_epi32(q8nn_sse2_requantize(lo, vscale, &o),
                                         q8nn_sse2_requantize(hi, vscale, &o));
      const __m128i vout = _mm_packus_epi16(vq, vq);
      if (n == 8) {
        _mm_storel_epi64((__m128i*)output, vout);
      } else {
        q8nn_sse2_store_tail(output, vout, n);
      }
      output += n;
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += output_increment;
  }
}
