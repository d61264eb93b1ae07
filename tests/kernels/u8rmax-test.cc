// Tests of the reduce-max microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8rmax_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/rmax-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using RMaxKernel = q8nn_test::Kernel<q8nn_rmax_ukernel_fn>;

const RMaxKernel kKernels[] = {
    {"scalar", u8rmax_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", u8rmax_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", u8rmax_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", u8rmax_ukernel__neon, "neon"},
#endif
};

class U8RMaxTest : public q8nn_test::KernelTest<RMaxKernel> {};

TEST_P(U8RMaxTest, n) {
  for (size_t n = 1; n <= 100; n++) {
    Test(RMaxMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 1000, 4099}) {
    Test(RMaxMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
}

// The maximum alone at each position, among smaller bytes.
TEST_P(U8RMaxTest, single_maximum) {
  for (size_t n : {1, 2, 7, 16, 17, 33, 64, 65}) {
    for (size_t position = 0; position < n; position++) {
      for (uint8_t max : {1, 128, 255}) {
        std::vector<uint8_t> x(n, uint8_t(max - 1));
        x[position] = max;
        ASSERT_EQ(uint32_t(max), uint32_t(GetParam().fn(n, x.data())))
            << "n " << n << ", position " << position;
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, U8RMaxTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
