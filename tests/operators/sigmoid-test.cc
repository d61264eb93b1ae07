#include "operators/shared-test-cases.h"
#include "operators/sigmoid-operator-tester.h"

using q8nn_test::SigmoidOperatorTester;

TEST(Sigmoid, channels) {
  q8nn_test::TestRowChannels(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester(),
                             {1, 3, 7, 8, 15, 16, 17, 33, 100});
}

TEST(Sigmoid, batch) {
  q8nn_test::TestRowBatches(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester());
}

TEST(Sigmoid, strides) {
  q8nn_test::TestRowStrides(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester().iterations(2));
}

TEST(Sigmoid, input_quantizations) {
  const struct {
    uint8_t zero_point;
    float scale;
  } cases[] = {{0, 0.02f}, {128, 0.05f}, {255, 0.03f}, {100, 0.5f}, {140, 0.001f}};
  for (const auto& q : cases) {
    SCOPED_TRACE(testing::Message() << "input zp " << int(q.zero_point) << " scale " << q.scale);
    SigmoidOperatorTester()
        .channels(32)
        .batch_size(4)
        .input_quantization(q.zero_point, q.scale)
        .TestQ8();
  }
}

TEST(Sigmoid, output_quantizations) {
  // Not QNNPACK's 1/256 and 0: q8nn accepts any output quantization.
  const struct {
    uint8_t zero_point;
    float scale;
  } cases[] = {{128, 1.0f / 256.0f},
               {0, 1.0f / 255.0f},
               {10, 1.0f / 200.0f},
               {100, 0.01f},
               {0, 1.0f / 512.0f}};
  for (const auto& q : cases) {
    SCOPED_TRACE(testing::Message() << "output zp " << int(q.zero_point) << " scale " << q.scale);
    SigmoidOperatorTester()
        .channels(32)
        .batch_size(4)
        .output_quantization(q.zero_point, q.scale)
        .TestQ8();
  }
}

TEST(Sigmoid, qmin_qmax) {
  SigmoidOperatorTester().channels(32).batch_size(3).qmin(128).TestQ8();
  SigmoidOperatorTester().channels(32).batch_size(3).qmax(128).TestQ8();
  SigmoidOperatorTester().channels(32).batch_size(3).qmin(40).qmax(200).TestQ8();
}

TEST(Sigmoid, in_place) {
  q8nn_test::TestRowInPlace(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester());
}

TEST(Sigmoid, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestRowWideStrides(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester());
    SigmoidOperatorTester()
        .channels(16)
        .batch_size(4)
        .output_quantization(100, 0.01f)
        .in_place(true)
        .TestQ8();
  });
}

TEST(Sigmoid, multithreaded) {
  q8nn_test::TestRowMultithreaded(&SigmoidOperatorTester::TestQ8, SigmoidOperatorTester());
}

TEST(Sigmoid, setup_again) {
  // One operator set up with other batch sizes, strides and pointers.
  q8nn_test::TestRowSetupAgain(
      [](qnnp_operator_t* op) {
        return qnnp_create_sigmoid_nc_q8(13, 121, 0.0625f, 0, 1.0f / 256.0f, 0, 255, 0, op);
      },
      qnnp_setup_sigmoid_nc_q8, 13,
      [](const uint8_t* row, size_t c) {
        const double x = 0.0625 * (double(row[c]) - 121.0);
        return std::min(1.0 / (1.0 + std::exp(-x)) * 256.0, 255.0);
      },
      0.6);
}
