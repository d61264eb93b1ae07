// gemm / igemm with MR x 8 tiles on q8nn_gemm_packing_u8 weights (KR = 1):
// both zero points are subtracted in 16 bits (USUBL), and each weight vector
// of 8 output channels is multiplied by one input element per row
// (SMLAL/SMLAL2 by element), 8 k steps per load of the input rows. MR = 4 fits
// AArch32's 16 q registers (8 accumulators); MR = 8 is for AArch64 (16
// accumulators, 8 input vectors in v0-v15 as the by-element form requires).
#pragma once

#include "neon-common.h"

// acc_lo/hi += (w[0..3] / w[4..7]) * a[lane].
#if defined(__aarch64__)
#define Q8NN_GEMM_NEON_MLAL(acc_lo, acc_hi, vb, va, lane)         \
  do {                                                            \
    acc_lo = vmlal_laneq_s16(acc_lo, vget_low_s16(vb), va, lane); \
    acc_hi = vmlal_high_laneq_s16(acc_hi, vb, va, lane);          \
  } while (0)
#else
#define Q8NN_GEMM_NEON_MLAL(acc_lo, acc_hi, vb, va, lane)                    \
  do {                                                                       \
    const int16x4_t va4 = (lane) < 4 ? vget_low_s16(va) : vget_high_s16(va); \
    acc_lo = vmlal_lane_s16(acc_lo, vget_low_s16(vb), va4, (lane)&3);        \
    acc_hi = vmlal_lane_s16(acc_hi, vget_high_s16(vb), va4, (lane)&3);       \
  } while (0)
#endif

// One k step of 8 weights against lane `lane` of every row's input vector.
#define Q8NN_GEMM_NEON_STEP(lane)                                            \
  do {                                                                       \
    const int16x8_t vb = vreinterpretq_s16_u16(vsubl_u8(vld1_u8(w), vb_zp)); \
    w += 8;                                                                  \
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {                \
      Q8NN_GEMM_NEON_MLAL(acc[2 * i], acc[2 * i + 1], vb, va[i], lane);      \
    }                                                                        \
    /* One weight vector live at a time (GCC would hoist all 8 loads). */    \
    __asm__ __volatile__("" ::: "memory");                                   \
  } while (0)

// acc[2i], acc[2i+1] += rows[i][0..kc) x w (kc x 8 bytes); returns the
// advanced weight pointer.
Q8NN_NEON_INLINE const uint8_t* q8nn_gemm_neon_accumulate(const size_t MR, int32x4_t* acc,
                                                          const uint8_t** rows, size_t kc,
                                                          const uint8_t* w, uint8x8_t va_zp,
                                                          uint8x8_t vb_zp) {
  for (; kc >= 8; kc -= 8) {
    int16x8_t va[8];
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {
      va[i] = vreinterpretq_s16_u16(vsubl_u8(vld1_u8(rows[i]), va_zp));
      rows[i] += 8;
    }
    Q8NN_GEMM_NEON_STEP(0);
    Q8NN_GEMM_NEON_STEP(1);
    Q8NN_GEMM_NEON_STEP(2);
    Q8NN_GEMM_NEON_STEP(3);
    Q8NN_GEMM_NEON_STEP(4);
    Q8NN_GEMM_NEON_STEP(5);
    Q8NN_GEMM_NEON_STEP(6);
    Q8NN_GEMM_NEON_STEP(7);
  }
  // The last kc % 8 steps: one input byte per row, broadcast.
  for (; kc != 0; kc--) {
    const int16x8_t vb = vreinterpretq_s16_u16(vsubl_u8(vld1_u8(w), vb_zp));
    w += 8;
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {
      const int16x4_t va =
          vreinterpret_s16_u16(vget_low_u16(vsubl_u8(vld1_dup_u8(rows[i]), va_zp)));
      rows[i] += 1;
      acc[2 * i] = vmlal_s16(acc[2 * i], vget_low_s16(vb), va);
      acc[2 * i + 1] = vmlal_s16(acc[2 * i + 1], vget_high_s16(vb), va);
    }
  }
  return w;
}

