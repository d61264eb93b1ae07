#include "q8nn/ukernels.h"
#include "sse2-common.h"

// SSE2 has no byte shuffle or gather, so each lookup is a scalar load; the
// rest is vector work. 16 input bytes come in with one load and their indices
// are peeled off in 64-bit registers; each lookup is a 4-byte movd load at
// table + index (the wanted byte lands in byte 0 of a vector; the table
// carries Q8NN_EXTRA_BYTES of slack, so index 255 may read 3 bytes past it),
// and a tree of unpacks gathers the 16 results into one vector for a single
// 16-byte store. This keeps the integer units free for the index arithmetic;
// packing the bytes with shifts and ors in a 64-bit register measured slower
// than the byte loop.

static inline __m128i load_entry(const uint8_t* table, uint32_t index) {
  int32_t v;
  memcpy(&v, table + index, sizeof(v));
  return _mm_cvtsi32_si128(v);
}

// table[byte j of w] in byte j (j < 8) of the result; bytes 8..15 undefined.
static inline __m128i lut8(uint64_t w, const uint8_t* t) {
  const uint32_t a = (uint32_t)w, b = (uint32_t)(w >> 32);
  const __m128i v01 = _mm_unpacklo_epi8(load_entry(t, a & 0xFF), load_entry(t, (a >> 8) & 0xFF));
  const __m128i v23 = _mm_unpacklo_epi8(load_entry(t, (a >> 16) & 0xFF), load_entry(t, a >> 24));
  const __m128i v45 = _mm_unpacklo_epi8(load_entry(t, b & 0xFF), load_entry(t, (b >> 8) & 0xFF));
  const __m128i v67 = _mm_unpacklo_epi8(load_entry(t, (b >> 16) & 0xFF), load_entry(t, b >> 24));
  return _mm_unpacklo_epi32(_mm_unpacklo_epi16(v01, v23), _mm_unpacklo_epi16(v45, v67));
}

static inline uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

void x8lut_ukernel__sse2(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y) {
  if (n < 8) {
    // Element by element, each read before its write (x and y may alias).
    for (size_t i = 0; i < n; i++) y[i] = table[x[i]];
    return;
  }
  // The last 8 input bytes, read before anything is stored: when y == x the
  // final (overlapping) 8-byte block must see the original values.
  const uint64_t last = load_u64(x + n - 8);
  size_t i = 0;
  for (; i + 16 <= n; i += 16) {
    // Each block is loaded before it is stored (in place is safe).
    const __m128i v = _mm_loadu_si128((const __m128i*)(x + i));
    const uint64_t w0 = (uint64_t)_mm_cvtsi128_si64(v);
    const uint64_t w1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
    _mm_storeu_si128((__m128i*)(y + i), _mm_unpacklo_epi64(lut8(w0, table), lut8(w1, table)));
  }
  if (i + 8 <= n) {
    _mm_storel_epi64((__m128i*)(y + i), lut8(load_u64(x + i), table));
    i += 8;
  }
  // 1..7 bytes left: redo the last 8 from their original values (the overlap
  // gets the same results again).
  if (i < n) _mm_storel_epi64((__m128i*)(y + n - 8), lut8(last, table));
}
