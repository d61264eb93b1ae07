// Depthwise convolution: groups = channels, one input and one output channel
// per group. 3x3 and 5x5 have their own kernels; other sizes, dilation and
// multipliers take the general path.
#include "operators/convolution-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::ConvolutionOperatorTester;

namespace {

// Each of the channel counts, each run seeded with the count.
void TestDepthwiseChannels(const ConvolutionOperatorTester& base,
                           std::initializer_list<size_t> channel_counts) {
  q8nn_test::ForEach("channels", channel_counts, [&](size_t channels) {
    ConvolutionOperatorTester(base).depthwise(channels).seed(uint32_t(channels)).TestQ8();
  });
}

// Padded 3x3 over 17 channels on a 5x6 input.
ConvolutionOperatorTester Depthwise3x3On5x6() {
  return ConvolutionOperatorTester().input_size(5, 6).kernel_size(3).padding(1).depthwise(17);
}

}  // namespace

TEST(DepthwiseConvolution3x3, stride1) {
  TestDepthwiseChannels(ConvolutionOperatorTester().input_size(6, 7).kernel_size(3).padding(1),
                        {1, 2, 3, 8, 17, 33});
}

TEST(DepthwiseConvolution3x3, stride2) {
  TestDepthwiseChannels(
      ConvolutionOperatorTester().input_size(9, 8).kernel_size(3).padding(1).subsampling(2),
      {1, 3, 17, 33});
}

TEST(DepthwiseConvolution3x3, unpadded) {
  ConvolutionOperatorTester().input_size(7, 6).kernel_size(3).depthwise(19).iterations(2).TestQ8();
}

TEST(DepthwiseConvolution3x3, asymmetric_padding) {
  ConvolutionOperatorTester()
      .input_size(7, 6)
      .kernel_size(3)
      .padding(1, 0, 2, 3)
      .depthwise(11)
      .iterations(2)
      .TestQ8();
}

TEST(DepthwiseConvolution3x3, output_widths) {
  q8nn_test::TestInputWidths(&ConvolutionOperatorTester::TestQ8,
                             ConvolutionOperatorTester().kernel_size(3).padding(1).depthwise(9), 3,
                             11);
}

TEST(DepthwiseConvolution3x3, pixel_strides) {
  Depthwise3x3On5x6()
      .input_pixel_stride(23)
      .output_pixel_stride(20)
      .batch_size(2)
      .iterations(2)
      .TestQ8();
}

TEST(DepthwiseConvolution3x3, qmin_qmax) {
  Depthwise3x3On5x6().qmin(100).qmax(160).TestQ8();
}

TEST(DepthwiseConvolution3x3, without_bias) {
  Depthwise3x3On5x6().has_bias(false).TestQ8();
}

TEST(DepthwiseConvolution3x3, batch) {
  q8nn_test::TestBatchSizes(&ConvolutionOperatorTester::TestQ8,
                            ConvolutionOperatorTester()
                                .input_size(4, 5)
                                .kernel_size(3)
                                .padding(1)
                                .depthwise(10)
                                .output_pixel_stride(11),
                            {0, 1, 3});
}

TEST(DepthwiseConvolution3x3, ties_round_to_even) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3)
      .padding(1)
      .depthwise(7)
      .input_range(122, 134)
      .kernel_range(122, 134)
      .requantization_scale(0.5f)
      .TestQ8();
}

TEST(DepthwiseConvolution3x3, setup_sequence) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3)
      .padding(1)
      .depthwise(13)
      .input_pixel_stride(15)
      .batch_size(2)
      .TestSetupSequence(7, 3);
}

TEST(DepthwiseConvolution3x3, setup_sequence_stride2) {
  ConvolutionOperatorTester()
      .input_size(7, 6)
      .kernel_size(3)
      .padding(1)
      .subsampling(2)
      .depthwise(5)
      .batch_size(3)
      .TestSetupSequence(4, 9);
}

TEST(DepthwiseConvolution5x5, stride1) {
  TestDepthwiseChannels(ConvolutionOperatorTester().input_size(7, 6).kernel_size(5).padding(2),
                        {1, 3, 17, 33});
}

TEST(DepthwiseConvolution5x5, stride2) {
  TestDepthwiseChannels(
      ConvolutionOperatorTester().input_size(9, 10).kernel_size(5).padding(2).subsampling(2),
      {1, 3, 17, 33});
}

TEST(DepthwiseConvolution5x5, asymmetric_padding_strides_batch) {
  ConvolutionOperatorTester()
      .input_size(6, 7)
      .kernel_size(5)
      .padding(0, 2, 4, 1)
      .depthwise(9)
      .input_pixel_stride(12)
      .output_pixel_stride(10)
      .batch_size(3)
      .TestQ8();
}

TEST(DepthwiseConvolution5x5, setup_sequence) {
  ConvolutionOperatorTester()
      .input_size(6, 6)
      .kernel_size(5)
      .padding(2)
      .depthwise(6)
      .batch_size(2)
      .TestSetupSequence(3, 8);
}

