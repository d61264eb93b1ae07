#include "isa-configs.h"

#if Q8NN_ARCH_X86_64

#include <cpuinfo.h>

#include "q8nn/ukernels.h"

namespace q8nn {

const q8nn_config& avx2_config() {
  static const q8nn_config config = [] {
    // Families without AVX2 kernels come from the best table below it.
    q8nn_config c = sse2_config();
    c.isa = "avx2";
    c.gemm = {q8gemm_ukernel_3x8c8__avx2,
              q8igemm_ukernel_3x8c8__avx2,
              /*mr=*/3,
              /*nr=*/8,
              /*kr=*/8,
              q8nn_gemm_packing_s8_folded};
    c.dwconv_up[0] = {q8dwconv_ukernel_up16x9__avx2, /*cr=*/16, /*taps=*/9,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_up[1] = {q8dwconv_ukernel_up16x25__avx2, /*cr=*/16, /*taps=*/25,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_mp = {q8dwconv_ukernel_mp16__avx2, /*cr=*/16, q8nn_dwconv_packing_i16_pairs};
    c.vadd = q8vadd_ukernel__avx2;
    c.im2col_max_channels = 4;
    return c;
  }();
  return config;
}

bool avx2_supported() {
  return cpuinfo_has_x86_avx2();
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_X86_64
