#include "isa-configs.h"

#if Q8NN_ARCH_X86_64

#include <cpuinfo.h>

#include "q8nn/ukernels.h"

namespace q8nn {

const q8nn_config& sse2_config() {
  static const q8nn_config config = [] {
    // Every family is set below; the scalar table is only the starting point.
    q8nn_config c = scalar_config();
    c.isa = "sse2";
    c.gemm = {q8gemm_ukernel_4x8c2__sse2,
              q8igemm_ukernel_4x8c2__sse2,
              /*mr=*/4,
              /*nr=*/8,
              /*kr=*/2,
              q8nn_gemm_packing_u8_izp_folded};
    // The sse2 igemm has its own short-row path for 3-channel taps (merged
    // half pairs), as fast as gathering rows first.
    c.im2col_max_channels = 0;
    c.dwconv_up[0] = {q8dwconv_ukernel_up16x9__sse2, /*cr=*/16, /*taps=*/9,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_up[1] = {q8dwconv_ukernel_up16x25__sse2, /*cr=*/16, /*taps=*/25,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_mp = {q8dwconv_ukernel_mp8x8__sse2, /*cr=*/8, q8nn_dwconv_packing_u8};
    c.avgpool = q8avgpool_ukernel__sse2;
    c.gavgpool = q8gavgpool_ukernel__sse2;
    c.maxpool = u8maxpool_ukernel_16__sse2;
    c.vadd = q8vadd_ukernel__sse2;
    c.clamp = u8clamp_ukernel__sse2;
    c.rmax = u8rmax_ukernel__sse2;
    c.lut = x8lut_ukernel__sse2;
    c.lut32norm = u8lut32norm_ukernel__sse2;
    c.zip_x2 = x8zip_x2_ukernel__sse2;
    c.zip_x3 = x8zip_x3_ukernel__sse2;
    c.zip_x4 = x8zip_x4_ukernel__sse2;
    c.zip_xm = x8zip_xm_ukernel__sse2;
    return c;
  }();
  return config;
}

bool sse2_supported() {
  return cpuinfo_has_x86_sse2();
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_X86_64
