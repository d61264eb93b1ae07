#include "gemm-2x4-scalar.h"
#include "q8nn/ukernels.h"

void q8igemm_ukernel_2x4__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params) {
  // With one row, row 1 duplicates row 0 (same reads, same stores): no branch in the k loop.
  uint8_t* c1 = mr > 1 ? c + cm_stride : c;
  const uint8_t* wp = (const uint8_t*)w;
  while (nc != 0) {
    struct q8nn_tile_2x4 tile;
    wp = q8nn_tile_2x4_init(&tile, wp);
    for (size_t p = 0; p < ks; p++) {
      const uint8_t* a0 = q8nn_indirect_row(a[p * 2], input_offset, zero);
      const uint8_t* a1 = mr > 1 ? q8nn_indirect_row(a[p * 2 + 1], input_offset, zero) : a0;
      wp = q8nn_tile_2x4_accumulate(&tile, a0, a1, kc, wp, params);
    }
    const size_t n = nc < 4 ? nc : 4;
    q8nn_tile_2x4_store(&tile, n, c, c1, params);
    c += 4;
    c1 += 4;
    nc -= n;
  }
}