TEST(DepthwiseConvolutionGeneral, kernel_7x7) {
  ConvolutionOperatorTester().input_size(8, 9).kernel_size(7).padding(3).depthwise(17).TestQ8();
}

TEST(DepthwiseConvolutionGeneral, kernel_2x2) {
  ConvolutionOperatorTester().input_size(6, 7).kernel_size(2).depthwise(9).TestQ8();
}

TEST(DepthwiseConvolutionGeneral, kernel_3x3_dilated) {
  ConvolutionOperatorTester()
      .input_size(8, 9)
      .kernel_size(3)
      .padding(2)
      .dilation(2)
      .depthwise(11)
      .TestQ8();
}

TEST(DepthwiseConvolutionGeneral, kernel_1x3_and_3x1) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(1, 3)
      .padding(0, 1)
      .depthwise(5)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3, 1)
      .padding(1, 0)
      .depthwise(5)
      .TestQ8();
}

TEST(DepthwiseConvolutionGeneral, kernel_5x5_dilated_stride2) {
  ConvolutionOperatorTester()
      .input_size(11, 10)
      .kernel_size(5)
      .padding(4)
      .dilation(2)
      .subsampling(2)
      .depthwise(3)
      .output_pixel_stride(7)
      .TestQ8();
}

// The indirection buffer shares input columns between neighbouring pixels
// when dilation_width is 1 (any height dilation and strides), and lists each
// pixel's taps otherwise; taps are column-major either way.
TEST(DepthwiseConvolutionGeneral, one_dilated_dimension) {
  for (uint32_t kernel : {3, 5}) {
    SCOPED_TRACE(testing::Message() << "kernel " << kernel);
    ConvolutionOperatorTester()
        .input_size(12, 11)
        .kernel_size(kernel)
        .padding(kernel - 1, kernel / 2)
        .dilation(2, 1)
        .depthwise(67)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(11, 12)
        .kernel_size(kernel)
        .padding(kernel / 2, kernel - 1)
        .dilation(1, 2)
        .subsampling(1, 2)
        .depthwise(67)
        .TestQ8();
  }
}

TEST(DepthwiseConvolutionGeneral, strides_not_sharing_columns) {
  // Stride 3 and 4 against a width-3 window: neighbours share no column.
  for (uint32_t stride : {3, 4}) {
    SCOPED_TRACE(testing::Message() << "stride " << stride);
    ConvolutionOperatorTester()
        .input_size(9, 14)
        .kernel_size(3)
        .padding(1)
        .subsampling(2, stride)
        .depthwise(33)
        .batch_size(2)
        .TestQ8();
  }
}

TEST(DepthwiseConvolutionGeneral, non_square_kernels_with_strides) {
  ConvolutionOperatorTester()
      .input_size(10, 13)
      .kernel_size(3, 5)
      .padding(1, 2)
      .subsampling(2, 1)
      .depthwise(19)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(13, 10)
      .kernel_size(5, 3)
      .padding(2, 1)
      .subsampling(1, 2)
      .depthwise(19)
      .TestQ8();
}

TEST(DepthwiseConvolution, all_isas) {
  q8nn_test::ForEachIsa([] {
    for (uint32_t k : {3, 5}) {
      for (uint32_t s : {1, 2}) {
        ConvolutionOperatorTester()
            .input_size(7, 6)
            .kernel_size(k)
            .padding(k / 2)
            .subsampling(s)
            .depthwise(17)
            .input_pixel_stride(19)
            .output_pixel_stride(18)
            .batch_size(2)
            .seed(k * 10 + s)
            .TestQ8();
      }
    }
    ConvolutionOperatorTester()
        .input_size(8, 9)
        .kernel_size(3)
        .padding(2)
        .dilation(2)
        .depthwise(5)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(5, 6)
        .kernel_size(3)
        .padding(1)
        .depthwise(9)
        .TestSetupSequence(3, 4);
  });
}

TEST(DepthwiseConvolution, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  ConvolutionOperatorTester()
      .input_size(9, 10)
      .kernel_size(3)
      .padding(1)
      .depthwise(19)
      .batch_size(3)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(9, 10)
      .kernel_size(5)
      .padding(2)
      .subsampling(2)
      .depthwise(17)
      .output_pixel_stride(20)
      .batch_size(2)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(9, 8)
      .kernel_size(7)
      .padding(3)
      .depthwise(5)
      .batch_size(2)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .depthwise(8)
      .batch_size(2)
      .TestSetupSequence(8, 3);
}

TEST(DepthwiseConvolution, extreme_zero_points) {
  for (int izp : {0, 255}) {
    for (int kzp : {0, 255}) {
      for (uint32_t k : {3, 5, 2}) {
        SCOPED_TRACE(testing::Message()
                     << "input zp " << izp << " kernel zp " << kzp << " kernel " << k);
        ConvolutionOperatorTester()
            .input_size(5, 6)
            .kernel_size(k)
            .padding(k / 2)
            .depthwise(11)
            .input_zero_point(uint8_t(izp))
            .kernel_zero_point(uint8_t(kzp))
            .TestQ8();
      }
    }
  }
}
