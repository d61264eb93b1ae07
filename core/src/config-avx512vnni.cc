#include "isa-configs.h"

#if Q8NN_ARCH_X86_64

#include <cpuinfo.h>

#include "q8nn/ukernels.h"

namespace q8nn {

const q8nn_config& avx512vnni_config() {
  static const q8nn_config config = [] {
    // Families without AVX-512 kernels come from the best table below it.
    q8nn_config c = sse2_config();
    c.isa = "avx512vnni";
    c.gemm = {q8gemm_ukernel_8x32c4__avx512vnni,
              q8igemm_ukernel_8x32c4__avx512vnni,
              /*mr=*/8,
              /*nr=*/32,
              /*kr=*/4,
              q8nn_gemm_packing_s8_folded};
    // Measured per MobileNetV2 layer (docs/NOTES.md): 7x16 wins at 16 output
    // channels (8x32 would compute 32), on 1x1 layers with K <= 24 and on the
    // RGB stem's im2col rows (K = 27); it ties at K = 32.
    c.small_gemm = {q8gemm_ukernel_7x16c4__avx512vnni,
                    q8igemm_ukernel_7x16c4__avx512vnni,
                    /*mr=*/7,
                    /*nr=*/16,
                    /*kr=*/4,
                    q8nn_gemm_packing_s8_folded};
    c.small_gemm_max_k = 28;
    c.dwconv_up[0] = {q8dwconv_ukernel_up64x9__avx512vnni, /*cr=*/64, /*taps=*/9,
                      q8nn_dwconv_packing_s8_quads};
    c.dwconv_up[1] = {q8dwconv_ukernel_up64x25__avx512vnni, /*cr=*/64, /*taps=*/25,
                      q8nn_dwconv_packing_s8_quads};
    c.dwconv_mp = {q8dwconv_ukernel_mp64__avx512vnni, /*cr=*/64, q8nn_dwconv_packing_s8_quads};
    c.vadd = q8vadd_ukernel__avx512vnni;
    c.im2col_max_channels = 4;
    return c;
  }();
  return config;
}

bool avx512vnni_supported() {
  return cpuinfo_has_x86_avx512f() && cpuinfo_has_x86_avx512bw() && cpuinfo_has_x86_avx512vl() &&
         cpuinfo_has_x86_avx512dq() && cpuinfo_has_x86_avx512vnni();
}

}  // namespace q8nn

#endif  // Q8NN_ARCH_X86_64
