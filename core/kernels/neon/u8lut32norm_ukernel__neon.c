#include "neon-common.h"
#include "q8nn/ukernels.h"

// y = min(255, (256 * t + sum / 2) / sum) in double: the numerator (< 2^41) and
// sum (< 2^32) are exact, and the quotient (<= 257) is never within 2^-32 of
// the next integer unless it is one, far above double's rounding error (2^-44),
// so truncating the rounded quotient gives the exact integer division.
static inline void normalize(size_t n, const uint32_t* t, double sum, double half, uint8_t* y) {
#if defined(__aarch64__)
  // Two quotients per FDIV (AArch64 has vector double division).
  const float64x2_t vsum = vdupq_n_f64(sum);
  const float64x2_t vhalf = vdupq_n_f64(half);
  const float64x2_t v256 = vdupq_n_f64(256.0);
  const float64x2_t v255 = vdupq_n_f64(255.0);
  for (; n >= 2; n -= 2) {
    const uint64x2_t vt = vmovl_u32(vld1_u32(t));
    t += 2;
    const float64x2_t q = vdivq_f64(vaddq_f64(vmulq_f64(vcvtq_f64_u64(vt), v256), vhalf), vsum);
    const uint64x2_t qi = vcvtq_u64_f64(vminq_f64(q, v255));
    y[0] = (uint8_t)vgetq_lane_u64(qi, 0);
    y[1] = (uint8_t)vgetq_lane_u64(qi, 1);
    y += 2;
  }
#endif
  // AArch32: scalar VFP double division (NEON has no division).
  for (; n != 0; n--) {
    const double q = ((double)*t++ * 256.0 + half) / sum;
    *y++ = q >= 255.0 ? 255 : (uint8_t)q;
  }
}

void u8lut32norm_ukernel__neon(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y) {
  // No gather instruction: the sum of table entries is scalar (4 chains).
  uint32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    s0 += t[x[i]];
    s1 += t[x[i + 1]];
    s2 += t[x[i + 2]];
    s3 += t[x[i + 3]];
  }
  for (; i < n; i++) s0 += t[x[i]];
  const uint32_t sum = s0 + s1 + s2 + s3;
  const double dsum = (double)sum;
  const double half = (double)(sum >> 1);
  if (n > 256) {
    // Normalize the 256 entries once, then look the bytes up.
    uint8_t table[256];
    normalize(256, t, dsum, half, table);
    x8lut_ukernel__neon(n, x, table, y);
  } else {
    uint32_t tx[256];
    for (size_t k = 0; k < n; k++) tx[k] = t[x[k]];
    normalize(n, tx, dsum, half, y);
  }
}
