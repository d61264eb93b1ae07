#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// The gather of t[x[i]] is scalar (wasm has no gather); the normalization
// min(255, (256 * t + sum / 2) / sum) runs on f64x2 lanes.
//
// Why the double division equals the scalar kernel's 64-bit integer one:
// t < 2^32 and sum / 2 < 2^31 convert to double exactly, 256 * t < 2^40 is
// exact, and so is the numerator N = 256 * t + sum / 2 < 2^41 (below 2^53).
// Division is correctly rounded: the computed quotient q differs from
// Q = N / sum by at most half an ulp of Q. If Q < 256, that is at most 2^-46
// (Q < 2^8 has ulp <= 2^-45). Write Q = k + r / sum with k = floor(Q) and
// 0 <= r < sum: when r > 0, k + 1 - Q >= 1 / sum >= 2^-32, far more than the
// rounding error, so k <= q < k + 1 (q >= k because rounding is monotonic
// and k is a double); when r = 0, q = Q = k exactly. Truncating q gives k.
// If Q >= 256, then q >= 256 (monotonic again), and min(q, 255) truncates to
// 255, the saturated result. So only quotients below 256 need to be exact.

struct norm_consts {
  v128_t c256, half, sum, max;
};

// 4 uint32 table values -> 4 int32 results in [0, 255].
static inline v128_t norm4(v128_t t4, const struct norm_consts* k) {
  const v128_t t01 = wasm_f64x2_convert_low_u32x4(t4);
  const v128_t t23 = wasm_f64x2_convert_low_u32x4(wasm_i32x4_shuffle(t4, t4, 2, 3, 2, 3));
  // pmin(q, 255) = 255 < q ? 255 : q, before truncating (quotients reach 2^41).
  const v128_t q01 = wasm_f64x2_pmin(
      wasm_f64x2_div(wasm_f64x2_add(wasm_f64x2_mul(t01, k->c256), k->half), k->sum), k->max);
  const v128_t q23 = wasm_f64x2_pmin(
      wasm_f64x2_div(wasm_f64x2_add(wasm_f64x2_mul(t23, k->c256), k->half), k->sum), k->max);
  return wasm_i32x4_shuffle(wasm_i32x4_trunc_sat_f64x2_zero(q01),
                            wasm_i32x4_trunc_sat_f64x2_zero(q23), 0, 1, 4, 5);
}

// 16 consecutive uint32 values at p -> 16 bytes.
static inline v128_t norm16(const uint32_t* p, const struct norm_consts* k) {
  return q8nn_wasmsimd_misc_pack16(norm4(wasm_v128_load(p), k), norm4(wasm_v128_load(p + 4), k),
                                   norm4(wasm_v128_load(p + 8), k),
                                   norm4(wasm_v128_load(p + 12), k));
}

static inline struct norm_consts norm_init(uint32_t sum) {
  struct norm_consts k;
  k.c256 = wasm_f64x2_splat(256.0);
  k.half = wasm_f64x2_splat((double)(sum >> 1));
  k.sum = wasm_f64x2_splat((double)sum);
  k.max = wasm_f64x2_splat(255.0);
  return k;
}

// The caller guarantees 0 < sum_i t[x[i]] <= UINT32_MAX, so the wrapping
// uint32 sums (in any order) are exact.
void u8lut32norm_ukernel__wasmsimd(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y) {
  if (n > 256) {
    uint32_t sum0 = 0, sum1 = 0;
    size_t i = 0;
    for (; i + 2 <= n; i += 2) {
      sum0 += t[x[i]];
      sum1 += t[x[i + 1]];
    }
    if (i < n) sum0 += t[x[i]];
    const struct norm_consts k = norm_init(sum0 + sum1);
    // Normalize the 256 entries once, then look the bytes up (an
    // operator-owned-like table: 16-byte aligned, with slack).
    _Alignas(16) uint8_t table[256 + Q8NN_EXTRA_BYTES];
    for (size_t v = 0; v < 256; v += 16) wasm_v128_store(table + v, norm16(t + v, &k));
    for (size_t v = 256; v < sizeof(table); v += 16) {
      wasm_v128_store(table + v, wasm_i8x16_const_splat(0));
    }
    x8lut_ukernel__wasmsimd(n, x, table, y);
    return;
  }

  // Gather t[x[i]] into a buffer while summing: all of x is read before any
  // of y is written, so y == x is fine. The buffer is zero-padded to a
  // multiple of 16 (those results are not stored).
  _Alignas(16) uint32_t buf[256];
  uint32_t sum0 = 0, sum1 = 0;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const uint32_t v0 = t[x[i]], v1 = t[x[i + 1]];
    buf[i] = v0, buf[i + 1] = v1;
    sum0 += v0, sum1 += v1;
  }
  if (i < n) sum0 += buf[i] = t[x[i]], i++;
  for (; i % 16 != 0; i++) buf[i] = 0;
  const struct norm_consts k = norm_init(sum0 + sum1);

  size_t j = 0;
  for (; j + 16 <= n; j += 16) wasm_v128_store(y + j, norm16(buf + j, &k));
  if (j < n) {
    // buf is zero-padded up to the next multiple of 16.
    _Alignas(16) uint8_t last[16];
    wasm_v128_store(last, norm16(buf + j, &k));
    for (size_t l = 0; j + l < n; l++) y[j + l] = last[l];
  }
}
