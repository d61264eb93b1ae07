#include "operators/average-pooling-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::AveragePoolingOperatorTester;

TEST(AveragePooling, pool_2x2_stride2) {
  q8nn_test::TestSeededChannels(
      &AveragePoolingOperatorTester::TestQ8,
      AveragePoolingOperatorTester().input_size(8, 10).pooling_size(2).stride(2),
      {1, 3, 8, 17, 33});
}

TEST(AveragePooling, pool_3x3_padded) {
  for (size_t channels : {1, 3, 8, 17, 33}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    AveragePoolingOperatorTester()
        .input_size(6, 7)
        .pooling_size(3)
        .padding(1)
        .channels(channels)
        .seed(uint32_t(channels))
        .TestQ8();
  }
}

TEST(AveragePooling, pool_3x3_stride2_padded) {
  AveragePoolingOperatorTester()
      .input_size(9, 8)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(19)
      .iterations(2)
      .TestQ8();
}

TEST(AveragePooling, asymmetric_padding) {
  AveragePoolingOperatorTester()
      .input_size(7, 6)
      .pooling_size(3)
      .padding(1, 0, 2, 2)
      .channels(11)
      .iterations(2)
      .TestQ8();
}

TEST(AveragePooling, non_square) {
  q8nn_test::TestWindowSizes(
      &AveragePoolingOperatorTester::TestQ8,
      AveragePoolingOperatorTester().input_size(7, 8).stride(1, 2).channels(10),
      {{1, 3}, {3, 1}, {3, 2}, {2, 5}}, true);
}

TEST(AveragePooling, pool_1x1) {
  q8nn_test::TestPool1x1(&AveragePoolingOperatorTester::TestQ8);
}

TEST(AveragePooling, large_windows) {
  // Windows of 25 and more elements: multipass kernels.
  q8nn_test::TestWindowSizes(
      &AveragePoolingOperatorTester::TestQ8,
      AveragePoolingOperatorTester().input_size(14, 12).stride(3).padding(1).channels(9),
      {{5, 5}, {7, 7}, {4, 9}, {13, 2}}, false);
}

TEST(AveragePooling, window_equals_input) {
  AveragePoolingOperatorTester()
      .input_size(7, 7)
      .pooling_size(7)
      .channels(33)
      .batch_size(2)
      .TestQ8();
}

TEST(AveragePooling, output_widths) {
  q8nn_test::TestPoolOutputWidths(&AveragePoolingOperatorTester::TestQ8);
}

TEST(AveragePooling, pixel_strides) {
  q8nn_test::TestPoolPixelStrides(&AveragePoolingOperatorTester::TestQ8, 6, 5, 13, 17, 21);
}

TEST(AveragePooling, batch) {
  q8nn_test::TestBatchSizes(&AveragePoolingOperatorTester::TestQ8,
                            AveragePoolingOperatorTester()
                                .input_size(5, 4)
                                .pooling_size(2)
                                .stride(2)
                                .padding(0, 1, 1, 0)
                                .channels(9)
                                .output_pixel_stride(10),
                            {0, 1, 3});
}

TEST(AveragePooling, qmin_qmax) {
  AveragePoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmin(120).TestQ8();
  AveragePoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmax(130).TestQ8();
}

TEST(AveragePooling, setup_sequence) {
  q8nn_test::TestPoolSetupSequence<AveragePoolingOperatorTester>();
}

TEST(AveragePooling, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestPoolPixelStrides(&AveragePoolingOperatorTester::TestQ8, 7, 6, 17, 19, 20);
    AveragePoolingOperatorTester()
        .input_size(9, 9)
        .pooling_size(6, 5)
        .stride(2)
        .padding(1)
        .channels(33)
        .TestQ8();
  });
}

TEST(AveragePooling, multithreaded) {
  q8nn_test::TestPoolMultithreaded(&AveragePoolingOperatorTester::TestQ8,
                                   AveragePoolingOperatorTester()
                                       .input_size(12, 12)
                                       .pooling_size(6)
                                       .stride(2)
                                       .channels(9)
                                       .output_pixel_stride(12)
                                       .batch_size(2));
}
