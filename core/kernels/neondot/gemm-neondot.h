// gemm / igemm 4x16c4 with the AArch64 dot product extension (UDOT by
// element), on q8nn_gemm_packing_u8_izp_folded weights with KR = 4: weights
// as given, the input zero point folded into the biases, so that
//   acc = packed_bias + sum_k a[k] * w[k] - kernel_zero_point * sum_k a[k]
// (all modulo 2^32, exact). One UDOT multiplies 4 k values of 4 channels by 4
// k values of one row; kernel_zero_point * sum_k a[k] is one more UDOT per row
// and 16 k (a against a vector of kernel_zero_point bytes). Bytes of A past kc
// are loaded as 0, so the padding weights contribute nothing.
#pragma once

#include "../neon/neon-common.h"

// acc[i][q] += udot(w[q], a_i, group g) for the 4 rows and 4 channel quads.
#define Q8NN_GEMM_NEONDOT_GROUP(g)                                             \
  do {                                                                         \
    const uint8x16_t w0 = vld1q_u8(w);                                         \
    const uint8x16_t w1 = vld1q_u8(w + 16);                                    \
    const uint8x16_t w2 = vld1q_u8(w + 32);                                    \
    const uint8x16_t w3 = vld1q_u8(w + 48);                                    \
    w += 64;                                                                   \
    _Pragma("GCC unroll 4") for (size_t i = 0; i < 4; i++) {                   \
      acc[4 * i + 0] = vdotq_laneq_u32(acc[4 * i + 0], w0, va[i], g);          \
      acc[4 * i + 1] = vdotq_laneq_u32(acc[4 * i + 1], w1, va[i], g);          \
      acc[4 * i + 2] = vdotq_laneq_u32(acc[4 * i + 2], w2, va[i], g);          \
      acc[4 * i + 3] = vdotq_laneq_u32(acc[4 * i + 3], w3, va[i], g);          \
    }                                                                          \
    /* Keeps GCC from loading all 16 weight vectors of the 4 groups at once */ \
    /* (which spills accumulators): each group's 4 loads stay in its group. */ \
    __asm__ __volatile__("" ::: "memory");                                     \
  } while (0)

// acc += rows x w over kc bytes; rsum[i] += kernel_zero_point * (row i's bytes).
Q8NN_NEON_INLINE const uint8_t* q8nn_gemm_neondot_accumulate(uint32x4_t* acc, uint32x4_t* rsum,
                                                             const uint8_t** rows, size_t kc,
                                                             const uint8_t* w, uint8x16_t vkzp) {
  uint8x16_t va[4];
  for (; kc >= 16; kc -= 16) {
    _Pragma("GCC unroll 4") for (size_t i = 0; i < 4; i++) {
      va[i] = vld1q_u8(rows[i]);
      rows[i] += 16;
      rsum[i] = vdotq_u32(rsum[i], va[i], vkzp);
    }
    Q8NN_GEMM_NEONDOT_GROUP(0);
    Q8NN_GEMM_NEONDOT_GROUP(1);
    Q8NN_GEMM_NEONDOT_GROUP(2);
    Q8NN_GEMM_NEONDOT_GROUP(3);
  }
  if (kc != 0) {
    _Pragma("GCC unroll 4") for (size_t i = 0; i < 4; i++) {
      va[i] = q8nn_neon_load_tail16(rows[i], kc);
      rsum[i] = vdotq_u32(rsum[i], va[i], vkzp);
    }
    Q8NN_GEMM_NEONDOT_GROUP(0);
    if (kc > 4) Q8NN_GEMM_NEONDOT_GROUP(1);
    if (kc > 8) Q8NN_GEMM_NEONDOT_GROUP(2);
    if (kc > 12) Q8NN_GEMM_NEONDOT_GROUP(3);
  }
  return w;
}

Q8NN_NEON_INLINE void q8nn_gemm_neondot_init(uint32x4_t* acc, uint32x4_t* rsum, const uint8_t* w) {
  _Pragma("GCC unroll 4") for (size_t q = 0; q < 4; q++) {
    const uint32x4_t bias = vld1q_u32((const uint32_t*)(w + 16 * q));
    _Pragma("GCC unroll 4") for (size_t i = 0; i < 4; i++) acc[4 * i + q] = bias;
  }
  _Pragma("GCC unroll 4") for (size_t i = 0; i < 4; i++) rsum[i] = vdupq_n_u32(0);
}

// Subtracts the zero point terms, requantizes, stores rows 3 .. 0 (rows past
// mr share row mr-1's pointer: the real row is stored last).
Q8NN_NEON_INLINE void q8nn_gemm_neondot_store(const uint32x4_t* acc, const uint32x4_t* rsum,
                                              uint8_t** c, size_t nc,
                                              const struct q8nn_conv_params* params) {
  Q8NN_NEON_REQUANT_AFTER_LOOP(rq, params);
  _Pragma("GCC unroll 4") for (size_t j = 0; j < 4; j++) {
    const size_t i = 3 - j;
    const uint32x4_t corr = vdupq_n_u32(vaddvq_u32(rsum[i]));
    const int32x4_t a0 = vreinterpretq_s32_u32(vsubq_u32(acc[4 * i + 0], corr));
    const int32x4_t a1 = vreinterpretq_s32_u32(vsubq_u32(acc[4 * i + 1], corr));
    const int32x4_t a2 = vreinterpretq_s32_u32(vsubq_u32(acc[4 * i + 2], corr));
    const int32x4_t a3 = vreinterpretq_s32_u32(vsubq_u32(acc[4 * i + 3], corr));
    const uint8x16_t y =
        vcombine_u8(q8nn_neon_requantize8(a0, a1, &rq), q8nn_neon_requantize8(a2, a3, &rq));
    if (nc >= 16) {
      vst1q_u8(c[i], y);
      c[i] += 16;
    } else {
      q8nn_neon_store_tail16(c[i], y, nc);
    }
  }
}
