// Tests of the clamp microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8clamp_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/clamp-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using ClampKernel = q8nn_test::Kernel<q8nn_clamp_ukernel_fn>;

const ClampKernel kKernels[] = {
    {"scalar", u8clamp_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", u8clamp_ukernel__sse2, "sse2"},
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

INSTANTIATE_TEST_SUITE_P(Kernels, U8ClampTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
