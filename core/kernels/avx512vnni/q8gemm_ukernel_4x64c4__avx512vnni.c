#include "gemm-avx512vnni.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_4x64c4__avx512vnni(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                       size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                       const struct q8nn_conv_params* params) {
  // Rows past mr repeat the last row: same reads, results not stored.
  const uint8_t* rows[4];
  rows[0] = a;
  for (size_t i = 1; i < 4; i++) rows[i] = i < mr ? rows[i - 1] + a_stride : rows[i - 1];
  const size_t ks = 1;
#define ROW(p, i) rows[i]
  Q8NN_GEMM_AVX512VNNI_BODY(4, 4, ROW);
#undef ROW
}
