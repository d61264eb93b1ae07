// Tests of the average pooling microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", q8avgpool_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/avgpool-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using AvgPoolKernel = q8nn_test::Kernel<q8nn_avgpool_ukernel_fn>;

const AvgPoolKernel kKernels[] = {
    {"scalar", q8avgpool_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", q8avgpool_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", q8avgpool_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", q8avgpool_ukernel__neon, "neon"},
#endif
};

class Q8AvgPoolTest : public q8nn_test::PoolingKernelTest<AvgPoolKernel, AvgPoolMicrokernelTester> {
};

TEST_P(Q8AvgPoolTest, kernel_size_channels) {
  for (size_t kernel_size = 1; kernel_size <= 30; kernel_size++) {
    for (size_t channels = 1; channels <= 70; channels += (channels < 18 ? 1 : 13)) {
      Test(AvgPoolMicrokernelTester().kernel_size(kernel_size).channels(channels).iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8AvgPoolTest, many_channels) {
  for (size_t kernel_size : {1, 4, 9, 25}) {
    for (size_t channels : {127, 128, 129, 300}) {
      Test(AvgPoolMicrokernelTester().kernel_size(kernel_size).channels(channels));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8AvgPoolTest, multipixel) {
  for (size_t kernel_size : {2, 4, 9, 10}) {
    for (size_t channels : {1, 3, 8, 9, 17, 70}) {
      Test(AvgPoolMicrokernelTester().kernel_size(kernel_size).channels(channels).output_pixels(5));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8AvgPoolTest, step) {
  TestSteps();
}

TEST_P(Q8AvgPoolTest, input_row_stride) {
  TestInputRowStrides();
}

TEST_P(Q8AvgPoolTest, output_increment) {
  TestOutputIncrements();
}

TEST_P(Q8AvgPoolTest, zero_pointers) {
  for (double fraction : {0.0, 0.5, 1.0}) {
    for (size_t kernel_size : {3, 9, 20}) {
      Test(AvgPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(21)
               .output_pixels(3)
               .zero_fraction(fraction));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8AvgPoolTest, zero_points) {
  for (uint8_t input_zero_point : {0, 127, 255}) {
    for (uint8_t output_zero_point : {0, 127, 255}) {
      Test(AvgPoolMicrokernelTester()
               .kernel_size(9)
               .channels(19)
               .output_pixels(2)
               .input_zero_point(input_zero_point)
               .output_zero_point(output_zero_point));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8AvgPoolTest, scale_ratio) {
  for (float ratio : {0.01f, 0.3f, 1.0f, 7.5f, 100.0f}) {
    Test(
        AvgPoolMicrokernelTester().kernel_size(7).channels(23).output_pixels(2).scale_ratio(ratio));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8AvgPoolTest, qmin) {
  Test(AvgPoolMicrokernelTester().kernel_size(9).channels(31).output_pixels(3).qmin(128));
}

TEST_P(Q8AvgPoolTest, qmax) {
  Test(AvgPoolMicrokernelTester().kernel_size(9).channels(31).output_pixels(3).qmax(128));
}

// Channel counts around blocks of 16 and 32, and tap counts past 256 (SIMD
// kernels may sum taps in 16 bits, 256 at a time).
TEST_P(Q8AvgPoolTest, channel_blocks_many_taps) {
  for (size_t kernel_size : {1, 9, 255, 256, 257, 513}) {
    for (size_t channels : {15, 16, 17, 31, 32, 33, 47, 48, 49}) {
      Test(AvgPoolMicrokernelTester().kernel_size(kernel_size).channels(channels).iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8AvgPoolTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
