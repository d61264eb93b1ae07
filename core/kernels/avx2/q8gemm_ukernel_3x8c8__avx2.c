#include "gemm-avx2.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_3x8c8__avx2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params) {
  const size_t ks = 1;
  const uint8_t* rows[3];
  rows[0] = a;
  for (size_t i = 1; i < 3; i++) rows[i] = i < mr ? rows[i - 1] + a_stride : rows[i - 1];
#define ROW(p, i) rows[i]
  Q8NN_GEMM_AVX2_BODY(3, ROW);
#undef ROW
}
