#include "gemm-2x4-scalar.h"
#include "q8nn/ukernels.h"

void q8gemm_ukernel_2x4__scalar(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params) {
  // With one row, row 1 duplicates row 0 (same reads, same stores): no branch in the k loop.
  const uint8_t* a1 = mr > 1 ? a + a_stride : a;
  uint8_t* c1 = mr > 1 ? c + cm_stride : c;
  const uint8_t* wp = (const uint8_t*)w;
  while (nc != 0) {
    struct q8nn_tile_2x4 tile;
    wp = q8nn_tile_2x4_init(&tile, wp);
    wp = q8nn_tile_2x4_accumulate(&tile, a, a1, kc, wp, params);
    const size_t n = nc < 4 ? nc : 4;
    q8nn_tile_2x4_store(&tile, n, c, c1, params);
    c += 4;
    c1 += 4;
    nc -= n;
  }
}
