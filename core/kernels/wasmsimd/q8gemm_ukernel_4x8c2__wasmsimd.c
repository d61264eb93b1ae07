#include "gemm-4x8c2-wasmsimd.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_4x8c2__wasmsimd(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params) {
  q8nn_wasmsimd_gemm_4x8c2(mr, nc, kc, a, a_stride, w, c, cm_stride, params);
}
