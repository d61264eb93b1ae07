#include "isa-configs.h"

#if Q8NN_ARCH_ARM64 || Q8NN_ARCH_ARM32

#include <cpuinfo.h>

#include "q8nn/ukernels.h"

namespace q8nn {

// NEON kernels for every family (core/kernels/neon); the same sources build
// for AArch64 and AArch32. Every family is set below.
const q8nn_config& neon_config() {
  static const q8nn_config config = [] {
    q8nn_config c = scalar_config();
    c.isa = "neon";
#if Q8NN_ARCH_ARM64
    // 16 accumulators + 8 input vectors: AArch64's 32 vector registers.
    c.gemm = {q8gemm_ukernel_8x8__neon,
              q8igemm_ukernel_8x8__neon,
              /*mr=*/8,
              /*nr=*/8,
              /*kr=*/1,
              q8nn_gemm_packing_u8};
#else
    // AArch32 has 16 q registers: 8 accumulators.
    c.gemm = {q8gemm_ukernel_4x8__neon,
              q8igemm_ukernel_4x8__neon,
              /*mr=*/4,
              /*nr=*/8,
              /*kr=*/1,
              q8nn_gemm_packing_u8};
#endif
    c.dwconv_up[0] = {q8dwconv_ukernel_up16x9__neon, /*cr=*/16, /*taps=*/9,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_up[1] = {q8dwconv_ukernel_up16x25__neon, /*cr=*/16, /*taps=*/25,
                      q8nn_dwconv_packing_i16_pairs};
    c.dwconv_mp = {q8dwconv_ukernel_mp16__neon, /*cr=*/16, q8nn_dwconv_packing_i16_pairs};
    c.avgpool = q8avgpool_ukernel__neon;
    c.gavgpool = q8gavgpool_ukernel__neon;
    c.maxpool = u8maxpool_ukernel_16__neon;
    c.vadd = q8vadd_ukernel__neon;
    c.clamp = u8clamp_ukernel__neon;
    // lut: TBL/TBX on AArch64; on AArch32 a plain loop (no 256-byte table lookup).
    c.lut = x8lut_ukernel__neon;
    c.rmax = u8rmax_ukernel__neon;
    // lut32norm: the gathers and the sum are scalar on both; the divisions are
    // vector FDIV on AArch64, scalar VFP on AArch32.
    c.lut32norm = u8lut32norm_ukernel__neon;
    c.zip_x2 = x8zip_x2_ukernel__neon;
    c.zip_x3 = x8zip_x3_ukernel__neon;
    c.zip_x4 = x8zip_x4_ukernel__neon;
    c.zip_xm = x8zip_xm_ukernel__neon;
    return c;
  }();
  return config;
}

bool neon_supported() {
  return cpuinfo_has_arm_neon();
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_ARM64 || Q8NN_ARCH_ARM32
