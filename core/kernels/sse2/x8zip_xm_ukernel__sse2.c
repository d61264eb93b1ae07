#include "q8nn/ukernels.h"
#include "sse2-common.h"

// Blocks of 8 elements and 8 (or 4) groups, scheduled by q8nn/zip-xm-blocks.h:
// three (two) rounds of unpacks turn the 8 (4) rows into 8-byte (4-byte)
// units, one per element, stored at stride m.

static inline void store_u32(uint8_t* p, uint32_t v) {
  memcpy(p, &v, sizeof(v));
}

// Stores the high 8 bytes of v (movhpd would need an aligned double*).
static inline void store_hi8(uint8_t* p, __m128i v) {
  _mm_storel_epi64((__m128i*)p, _mm_unpackhi_epi64(v, v));
}

// Groups x[0], x[n], ..., x[7n] (8 elements each) -> y[k * m + 0..8) for k < 8.
static inline void zip8x8(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  const __m128i v01 = _mm_unpacklo_epi8(q8nn_sse2_load8(x), q8nn_sse2_load8(x + n));
  const __m128i v23 = _mm_unpacklo_epi8(q8nn_sse2_load8(x + 2 * n), q8nn_sse2_load8(x + 3 * n));
  const __m128i v45 = _mm_unpacklo_epi8(q8nn_sse2_load8(x + 4 * n), q8nn_sse2_load8(x + 5 * n));
  const __m128i v67 = _mm_unpacklo_epi8(q8nn_sse2_load8(x + 6 * n), q8nn_sse2_load8(x + 7 * n));
  const __m128i v0123l = _mm_unpacklo_epi16(v01, v23), v0123h = _mm_unpackhi_epi16(v01, v23);
  const __m128i v4567l = _mm_unpacklo_epi16(v45, v67), v4567h = _mm_unpackhi_epi16(v45, v67);
  const __m128i e01 = _mm_unpacklo_epi32(v0123l, v4567l);
  const __m128i e23 = _mm_unpackhi_epi32(v0123l, v4567l);
  const __m128i e45 = _mm_unpacklo_epi32(v0123h, v4567h);
  const __m128i e67 = _mm_unpackhi_epi32(v0123h, v4567h);
  _mm_storel_epi64((__m128i*)y, e01);
  store_hi8(y + m, e01);
  _mm_storel_epi64((__m128i*)(y + 2 * m), e23);
  store_hi8(y + 3 * m, e23);
  _mm_storel_epi64((__m128i*)(y + 4 * m), e45);
  store_hi8(y + 5 * m, e45);
  _mm_storel_epi64((__m128i*)(y + 6 * m), e67);
  store_hi8(y + 7 * m, e67);
}

// Groups x[0], x[n], x[2n], x[3n] (8 elements each) -> y[k * m + 0..4) for k < 8.
static inline void zip4x8(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  const __m128i v01 = _mm_unpacklo_epi8(q8nn_sse2_load8(x), q8nn_sse2_load8(x + n));
  const __m128i v23 = _mm_unpacklo_epi8(q8nn_sse2_load8(x + 2 * n), q8nn_sse2_load8(x + 3 * n));
  const __m128i e0123 = _mm_unpacklo_epi16(v01, v23), e4567 = _mm_unpackhi_epi16(v01, v23);
  uint64_t u = (uint64_t)_mm_cvtsi128_si64(e0123);
  store_u32(y, (uint32_t)u);
  store_u32(y + m, (uint32_t)(u >> 32));
  u = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(e0123, e0123));
  store_u32(y + 2 * m, (uint32_t)u);
  store_u32(y + 3 * m, (uint32_t)(u >> 32));
  u = (uint64_t)_mm_cvtsi128_si64(e4567);
  store_u32(y + 4 * m, (uint32_t)u);
  store_u32(y + 5 * m, (uint32_t)(u >> 32));
  u = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(e4567, e4567));
  store_u32(y + 6 * m, (uint32_t)u);
  store_u32(y + 7 * m, (uint32_t)(u >> 32));
}

#include "q8nn/zip-xm-blocks.h"

void x8zip_xm_ukernel__sse2(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  q8nn_zip_xm_blocks(n, m, x, y);
}
