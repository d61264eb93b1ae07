// Helpers shared by the NEON kernels (AArch64, and AArch32 with -mfpu=neon).
#pragma once

#include <arm_neon.h>
#include <stddef.h>
#include <stdint.h>

#include "q8nn/params.h"

#define Q8NN_NEON_INLINE static inline __attribute__((always_inline))

// The fp32 rule of params.h on four int32 lanes at a time: convert, scale,
// clamp in float. AArch64 rounds with FCVTNS (to nearest, ties to even) and
// adds the zero point in 16 bits; AArch32 has no rounding conversion and uses
// the magic bias (the zero point is then part of magic_bias_less_zero_point).
struct q8nn_neon_requant {
  float32x4_t scale;
  float32x4_t min;
  float32x4_t max;
#if defined(__aarch64__)
  int16x8_t zero_point;
#else
  float32x4_t magic;
  int32x4_t magic_less_zero_point;
#endif
};

Q8NN_NEON_INLINE struct q8nn_neon_requant q8nn_neon_requant_init(
    float scale, const struct q8nn_fp32_output* out) {
  struct q8nn_neon_requant rq;
  rq.scale = vdupq_n_f32(scale);
  rq.min = vdupq_n_f32(out->min_less_zero_point);
  rq.max = vdupq_n_f32(out->max_less_zero_point);
#if defined(__aarch64__)
  rq.zero_point = vdupq_n_s16((int16_t)out->zero_point);
#else
  rq.magic = vdupq_n_f32(out->magic_bias);
  rq.magic_less_zero_point = vdupq_n_s32(out->magic_bias_less_zero_point);
#endif
  return rq;
}

// The constants built after an accumulation loop: the empty asm makes the
// compiler treat params as changed, so it cannot hoist the loads and keep the
// constants in registers that the loop needs for accumulators.
#define Q8NN_NEON_REQUANT_AFTER_LOOP(rq, params)         \
  const struct q8nn_conv_params* rq##_params = (params); \
  __asm__("" : "+r"(rq##_params));                       \
  const struct q8nn_neon_requant rq =                    \
      q8nn_neon_requant_init(rq##_params->scale, &rq##_params->output)

// Float values (already scaled) -> clamped, rounded int32 (zero point
// included on AArch32 only; see q8nn_neon_pack8).
Q8NN_NEON_INLINE int32x4_t q8nn_neon_round(float32x4_t x, const struct q8nn_neon_requant* rq) {
  x = vminq_f32(vmaxq_f32(x, rq->min), rq->max);
#if defined(__aarch64__)
  return vcvtnq_s32_f32(x);
#else
  return vsubq_s32(vreinterpretq_s32_f32(vaddq_f32(x, rq->magic)), rq->magic_less_zero_point);
#endif
}

// Two vectors of rounded int32 -> eight output bytes (in [0, 255] already).
Q8NN_NEON_INLINE uint8x8_t q8nn_neon_pack8(int32x4_t lo, int32x4_t hi,
                                           const struct q8nn_neon_requant* rq) {
#if defined(__aarch64__)
  const int16x8_t y = vqaddq_s16(vqmovn_high_s32(vqmovn_s32(lo), hi), rq->zero_point);
#else
  const int16x8_t y = vcombine_s16(vqmovn_s32(lo), vqmovn_s32(hi));
#endif
  return vqmovun_s16(y);
}

// Eight int32 accumulators -> eight output bytes.
Q8NN_NEON_INLINE uint8x8_t q8nn_neon_requantize8(int32x4_t lo, int32x4_t hi,
                                                 const struct q8nn_neon_requant* rq) {
  const int32x4_t rlo = q8nn_neon_round(vmulq_f32(vcvtq_f32_s32(lo), rq->scale), rq);
  const int32x4_t rhi = q8nn_neon_round(vmulq_f32(vcvtq_f32_s32(hi), rq->scale), rq);
  return q8nn_neon_pack8(rlo, rhi, rq);
}

// Stores the first n (< 8) bytes of y.
Q8NN_NEON_INLINE void q8nn_neon_store_tail8(uint8_t* p, uint8x8_t y, size_t n) {
  if (n & 4) {
    vst1_lane_u32((uint32_t*)__builtin_assume_aligned(p, 1), vreinterpret_u32_u8(y), 0);
    p += 4;
    y = vext_u8(y, y, 4);
  }
  if (n & 2) {
    vst1_lane_u16((uint16_t*)__builtin_assume_aligned(p, 1), vreinterpret_u16_u8(y), 0);
    p += 2;
    y = vext_u8(y, y, 2);
  }
  if (n & 1) vst1_lane_u8(p, y, 0);
}

// Stores the first n (< 16) bytes of y.
Q8NN_NEON_INLINE void q8nn_neon_store_tail16(uint8_t* p, uint8x16_t y, size_t n) {
  uint8x8_t lo = vget_low_u8(y);
  if (n & 8) {
    vst1_u8(p, lo);
    p += 8;
    lo = vget_high_u8(y);
  }
  q8nn_neon_store_tail8(p, lo, n & 7);
}

// Loads n (< 8) bytes into the low lanes of a vector; the other lanes are 0.
// Reads exactly n bytes.
Q8NN_NEON_INLINE uint8x8_t q8nn_neon_load_tail8(const uint8_t* p, size_t n) {
  uint8x8_t v = vdup_n_u8(0);
  p += n;
  if (n & 1) {
    p -= 1;
    v = vld1_lane_u8(p, v, 0);
  }
  if (n & 2) {
    p -= 2;
    v = vreinterpret_u8_u16(vld1_lane_u16((const uint16_t*)__builtin_assume_aligned(p, 1),
                                          vreinterpret_u16_u8(vext_u8(v, v, 6)), 0));
  }
  if (n & 4) {
    p -= 4;
    v = vreinterpret_u8_u32(vld1_lane_u32((const uint32_t*)__builtin_assume_aligned(p, 1),
                                          vreinterpret_u32_u8(vext_u8(v, v, 4)), 0));
  }
  return v;
}

// Loads n (< 16) bytes into the low lanes of a vector; the other lanes are 0.
Q8NN_NEON_INLINE uint8x16_t q8nn_neon_load_tail16(const uint8_t* p, size_t n) {
  if (n & 8) return vcombine_u8(vld1_u8(p), q8nn_neon_load_tail8(p + 8, n & 7));
  return vcombine_u8(q8nn_neon_load_tail8(p, n), vdup_n_u8(0));
}

// A row of an indirection buffer (see ukernels.h).
Q8NN_NEON_INLINE const uint8_t* q8nn_neon_row(const uint8_t* row, size_t input_offset,
                                              const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
