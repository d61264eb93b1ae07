#include "q8nn/ukernels.h"
#include "sse2-common.h"

void x8zip_x4_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x0 + n;
  const uint8_t* x2 = x1 + n;
  const uint8_t* x3 = x2 + n;
  size_t k = 0;
  for (; k + 16 <= n; k += 16) {
    const __m128i v0 = _mm_loadu_si128((const __m128i*)(x0 + k));
    const __m128i v1 = _mm_loadu_si128((const __m128i*)(x1 + k));
    const __m128i v2 = _mm_loadu_si128((const __m128i*)(x2 + k));
    const __m128i v3 = _mm_loadu_si128((const __m128i*)(x3 + k));
    const __m128i v01l = _mm_unpacklo_epi8(v0, v1), v01h = _mm_unpackhi_epi8(v0, v1);
    const __m128i v23l = _mm_unpacklo_epi8(v2, v3), v23h = _mm_unpackhi_epi8(v2, v3);
    uint8_t* yk = y + 4 * k;
    _mm_storeu_si128((__m128i*)yk, _mm_unpacklo_epi16(v01l, v23l));
    _mm_storeu_si128((__m128i*)(yk + 16), _mm_unpackhi_epi16(v01l, v23l));
    _mm_storeu_si128((__m128i*)(yk + 32), _mm_unpacklo_epi16(v01h, v23h));
    _mm_storeu_si128((__m128i*)(yk + 48), _mm_unpackhi_epi16(v01h, v23h));
  }
  for (; k < n; k++) {
    y[4 * k] = x0[k];
    y[4 * k + 1] = x1[k];
    y[4 * k + 2] = x2[k];
    y[4 * k + 3] = x3[k];
  }
}
