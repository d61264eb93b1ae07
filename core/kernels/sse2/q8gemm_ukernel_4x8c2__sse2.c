#include "gemm-4x8c2-sse2.h"
#include "q8nn/ukernels.h"

Q8NN_SSE2_4X8C2_DEFINE(main, Q8NN_SSE2_4X8C2_LOOP, Q8NN_SSE2_4X8C2_BLOOP, 1)
Q8NN_SSE2_4X8C2_DEFINE(ref, q8nn_sse2_4x8c2_loop_intrinsics, q8nn_sse2_4x8c2_bloop_intrinsics, 0)

void q8gemm_ukernel_4x8c2__sse2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params) {
  q8nn_sse2_gemm_4x8c2_main(mr, nc, kc, a, a_stride, w, c, cm_stride, params);
}

// The intrinsics main loops: the tested reference of the asm ones.
void q8gemm_ukernel_4x8c2__sse2_ref(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params) {
  q8nn_sse2_gemm_4x8c2_ref(mr, nc, kc, a, a_stride, w, c, cm_stride, params);
}
