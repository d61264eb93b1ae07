// Tests of the clamp microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8clamp_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/clamp-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using ClampKernel = q8nn_test::Kernel<q8nn_clamp_ukernel_fn>;

const ClampKernel kKernels[] = {
    {"scalar", u8clamp_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", u8clamp_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", u8clamp_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", u8clamp_ukernel__neon, "neon"},
#endif
};

class U8ClampTest : public q8nn_test::KernelTest<ClampKernel> {};

TEST_P(U8ClampTest, n) {
  for (size_t n = 1; n <= 100; n++) {
    Test(ClampMicrokernelTester().n(n).qmin(50).qmax(200));
    if (HasFatalFailure()) return;
  }
  for (size_t n : {255, 256, 257, 1000}) {
    Test(ClampMicrokernelTester().n(n).qmin(50).qmax(200));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8ClampTest, qmin) {
  for (uint8_t qmin : {0, 1, 128, 254, 255}) {
    Test(ClampMicrokernelTester().n(77).qmin(qmin));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8ClampTest, qmax) {
  for (uint8_t qmax : {0, 1, 128, 254, 255}) {
    Test(ClampMicrokernelTester().n(77).qmax(qmax));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8ClampTest, qmin_eq_qmax) {
  for (uint8_t q : {0, 100, 255}) {
    Test(ClampMicrokernelTester().n(45).qmin(q).qmax(q));
    if (HasFatalFailure()) return;
  }
}

// y == x (ukernels.h allows it): every block and tail must read before it writes.
TEST_P(U8ClampTest, inplace) {
  std::mt19937 rng(0xC1A3002);
  for (size_t n = 1; n <= 100; n++) {
    const std::vector<uint8_t> x = q8nn_test::RandomBytes(n, rng);
    std::vector<uint8_t> y = x;
    q8nn_clamp_params params;
    q8nn_init_clamp_params(&params, 50, 200);
    GetParam().fn(n, y.data(), y.data(), &params);
    for (size_t i = 0; i < n; i++) {
      ASSERT_EQ(uint32_t(std::min(std::max(x[i], uint8_t(50)), uint8_t(200))), uint32_t(y[i]))
          << "at " << i << " / " << n;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, U8ClampTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
