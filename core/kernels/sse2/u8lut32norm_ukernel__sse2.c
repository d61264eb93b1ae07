#include "q8nn/ukernels.h"
#include "sse2-common.h"

// Exactness of the double division below: the numerator 256 * t + sum / 2 is
// an integer < 2^41 and sum < 2^32, both exact doubles; if the true quotient
// Q = k + r / sum (0 <= r < sum) is below 256, it is at least 1 / sum >= 2^-32
// below k + 1 while the correctly rounded quotient is off by at most half an
// ulp (<= 2^-45), so truncating it gives k; if Q >= 256 the rounded quotient
// is >= 256 too (rounding is monotonic) and clamps to 255.

struct norm_consts {
  __m128i half;     // sum / 2 in both 64-bit lanes
  __m128i magic_i;  // bits of 2^52
  __m128d magic_d;  // 2^52
  __m128d sum_d;
  __m128d max_q;  // 255.0
};

static inline struct norm_consts norm_init(uint32_t sum) {
  struct norm_consts c;
  c.half = _mm_set1_epi64x((long long)(sum >> 1));
  c.magic_i = _mm_set1_epi64x(0x4330000000000000LL);
  c.magic_d = _mm_castsi128_pd(c.magic_i);
  c.sum_d = _mm_set1_pd((double)sum);
  c.max_q = _mm_set1_pd(255.0);
  return c;
}

// Two 64-bit lanes holding t (< 2^32) -> min(255, (256 * t + sum / 2) / sum)
// as int32 in lanes 0 and 1 (lanes 2 and 3 zero).
static inline __m128i norm2(__m128i t2, const struct norm_consts* c) {
  // 256 * t + sum / 2 < 2^52: or-ing in the exponent of 2^52 and subtracting
  // 2^52 converts it to double exactly.
  const __m128i num = _mm_add_epi64(_mm_slli_epi64(t2, 8), c->half);
  const __m128d num_d = _mm_sub_pd(_mm_castsi128_pd(_mm_or_si128(num, c->magic_i)), c->magic_d);
  // Clamp before truncating: quotients up to 2^41 do not fit int32.
  return _mm_cvttpd_epi32(_mm_min_pd(_mm_div_pd(num_d, c->sum_d), c->max_q));
}

// 8 uint32 entries -> 8 normalized bytes in the low half.
static inline __m128i norm8(__m128i t0123, __m128i t4567, const struct norm_consts* c) {
  const __m128i zero = _mm_setzero_si128();
  const __m128i q0123 = _mm_unpacklo_epi64(norm2(_mm_unpacklo_epi32(t0123, zero), c),
                                           norm2(_mm_unpackhi_epi32(t0123, zero), c));
  const __m128i q4567 = _mm_unpacklo_epi64(norm2(_mm_unpacklo_epi32(t4567, zero), c),
                                           norm2(_mm_unpackhi_epi32(t4567, zero), c));
  // Values are in [0, 255]: both packs are exact.
  const __m128i q = _mm_packs_epi32(q0123, q4567);
  return _mm_packus_epi16(q, q);
}

static inline uint64_t load_u64(const uint8_t* p) {
  uint64_t v;
  memcpy(&v, p, sizeof(v));
  return v;
}

// The caller guarantees 0 < sum_i t[x[i]] <= UINT32_MAX, so the uint32 sums
// (any order, wrapping) are exact.
void u8lut32norm_ukernel__sse2(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y) {
  if (n > 256) {
    uint32_t sum0 = 0, sum1 = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      const uint64_t w = load_u64(x + i);
      const uint32_t w0 = (uint32_t)w, w1 = (uint32_t)(w >> 32);
      sum0 += t[w0 & 0xFF] + t[(w0 >> 8) & 0xFF] + t[(w0 >> 16) & 0xFF] + t[w0 >> 24];
      sum1 += t[w1 & 0xFF] + t[(w1 >> 8) & 0xFF] + t[(w1 >> 16) & 0xFF] + t[w1 >> 24];
    }
    for (; i < n; i++) sum0 += t[x[i]];
    const struct norm_consts c = norm_init(sum0 + sum1);

    // Normalize the 256 entries once, then look the bytes up. The lut kernel
    // may read a few bytes past the 256 entries (see ukernels.h): give the
    // table the slack of an operator-owned one.
    uint8_t table[256 + Q8NN_EXTRA_BYTES];
    memset(table + 256, 0, Q8NN_EXTRA_BYTES);
    for (size_t v = 0; v < 256; v += 8) {
      const __m128i t0 = _mm_loadu_si128((const __m128i*)(t + v));
      const __m128i t1 = _mm_loadu_si128((const __m128i*)(t + v + 4));
      _mm_storel_epi64((__m128i*)(table + v), norm8(t0, t1, &c));
    }
    x8lut_ukernel__sse2(n, x, table, y);
    return;
  }

  // Gather t[x[i]] into a buffer while summing (all of x is read before any
  // of y is written, so y == x is fine), then normalize the buffer 8 at a time.
  uint32_t buf[256];
  uint32_t sum0 = 0, sum1 = 0;
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint64_t w = load_u64(x + i);
    const uint32_t w0 = (uint32_t)w, w1 = (uint32_t)(w >> 32);
    const uint32_t v0 = t[w0 & 0xFF], v1 = t[(w0 >> 8) & 0xFF];
    const uint32_t v2 = t[(w0 >> 16) & 0xFF], v3 = t[w0 >> 24];
    const uint32_t v4 = t[w1 & 0xFF], v5 = t[(w1 >> 8) & 0xFF];
    const uint32_t v6 = t[(w1 >> 16) & 0xFF], v7 = t[w1 >> 24];
    buf[i] = v0, buf[i + 1] = v1, buf[i + 2] = v2, buf[i + 3] = v3;
    buf[i + 4] = v4, buf[i + 5] = v5, buf[i + 6] = v6, buf[i + 7] = v7;
    sum0 += (v0 + v1) + (v2 + v3);
    sum1 += (v4 + v5) + (v6 + v7);
  }
  for (; i < n; i++) sum0 += buf[i] = t[x[i]];
  // Zero the rest of the last block of 8 (its results are not stored).
  for (; i % 8 != 0; i++) buf[i] = 0;
  const struct norm_consts c = norm_init(sum0 + sum1);

  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    const __m128i t0 = _mm_loadu_si128((const __m128i*)(buf + k));
    const __m128i t1 = _mm_loadu_si128((const __m128i*)(buf + k + 4));
    _mm_storel_epi64((__m128i*)(y + k), norm8(t0, t1, &c));
  }
  if (k < n) {
    const __m128i t0 = _mm_loadu_si128((const __m128i*)(buf + k));
    const __m128i t1 = _mm_loadu_si128((const __m128i*)(buf + k + 4));
    q8nn_sse2_store_tail(y + k, norm8(t0, t1, &c), n - k);
  }
}
