// Tests of the quantized addition microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", q8vadd_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/vadd-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using VAddKernel = q8nn_test::Kernel<q8nn_vadd_ukernel_fn>;

const VAddKernel kKernels[] = {
    {"scalar", q8vadd_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", q8vadd_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", q8vadd_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", q8vadd_ukernel__neon, "neon"},
#endif
};

class Q8VAddTest : public q8nn_test::KernelTest<VAddKernel> {};

TEST_P(Q8VAddTest, n) {
  for (size_t n = 1; n <= 100; n++) {
    Test(VAddMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 1000}) {
    Test(VAddMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8VAddTest, zero_points) {
  for (uint8_t a_zero_point : {0, 127, 255}) {
    for (uint8_t b_zero_point : {0, 127, 255}) {
      for (uint8_t y_zero_point : {0, 127, 255}) {
        Test(VAddMicrokernelTester()
                 .n(67)
                 .a_zero_point(a_zero_point)
                 .b_zero_point(b_zero_point)
                 .y_zero_point(y_zero_point));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(Q8VAddTest, multipliers) {
  for (float a_multiplier : {0x1.0p-10f, 0.01f, 0.3f, 0.999f, 1.0f, 2.5f, 100.0f}) {
    for (float b_multiplier : {0x1.0p-10f, 0.3f, 1.0f, 7.25f}) {
      Test(VAddMicrokernelTester().n(53).a_multiplier(a_multiplier).b_multiplier(b_multiplier));
      if (HasFatalFailure()) return;
    }
  }
}

// Multipliers that are multiples of 1/2 and 1/4 put many sums exactly halfway
// between integers (round half to even).
TEST_P(Q8VAddTest, rounding_ties) {
  for (float a_multiplier : {0.5f, 0.25f, 0.75f}) {
    for (float b_multiplier : {0.5f, 0.25f, 0.125f}) {
      Test(VAddMicrokernelTester().n(97).a_multiplier(a_multiplier).b_multiplier(b_multiplier));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8VAddTest, qmin) {
  for (uint8_t qmin : {1, 128, 255}) {
    Test(VAddMicrokernelTester().n(77).qmin(qmin));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8VAddTest, qmax) {
  for (uint8_t qmax : {0, 128, 254}) {
    Test(VAddMicrokernelTester().n(77).qmax(qmax));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8VAddTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
