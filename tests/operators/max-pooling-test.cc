#include "operators/max-pooling-operator-tester.h"

using q8nn_test::MaxPoolingOperatorTester;

TEST(MaxPooling, pool_2x2_stride2) {
  for (size_t channels : {1, 3, 8, 16, 17, 33}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    MaxPoolingOperatorTester()
        .input_size(8, 10)
        .pooling_size(2)
        .stride(2)
        .channels(channels)
        .seed(uint32_t(channels))
        .TestU8();
  }
}

TEST(MaxPooling, pool_3x3_stride2_padded) {
  for (size_t channels : {1, 3, 17, 33}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    MaxPoolingOperatorTester()
        .input_size(9, 8)
        .pooling_size(3)
        .stride(2)
        .padding(1)
        .channels(channels)
        .seed(uint32_t(channels))
        .TestU8();
  }
}

TEST(MaxPooling, pool_3x3_stride1) {
  MaxPoolingOperatorTester()
      .input_size(6, 7)
      .pooling_size(3)
      .padding(1)
      .channels(11)
      .iterations(2)
      .TestU8();
}

TEST(MaxPooling, asymmetric_padding) {
  MaxPoolingOperatorTester()
      .input_size(7, 6)
      .pooling_size(3)
      .padding(1, 0, 2, 2)
      .channels(9)
      .TestU8();
}

TEST(MaxPooling, non_square) {
  const uint32_t sizes[][2] = {{1, 2}, {2, 1}, {1, 3}, {3, 2}, {2, 5}};
  for (const auto& k : sizes) {
    SCOPED_TRACE(testing::Message() << k[0] << "x" << k[1]);
    MaxPoolingOperatorTester()
        .input_size(7, 9)
        .pooling_size(k[0], k[1])
        .stride(2, 1)
        .padding(k[0] / 2, k[1] / 2, k[0] / 2, k[1] / 2)
        .channels(6)
        .TestU8();
  }
}

TEST(MaxPooling, pool_1x1) {
  MaxPoolingOperatorTester().input_size(4, 5).pooling_size(1).channels(7).TestU8();
  MaxPoolingOperatorTester().input_size(6, 5).pooling_size(1).stride(2).channels(3).TestU8();
}

TEST(MaxPooling, dilation) {
  MaxPoolingOperatorTester()
      .input_size(9, 10)
      .pooling_size(3)
      .dilation(2)
      .padding(2)
      .channels(7)
      .TestU8();
  MaxPoolingOperatorTester()
      .input_size(9, 10)
      .pooling_size(2, 3)
      .dilation(3, 2)
      .stride(2)
      .padding(1, 0, 2, 1)
      .channels(5)
      .TestU8();
}

TEST(MaxPooling, large_windows) {
  const uint32_t sizes[][2] = {{3, 4}, {5, 5}, {7, 7}, {9, 3}};
  for (const auto& k : sizes) {
    SCOPED_TRACE(testing::Message() << k[0] << "x" << k[1]);
    MaxPoolingOperatorTester()
        .input_size(12, 11)
        .pooling_size(k[0], k[1])
        .stride(2)
        .padding(1)
        .channels(10)
        .TestU8();
  }
}

TEST(MaxPooling, windows_entirely_in_padding) {
  // The first and last output rows and columns see only padding.
  MaxPoolingOperatorTester()
      .input_size(4, 5)
      .pooling_size(2)
      .stride(2)
      .padding(2)
      .channels(3)
      .qmin(7)
      .TestU8();
}

TEST(MaxPooling, output_widths) {
  for (size_t w = 1; w <= 11; w++) {
    SCOPED_TRACE(testing::Message() << "width " << w);
    MaxPoolingOperatorTester()
        .input_size(3, w)
        .pooling_size(3)
        .padding(1)
        .channels(5)
        .seed(uint32_t(w))
        .TestU8();
  }
}

TEST(MaxPooling, pixel_strides) {
  MaxPoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(13)
      .input_pixel_stride(17)
      .output_pixel_stride(21)
      .batch_size(2)
      .TestU8();
}

TEST(MaxPooling, batch) {
  for (size_t batch : {0, 1, 3}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    MaxPoolingOperatorTester()
        .input_size(5, 4)
        .pooling_size(2)
        .stride(2)
        .channels(9)
        .output_pixel_stride(10)
        .batch_size(batch)
        .TestU8();
  }
}

TEST(MaxPooling, qmin_qmax) {
  MaxPoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmin(200).TestU8();
  MaxPoolingOperatorTester().input_size(6, 5).pooling_size(2).channels(13).qmax(220).TestU8();
  MaxPoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(3)
      .padding(1)
      .channels(13)
      .qmin(90)
      .qmax(230)
      .TestU8();
}

TEST(MaxPooling, setup_sequence) {
  MaxPoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(7)
      .input_pixel_stride(9)
      .batch_size(2)
      .TestSetupSequence(9, 4);
}

TEST(MaxPooling, all_isas) {
  q8nn_test::ForEachIsa([] {
    MaxPoolingOperatorTester()
        .input_size(7, 6)
        .pooling_size(3)
        .stride(2)
        .padding(1)
        .channels(17)
        .input_pixel_stride(19)
        .output_pixel_stride(20)
        .batch_size(2)
        .TestU8();
    MaxPoolingOperatorTester()
        .input_size(11, 10)
        .pooling_size(5, 4)
        .dilation(2, 1)
        .channels(33)
        .qmax(240)
        .TestU8();
  });
}

TEST(MaxPooling, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  MaxPoolingOperatorTester()
      .input_size(10, 11)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(19)
      .batch_size(3)
      .TestU8();
  MaxPoolingOperatorTester()
      .input_size(12, 12)
      .pooling_size(5)
      .dilation(2)
      .channels(9)
      .output_pixel_stride(12)
      .batch_size(2)
      .TestU8();
  MaxPoolingOperatorTester()
      .input_size(6, 5)
      .pooling_size(2)
      .stride(2)
      .channels(8)
      .batch_size(2)
      .TestSetupSequence(4, 9);
}
