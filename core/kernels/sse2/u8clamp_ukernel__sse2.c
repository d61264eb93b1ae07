#include "q8nn/ukernels.h"
#include "sse2-common.h"

void u8clamp_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y,
                           const struct q8nn_clamp_params* params) {
  const __m128i vmin = _mm_set1_epi8((char)params->output_min);
  const __m128i vmax = _mm_set1_epi8((char)params->output_max);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m128i v = _mm_loadu_si128((const __m128i*)(x + i));
    _mm_storeu_si128((__m128i*)(y + i), _mm_min_epu8(_mm_max_epu8(v, vmin), vmax));
  }
  for (; i < n; i += 8) {
    const size_t r = n - i < 8 ? n - i : 8;
    const __m128i v = r == 8 ? q8nn_sse2_load8(x + i) : q8nn_sse2_load_tail(x + i, r, i);
    const __m128i vy = _mm_min_epu8(_mm_max_epu8(v, vmin), vmax);
    if (r == 8) {
      _mm_storel_epi64((__m128i*)(y + i), vy);
    } else {
      q8nn_sse2_store_tail(y + i, vy, r);
    }
  }
}
