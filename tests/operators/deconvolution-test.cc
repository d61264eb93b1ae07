#include "operators/deconvolution-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::DeconvolutionOperatorTester;

namespace {

// 3x3, stride 2, from 6 to 5 channels on a 4x5 input.
DeconvolutionOperatorTester Deconv3x3Stride2() {
  return DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(2)
      .group_input_channels(6)
      .group_output_channels(5);
}

}  // namespace

TEST(Deconvolution1x1, basic) {
  DeconvolutionOperatorTester()
      .input_size(5, 6)
      .group_input_channels(23)
      .group_output_channels(17)
      .iterations(2)
      .TestQ8();
}

TEST(Deconvolution1x1, stride2) {
  // Outputs between the strided positions get only the bias.
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .stride(2)
      .group_input_channels(7)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Deconvolution3x3, basic) {
  DeconvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Deconvolution3x3, padded) {
  DeconvolutionOperatorTester()
      .input_size(6, 5)
      .kernel_size(3)
      .padding(1)
      .group_input_channels(6)
      .group_output_channels(9)
      .iterations(2)
      .TestQ8();
}

TEST(Deconvolution3x3, asymmetric_padding) {
  DeconvolutionOperatorTester()
      .input_size(6, 7)
      .kernel_size(3)
      .padding(1, 0, 2, 2)
      .group_input_channels(4)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Deconvolution3x3, stride2) {
  DeconvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Deconvolution3x3, stride2_adjustment) {
  DeconvolutionOperatorTester()
      .input_size(5, 4)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .adjustment(1, 1)
      .group_input_channels(5)
      .group_output_channels(6)
      .TestQ8();
}

TEST(Deconvolution3x3, stride_non_square_adjustment) {
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(3, 2)
      .padding(1, 0, 0, 1)
      .adjustment(2, 1)
      .group_input_channels(3)
      .group_output_channels(4)
      .TestQ8();
}

TEST(Deconvolution3x3, dilation2) {
  DeconvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3)
      .dilation(2)
      .padding(2)
      .group_input_channels(4)
      .group_output_channels(6)
      .TestQ8();
}

TEST(Deconvolution3x3, dilation_and_stride) {
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(2)
      .dilation(2, 3)
      .padding(1)
      .group_input_channels(3)
      .group_output_channels(5)
      .TestQ8();
}

TEST(Deconvolution3x3, grouped) {
  DeconvolutionOperatorTester()
      .input_size(5, 5)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .groups(3)
      .group_input_channels(5)
      .group_output_channels(7)
      .iterations(2)
      .TestQ8();
}

TEST(Deconvolution3x3, channels) {
  q8nn_test::TestGroupChannels(
      &DeconvolutionOperatorTester::TestQ8,
      DeconvolutionOperatorTester().input_size(3, 4).kernel_size(3).stride(2).padding(1),
      {1, 3, 17, 33}, {1, 3, 17, 33});
}

TEST(Deconvolution3x3, input_widths) {
  q8nn_test::TestInputWidths(&DeconvolutionOperatorTester::TestQ8,
                             DeconvolutionOperatorTester()
                                 .kernel_size(3)
                                 .stride(2)
                                 .padding(1)
                                 .group_input_channels(4)
                                 .group_output_channels(3),
                             2, 9);
}

TEST(Deconvolution3x3, pixel_strides_batch) {
  q8nn_test::TestBatchSizes(&DeconvolutionOperatorTester::TestQ8,
                            DeconvolutionOperatorTester()
                                .input_size(4, 3)
                                .kernel_size(3)
                                .stride(2)
                                .padding(1)
                                .groups(2)
                                .group_input_channels(5)
                                .group_output_channels(3)
                                .input_pixel_stride(13)
                                .output_pixel_stride(9),
                            {0, 1, 3});
}

TEST(Deconvolution3x3, qmin_qmax) {
  Deconv3x3Stride2().qmin(90).qmax(180).TestQ8();
}

TEST(Deconvolution3x3, without_bias) {
  Deconv3x3Stride2().has_bias(false).TestQ8();
}

TEST(DeconvolutionNonSquare, kernel_2x5) {
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(2, 5)
      .stride(2, 3)
      .padding(0, 1, 1, 2)
      .group_input_channels(5)
      .group_output_channels(4)
      .TestQ8();
}

TEST(DeconvolutionNonSquare, kernel_4x4_stride2) {
  // The usual upsampling layer: 4x4, stride 2, padding 1.
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(4)
      .stride(2)
      .padding(1)
      .group_input_channels(7)
      .group_output_channels(6)
      .TestQ8();
}

TEST(Deconvolution, setup_sequence) {
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .adjustment(1, 0)
      .groups(2)
      .group_input_channels(3)
      .group_output_channels(4)
      .output_pixel_stride(10)
      .batch_size(2)
      .TestSetupSequence(6, 2);
}

TEST(Deconvolution, all_isas) {
  q8nn_test::ForEachIsa([] {
    DeconvolutionOperatorTester()
        .input_size(4, 5)
        .kernel_size(3)
        .stride(2)
        .dilation(1, 2)
        .padding(1)
        .adjustment(1, 1)
        .groups(3)
        .group_input_channels(5)
        .group_output_channels(7)
        .input_pixel_stride(17)
        .output_pixel_stride(22)
        .batch_size(2)
        .TestQ8();
    DeconvolutionOperatorTester()
        .input_size(3, 3)
        .kernel_size(2)
        .stride(2)
        .group_input_channels(17)
        .group_output_channels(33)
        .TestQ8();
  });
}

TEST(Deconvolution, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  DeconvolutionOperatorTester()
      .input_size(5, 6)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .adjustment(1, 1)
      .groups(2)
      .group_input_channels(7)
      .group_output_channels(9)
      .batch_size(3)
      .TestQ8();
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .group_input_channels(5)
      .group_output_channels(6)
      .batch_size(2)
      .TestSetupSequence(3, 7);
}

TEST(Deconvolution3x3, one_channel_per_group) {
  // The depthwise shape: still the general deconvolution path.
  DeconvolutionOperatorTester()
      .input_size(4, 5)
      .kernel_size(3)
      .stride(2)
      .padding(1)
      .groups(9)
      .group_input_channels(1)
      .group_output_channels(1)
      .batch_size(2)
      .TestQ8();
}
