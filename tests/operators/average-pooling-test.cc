#include "operators/average-pooling-operator-tester.h"

using q8nn_test::AveragePoolingOperatorTester;

TEST(AveragePooling, pool_2x2_stride2) {
  for (size_t channels : {1, 3, 8, 17, 33}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    AveragePoolingOperatorTester()
        .input_size(8, 10)
        .pooling_size(2)
        .stride(2)
        .channels(channels)
        .seed(uint32_t(channels))
        .TestQ8();
  }
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
  const uint32_t sizes[][2] = {{1, 3}, {3, 1}, {3, 2}, {2, 5}};
  for (const auto& k : sizes) {
    SCOPED_TRACE(testing::Message() << k[0] << "x" << k[1]);
    AveragePoolingOperatorTester()
        .input_size(7, 8)
        .pooling_size(k[0], k[1])
        .stride(1, 2)
        .padding(k[0] / 2, k[1] / 2, k[0] / 2, k[1] / 2)
        .channels(10)
        .TestQ8();
  }
}

TEST(AveragePooling, pool_1x1) {
  AveragePoolingOperatorTester().input_size(4, 5).pooling_size(1).channels(7).TestQ8();
  AveragePoolingOperatorTester().input_size(6, 5).pooling_size(1).stride(2).channels(3).TestQ8();
}

TEST(AveragePooling, large_windows) {
  // Windows of 25 and more elements: multipass kernels.
  const uint32_t sizes[][2] = {{5, 5}, {7, 7}, {4, 9}, {13, 2}};
  for (const auto& k : sizes) {
    SCOPED_TRACE(testing::Message() << k[0] << "x" << k[1]);
    AveragePoolingOperatorTester()
        .input_size(14, 12)
        .pooling_size(k[0], k[1])
        .stride(3)
        .padding(1)
        .channels(9)
        .TestQ8();
  }
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
  for (size_t w = 1; w <= 11; w++) {
    SCOPED_TRACE(testing::Message() << "width " << w);
    AveragePoolingOperatorTester()
        .input_size(3, w)
        .pooling_size(3)
        .padding(1)
        .channels(5)
        .seed(uint32_t(w))
        .TestQ8();
  }
}

TEST(AveragePooling, pixel_strides) {
  AveragePoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(13)
      .input_pixel_stride(17)
      .output_pixel_stride(21)
      .batch_size(2)
      .TestQ8();
}

TEST(AveragePooling, batch) {
  for (size_t batch : {0, 1, 3}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    AveragePoolingOperatorTester()
        .input_size(5, 4)
        .pooling_size(2)
        .stride(2)
        .padding(0, 1, 1, 0)
        .channels(9)
        .output_pixel_stride(10)
        .batch_size(batch)
        .TestQ8();
  }
}

TEST(AveragePooling, qmin_qmax) {
  AveragePoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmin(120).TestQ8();
  AveragePoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmax(130).TestQ8();
}

TEST(AveragePooling, setup_sequence) {
  AveragePoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(7)
      .input_pixel_stride(9)
      .batch_size(2)
      .TestSetupSequence(9, 4);
}

TEST(AveragePooling, all_isas) {
  q8nn_test::ForEachIsa([] {
    AveragePoolingOperatorTester()
        .input_size(7, 6)
        .pooling_size(3)
        .stride(2)
        .padding(1)
        .channels(17)
        .input_pixel_stride(19)
        .output_pixel_stride(20)
        .batch_size(2)
        .TestQ8();
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
  q8nn_test::MultithreadedScope multithreaded;
  AveragePoolingOperatorTester()
      .input_size(10, 11)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(19)
      .batch_size(3)
      .TestQ8();
  AveragePoolingOperatorTester()
      .input_size(12, 12)
      .pooling_size(6)
      .stride(2)
      .channels(9)
      .output_pixel_stride(12)
      .batch_size(2)
      .TestQ8();
  AveragePoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(2)
      .stride(2)
      .channels(8)
      .batch_size(2)
      .TestSetupSequence(4, 9);
}
