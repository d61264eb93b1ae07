// Which computation each convolution gets (q8nn::ConvolutionPath), on every
// ISA this CPU has: results are tested in tests/operators; this checks that
// the paths those tests are meant to reach are the ones taken.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "q8nn.h"
#include "q8nn/operator.h"
#include "qnnpack.h"

namespace {

using q8nn::ConvolutionPath;

// A convolution with the given kernel size, groups and channels per group.
ConvolutionPath path_of(uint32_t kernel, uint32_t groups, size_t input_channels,
                        size_t output_channels) {
  const size_t taps = size_t{kernel} * kernel;
  const std::vector<uint8_t> weights(groups * output_channels * taps * input_channels, 128);
  qnnp_operator_t op = nullptr;
  EXPECT_EQ(qnnp_status_success, qnnp_create_convolution2d_nhwc_q8(
                                     kernel / 2, kernel / 2, kernel / 2, kernel / 2, kernel, kernel,
                                     2, 2, 1, 1, groups, input_channels, output_channels, 0, 1.0f,
                                     128, 1.0f, weights.data(), nullptr, 0, 1.0f, 0, 255, 0, &op));
  const ConvolutionPath path = op == nullptr ? ConvolutionPath::gemm : op->path;
  qnnp_delete_operator(op);
  return path;
}

TEST(ConvolutionPath, each_isa) {
  for (size_t i = 0; i < q8nn_isa_count(); i++) {
    const std::string isa = q8nn_isa_name(i);
    if (!q8nn_isa_supported(isa.c_str())) continue;
    SCOPED_TRACE(isa);
    ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa(isa.c_str()));
    const uint32_t im2col_max = q8nn_active_config()->im2col_max_channels;
    for (size_t channels : {1, 3, 4, 5}) {
      SCOPED_TRACE(channels);
      EXPECT_EQ(path_of(3, 1, channels, 8),
                channels <= im2col_max ? ConvolutionPath::im2col : ConvolutionPath::igemm);
      // Grouped convolutions keep the indirect path.
      EXPECT_EQ(path_of(3, 2, channels, 8), ConvolutionPath::igemm);
    }
    EXPECT_EQ(path_of(3, 16, 1, 1), ConvolutionPath::dwconv_up);
    EXPECT_EQ(path_of(1, 1, 3, 8), ConvolutionPath::igemm);  // 1x1 with stride 2
  }
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
}

TEST(ConvolutionPath, stems_use_im2col_where_measured_faster) {
  // The ISAs whose configs enable it (docs/NOTES.md has the measurements).
  for (const char* isa : {"scalar", "avx2", "avx512vnni", "wasmsimd"}) {
    if (!q8nn_isa_supported(isa)) continue;
    SCOPED_TRACE(isa);
    ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa(isa));
    EXPECT_EQ(path_of(3, 1, 3, 32), ConvolutionPath::im2col);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
}

}  // namespace
