#include "isa-configs.h"

#if Q8NN_ARCH_WASMSIMD

#include "q8nn/ukernels.h"

namespace q8nn {

const q8nn_config& wasmsimd_config() {
  static const q8nn_config config = [] {
    q8nn_config c = scalar_config();
    c.isa = "wasmsimd";
    // Convolution families (gemm, igemm, depthwise):
    c.gemm = {q8gemm_ukernel_4x8c2__wasmsimd,
              q8igemm_ukernel_4x8c2__wasmsimd,
              /*mr=*/4,
              /*nr=*/8,
              /*kr=*/2,
              q8nn_gemm_packing_i16_izp_folded};
    c.dwconv_up[0] = {q8dwconv_ukernel_up16x9__wasmsimd, /*cr=*/16, /*taps=*/9,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_up[1] = {q8dwconv_ukernel_up16x25__wasmsimd, /*cr=*/16, /*taps=*/25,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_mp = {q8dwconv_ukernel_mp16__wasmsimd, /*cr=*/16, q8nn_dwconv_packing_i16_pairs};
    // Convolution families: end.
    // Other families:
    c.avgpool = q8avgpool_ukernel__wasmsimd;
    c.gavgpool = q8gavgpool_ukernel__wasmsimd;
    c.maxpool = u8maxpool_ukernel_16__wasmsimd;
    c.vadd = q8vadd_ukernel__wasmsimd;
    c.clamp = u8clamp_ukernel__wasmsimd;
    c.lut = x8lut_ukernel__wasmsimd;
    c.rmax = u8rmax_ukernel__wasmsimd;
    c.lut32norm = u8lut32norm_ukernel__wasmsimd;
    c.zip_x2 = x8zip_x2_ukernel__wasmsimd;
    c.zip_x3 = x8zip_x3_ukernel__wasmsimd;
    c.zip_x4 = x8zip_x4_ukernel__wasmsimd;
    c.zip_xm = x8zip_xm_ukernel__wasmsimd;
    // Other families: end.
    return c;
  }();
  return config;
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_WASMSIMD
