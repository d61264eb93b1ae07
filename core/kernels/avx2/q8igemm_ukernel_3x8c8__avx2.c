#include "gemm-avx2.h"
#include "q8nn/ukernels.h"

void q8igemm_ukernel_3x8c8__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params) {
#define ROW(p, i) q8nn_avx2_row(a[(p)*3 + (i)], input_offset, zero)
  Q8NN_GEMM_AVX2_BODY(3, ROW);
#undef ROW
}
