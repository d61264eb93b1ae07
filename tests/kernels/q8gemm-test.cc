// Tests of the gemm microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2_4x4c2", q8gemm_ukernel_4x4c2__sse2, 4, 4, 2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/gemm-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using GemmKernel = q8nn_test::GemmKernel<q8nn_gemm_ukernel_fn>;

const GemmKernel kKernels[] = {
    {"scalar_2x4", q8gemm_ukernel_2x4__scalar, 2, 4, 1, "scalar"},
#if defined(__x86_64__)
    {"sse2_4x8c2", q8gemm_ukernel_4x8c2__sse2, 4, 8, 2, "sse2", q8nn_gemm_packing_u8_izp_folded},
    {"sse2_4x8c2_ref", q8gemm_ukernel_4x8c2__sse2_ref, 4, 8, 2, "sse2",
     q8nn_gemm_packing_u8_izp_folded},
    {"sse2_4x4c2", q8gemm_ukernel_4x4c2__sse2, 4, 4, 2, "sse2"},
    {"avx512vnni_8x32c4", q8gemm_ukernel_8x32c4__avx512vnni, 8, 32, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
    {"avx512vnni_4x64c4", q8gemm_ukernel_4x64c4__avx512vnni, 4, 64, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
    {"avx512vnni_7x16c4", q8gemm_ukernel_7x16c4__avx512vnni, 7, 16, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
#endif
#if defined(__x86_64__)
    {"avx2_3x8c8", q8gemm_ukernel_3x8c8__avx2, 3, 8, 8, "avx2", q8nn_gemm_packing_s8_folded},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_4x8c2", q8gemm_ukernel_4x8c2__wasmsimd, 4, 8, 2, "wasmsimd",
     q8nn_gemm_packing_i16_izp_folded},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_4x8", q8gemm_ukernel_4x8__neon, 4, 8, 1, "neon"},
    {"neon_8x8", q8gemm_ukernel_8x8__neon, 8, 8, 1, "neon"},
#endif
#if defined(__aarch64__)
    {"neondot_4x16c4", q8gemm_ukernel_4x16c4__neondot, 4, 16, 4, "neondot",
     q8nn_gemm_packing_u8_izp_folded},
#endif
};

class Q8GemmTest : public q8nn_test::GemmKernelTest<q8nn_gemm_ukernel_fn> {};

// k values around the kr multiples and the small sizes kernels special-case.
std::vector<size_t> SmallKs(uint32_t kr) {
  std::vector<size_t> ks;
  for (size_t k = 1; k <= 40; k++) ks.push_back(k);
  for (size_t k : {kr * 8 - 1, kr * 8, kr * 8 + 1, kr * 16 + 3}) ks.push_back(k);
  return ks;
}

TEST_P(Q8GemmTest, full_tile) {
  const GemmKernel& p = GetParam();
  for (size_t k : SmallKs(p.kr)) {
    Test(Tester().m(p.mr).n(p.nr).k(k));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, large_k) {
  const GemmKernel& p = GetParam();
  for (size_t k : {300, 301, 512, 1023}) {
    Test(Tester().m(p.mr).n(p.nr).k(k).iterations(2));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, subtile_m_n) {
  const GemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
      for (size_t k : {size_t{1}, size_t{2}, size_t{3}, size_t{p.kr}, size_t{7}, size_t{16},
                       size_t{17}, size_t{33}}) {
        Test(Tester().m(m).n(n).k(k).iterations(1));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(Q8GemmTest, large_n) {
  const GemmKernel& p = GetParam();
  for (size_t n : {size_t{8 * p.nr}, size_t{8 * p.nr + 1}, size_t{19 * p.nr - 1}}) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(19));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, a_stride) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 5, 16, 23, 67}) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(2 * p.nr + 1).k(k).a_stride(k + 11));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, cm_stride) {
  const GemmKernel& p = GetParam();
  for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(13).cm_stride(n + 7));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, zero_points) {
  const GemmKernel& p = GetParam();
  for (uint8_t a_zero_point : {0, 127, 255}) {
    for (uint8_t b_zero_point : {0, 127, 128, 255}) {
      for (size_t k : {1, 9, 40}) {
        for (size_t n : {size_t{p.nr}, 2 * size_t{p.nr} - 1}) {
          Test(Tester().m(p.mr).n(n).k(k).a_zero_point(a_zero_point).b_zero_point(b_zero_point));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST_P(Q8GemmTest, output_zero_point) {
  const GemmKernel& p = GetParam();
  for (uint8_t c_zero_point : {0, 127, 255}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(21).c_zero_point(c_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmin) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 8, 35}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(k).qmin(128));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmax) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 8, 35}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(k).qmax(128));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmin_qmax) {
  const GemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(29).qmin(100).qmax(140).iterations(5));
}

// Power-of-two scales and small accumulators: many products land exactly
// halfway between integers (round half to even).
TEST_P(Q8GemmTest, rounding_ties) {
  const GemmKernel& p = GetParam();
  for (int shift = 6; shift <= 14; shift++) {
    Test(Tester()
             .m(p.mr)
             .n(3 * p.nr + 1)
             .k(shift < 9 ? 1 : 9)
             .bias_range(256)
             .scale(std::ldexp(1.0f, -shift))
             .c_zero_point(127)
             .iterations(5));
    if (HasFatalFailure()) return;
  }
}

// Tiny and large scales: outputs concentrate near the zero point or saturate.
TEST_P(Q8GemmTest, extreme_scales) {
  const GemmKernel& p = GetParam();
  for (float scale : {0x1.0p-24f, 0x1.0p-16f, 0.75f, 3.0f, 1000.0f}) {
    Test(Tester().m(p.mr).n(p.nr + 1).k(17).scale(scale));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8GemmTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
