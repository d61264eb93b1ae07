#include "operators/leaky-relu-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::LeakyReLUOperatorTester;

TEST(LeakyReLU, channels) {
  q8nn_test::TestRowChannels(&LeakyReLUOperatorTester::TestQ8, LeakyReLUOperatorTester(),
                             {1, 3, 7, 8, 15, 16, 17, 33, 100});
}

TEST(LeakyReLU, batch) {
  q8nn_test::TestRowBatches(&LeakyReLUOperatorTester::TestQ8, LeakyReLUOperatorTester());
}

TEST(LeakyReLU, strides) {
  q8nn_test::TestRowStrides(&LeakyReLUOperatorTester::TestQ8, LeakyReLUOperatorTester());
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
  q8nn_test::TestRowInPlace(&LeakyReLUOperatorTester::TestQ8, LeakyReLUOperatorTester());
}

TEST(LeakyReLU, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestRowWideStrides(&LeakyReLUOperatorTester::TestQ8,
                                  LeakyReLUOperatorTester().negative_slope(0.1f));
  });
}

TEST(LeakyReLU, multithreaded) {
  q8nn_test::TestRowMultithreaded(&LeakyReLUOperatorTester::TestQ8, LeakyReLUOperatorTester());
}

TEST(LeakyReLU, setup_again) {
  q8nn_test::TestRowSetupAgain(
      [](qnnp_operator_t* op) {
        return qnnp_create_leaky_relu_nc_q8(13, 0.25f, 128, 0.5f, 100, 0.75f, 0, 255, 0, op);
      },
      qnnp_setup_leaky_relu_nc_q8, 13,
      [](const uint8_t* row, size_t c) {
        const double x = 0.5 * (double(row[c]) - 128.0);
        const double y = (x > 0 ? x : 0.25 * x) / 0.75 + 100.0;
        return std::min(std::max(y, 0.0), 255.0);
      },
      0.6);
}
