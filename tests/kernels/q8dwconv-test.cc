// Tests of the depthwise convolution microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kUnipassKernels or kMultipassKernels (inside #if for the
// architectures that compile it):
//   {"sse2_up8x9", q8dwconv_ukernel_up8x9__sse2, 8, 9, "sse2"},
//   {"sse2_mp8x25", q8dwconv_ukernel_mp8x25__sse2, 8, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include <ostream>

#include "kernels/dwconv-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

struct DWConvUpKernel {
  const char* name;
  q8nn_dwconv_up_ukernel_fn fn;
  uint32_t cr;
  uint32_t taps;
  const char* isa;
  q8nn_dwconv_packing packing = q8nn_dwconv_packing_u8;  // the weight layout it reads
};

// Names the kernel in gtest failure messages.
void PrintTo(const DWConvUpKernel& kernel, std::ostream* os) {
  *os << kernel.name;
}

struct DWConvMpKernel {
  const char* name;
  q8nn_dwconv_mp_ukernel_fn fn;
  uint32_t cr;
  const char* isa;
  q8nn_dwconv_packing packing = q8nn_dwconv_packing_u8;  // the weight layout it reads
};

// Names the kernel in gtest failure messages.
void PrintTo(const DWConvMpKernel& kernel, std::ostream* os) {
  *os << kernel.name;
}

const DWConvUpKernel kUnipassKernels[] = {
    {"scalar_up2x9", q8dwconv_ukernel_up2x9__scalar, 2, 9, "scalar"},
    {"scalar_up2x25", q8dwconv_ukernel_up2x25__scalar, 2, 25, "scalar"},
#if defined(__x86_64__)
    {"avx512vnni_up64x9", q8dwconv_ukernel_up64x9__avx512vnni, 64, 9, "avx512vnni",
     q8nn_dwconv_packing_s8_quads},
    {"avx512vnni_up64x25", q8dwconv_ukernel_up64x25__avx512vnni, 64, 25, "avx512vnni",
     q8nn_dwconv_packing_s8_quads},
#endif
#if defined(__x86_64__)
    {"sse2_up16x9", q8dwconv_ukernel_up16x9__sse2, 16, 9, "sse2", q8nn_dwconv_packing_i16_pairs},
    {"sse2_up16x25", q8dwconv_ukernel_up16x25__sse2, 16, 25, "sse2", q8nn_dwconv_packing_i16_pairs},
    {"sse2_up16x9_ref", q8dwconv_ukernel_up16x9__sse2_ref, 16, 9, "sse2",
     q8nn_dwconv_packing_i16_pairs},
    {"sse2_up16x25_ref", q8dwconv_ukernel_up16x25__sse2_ref, 16, 25, "sse2",
     q8nn_dwconv_packing_i16_pairs},
#endif
#if defined(__x86_64__)
    {"avx2_up16x9", q8dwconv_ukernel_up16x9__avx2, 16, 9, "avx2", q8nn_dwconv_packing_i16_pairs},
    {"avx2_up16x25", q8dwconv_ukernel_up16x25__avx2, 16, 25, "avx2", q8nn_dwconv_packing_i16_pairs},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_up16x9", q8dwconv_ukernel_up16x9__wasmsimd, 16, 9, "wasmsimd",
     q8nn_dwconv_packing_i16_pairs},
    {"wasmsimd_up16x25", q8dwconv_ukernel_up16x25__wasmsimd, 16, 25, "wasmsimd",
     q8nn_dwconv_packing_i16_pairs},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_up16x9", q8dwconv_ukernel_up16x9__neon, 16, 9, "neon", q8nn_dwconv_packing_i16_pairs},
    {"neon_up16x25", q8dwconv_ukernel_up16x25__neon, 16, 25, "neon", q8nn_dwconv_packing_i16_pairs},
#endif
};

const DWConvMpKernel kMultipassKernels[] = {
    {"scalar_mp2x8", q8dwconv_ukernel_mp2x8__scalar, 2, "scalar"},
#if defined(__x86_64__)
    {"avx512vnni_mp64", q8dwconv_ukernel_mp64__avx512vnni, 64, "avx512vnni",
     q8nn_dwconv_packing_s8_quads},
#endif
#if defined(__x86_64__)
    {"sse2_mp8x8", q8dwconv_ukernel_mp8x8__sse2, 8, "sse2"},
#endif
#if defined(__x86_64__)
    {"avx2_mp16", q8dwconv_ukernel_mp16__avx2, 16, "avx2", q8nn_dwconv_packing_i16_pairs},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_mp16", q8dwconv_ukernel_mp16__wasmsimd, 16, "wasmsimd",
     q8nn_dwconv_packing_i16_pairs},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_mp16", q8dwconv_ukernel_mp16__neon, 16, "neon", q8nn_dwconv_packing_i16_pairs},
