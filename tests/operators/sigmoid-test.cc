#include "operators/sigmoid-operator-tester.h"

using q8nn_test::SigmoidOperatorTester;

TEST(Sigmoid, channels) {
  for (size_t channels : {1, 3, 7, 8, 15, 16, 17, 33, 100}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    SigmoidOperatorTester().channels(channels).batch_size(3).TestQ8();
  }
}

TEST(Sigmoid, batch) {
  for (size_t batch : {0, 1, 3, 7}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    SigmoidOperatorTester().channels(13).batch_size(batch).TestQ8();
  }
}

TEST(Sigmoid, strides) {
  SigmoidOperatorTester()
      .channels(17)
      .input_stride(20)
      .output_stride(23)
      .batch_size(4)
      .iterations(2)
      .TestQ8();
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
  SigmoidOperatorTester().channels(17).batch_size(5).in_place(true).TestQ8();
  SigmoidOperatorTester().channels(9).input_stride(12).batch_size(3).in_place(true).TestQ8();
}

TEST(Sigmoid, all_isas) {
  q8nn_test::ForEachIsa([] {
    SigmoidOperatorTester().channels(33).input_stride(35).output_stride(40).batch_size(3).TestQ8();
    SigmoidOperatorTester()
        .channels(16)
        .batch_size(4)
        .output_quantization(100, 0.01f)
        .in_place(true)
        .TestQ8();
  });
}

TEST(Sigmoid, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  SigmoidOperatorTester().channels(19).batch_size(37).TestQ8();
  SigmoidOperatorTester().channels(19).input_stride(23).output_stride(21).batch_size(37).TestQ8();
}

TEST(Sigmoid, setup_again) {
  // One operator set up with other batch sizes, strides and pointers.
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_sigmoid_nc_q8(13, 121, 0.0625f, 0, 1.0f / 256.0f, 0, 255, 0, &op));
  auto ref = [](const uint8_t* row, size_t c) {
    const double x = 0.0625 * (double(row[c]) - 121.0);
    return std::min(1.0 / (1.0 + std::exp(-x)) * 256.0, 255.0);
  };
  std::mt19937 rng(7);
  const size_t cases[][3] = {{3, 13, 13}, {7, 20, 15}, {0, 13, 13}, {1, 13, 14}, {5, 13, 13}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << "batch " << c[0] << " strides " << c[1] << " " << c[2]);
    q8nn_test::TestNcOperator(op, qnnp_setup_sigmoid_nc_q8, 13, c[0], c[1], c[2], false, rng, ref,
                              0.6, false);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
