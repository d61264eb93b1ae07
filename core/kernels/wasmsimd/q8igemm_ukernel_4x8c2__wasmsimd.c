#include "gemm-4x8c2-wasmsimd.h"
#include "q8nn/ukernels.h"

void q8igemm_ukernel_4x8c2__wasmsimd(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                     const void* w, uint8_t* c, size_t cm_stride,
                                     size_t input_offset, const uint8_t* zero,
                                     const struct q8nn_conv_params* params) {
  q8nn_wasmsimd_igemm_4x8c2(mr, nc, kc, ks, a, w, c, cm_stride, input_offset, zero, params);
}
