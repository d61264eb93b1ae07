#include "operators/add-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::AddOperatorTester;

TEST(Add, channels) {
  q8nn_test::TestSeededChannels(&AddOperatorTester::TestQ8, AddOperatorTester().batch_size(3),
                                {1, 3, 7, 8, 15, 16, 17, 33, 100});
}

TEST(Add, batch) {
  q8nn_test::TestBatchSizes(&AddOperatorTester::TestQ8,
                            AddOperatorTester().channels(13).iterations(2), {0, 1, 3, 7});
}

TEST(Add, strides) {
  AddOperatorTester()
      .channels(17)
      .a_stride(20)
      .b_stride(25)
      .sum_stride(19)
      .batch_size(4)
      .iterations(3)
      .TestQ8();
}

TEST(Add, contiguous_many_rows) {
  // Dense rows may be processed as one long vector.
  AddOperatorTester().channels(5).batch_size(37).iterations(2).TestQ8();
}

TEST(Add, qmin_qmax) {
  AddOperatorTester().channels(16).batch_size(4).qmin(128).TestQ8();
  AddOperatorTester().channels(16).batch_size(4).qmax(128).TestQ8();
  AddOperatorTester().channels(16).batch_size(4).qmin(60).qmax(190).TestQ8();
}

TEST(Add, fixed_quantizations) {
  AddOperatorTester()
      .channels(16)
      .batch_size(4)
      .quantization(128, 1.0f, 128, 1.0f, 128, 1.0f)
      .TestQ8();
  AddOperatorTester()
      .channels(16)
      .batch_size(4)
      .quantization(0, 1.0f, 255, 1.0f, 127, 2.0f)
      .TestQ8();
  AddOperatorTester()
      .channels(16)
      .batch_size(4)
      .quantization(100, 0.5f, 150, 3.0f, 90, 2.5f)
      .TestQ8();
  AddOperatorTester()
      .channels(16)
      .batch_size(4)
      .quantization(128, 1e-3f, 128, 1e-3f, 128, 3e-3f)
      .TestQ8();
}

TEST(Add, in_place_a) {
  AddOperatorTester().channels(17).batch_size(3).in_place_a(true).iterations(2).TestQ8();
  AddOperatorTester().channels(9).a_stride(12).b_stride(10).batch_size(3).in_place_a(true).TestQ8();
}

TEST(Add, in_place_b) {
  AddOperatorTester().channels(17).batch_size(3).in_place_b(true).iterations(2).TestQ8();
  AddOperatorTester().channels(9).a_stride(10).b_stride(12).batch_size(3).in_place_b(true).TestQ8();
}

TEST(Add, all_isas) {
  q8nn_test::ForEachIsa([] {
    AddOperatorTester()
        .channels(33)
        .a_stride(35)
        .b_stride(40)
        .sum_stride(34)
        .batch_size(3)
        .TestQ8();
    AddOperatorTester().channels(7).batch_size(9).in_place_a(true).TestQ8();
  });
}

TEST(Add, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  AddOperatorTester().channels(19).batch_size(37).TestQ8();
  AddOperatorTester().channels(19).a_stride(20).b_stride(23).sum_stride(21).batch_size(37).TestQ8();
  AddOperatorTester().channels(33).batch_size(37).in_place_a(true).TestQ8();
}

TEST(Add, setup_again) {
  // One operator set up with other batch sizes, strides and pointers.
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_add_nc_q8(11, 120, 0.5f, 135, 0.75f, 128, 1.0f, 0, 255, 0, &op));
  std::mt19937 rng(7);
  const size_t cases[][4] = {
      {3, 11, 11, 11}, {7, 13, 15, 12}, {0, 11, 11, 11}, {1, 11, 11, 14}, {5, 11, 11, 11}};
  for (const auto& c : cases) {
    const size_t batch = c[0], as = c[1], bs = c[2], ss = c[3];
    SCOPED_TRACE(testing::Message()
                 << "batch " << batch << " strides " << as << " " << bs << " " << ss);
    std::vector<uint8_t> a(q8nn_test::TensorSize(batch, 11, as));
    std::vector<uint8_t> b(q8nn_test::TensorSize(batch, 11, bs));
    std::vector<uint8_t> sum(q8nn_test::TensorSize(batch, 11, ss), q8nn_test::kSentinel);
    q8nn_test::FillRandom(a, rng);
    q8nn_test::FillRandom(b, rng);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_add_nc_q8(op, batch, a.data(), as, b.data(), bs, sum.data(), ss));
    ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    q8nn_test::CheckOutput(
        sum, batch, 11, ss,
        [&](size_t i, size_t ch) {
          const double y = (double(a[i * as + ch]) - 120.0) * 0.5 +
                           (double(b[i * bs + ch]) - 135.0) * 0.75 + 128.0;
          return std::min(std::max(y, 0.0), 255.0);
        },
        0.6);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
