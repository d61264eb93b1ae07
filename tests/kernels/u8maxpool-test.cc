// Tests of the max pooling microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8maxpool_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/maxpool-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using MaxPoolKernel = q8nn_test::Kernel<q8nn_maxpool_ukernel_fn>;

const MaxPoolKernel kKernels[] = {
    {"scalar", u8maxpool_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2_16", u8maxpool_ukernel_16__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_16", u8maxpool_ukernel_16__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_16", u8maxpool_ukernel_16__neon, "neon"},
#endif
};

class U8MaxPoolTest : public q8nn_test::PoolingKernelTest<MaxPoolKernel, MaxPoolMicrokernelTester> {
};

TEST_P(U8MaxPoolTest, kernel_size_channels) {
  for (size_t kernel_size = 1; kernel_size <= 30; kernel_size++) {
    for (size_t channels = 1; channels <= 70; channels += (channels < 18 ? 1 : 13)) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(channels)
               .input_max(kernel_size % 2 == 0 ? 255 : 100)
               .iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, many_channels) {
  for (size_t kernel_size : {1, 4, 9, 25}) {
    for (size_t channels : {127, 128, 129, 300}) {
      Test(MaxPoolMicrokernelTester().kernel_size(kernel_size).channels(channels).input_max(200));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, multipixel) {
  for (size_t kernel_size : {2, 4, 9, 10}) {
    for (size_t channels : {1, 3, 8, 9, 17, 70}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(channels)
               .output_pixels(5)
               .input_max(150));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, step) {
  TestSteps();
}

TEST_P(U8MaxPoolTest, input_row_stride) {
  TestInputRowStrides();
}

TEST_P(U8MaxPoolTest, output_increment) {
  TestOutputIncrements();
}

// Small inputs: a zero pointer that was wrongly offset reads larger bytes.
TEST_P(U8MaxPoolTest, zero_pointers) {
  for (double fraction : {0.0, 0.5, 0.9, 1.0}) {
    for (size_t kernel_size : {3, 9, 20}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(21)
               .output_pixels(3)
               .zero_fraction(fraction)
               .input_max(20));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, qmin) {
  for (uint8_t qmin : {1, 50, 128, 255}) {
    Test(MaxPoolMicrokernelTester().kernel_size(4).channels(31).output_pixels(3).qmin(qmin));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, qmax) {
  for (uint8_t qmax : {0, 50, 128, 254}) {
    Test(MaxPoolMicrokernelTester().kernel_size(4).channels(31).output_pixels(3).qmax(qmax));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, qmin_qmax) {
  Test(MaxPoolMicrokernelTester().kernel_size(3).channels(40).output_pixels(3).qmin(60).qmax(190));
}

// Channel counts around blocks of 16 and 32.
TEST_P(U8MaxPoolTest, channel_blocks) {
  for (size_t kernel_size : {1, 2, 9}) {
    for (size_t channels : {15, 16, 17, 31, 32, 33, 47, 48, 49}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(channels)
               .output_pixels(2)
               .input_max(200));
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, U8MaxPoolTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
