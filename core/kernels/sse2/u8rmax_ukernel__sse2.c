#include "q8nn/ukernels.h"
#include "sse2-common.h"

uint8_t u8rmax_ukernel__sse2(size_t n, const uint8_t* x) {
  // Zero lanes (tails) never raise a maximum of uint8 values.
  __m128i vmax0 = _mm_setzero_si128(), vmax1 = _mm_setzero_si128();
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    vmax0 = _mm_max_epu8(vmax0, _mm_loadu_si128((const __m128i*)(x + i)));
    vmax1 = _mm_max_epu8(vmax1, _mm_loadu_si128((const __m128i*)(x + i + 16)));
  }
  for (; i < n; i += 8) {
    const size_t r = n - i < 8 ? n - i : 8;
    vmax0 = _mm_max_epu8(vmax0, r == 8 ? q8nn_sse2_load8(x + i) : q8nn_sse2_load_tail(x + i, r, i));
  }
  __m128i v = _mm_max_epu8(vmax0, vmax1);
  v = _mm_max_epu8(v, _mm_srli_si128(v, 8));
  v = _mm_max_epu8(v, _mm_srli_si128(v, 4));
  v = _mm_max_epu8(v, _mm_srli_si128(v, 2));
  v = _mm_max_epu8(v, _mm_srli_si128(v, 1));
  return (uint8_t)_mm_cvtsi128_si32(v);
}
