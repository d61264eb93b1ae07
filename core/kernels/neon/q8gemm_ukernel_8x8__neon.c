#include "gemm-neon.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_8x8__neon(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                              const void* w, uint8_t* c, size_t cm_stride,
                              const struct q8nn_conv_params* params) {
  q8nn_gemm_neon(8, mr, nc, kc, a, a_stride, w, c, cm_stride, params);
}
