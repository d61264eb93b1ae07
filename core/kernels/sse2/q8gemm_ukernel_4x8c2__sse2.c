#include "gemm-4x8c2-sse2.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_4x8c2__sse2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params) {
  const struct q8nn_sse2_conv p = q8nn_sse2_conv_init(params);
  // Missing rows duplicate the row below (same reads, same stores): no branches inside.
  const uint8_t* a0 = a;
  const uint8_t* a1 = mr > 1 ? a0 + a_stride : a0;
  const uint8_t* a2 = mr > 2 ? a1 + a_stride : a1;
  const uint8_t* a3 = mr > 3 ? a2 + a_stride : a2;
  uint8_t* c0 = c;
  uint8_t* c1 = mr > 1 ? c0 + cm_stride : c0;
  uint8_t* c2 = mr > 2 ? c1 + cm_stride : c1;
  uint8_t* c3 = mr > 3 ? c2 + cm_stride : c2;
  const uint8_t* wp = (const uint8_t*)w;
  while (nc != 0) {
    __m128i acc[8];
    wp = q8nn_sse2_4x8_init(acc, wp);
    wp = q8nn_sse2_4x8c2_accumulate(acc, a0, a1, a2, a3, kc, wp, &p);
    const size_t n = nc < 8 ? nc : 8;
    q8nn_sse2_4x8_store(acc, n, c0, c1, c2, c3, &p);
    c0 += 8, c1 += 8, c2 += 8, c3 += 8;
    nc -= n;
  }
}
