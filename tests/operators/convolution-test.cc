// Convolution (not depthwise: see depthwise-convolution-test.cc).
#include "operators/convolution-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::ConvolutionOperatorTester;

namespace {

// 1x1 from 13 to 9 channels on a 5x5 input, two iterations.
ConvolutionOperatorTester Conv1x1On5x5() {
  return ConvolutionOperatorTester()
      .input_size(5, 5)
      .group_input_channels(13)
      .group_output_channels(9)
      .iterations(2);
}

// Padded 3x3 from 7 to 9 channels on a 6x5 input.
ConvolutionOperatorTester Conv3x3On6x5() {
  return ConvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(7)
      .group_output_channels(9);
}

}  // namespace

// --- 1x1, stride 1, no padding: the plain gemm path -------------------------

TEST(Convolution1x1, basic) {
  ConvolutionOperatorTester()
      .input_size(7, 9)
      .group_input_channels(23)
      .group_output_channels(19)
      .iterations(3)
      .TestQ8();
}

TEST(Convolution1x1, channels) {
  q8nn_test::TestGroupChannels(&ConvolutionOperatorTester::TestQ8,
                               ConvolutionOperatorTester().input_size(3, 5), {1, 3, 17, 33},
                               {1, 3, 17, 33});
}

TEST(Convolution1x1, pixel_counts) {
  // Output pixel counts that are not multiples of the gemm tile height.
  q8nn_test::TestInputWidths(
      &ConvolutionOperatorTester::TestQ8,
      ConvolutionOperatorTester().group_input_channels(9).group_output_channels(11), 1, 13);
}

TEST(Convolution1x1, pixel_strides) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .group_input_channels(13)
      .group_output_channels(15)
      .input_pixel_stride(20)
      .output_pixel_stride(19)
      .batch_size(2)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution1x1, qmin) {
  Conv1x1On5x5().qmin(128).TestQ8();
}

TEST(Convolution1x1, qmax) {
  Conv1x1On5x5().qmax(128).TestQ8();
}

TEST(Convolution1x1, qmin_equals_qmax) {
  ConvolutionOperatorTester()
      .input_size(3, 3)
      .group_input_channels(5)
      .group_output_channels(5)
      .qmin(77)
      .qmax(77)
      .TestQ8();
}

TEST(Convolution1x1, without_bias) {
  ConvolutionOperatorTester()
      .input_size(5, 4)
      .group_input_channels(17)
      .group_output_channels(8)
      .has_bias(false)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution1x1, batch) {
  q8nn_test::TestBatchSizes(&ConvolutionOperatorTester::TestQ8,
                            ConvolutionOperatorTester()
                                .input_size(4, 5)
                                .group_input_channels(7)
                                .group_output_channels(10)
                                .input_pixel_stride(9)
                                .output_pixel_stride(12),
                            {0, 1, 3});
}

TEST(Convolution1x1, grouped) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .groups(3)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution1x1, grouped_pixel_strides) {
  ConvolutionOperatorTester()
      .input_size(4, 5)
      .groups(5)
      .group_input_channels(3)
      .group_output_channels(2)
      .input_pixel_stride(17)
      .output_pixel_stride(13)
      .batch_size(3)
      .TestQ8();
}

TEST(Convolution1x1, ties_round_to_even) {
  // Requantization scale exactly 0.5 and small accumulators: many exact
  // halves, which must round to even.
  ConvolutionOperatorTester()
      .input_size(6, 7)
      .group_input_channels(3)
      .group_output_channels(5)
      .input_range(118, 138)
      .kernel_range(118, 138)
      .requantization_scale(0.5f)
      .iterations(3)
      .TestQ8();
}

TEST(Convolution1x1, requantization_scale_above_one) {
  ConvolutionOperatorTester()
      .input_size(6, 7)
      .group_input_channels(2)
      .group_output_channels(3)
      .input_range(124, 132)
      .kernel_range(124, 132)
      .has_bias(false)
      .requantization_scale(3.0f)
      .TestQ8();
}