#endif
};

// ---------------------------------------------------------------------------
// Unipass

class Q8DWConvUpTest : public q8nn_test::KernelTest<DWConvUpKernel> {
 protected:
  DWConvMicrokernelTester Tester() const {
    return DWConvMicrokernelTester()
        .packing(GetParam().packing)
        .cr(GetParam().cr)
        .kernel_size(GetParam().taps);
  }
};

TEST_P(Q8DWConvUpTest, channels) {
  const DWConvUpKernel& p = GetParam();
  for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
    Test(Tester().channels(channels).output_pixels(1));
    if (HasFatalFailure()) return;
  }
  for (size_t channels : {16, 63, 64, 65, 300}) {
    Test(Tester().channels(channels).output_pixels(1));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvUpTest, multipixel) {
  const DWConvUpKernel& p = GetParam();
  for (size_t width : {2, 3, 5, 11}) {
    for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
      Test(Tester().channels(channels).output_pixels(width));
      if (HasFatalFailure()) return;
    }
  }
}

// Consecutive pixels sharing taps, as in a convolution with stride < kernel width.
TEST_P(Q8DWConvUpTest, step) {
  const DWConvUpKernel& p = GetParam();
  for (size_t step : {size_t{1}, size_t{2}, size_t{p.taps / 3}, size_t{p.taps - 1}}) {
    Test(Tester().channels(2 * p.cr + 1).output_pixels(5).step(step));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvUpTest, input_row_stride) {
  const DWConvUpKernel& p = GetParam();
  for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
    Test(Tester().channels(channels).output_pixels(3).input_row_stride(channels + 13));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvUpTest, output_increment) {
  const DWConvUpKernel& p = GetParam();
  for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
    for (size_t increment : {1, 7}) {
      Test(Tester().channels(channels).output_pixels(4).output_increment(increment));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvUpTest, zero_pointers) {
  const DWConvUpKernel& p = GetParam();
  for (double fraction : {0.0, 0.5, 1.0}) {
    Test(Tester().channels(3 * p.cr + 1).output_pixels(3).zero_fraction(fraction));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvUpTest, zero_points) {
  const DWConvUpKernel& p = GetParam();
  for (uint8_t input_zero_point : {0, 127, 255}) {
    for (uint8_t kernel_zero_point : {0, 127, 128, 255}) {
      Test(Tester()
               .channels(2 * p.cr + 1)
               .output_pixels(2)
               .input_zero_point(input_zero_point)
               .kernel_zero_point(kernel_zero_point));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvUpTest, output_zero_point) {
  const DWConvUpKernel& p = GetParam();
  for (uint8_t output_zero_point : {0, 127, 255}) {
    Test(Tester().channels(3 * p.cr + 1).output_pixels(3).output_zero_point(output_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvUpTest, qmin) {
  const DWConvUpKernel& p = GetParam();
  Test(Tester().channels(3 * p.cr + 1).output_pixels(3).qmin(128));
}

TEST_P(Q8DWConvUpTest, qmax) {
  const DWConvUpKernel& p = GetParam();
  Test(Tester().channels(3 * p.cr + 1).output_pixels(3).qmax(128));
}

// Pointers that are the rows themselves (input_offset 0), with padding.
TEST_P(Q8DWConvUpTest, direct_input) {
  const DWConvUpKernel& p = GetParam();
  for (size_t channels = 1; channels <= 3 * p.cr + 1; channels += 7) {
    Test(Tester().channels(channels).output_pixels(19).zero_fraction(0.3).direct_input(true));
    if (HasFatalFailure()) return;
  }
}

// Pixels sharing taps (as in a 3x3 window with stride 1 or 2 when the kernel
// has 9 taps) with padding, over more pixels than a kernel may take at once.
TEST_P(Q8DWConvUpTest, step_with_padding) {
  const DWConvUpKernel& p = GetParam();
  for (size_t step : {1, 2}) {
    for (size_t channels : {size_t{1}, size_t{16}, size_t{p.cr / 2}, size_t{p.cr + p.cr / 2},
                            size_t{2 * p.cr + 16}}) {
      for (size_t pixels : {19, 70}) {
        for (bool direct : {false, true}) {
          Test(Tester()
                   .channels(channels)
                   .output_pixels(pixels)
                   .step(step)
                   .zero_fraction(0.3)
                   .direct_input(direct));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

// Pointer lists one or two window columns apart, as the operators lay out a
// square window at stride 1 or 2 (taps column-major): kernels may reuse the
// columns' work. Channel counts around the 8-channel halves of a block.
TEST_P(Q8DWConvUpTest, column_steps) {
  const DWConvUpKernel& p = GetParam();
  const size_t side = p.taps == 9 ? 3 : 5;
  for (size_t step : {side, 2 * side}) {
    for (size_t channels : {1, 7, 8, 9, 16, 24, 33, 48}) {
      for (size_t pixels : {1, 2, 33, 70}) {
        for (bool direct : {false, true}) {
          Test(Tester()
                   .channels(channels)
                   .output_pixels(pixels)
                   .step(step)
                   .zero_fraction(0.3)
                   .direct_input(direct)
                   .iterations(1));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
  // Both clamps, and kernel zero points 0 and 255.
  for (uint8_t kernel_zero_point : {0, 255}) {
    Test(Tester().channels(32).output_pixels(9).step(side).qmin(60).qmax(190).kernel_zero_point(
        kernel_zero_point));
    if (HasFatalFailure()) return;
  }
}

// Scales >= 1, up to products past the int32 range, with both clamps.
TEST_P(Q8DWConvUpTest, large_scale) {
  const DWConvUpKernel& p = GetParam();
  for (float scale : {0.99999994f, 1.0f, 3.0f, 1.0e6f}) {
    Test(Tester().channels(2 * p.cr + 1).output_pixels(3).scale(scale));
    if (HasFatalFailure()) return;
    Test(Tester().channels(2 * p.cr + 1).output_pixels(3).scale(scale).qmin(100).qmax(200));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8DWConvUpTest, testing::ValuesIn(kUnipassKernels),
                         q8nn_test::KernelName());

// ---------------------------------------------------------------------------
// Multipass

class Q8DWConvMpTest : public q8nn_test::KernelTest<DWConvMpKernel> {
 protected:
  DWConvMicrokernelTester Tester() const {
    return DWConvMicrokernelTester().packing(GetParam().packing).cr(GetParam().cr);
  }
};

TEST_P(Q8DWConvMpTest, kernel_size) {
  const DWConvMpKernel& p = GetParam();
  for (size_t kernel_size = 1; kernel_size <= 30; kernel_size++) {
    for (size_t channels : {size_t{1}, size_t{p.cr}, size_t{p.cr + 1}, size_t{3 * p.cr + 1}}) {
      Test(Tester().kernel_size(kernel_size).channels(channels).output_pixels(1).iterations(2));
      if (HasFatalFailure()) return;
    }
  }
  Test(Tester().kernel_size(49).channels(p.cr + 1).output_pixels(2));
  Test(Tester().kernel_size(81).channels(p.cr + 1).output_pixels(2));
}

// More channels than a kernel keeps on its stack at once.
TEST_P(Q8DWConvMpTest, many_channels) {
  for (size_t kernel_size : {1, 7, 8, 9, 17, 25}) {
    for (size_t channels : {63, 64, 65, 127, 128, 129, 257, 300}) {
      Test(Tester().kernel_size(kernel_size).channels(channels).output_pixels(2).iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvMpTest, multipixel) {
  const DWConvMpKernel& p = GetParam();
  for (size_t kernel_size : {3, 9, 10, 25}) {
    for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
      Test(Tester().kernel_size(kernel_size).channels(channels).output_pixels(5));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvMpTest, step) {
  const DWConvMpKernel& p = GetParam();
  for (size_t step : {1, 3, 11}) {
    Test(Tester().kernel_size(12).channels(2 * p.cr + 1).output_pixels(5).step(step));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvMpTest, input_row_stride) {
  const DWConvMpKernel& p = GetParam();
  for (size_t channels = 1; channels <= 3 * p.cr + 1; channels++) {
    Test(Tester().kernel_size(11).channels(channels).output_pixels(3).input_row_stride(channels +
                                                                                       5));
    if (HasFatalFailure()) return;
  }
  Test(Tester().kernel_size(11).channels(150).output_pixels(3).input_row_stride(151));
}

TEST_P(Q8DWConvMpTest, output_increment) {
  const DWConvMpKernel& p = GetParam();
  for (size_t channels : {size_t{1}, size_t{p.cr + 1}, size_t{3 * p.cr + 1}, size_t{200}}) {
    for (size_t increment : {1, 9}) {
      Test(
          Tester().kernel_size(10).channels(channels).output_pixels(4).output_increment(increment));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvMpTest, zero_pointers) {
  const DWConvMpKernel& p = GetParam();
  for (double fraction : {0.0, 0.5, 1.0}) {
    Test(Tester().kernel_size(13).channels(3 * p.cr + 1).output_pixels(3).zero_fraction(fraction));
    Test(Tester().kernel_size(13).channels(140).output_pixels(2).zero_fraction(fraction));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvMpTest, zero_points) {
  const DWConvMpKernel& p = GetParam();
  for (uint8_t input_zero_point : {0, 127, 255}) {
    for (uint8_t kernel_zero_point : {0, 127, 128, 255}) {
      Test(Tester()
               .kernel_size(17)
               .channels(2 * p.cr + 1)
               .output_pixels(2)
               .input_zero_point(input_zero_point)
               .kernel_zero_point(kernel_zero_point));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8DWConvMpTest, output_zero_point) {
  const DWConvMpKernel& p = GetParam();
  for (uint8_t output_zero_point : {0, 127, 255}) {
    Test(Tester()
             .kernel_size(10)
             .channels(3 * p.cr + 1)
             .output_pixels(3)
             .output_zero_point(output_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8DWConvMpTest, qmin) {
  const DWConvMpKernel& p = GetParam();
  Test(Tester().kernel_size(10).channels(3 * p.cr + 1).output_pixels(3).qmin(128));
}

TEST_P(Q8DWConvMpTest, qmax) {
  const DWConvMpKernel& p = GetParam();
  Test(Tester().kernel_size(10).channels(3 * p.cr + 1).output_pixels(3).qmax(128));
}

// Pointers that are the rows themselves (input_offset 0), with padding.
TEST_P(Q8DWConvMpTest, direct_input) {
  const DWConvMpKernel& p = GetParam();
  for (size_t kernel_size : {3, 9, 10}) {
    for (size_t channels = 1; channels <= 3 * p.cr + 1; channels += 7) {
      Test(Tester()
               .kernel_size(kernel_size)
               .channels(channels)
               .output_pixels(19)
               .zero_fraction(0.3)
               .direct_input(true));
      if (HasFatalFailure()) return;
    }
  }
}

// Pixels sharing taps (as in a 3x3 window with stride 1 or 2 when there are
// 9 taps) with padding, over more pixels than a kernel may take at once.
TEST_P(Q8DWConvMpTest, step_with_padding) {
  const DWConvMpKernel& p = GetParam();
  for (size_t kernel_size : {9, 10}) {
    for (size_t step : {1, 2}) {
      for (size_t channels : {size_t{1}, size_t{16}, size_t{p.cr + p.cr / 2}}) {
        for (bool direct : {false, true}) {
          Test(Tester()
                   .kernel_size(kernel_size)
                   .channels(channels)
                   .output_pixels(70)
                   .step(step)
                   .zero_fraction(0.3)
                   .direct_input(direct));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

// Scales >= 1, up to products past the int32 range, with both clamps.
TEST_P(Q8DWConvMpTest, large_scale) {
  const DWConvMpKernel& p = GetParam();
  for (float scale : {0.99999994f, 1.0f, 3.0f, 1.0e6f}) {
    Test(Tester().kernel_size(10).channels(2 * p.cr + 1).output_pixels(3).scale(scale));
    if (HasFatalFailure()) return;
    Test(Tester()
             .kernel_size(10)
             .channels(2 * p.cr + 1)
             .output_pixels(3)
             .scale(scale)
             .qmin(100)
             .qmax(200));
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8DWConvMpTest, testing::ValuesIn(kMultipassKernels),
                         q8nn_test::KernelName());

}  // namespace
