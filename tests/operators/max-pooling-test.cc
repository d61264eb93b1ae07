#include "operators/max-pooling-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::MaxPoolingOperatorTester;

TEST(MaxPooling, pool_2x2_stride2) {
  q8nn_test::TestSeededChannels(
      &MaxPoolingOperatorTester::TestU8,
      MaxPoolingOperatorTester().input_size(8, 10).pooling_size(2).stride(2),
      {1, 3, 8, 16, 17, 33});
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
  q8nn_test::TestWindowSizes(&MaxPoolingOperatorTester::TestU8,
                             MaxPoolingOperatorTester().input_size(7, 9).stride(2, 1).channels(6),
                             {{1, 2}, {2, 1}, {1, 3}, {3, 2}, {2, 5}}, true);
}

TEST(MaxPooling, pool_1x1) {
  q8nn_test::TestPool1x1(&MaxPoolingOperatorTester::TestU8);
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
  q8nn_test::TestWindowSizes(
      &MaxPoolingOperatorTester::TestU8,
      MaxPoolingOperatorTester().input_size(12, 11).stride(2).padding(1).channels(10),
      {{3, 4}, {5, 5}, {7, 7}, {9, 3}}, false);
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
  q8nn_test::TestPoolOutputWidths(&MaxPoolingOperatorTester::TestU8);
}

TEST(MaxPooling, pixel_strides) {
  q8nn_test::TestPoolPixelStrides(&MaxPoolingOperatorTester::TestU8, 6, 5, 13, 17, 21);
}

TEST(MaxPooling, batch) {
  q8nn_test::TestBatchSizes(&MaxPoolingOperatorTester::TestU8,
                            MaxPoolingOperatorTester()
                                .input_size(5, 4)
                                .pooling_size(2)
                                .stride(2)
                                .channels(9)
                                .output_pixel_stride(10),
                            {0, 1, 3});
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
  q8nn_test::TestPoolSetupSequence<MaxPoolingOperatorTester>();
}

TEST(MaxPooling, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestPoolPixelStrides(&MaxPoolingOperatorTester::TestU8, 7, 6, 17, 19, 20);
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
  q8nn_test::TestPoolMultithreaded(&MaxPoolingOperatorTester::TestU8, MaxPoolingOperatorTester()
                                                                          .input_size(12, 12)
                                                                          .pooling_size(5)
                                                                          .dilation(2)
                                                                          .channels(9)
                                                                          .output_pixel_stride(12)
                                                                          .batch_size(2));
}
