// Tests of the normalized 32-bit lookup (softargmax) microkernels against an
// exact 64-bit integer reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8lut32norm_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/lut32norm-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using LUT32NormKernel = q8nn_test::Kernel<q8nn_lut32norm_ukernel_fn>;

const LUT32NormKernel kKernels[] = {
    {"scalar", u8lut32norm_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", u8lut32norm_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", u8lut32norm_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", u8lut32norm_ukernel__neon, "neon"},
#endif
};

class U8LUT32NormTest : public q8nn_test::KernelTest<LUT32NormKernel> {};

// Sums just below UINT32_MAX: the largest the contract allows.
TEST_P(U8LUT32NormTest, n) {
  for (size_t n = 1; n <= 100; n++) {
    Test(LUT32NormMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n = 101; n <= 1000; n += 37) {
    Test(LUT32NormMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 4099}) {
    Test(LUT32NormMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8LUT32NormTest, small_sums) {
  for (uint32_t target_sum : {2000u, 65536u, 1u << 24}) {
    for (size_t n : {1, 2, 3, 17, 100, 300, 1000}) {
      Test(LUT32NormMicrokernelTester().n(n).target_sum(uint32_t(target_sum + n)));
      if (HasFatalFailure()) return;
    }
  }
}

// Mostly-zero tables: a few entries carry the sum, often saturating to 255.
TEST_P(U8LUT32NormTest, sparse_tables) {
  for (double zero_fraction : {0.9, 0.99}) {
    for (size_t n : {1, 2, 5, 40, 300, 1000}) {
      Test(LUT32NormMicrokernelTester().n(n).zero_fraction(zero_fraction).iterations(10));
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, U8LUT32NormTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
