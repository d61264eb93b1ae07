#include "isa-configs.h"

#if Q8NN_ARCH_ARM64

#include <cpuinfo.h>

#include "q8nn/ukernels.h"

namespace q8nn {

// AArch64 with the dot product extension (ARMv8.2 UDOT, core/kernels/neondot):
// gemm and igemm; every other family comes from the neon table.
const q8nn_config& neondot_config() {
  static const q8nn_config config = [] {
    q8nn_config c = neon_config();
    c.isa = "neondot";
    c.gemm = {q8gemm_ukernel_4x16c4__neondot,
              q8igemm_ukernel_4x16c4__neondot,
              /*mr=*/4,
              /*nr=*/16,
              /*kr=*/4,
              q8nn_gemm_packing_u8_izp_folded};
    return c;
  }();
  return config;
}

bool neondot_supported() {
  return cpuinfo_has_arm_neon_dot();
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_ARM64
