// Tests of the global average pooling microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", q8gavgpool_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include "kernels/gavgpool-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using GAvgPoolKernel = q8nn_test::Kernel<q8nn_gavgpool_ukernel_fn>;

const GAvgPoolKernel kKernels[] = {
    {"scalar", q8gavgpool_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2", q8gavgpool_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd", q8gavgpool_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon", q8gavgpool_ukernel__neon, "neon"},
#endif
};

class Q8GAvgPoolTest : public q8nn_test::KernelTest<GAvgPoolKernel> {};

TEST_P(Q8GAvgPoolTest, rows_channels) {
  for (size_t rows = 1; rows <= 50; rows += (rows < 10 ? 1 : 7)) {
    for (size_t channels = 1; channels <= 70; channels += (channels < 18 ? 1 : 13)) {
      Test(GAvgPoolMicrokernelTester().rows(rows).channels(channels).iterations(2));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GAvgPoolTest, many_rows_channels) {
  for (size_t rows : {49, 196, 1000}) {
    for (size_t channels : {63, 64, 65, 129, 300}) {
      Test(GAvgPoolMicrokernelTester().rows(rows).channels(channels).iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GAvgPoolTest, input_stride) {
  for (size_t rows : {1, 2, 7, 8, 9, 16, 49}) {
    for (size_t channels : {1, 8, 17, 70}) {
      Test(GAvgPoolMicrokernelTester().rows(rows).channels(channels).input_stride(channels + 9));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GAvgPoolTest, zero_points) {
  for (uint8_t input_zero_point : {0, 127, 255}) {
    for (uint8_t output_zero_point : {0, 127, 255}) {
      Test(GAvgPoolMicrokernelTester()
               .rows(13)
               .channels(21)
               .input_zero_point(input_zero_point)
               .output_zero_point(output_zero_point));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GAvgPoolTest, scale_ratio) {
  for (float ratio : {0.01f, 0.3f, 1.0f, 7.5f, 100.0f}) {
    Test(GAvgPoolMicrokernelTester().rows(9).channels(23).scale_ratio(ratio));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GAvgPoolTest, qmin) {
  Test(GAvgPoolMicrokernelTester().rows(7).channels(40).qmin(128));
}

TEST_P(Q8GAvgPoolTest, qmax) {
  Test(GAvgPoolMicrokernelTester().rows(7).channels(40).qmax(128));
}

// Row counts past 256 (SIMD kernels may sum rows in 16 bits, 256 at a time)
// with channel counts around blocks of 16 and 32.
TEST_P(Q8GAvgPoolTest, channel_blocks_many_rows) {
  for (size_t rows : {255, 256, 257, 600}) {
    for (size_t channels : {1, 7, 15, 16, 17, 31, 32, 33, 48}) {
      Test(GAvgPoolMicrokernelTester().rows(rows).channels(channels).iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8GAvgPoolTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
