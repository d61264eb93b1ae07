#include "operators/softargmax-operator-tester.h"

using q8nn_test::SoftArgMaxOperatorTester;

TEST(SoftArgMax, channels) {
  for (size_t channels : {1, 2, 3, 7, 8, 15, 16, 17, 33, 100, 1000}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    SoftArgMaxOperatorTester().channels(channels).batch_size(3).TestQ8();
  }
}

TEST(SoftArgMax, batch) {
  for (size_t batch : {0, 1, 3, 7}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    SoftArgMaxOperatorTester().channels(13).batch_size(batch).TestQ8();
  }
}

TEST(SoftArgMax, strides) {
  SoftArgMaxOperatorTester().channels(17).input_stride(20).output_stride(23).batch_size(4).TestQ8();
}

TEST(SoftArgMax, input_scales) {
  for (float scale : {0.001f, 0.01f, 0.05f, 0.176f, 0.5f, 1.0f, 10.0f}) {
    SCOPED_TRACE(testing::Message() << "input scale " << scale);
    SoftArgMaxOperatorTester().channels(10).batch_size(5).input_scale(scale).TestQ8();
  }
}

TEST(SoftArgMax, in_place) {
  SoftArgMaxOperatorTester().channels(17).batch_size(5).in_place(true).TestQ8();
  SoftArgMaxOperatorTester().channels(9).input_stride(12).batch_size(3).in_place(true).TestQ8();
}

TEST(SoftArgMax, all_isas) {
  q8nn_test::ForEachIsa([] {
    SoftArgMaxOperatorTester()
        .channels(33)
        .input_stride(35)
        .output_stride(40)
        .batch_size(3)
        .TestQ8();
    SoftArgMaxOperatorTester().channels(5).batch_size(4).input_scale(0.3f).TestQ8();
  });
}

TEST(SoftArgMax, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  SoftArgMaxOperatorTester().channels(19).batch_size(37).TestQ8();
  SoftArgMaxOperatorTester()
      .channels(19)
      .input_stride(23)
      .output_stride(21)
      .batch_size(37)
      .TestQ8();
}

TEST(SoftArgMax, setup_again) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success, qnnp_create_softargmax_nc_q8(13, 0.1f, 0, 1.0f / 256.0f, 0, &op));
  auto ref = [](const uint8_t* row, size_t c) {
    const int max = *std::max_element(row, row + 13);
    double sum = 0.0;
    for (size_t j = 0; j < 13; j++) sum += std::exp(0.1 * (int(row[j]) - max));
    return std::min(std::exp(0.1 * (int(row[c]) - max)) / sum * 256.0, 255.0);
  };
  std::mt19937 rng(7);
  const size_t cases[][3] = {{3, 13, 13}, {7, 20, 15}, {0, 13, 13}, {1, 13, 14}, {5, 13, 13}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << "batch " << c[0] << " strides " << c[1] << " " << c[2]);
    q8nn_test::TestNcOperator(op, qnnp_setup_softargmax_nc_q8, 13, c[0], c[1], c[2], false, rng,
                              ref, 0.6, false);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
