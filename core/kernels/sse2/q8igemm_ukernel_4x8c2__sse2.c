#include "gemm-4x8c2-sse2.h"
#include "q8nn/ukernels.h"

void q8igemm_ukernel_4x8c2__sse2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params) {
  const struct q8nn_sse2_conv p = q8nn_sse2_conv_init(params);
  uint8_t* c0 = c;
  uint8_t* c1 = mr > 1 ? c0 + cm_stride : c0;
  uint8_t* c2 = mr > 2 ? c1 + cm_stride : c1;
  uint8_t* c3 = mr > 3 ? c2 + cm_stride : c2;
  const uint8_t* wp = (const uint8_t*)w;
  while (nc != 0) {
    __m128i acc[8];
    wp = q8nn_sse2_4x8_init(acc, wp);
    // Rows past mr are readable (ukernels.h); their sums are never stored.
    for (size_t t = 0; t < ks; t++) {
      const uint8_t* a0 = q8nn_sse2_indirect_row(a[t * 4 + 0], input_offset, zero);
      const uint8_t* a1 = q8nn_sse2_indirect_row(a[t * 4 + 1], input_offset, zero);
      const uint8_t* a2 = q8nn_sse2_indirect_row(a[t * 4 + 2], input_offset, zero);
      const uint8_t* a3 = q8nn_sse2_indirect_row(a[t * 4 + 3], input_offset, zero);
      wp = q8nn_sse2_4x8c2_accumulate(acc, a0, a1, a2, a3, kc, wp, &p);
    }
    const size_t n = nc < 8 ? nc : 8;
    q8nn_sse2_4x8_store(acc, n, c0, c1, c2, c3, &p);
    c0 += 8, c1 += 8, c2 += 8, c3 += 8;
    nc -= n;
  }
}
