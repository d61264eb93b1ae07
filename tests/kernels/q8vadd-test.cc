// Tests of the quantized addition microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", q8vadd_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "kernels/vadd-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using VAddKernel = q8nn_test::Kernel<q8nn_vadd_ukernel_fn>;

const VAddKernel kKernels[] = {
    {"scalar", q8vadd_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", q8vadd_ukernel__sse2, "sse2"},
    {"avx2", q8vadd_ukernel__avx2, "avx2"},
    {"avx512vnni", q8vadd_ukernel__avx512vnni, "avx512vnni"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", q8vadd_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", q8vadd_ukernel__neon, "neon"},
#endif
};

class Q8VAddTest : public q8nn_test::KernelTest<VAddKernel> {};

// Every tail length of the 64-element (AVX-512) and 32-element (AVX2) loops,
// after zero to three full iterations, and some long rows.
TEST_P(Q8VAddTest, n) {
  for (size_t n = 1; n <= 200; n++) {
    Test(VAddMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 1000, 4093, 4096}) {
    Test(VAddMicrokernelTester().n(n));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8VAddTest, inplace_a) {
  for (size_t n = 1; n <= 140; n++) {
    Test(VAddMicrokernelTester().n(n).inplace_a(true));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8VAddTest, inplace_b) {
  for (size_t n = 1; n <= 140; n++) {
    Test(VAddMicrokernelTester().n(n).inplace_b(true));
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

// Multipliers up to the operators' limit (2^24): sums far outside int32,
// which must still clamp to the output range. 2^13 and 2^22 are the largest
// multipliers of the byte-clamp paths of the AVX2 and AVX-512 kernels.
TEST_P(Q8VAddTest, large_multipliers) {
  for (float a_multiplier :
       {1000.0f, 0x1.0p13f, 0x1.000002p13f, 0x1.0p22f, 0x1.000002p22f, 0x1.fffffep23f}) {
    for (float b_multiplier : {0.5f, 0x1.0p13f, 0x1.0p22f, 0x1.fffffep23f}) {
      Test(VAddMicrokernelTester().n(131).a_multiplier(a_multiplier).b_multiplier(b_multiplier));
      if (HasFatalFailure()) return;
      Test(VAddMicrokernelTester()
               .n(131)
               .a_multiplier(a_multiplier)
               .b_multiplier(b_multiplier)
               .qmin(40)
               .qmax(200));
      if (HasFatalFailure()) return;
    }
  }
}

// Random zero points, multipliers and output ranges on every tail length.
TEST_P(Q8VAddTest, random_params) {
  std::mt19937 rng(0xADD0002);
  std::uniform_int_distribution<int> byte(0, 255);
  for (size_t n = 1; n <= 130; n++) {
    int qmin = byte(rng), qmax = byte(rng);
    if (qmin > qmax) std::swap(qmin, qmax);
    Test(VAddMicrokernelTester()
             .n(n)
             .a_zero_point(uint8_t(byte(rng)))
             .b_zero_point(uint8_t(byte(rng)))
             .y_zero_point(uint8_t(byte(rng)))
             .qmin(uint8_t(qmin))
             .qmax(uint8_t(qmax))
             .seed(uint32_t(rng())));
    if (HasFatalFailure()) return;
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

TEST_P(Q8VAddTest, qmin_qmax) {
  for (size_t n : {1, 7, 31, 33, 63, 65, 129}) {
    Test(VAddMicrokernelTester().n(n).qmin(100).qmax(150));
    if (HasFatalFailure()) return;
    Test(VAddMicrokernelTester().n(n).qmin(77).qmax(77));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8VAddTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
