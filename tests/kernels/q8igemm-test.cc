// Tests of the igemm (indirect gemm) microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2_4x4c2", q8igemm_ukernel_4x4c2__sse2, 4, 4, 2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/gemm-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using IgemmKernel = q8nn_test::GemmKernel<q8nn_igemm_ukernel_fn>;

const IgemmKernel kKernels[] = {
    {"scalar_2x4", q8igemm_ukernel_2x4__scalar, 2, 4, 1, "scalar"},
#if defined(__x86_64__)
    {"sse2_4x8c2", q8igemm_ukernel_4x8c2__sse2, 4, 8, 2, "sse2", q8nn_gemm_packing_u8_izp_folded},
    {"sse2_4x8c2_ref", q8igemm_ukernel_4x8c2__sse2_ref, 4, 8, 2, "sse2",
     q8nn_gemm_packing_u8_izp_folded},
    {"sse2_4x4c2", q8igemm_ukernel_4x4c2__sse2, 4, 4, 2, "sse2"},
    {"avx512vnni_8x32c4", q8igemm_ukernel_8x32c4__avx512vnni, 8, 32, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
    {"avx512vnni_4x64c4", q8igemm_ukernel_4x64c4__avx512vnni, 4, 64, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
    {"avx512vnni_7x16c4", q8igemm_ukernel_7x16c4__avx512vnni, 7, 16, 4, "avx512vnni",
     q8nn_gemm_packing_s8_folded},
#endif
#if defined(__x86_64__)
    {"avx2_3x8c8", q8igemm_ukernel_3x8c8__avx2, 3, 8, 8, "avx2", q8nn_gemm_packing_s8_folded},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_4x8c2", q8igemm_ukernel_4x8c2__wasmsimd, 4, 8, 2, "wasmsimd",
     q8nn_gemm_packing_i16_izp_folded},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_4x8", q8igemm_ukernel_4x8__neon, 4, 8, 1, "neon"},
    {"neon_8x8", q8igemm_ukernel_8x8__neon, 8, 8, 1, "neon"},
#endif
#if defined(__aarch64__)
    {"neondot_4x16c4", q8igemm_ukernel_4x16c4__neondot, 4, 16, 4, "neondot",
     q8nn_gemm_packing_u8_izp_folded},
#endif
};

class Q8IgemmTest : public q8nn_test::GemmKernelTest<q8nn_igemm_ukernel_fn> {};

TEST_P(Q8IgemmTest, full_tile) {
  const IgemmKernel& p = GetParam();
  for (size_t k = 1; k <= 40; k++) {
    Test(Tester().m(p.mr).n(p.nr).k(k).ks(3));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, ks) {
  const IgemmKernel& p = GetParam();
  for (size_t ks = 1; ks <= 12; ks++) {
    for (size_t k : {size_t{1}, size_t{p.kr}, size_t{5}, size_t{8}, size_t{19}}) {
      Test(Tester().m(p.mr).n(p.nr + 1).k(k).ks(ks));
      if (HasFatalFailure()) return;
    }
  }
  Test(Tester().m(p.mr).n(p.nr).k(3).ks(25));
  Test(Tester().m(p.mr).n(p.nr).k(3).ks(49));
}

TEST_P(Q8IgemmTest, large_k) {
  const IgemmKernel& p = GetParam();
  for (size_t k : {300, 517}) {
    Test(Tester().m(p.mr).n(p.nr).k(k).ks(2).iterations(2));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, subtile_m_n) {
  const IgemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
      for (size_t k : {size_t{1}, size_t{3}, size_t{p.kr}, size_t{8}, size_t{17}}) {
        Test(Tester().m(m).n(n).k(k).ks(3).iterations(1));
        if (HasFatalFailure()) return;
      }
    }
  }
}

// Row strides of the input pixels larger than k (the channel count of a group).
TEST_P(Q8IgemmTest, a_stride) {
  const IgemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    Test(Tester().m(m).n(2 * p.nr + 1).k(13).ks(4).a_stride(37));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, cm_stride) {
  const IgemmKernel& p = GetParam();
  for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(7).ks(3).cm_stride(n + 5));
      if (HasFatalFailure()) return;
    }
  }
}

// Padding taps: pointers equal to `zero` are read as they are, never offset.
TEST_P(Q8IgemmTest, zero_pointers) {
  const IgemmKernel& p = GetParam();
  for (double fraction : {0.0, 0.3, 0.7, 1.0}) {
    for (size_t m = 1; m <= p.mr; m++) {
      for (size_t ks : {1, 3, 9}) {
        Test(Tester().m(m).n(p.nr + 2).k(11).ks(ks).zero_fraction(fraction).iterations(2));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(Q8IgemmTest, zero_points) {
  const IgemmKernel& p = GetParam();
  for (uint8_t a_zero_point : {0, 127, 255}) {
    for (uint8_t b_zero_point : {0, 127, 128, 255}) {
      // One column block with short rows, and several blocks with longer ones.
      for (size_t n : {size_t{p.nr}, 2 * size_t{p.nr} - 1}) {
        for (size_t k : {3, 9}) {
          Test(Tester()
                   .m(p.mr)
                   .n(n)
                   .k(k)
                   .ks(5)
                   .a_zero_point(a_zero_point)
                   .b_zero_point(b_zero_point));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST_P(Q8IgemmTest, output_zero_point) {
  const IgemmKernel& p = GetParam();
  for (uint8_t c_zero_point : {0, 127, 255}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(6).ks(4).c_zero_point(c_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, qmin) {
  const IgemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(10).ks(3).qmin(128));
}

TEST_P(Q8IgemmTest, qmax) {
  const IgemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(10).ks(3).qmax(128));
}

TEST_P(Q8IgemmTest, rounding_ties) {
  const IgemmKernel& p = GetParam();
  for (int shift = 8; shift <= 14; shift++) {
    Test(Tester()
             .m(p.mr)
             .n(3 * p.nr + 1)
             .k(3)
             .ks(3)
             .bias_range(256)
             .scale(std::ldexp(1.0f, -shift))
             .c_zero_point(127)
             .iterations(5));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8IgemmTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
