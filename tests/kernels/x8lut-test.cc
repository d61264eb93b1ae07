// Tests of the 8-bit lookup table microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"ssse3", x8lut_ukernel__ssse3, "ssse3"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/lut-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using LUTKernel = q8nn_test::Kernel<q8nn_lut_ukernel_fn>;

const LUTKernel kKernels[] = {
    {"scalar", x8lut_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", x8lut_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", x8lut_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", x8lut_ukernel__neon, "neon"},
#endif
};

class X8LUTTest : public q8nn_test::KernelTest<LUTKernel> {};

TEST_P(X8LUTTest, n) {
  for (size_t n = 1; n <= 100; n++) {
    Test(LUTMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 1000, 1001, 1007, 1009}) {
    Test(LUTMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
}

TEST_P(X8LUTTest, inplace) {
  for (size_t n = 1; n <= 40; n++) {
    Test(LUTMicrokernelTester().n(n).inplace(true));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {47, 48, 49, 64, 100, 1000, 1001}) {
    Test(LUTMicrokernelTester().n(n).inplace(true));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, X8LUTTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
