#include "isa-configs.h"
#include "q8nn/ukernels.h"

namespace q8nn {

const q8nn_config& scalar_config() {
  static constexpr q8nn_config config = {
      /*isa=*/"scalar",
      /*gemm=*/
      {q8gemm_ukernel_2x4__scalar, q8igemm_ukernel_2x4__scalar, /*mr=*/2, /*nr=*/4, /*kr=*/1,
       q8nn_gemm_packing_u8},
      /*dwconv_up=*/
      {{q8dwconv_ukernel_up2x9__scalar, /*cr=*/2, /*taps=*/9, q8nn_dwconv_packing_u8},
       {q8dwconv_ukernel_up2x25__scalar, /*cr=*/2, /*taps=*/25, q8nn_dwconv_packing_u8}},
      /*dwconv_mp=*/{q8dwconv_ukernel_mp2x8__scalar, /*cr=*/2, q8nn_dwconv_packing_u8},
      q8avgpool_ukernel__scalar,
      q8gavgpool_ukernel__scalar,
      u8maxpool_ukernel__scalar,
      q8vadd_ukernel__scalar,
      u8clamp_ukernel__scalar,
      x8lut_ukernel__scalar,
      u8rmax_ukernel__scalar,
      u8lut32norm_ukernel__scalar,
      x8zip_x2_ukernel__scalar,
      x8zip_x3_ukernel__scalar,
      x8zip_x4_ukernel__scalar,
      x8zip_xm_ukernel__scalar,
      /*small_gemm=*/{},
      /*small_gemm_max_k=*/0,
      /*im2col_max_channels=*/4,
  };
  return config;
}

}  // namespace q8nn
