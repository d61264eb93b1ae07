#include "gemm-neondot.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_4x16c4__neondot(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w_, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params) {
  const uint8x16_t vkzp = vdupq_n_u8((uint8_t)params->kernel_zero_point);
  const uint8_t* a_rows[4];
  uint8_t* c_rows[4];
  a_rows[0] = a;
  c_rows[0] = c;
  for (size_t i = 1; i < 4; i++) {
    a_rows[i] = i < mr ? a_rows[i - 1] + a_stride : a_rows[i - 1];
    c_rows[i] = i < mr ? c_rows[i - 1] + cm_stride : c_rows[i - 1];
  }
  const uint8_t* w = (const uint8_t*)w_;
  for (;;) {
    uint32x4_t acc[16], rsum[4];
    q8nn_gemm_neondot_init(acc, rsum, w);
    w += 64;
    const uint8_t* rows[4] = {a_rows[0], a_rows[1], a_rows[2], a_rows[3]};
    w = q8nn_gemm_neondot_accumulate(acc, rsum, rows, kc, w, vkzp);
    q8nn_gemm_neondot_store(acc, rsum, c_rows, nc, params);
    if (nc <= 16) return;
    nc -= 16;
  }
}
