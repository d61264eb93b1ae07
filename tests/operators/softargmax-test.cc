#include "operators/shared-test-cases.h"
#include "operators/softargmax-operator-tester.h"

using q8nn_test::SoftArgMaxOperatorTester;

TEST(SoftArgMax, channels) {
  q8nn_test::TestRowChannels(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester(),
                             {1, 2, 3, 7, 8, 15, 16, 17, 33, 100, 1000});
}

// Rows whose maximum is low: the kernels normalize the table from entry 255 -
// max on, which must stay inside the operator's table (found by fuzzing: a
// 1000-class head read past it on every x86 ISA).
TEST(SoftArgMax, long_rows_with_a_low_maximum) {
  for (size_t channels : {257, 300, 1000}) {
    for (uint8_t input_max : {20, 100, 238}) {
      SCOPED_TRACE(testing::Message() << channels << " channels, maximum " << int(input_max));
      SoftArgMaxOperatorTester()
          .channels(channels)
          .batch_size(3)
          .input_max(input_max)
          .input_scale(0.5f)
          .TestQ8();
    }
  }
}

TEST(SoftArgMax, batch) {
  q8nn_test::TestRowBatches(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester());
}

TEST(SoftArgMax, strides) {
  q8nn_test::TestRowStrides(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester());
}

TEST(SoftArgMax, input_scales) {
  for (float scale : {0.001f, 0.01f, 0.05f, 0.176f, 0.5f, 1.0f, 10.0f}) {
    SCOPED_TRACE(testing::Message() << "input scale " << scale);
    SoftArgMaxOperatorTester().channels(10).batch_size(5).input_scale(scale).TestQ8();
  }
}

TEST(SoftArgMax, in_place) {
  q8nn_test::TestRowInPlace(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester());
}

TEST(SoftArgMax, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestRowWideStrides(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester());
    SoftArgMaxOperatorTester().channels(5).batch_size(4).input_scale(0.3f).TestQ8();
  });
}

TEST(SoftArgMax, multithreaded) {
  q8nn_test::TestRowMultithreaded(&SoftArgMaxOperatorTester::TestQ8, SoftArgMaxOperatorTester());
}

TEST(SoftArgMax, setup_again) {
  q8nn_test::TestRowSetupAgain(
      [](qnnp_operator_t* op) {
        return qnnp_create_softargmax_nc_q8(13, 0.1f, 0, 1.0f / 256.0f, 0, op);
      },
      qnnp_setup_softargmax_nc_q8, 13,
      [](const uint8_t* row, size_t c) {
        const int max = *std::max_element(row, row + 13);
        double sum = 0.0;
        for (size_t j = 0; j < 13; j++) sum += std::exp(0.1 * (int(row[j]) - max));
        return std::min(std::exp(0.1 * (int(row[c]) - max)) / sum * 256.0, 255.0);
      },
      0.6);
}
