#include "q8nn/ukernels.h"
#include "sse2-common.h"

void x8zip_x2_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x + n;
  size_t k = 0;
  for (; k + 16 <= n; k += 16) {
    const __m128i v0 = _mm_loadu_si128((const __m128i*)(x0 + k));
    const __m128i v1 = _mm_loadu_si128((const __m128i*)(x1 + k));
    _mm_storeu_si128((__m128i*)(y + 2 * k), _mm_unpacklo_epi8(v0, v1));
    _mm_storeu_si128((__m128i*)(y + 2 * k + 16), _mm_unpackhi_epi8(v0, v1));
  }
  for (; k < n; k++) {
    y[2 * k] = x0[k];
    y[2 * k + 1] = x1[k];
  }
}
