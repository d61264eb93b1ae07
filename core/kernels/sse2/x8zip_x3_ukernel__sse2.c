#include "q8nn/ukernels.h"
#include "sse2-common.h"

// Without a byte shuffle: interleave the three groups and a zero group into
// 4-byte units [x0 x1 x2 0] (the x4 unpack pattern), then squeeze out the
// zero bytes with 64-bit shifts and masks (two units per 64-bit lane -> 6
// bytes) and byte shifts across the lanes (4 units -> 12 bytes).

// 4 units [a b c 0] -> their 12 bytes in bytes 0..11, zeros in 12..15.
static inline __m128i squeeze12(__m128i u) {
  const __m128i low3 = _mm_set1_epi64x(0xFFFFFF);
  // Per 64-bit lane [a b c 0 a' b' c' 0] -> [a b c a' b' c' 0 0].
  const __m128i l =
      _mm_or_si128(_mm_and_si128(u, low3), _mm_andnot_si128(low3, _mm_srli_epi64(u, 8)));
  // High lane's 6 bytes to bytes 6..11.
  const __m128i h = _mm_srli_si128(_mm_unpackhi_epi64(_mm_setzero_si128(), l), 2);
  return _mm_or_si128(_mm_move_epi64(l), h);
}

// 8 elements of each group (8-byte loads) -> 24 output bytes.
static inline void zip8(const uint8_t* x0, const uint8_t* x1, const uint8_t* x2, uint8_t* y) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i v01 = _mm_unpacklo_epi8(q8nn_sse2_load8(x0), q8nn_sse2_load8(x1));
  const __m128i v2z = _mm_unpacklo_epi8(q8nn_sse2_load8(x2), zero);
  const __m128i w0 = squeeze12(_mm_unpacklo_epi16(v01, v2z));
  const __m128i w1 = squeeze12(_mm_unpackhi_epi16(v01, v2z));
  _mm_storeu_si128((__m128i*)y, _mm_or_si128(w0, _mm_slli_si128(w1, 12)));
  _mm_storel_epi64((__m128i*)(y + 16), _mm_srli_si128(w1, 4));
}

// 16 elements of each group -> 48 output bytes.
static inline void zip16(const uint8_t* x0, const uint8_t* x1, const uint8_t* x2, uint8_t* y) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i v0 = _mm_loadu_si128((const __m128i*)x0);
  const __m128i v1 = _mm_loadu_si128((const __m128i*)x1);
  const __m128i v2 = _mm_loadu_si128((const __m128i*)x2);
  const __m128i v01l = _mm_unpacklo_epi8(v0, v1), v01h = _mm_unpackhi_epi8(v0, v1);
  const __m128i v2zl = _mm_unpacklo_epi8(v2, zero), v2zh = _mm_unpackhi_epi8(v2, zero);
  const __m128i w0 = squeeze12(_mm_unpacklo_epi16(v01l, v2zl));
  const __m128i w1 = squeeze12(_mm_unpackhi_epi16(v01l, v2zl));
  const __m128i w2 = squeeze12(_mm_unpacklo_epi16(v01h, v2zh));
  const __m128i w3 = squeeze12(_mm_unpackhi_epi16(v01h, v2zh));
  _mm_storeu_si128((__m128i*)y, _mm_or_si128(w0, _mm_slli_si128(w1, 12)));
  _mm_storeu_si128((__m128i*)(y + 16), _mm_or_si128(_mm_srli_si128(w1, 4), _mm_slli_si128(w2, 8)));
  _mm_storeu_si128((__m128i*)(y + 32), _mm_or_si128(_mm_srli_si128(w2, 8), _mm_slli_si128(w3, 4)));
}

void x8zip_x3_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x0 + n;
  const uint8_t* x2 = x1 + n;
  if (n >= 16) {
    size_t k = 0;
    for (; k + 16 <= n; k += 16) zip16(x0 + k, x1 + k, x2 + k, y + 3 * k);
    // The last 1..15 elements: redo the last 16 (x and y never overlap, so the
    // overlap is rewritten with the same bytes).
    if (k < n) zip16(x0 + n - 16, x1 + n - 16, x2 + n - 16, y + 3 * (n - 16));
  } else if (n >= 8) {
    zip8(x0, x1, x2, y);
    if (n > 8) zip8(x0 + n - 8, x1 + n - 8, x2 + n - 8, y + 3 * (n - 8));
  } else {
    for (size_t k = 0; k < n; k++) {
      y[3 * k] = x0[k];
      y[3 * k + 1] = x1[k];
      y[3 * k + 2] = x2[k];
    }
  }
}
