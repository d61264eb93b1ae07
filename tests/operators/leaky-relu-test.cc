#include "operators/leaky-relu-operator-tester.h"

using q8nn_test::LeakyReLUOperatorTester;

TEST(LeakyReLU, channels) {
  for (size_t channels : {1, 3, 7, 8, 15, 16, 17, 33, 100}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    LeakyReLUOperatorTester().channels(channels).batch_size(3).TestQ8();
  }
}

TEST(LeakyReLU, batch) {
  for (size_t batch : {0, 1, 3, 7}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    LeakyReLUOperatorTester().channels(13).batch_size(batch).TestQ8();
  }
}

TEST(LeakyReLU, strides) {
  LeakyReLUOperatorTester().channels(17).input_stride(20).output_stride(23).batch_size(4).TestQ8();
}

TEST(LeakyReLU, negative_slopes) {
  for (float slope : {0.01f, 0.1f, 0.25f, 0.5f, 0.99f, 1.0f}) {
    SCOPED_TRACE(testing::Message() << "slope " << slope);
    LeakyReLUOperatorTester().channels(32).batch_size(4).negative_slope(slope).TestQ8();
  }
}

TEST(LeakyReLU, quantizations) {
  const struct {
    uint8_t izp;
    float is;
    uint8_t ozp;
    float os;
  } cases[] = {{128, 1.0f, 128, 1.0f}, {0, 0.1f, 50, 0.1f},     {255, 0.02f, 200, 0.01f},
               {100, 2.0f, 30, 1.5f},  {128, 0.01f, 64, 0.02f}, {140, 0.7f, 128, 0.35f}};
  for (const auto& q : cases) {
    SCOPED_TRACE(testing::Message()
                 << int(q.izp) << " " << q.is << " " << int(q.ozp) << " " << q.os);
    LeakyReLUOperatorTester()
        .channels(32)
        .batch_size(4)
        .negative_slope(0.2f)
        .input_quantization(q.izp, q.is)
        .output_quantization(q.ozp, q.os)
        .TestQ8();
  }
}

TEST(LeakyReLU, qmin_qmax) {
  LeakyReLUOperatorTester().channels(32).batch_size(3).qmin(110).TestQ8();
  LeakyReLUOperatorTester().channels(32).batch_size(3).qmax(150).TestQ8();
}

TEST(LeakyReLU, in_place) {
  LeakyReLUOperatorTester().channels(17).batch_size(5).in_place(true).TestQ8();
  LeakyReLUOperatorTester().channels(9).input_stride(12).batch_size(3).in_place(true).TestQ8();
}

TEST(LeakyReLU, all_isas) {
  q8nn_test::ForEachIsa([] {
    LeakyReLUOperatorTester()
        .channels(33)
        .input_stride(35)
        .output_stride(40)
        .batch_size(3)
        .negative_slope(0.1f)
        .TestQ8();
  });
}

TEST(LeakyReLU, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  LeakyReLUOperatorTester().channels(19).batch_size(37).TestQ8();
  LeakyReLUOperatorTester().channels(19).input_stride(23).output_stride(21).batch_size(37).TestQ8();
}

TEST(LeakyReLU, setup_again) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_leaky_relu_nc_q8(13, 0.25f, 128, 0.5f, 100, 0.75f, 0, 255, 0, &op));
  auto ref = [](const uint8_t* row, size_t c) {
    const double x = 0.5 * (double(row[c]) - 128.0);
    const double y = (x > 0 ? x : 0.25 * x) / 0.75 + 100.0;
    return std::min(std::max(y, 0.0), 255.0);
  };
  std::mt19937 rng(7);
  const size_t cases[][3] = {{3, 13, 13}, {7, 20, 15}, {0, 13, 13}, {1, 13, 14}, {5, 13, 13}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << "batch " << c[0] << " strides " << c[1] << " " << c[2]);
    q8nn_test::TestNcOperator(op, qnnp_setup_leaky_relu_nc_q8, 13, c[0], c[1], c[2], false, rng,
                              ref, 0.6, false);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