TEST(Convolution1x1, with_subsampling) {
  ConvolutionOperatorTester()
      .input_size(9, 8)
      .subsampling(2)
      .group_input_channels(11)
      .group_output_channels(6)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution1x1, with_padding) {
  ConvolutionOperatorTester()
      .input_size(5, 4)
      .padding(1, 2, 0, 1)
      .group_input_channels(6)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Convolution1x1, setup_sequence) {
  ConvolutionOperatorTester()
      .input_size(5, 6)
      .group_input_channels(9)
      .group_output_channels(7)
      .input_pixel_stride(11)
      .output_pixel_stride(8)
      .batch_size(2)
      .TestSetupSequence(3, 8);
}

// --- 3x3 --------------------------------------------------------------------

TEST(Convolution3x3, padded) {
  ConvolutionOperatorTester()
      .input_size(10, 9)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(3)
      .TestQ8();
}

TEST(Convolution3x3, unpadded) {
  ConvolutionOperatorTester()
      .input_size(8, 7)
      .kernel_size(3)
      .group_input_channels(6)
      .group_output_channels(9)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, asymmetric_padding) {
  ConvolutionOperatorTester()
      .input_size(7, 6)
      .kernel_size(3)
      .padding(1, 0, 2, 3)
      .group_input_channels(4)
      .group_output_channels(6)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, padding_each_side) {
  const uint32_t pads[4][4] = {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
  for (const auto& p : pads) {
    SCOPED_TRACE(testing::Message() << p[0] << p[1] << p[2] << p[3]);
    ConvolutionOperatorTester()
        .input_size(5, 6)
        .kernel_size(3)
        .padding(p[0], p[1], p[2], p[3])
        .group_input_channels(3)
        .group_output_channels(5)
        .TestQ8();
  }
}

TEST(Convolution3x3, subsampling_2) {
  ConvolutionOperatorTester()
      .input_size(11, 10)
      .kernel_size(3)
      .padding(1)
      .subsampling(2)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, subsampling_non_square) {
  ConvolutionOperatorTester()
      .input_size(9, 12)
      .kernel_size(3)
      .padding(1)
      .subsampling(2, 3)
      .group_input_channels(4)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Convolution3x3, dilation_2) {
  ConvolutionOperatorTester()
      .input_size(9, 10)
      .kernel_size(3)
      .padding(2)
      .dilation(2)
      .group_input_channels(5)
      .group_output_channels(6)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, dilation_non_square) {
  ConvolutionOperatorTester()
      .input_size(10, 9)
      .kernel_size(3)
      .padding(1, 3)
      .dilation(1, 3)
      .group_input_channels(3)
      .group_output_channels(4)
      .TestQ8();
}

TEST(Convolution3x3, dilation_and_subsampling) {
  ConvolutionOperatorTester()
      .input_size(13, 12)
      .kernel_size(3)
      .padding(2)
      .dilation(2)
      .subsampling(2)
      .group_input_channels(5)
      .group_output_channels(3)
      .TestQ8();
}

TEST(Convolution3x3, channels) {
  q8nn_test::TestGroupChannels(
      &ConvolutionOperatorTester::TestQ8,
      ConvolutionOperatorTester().input_size(4, 5).kernel_size(3).padding(1), {1, 3, 17, 33},
      {1, 3, 17, 33});
}

TEST(Convolution3x3, output_widths) {
  q8nn_test::TestInputWidths(&ConvolutionOperatorTester::TestQ8,
                             ConvolutionOperatorTester()
                                 .kernel_size(3)
                                 .padding(1)
                                 .group_input_channels(4)
                                 .group_output_channels(5),
                             3, 13);
}

TEST(Convolution3x3, pixel_strides) {
  Conv3x3On6x5()
      .input_pixel_stride(10)
      .output_pixel_stride(13)
      .batch_size(3)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, qmin_qmax) {
  Conv3x3On6x5().qmin(80).qmax(170).TestQ8();
}

TEST(Convolution3x3, without_bias) {
  Conv3x3On6x5().has_bias(false).TestQ8();
}

TEST(Convolution3x3, batch) {
  q8nn_test::TestBatchSizes(&ConvolutionOperatorTester::TestQ8,
                            ConvolutionOperatorTester()
                                .input_size(5, 4)
                                .kernel_size(3)
                                .padding(1)
                                .subsampling(2)
                                .group_input_channels(3)
                                .group_output_channels(6)
                                .output_pixel_stride(8),
                            {0, 1, 3});
}

TEST(Convolution3x3, grouped) {
  ConvolutionOperatorTester()
      .input_size(7, 8)
      .kernel_size(3)
      .padding(1)
      .groups(3)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Convolution3x3, grouped_subsampling_strides) {
  ConvolutionOperatorTester()
      .input_size(9, 8)
      .kernel_size(3)
      .padding(1)
      .subsampling(2)
      .groups(2)
      .group_input_channels(17)
      .group_output_channels(3)
      .input_pixel_stride(37)
      .output_pixel_stride(7)
      .batch_size(2)
      .TestQ8();
}

TEST(Convolution3x3, depthwise_multiplier) {
  // Groups with one input and several output channels: not the depthwise kernel.
  ConvolutionOperatorTester()
      .input_size(6, 7)
      .kernel_size(3)
      .padding(1)
      .groups(5)
      .group_input_channels(1)
      .group_output_channels(2)
      .TestQ8();
}

TEST(Convolution3x3, tiny_input) {
  ConvolutionOperatorTester()
      .input_size(1, 1)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(5)
      .group_output_channels(6)
      .batch_size(2)
      .TestQ8();
}

TEST(Convolution3x3, setup_sequence) {
  ConvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .groups(2)
      .group_input_channels(3)
      .group_output_channels(5)
      .output_pixel_stride(12)
      .batch_size(2)
      .TestSetupSequence(4, 9);
}

TEST(Convolution3x3, setup_sequence_subsampling) {
  ConvolutionOperatorTester()
      .input_size(7, 7)
      .kernel_size(3)
      .padding(1, 0, 1, 2)
      .subsampling(2)
      .group_input_channels(4)
      .group_output_channels(4)
      .batch_size(3)
      .TestSetupSequence(9, 3);
}

// --- other kernel sizes -----------------------------------------------------

TEST(ConvolutionNonSquare, kernel_1x3) {
  ConvolutionOperatorTester()
      .input_size(5, 8)
      .kernel_size(1, 3)
      .padding(0, 1)
      .group_input_channels(6)
      .group_output_channels(5)
      .iterations(2)
      .TestQ8();
}

TEST(ConvolutionNonSquare, kernel_3x1) {
  ConvolutionOperatorTester()
      .input_size(8, 5)
      .kernel_size(3, 1)
      .padding(1, 0)
      .group_input_channels(6)
      .group_output_channels(5)
      .iterations(2)
      .TestQ8();
}

TEST(ConvolutionNonSquare, kernel_2x5) {
  ConvolutionOperatorTester()
      .input_size(7, 9)
      .kernel_size(2, 5)
      .padding(1, 2, 0, 1)
      .group_input_channels(3)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(ConvolutionNonSquare, kernel_2x5_grouped_subsampled) {
  ConvolutionOperatorTester()
      .input_size(9, 11)
      .kernel_size(2, 5)
      .padding(0, 2)
      .subsampling(1, 2)
      .groups(3)
      .group_input_channels(2)
      .group_output_channels(3)
      .TestQ8();
}

TEST(Convolution5x5, padded) {
  ConvolutionOperatorTester()
      .input_size(7, 6)
      .kernel_size(5)
      .padding(2)
      .group_input_channels(4)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Convolution5x5, kernel_larger_than_input) {
  ConvolutionOperatorTester()
      .input_size(2, 3)
      .kernel_size(5)
      .padding(2)
      .group_input_channels(3)
      .group_output_channels(4)
      .TestQ8();
}

TEST(Convolution7x7, subsampling_2) {
  // A stem-like layer: 3 input channels, stride 2.
  ConvolutionOperatorTester()
      .input_size(13, 12)
      .kernel_size(7)
      .padding(3)
      .subsampling(2)
      .group_input_channels(3)
      .group_output_channels(8)
      .TestQ8();
}

TEST(Convolution, all_isas) {
  q8nn_test::ForEachIsa([] {
    ConvolutionOperatorTester()
        .input_size(5, 6)
        .group_input_channels(17)
        .group_output_channels(11)
        .input_pixel_stride(19)
        .batch_size(2)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(6, 7)
        .kernel_size(3)
        .padding(1, 0, 2, 3)
        .subsampling(2)
        .groups(3)
        .group_input_channels(5)
        .group_output_channels(7)
        .output_pixel_stride(23)
        .batch_size(2)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(9, 10)
        .kernel_size(2, 5)
        .padding(2)
        .dilation(2)
        .group_input_channels(33)
        .group_output_channels(3)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(6, 5)
        .kernel_size(3)
        .padding(1)
        .group_input_channels(3)
        .group_output_channels(5)
        .TestSetupSequence(3, 4);
  });
}

TEST(Convolution, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  ConvolutionOperatorTester()
      .input_size(9, 10)
      .group_input_channels(17)
      .group_output_channels(19)
      .batch_size(2)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(8, 7)
      .kernel_size(3)
      .padding(1)
      .groups(3)
      .group_input_channels(5)
      .group_output_channels(7)
      .input_pixel_stride(17)
      .output_pixel_stride(22)
      .batch_size(3)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(11, 12)
      .kernel_size(2, 5)
      .padding(1, 0, 2, 3)
      .subsampling(2)
      .dilation(2, 1)
      .group_input_channels(6)
      .group_output_channels(33)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(4)
      .group_output_channels(9)
      .batch_size(2)
      .TestSetupSequence(8, 3);
  ConvolutionOperatorTester()
      .input_size(6, 5)
      .group_input_channels(4)
      .group_output_channels(9)
      .batch_size(2)
      .TestSetupSequence(8, 3);
}

TEST(Convolution, extreme_zero_points) {
  // Padding reads the input zero point; packing pads with the kernel zero
  // point. Shapes: grouped 3x3 (igemm), 1x1 (gemm), a stem (im2col: padding
  // gathered as the input zero point).
  const ConvolutionOperatorTester shapes[] = {
      ConvolutionOperatorTester()
          .input_size(5, 6)
          .kernel_size(3)
          .padding(1)
          .groups(2)
          .group_input_channels(5)
          .group_output_channels(7),
      ConvolutionOperatorTester().input_size(4, 5).group_input_channels(9).group_output_channels(3),
      ConvolutionOperatorTester()
          .input_size(7, 6)
          .kernel_size(3)
          .padding(1)
          .subsampling(2)
          .group_input_channels(3)
          .group_output_channels(33),
  };
  for (int izp : {0, 255}) {
    for (int kzp : {0, 255}) {
      SCOPED_TRACE(testing::Message() << "input zp " << izp << " kernel zp " << kzp);
      for (const ConvolutionOperatorTester& shape : shapes) {
        ConvolutionOperatorTester(shape)
            .input_zero_point(uint8_t(izp))
            .kernel_zero_point(uint8_t(kzp))
            .TestQ8();
      }
    }
  }
}

// --- Few input channels: the im2col path (ISAs with im2col_max_channels) ----

TEST(ConvolutionFewChannels, stem_3x3_subsampling_2) {
  // An RGB stem with several column blocks, on strided input pixels (taps
  // copied one at a time) and on dense ones (kernel rows copied whole).
  for (size_t stride : {3, 5}) {
    SCOPED_TRACE(testing::Message() << "input pixel stride " << stride);
    ConvolutionOperatorTester()
        .input_size(15, 14)
        .kernel_size(3)
        .padding(1)
        .subsampling(2)
        .group_input_channels(3)
        .group_output_channels(37)
        .input_pixel_stride(stride)
        .batch_size(2)
        .iterations(2)
        .TestQ8();
  }
}

TEST(ConvolutionFewChannels, channels_and_kernels) {
  for (size_t channels : {1, 2, 4}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    ConvolutionOperatorTester()
        .input_size(11, 13)
        .kernel_size(5, 3)
        .padding(2, 1, 0, 3)
        .subsampling(2, 1)
        .group_input_channels(channels)
        .group_output_channels(9)
        .TestQ8();
    ConvolutionOperatorTester()
        .input_size(12, 9)
        .kernel_size(3)
        .padding(2)
        .dilation(2, 3)
        .group_input_channels(channels)
        .group_output_channels(17)
        .TestQ8();
  }
}

TEST(ConvolutionFewChannels, padding_wider_than_kernel) {
  // Whole kernel rows and columns in the padding.
  ConvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .padding(4)
      .group_input_channels(3)
      .group_output_channels(5)
      .TestQ8();
}

TEST(ConvolutionFewChannels, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  ConvolutionOperatorTester()
      .input_size(37, 40)
      .kernel_size(3)
      .padding(1)
      .subsampling(2)
      .group_input_channels(3)
      .group_output_channels(32)
      .batch_size(2)
      .TestQ8();
  ConvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(3)
      .group_output_channels(9)
      .batch_size(2)
      .TestSetupSequence(8, 3);
}