// Requantizes the tile and stores rows MR-1 .. 0 (in that order: rows past mr
// share row mr-1's pointer, and the real row must be stored last).
Q8NN_NEON_INLINE void q8nn_gemm_neon_store(const size_t MR, const int32x4_t* acc, uint8_t** c,
                                           size_t nc, const struct q8nn_conv_params* params) {
  Q8NN_NEON_REQUANT_AFTER_LOOP(rq, params);
  _Pragma("GCC unroll 8") for (size_t j = 0; j < MR; j++) {
    const size_t i = MR - 1 - j;
    const uint8x8_t y = q8nn_neon_requantize8(acc[2 * i], acc[2 * i + 1], &rq);
    if (nc >= 8) {
      vst1_u8(c[i], y);
      c[i] += 8;
    } else {
      q8nn_neon_store_tail8(c[i], y, nc);
    }
  }
}

Q8NN_NEON_INLINE void q8nn_gemm_neon(const size_t MR, size_t mr, size_t nc, size_t kc,
                                     const uint8_t* a, size_t a_stride, const void* w_, uint8_t* c,
                                     size_t cm_stride, const struct q8nn_conv_params* params) {
  const uint8x8_t va_zp = vdup_n_u8((uint8_t)params->input_zero_point);
  const uint8x8_t vb_zp = vdup_n_u8((uint8_t)params->kernel_zero_point);
  const uint8_t* a_rows[8];
  uint8_t* c_rows[8];
  a_rows[0] = a;
  c_rows[0] = c;
  _Pragma("GCC unroll 8") for (size_t i = 1; i < MR; i++) {
    a_rows[i] = i < mr ? a_rows[i - 1] + a_stride : a_rows[i - 1];
    c_rows[i] = i < mr ? c_rows[i - 1] + cm_stride : c_rows[i - 1];
  }
  const uint8_t* w = (const uint8_t*)w_;
  for (;;) {
    int32x4_t acc[16];
    const int32x4_t bias_lo = vld1q_s32((const int32_t*)w);
    const int32x4_t bias_hi = vld1q_s32((const int32_t*)(w + 16));
    w += 32;
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {
      acc[2 * i] = bias_lo;
      acc[2 * i + 1] = bias_hi;
    }
    const uint8_t* rows[8];
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) rows[i] = a_rows[i];
    w = q8nn_gemm_neon_accumulate(MR, acc, rows, kc, w, va_zp, vb_zp);
    q8nn_gemm_neon_store(MR, acc, c_rows, nc, params);
    if (nc <= 8) return;
    nc -= 8;
  }
}

Q8NN_NEON_INLINE void q8nn_igemm_neon(const size_t MR, size_t mr, size_t nc, size_t kc, size_t ks,
                                      const uint8_t** a, const void* w_, uint8_t* c,
                                      size_t cm_stride, size_t input_offset, const uint8_t* zero,
                                      const struct q8nn_conv_params* params) {
  const uint8x8_t va_zp = vdup_n_u8((uint8_t)params->input_zero_point);
  const uint8x8_t vb_zp = vdup_n_u8((uint8_t)params->kernel_zero_point);
  uint8_t* c_rows[8];
  c_rows[0] = c;
  _Pragma("GCC unroll 8") for (size_t i = 1; i < MR; i++) {
    c_rows[i] = i < mr ? c_rows[i - 1] + cm_stride : c_rows[i - 1];
  }
  const uint8_t* w = (const uint8_t*)w_;
  for (;;) {
    int32x4_t acc[16];
    const int32x4_t bias_lo = vld1q_s32((const int32_t*)w);
    const int32x4_t bias_hi = vld1q_s32((const int32_t*)(w + 16));
    w += 32;
    _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {
      acc[2 * i] = bias_lo;
      acc[2 * i + 1] = bias_hi;
    }
    const uint8_t** ap = a;
    for (size_t p = 0; p < ks; p++) {
      const uint8_t* rows[8];
      _Pragma("GCC unroll 8") for (size_t i = 0; i < MR; i++) {
        rows[i] = q8nn_neon_row(ap[i], input_offset, zero);
      }
      ap += MR;
      w = q8nn_gemm_neon_accumulate(MR, acc, rows, kc, w, va_zp, vb_zp);
    }
    q8nn_gemm_neon_store(MR, acc, c_rows, nc, params);
    if (nc <= 8) return;
    nc -= 8;
  }
}
