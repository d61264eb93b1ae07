#include "neon-common.h"
#include "q8nn/ukernels.h"

// 8 elements per step: (a - a_zp) and (b - b_zp) in 16 bits, widened to
// int32, converted; two rounded products and their rounded sum (no FMA: the
// reference rounds each product), then the output rule.
static inline uint8x8_t vadd8(uint8x8_t a, uint8x8_t b, uint8x8_t azp, uint8x8_t bzp,
                              float32x4_t am, float32x4_t bm, const struct q8nn_neon_requant* rq) {
  const int16x8_t da = vreinterpretq_s16_u16(vsubl_u8(a, azp));
  const int16x8_t db = vreinterpretq_s16_u16(vsubl_u8(b, bzp));
  const float32x4_t fa_lo = vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_low_s16(da))), am);
  const float32x4_t fa_hi = vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_high_s16(da))), am);
  const float32x4_t fb_lo = vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_low_s16(db))), bm);
  const float32x4_t fb_hi = vmulq_f32(vcvtq_f32_s32(vmovl_s16(vget_high_s16(db))), bm);
  return q8nn_neon_pack8(q8nn_neon_round(vaddq_f32(fa_lo, fb_lo), rq),
                         q8nn_neon_round(vaddq_f32(fa_hi, fb_hi), rq), rq);
}

void q8vadd_ukernel__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params) {
  const struct q8nn_neon_requant rq = q8nn_neon_requant_init(1.0f, &params->output);
  const uint8x8_t azp = vdup_n_u8((uint8_t)params->a_zero_point);
  const uint8x8_t bzp = vdup_n_u8((uint8_t)params->b_zero_point);
  const float32x4_t am = vdupq_n_f32(params->a_multiplier);
  const float32x4_t bm = vdupq_n_f32(params->b_multiplier);
  for (; n >= 8; n -= 8) {
    const uint8x8_t r = vadd8(vld1_u8(a), vld1_u8(b), azp, bzp, am, bm, &rq);
    a += 8;
    b += 8;
    vst1_u8(y, r);
    y += 8;
  }
  if (n != 0) {
    const uint8x8_t r =
        vadd8(q8nn_neon_load_tail8(a, n), q8nn_neon_load_tail8(b, n), azp, bzp, am, bm, &rq);
    q8nn_neon_store_tail8(y, r, n);
  }
}
