#include "operators/clamp-operator-tester.h"

using q8nn_test::ClampOperatorTester;

TEST(Clamp, channels) {
  for (size_t channels : {1, 3, 7, 8, 15, 16, 17, 33, 100}) {
    SCOPED_TRACE(testing::Message() << "channels " << channels);
    ClampOperatorTester().channels(channels).batch_size(3).qmin(50).qmax(200).TestU8();
  }
}

TEST(Clamp, batch) {
  for (size_t batch : {0, 1, 3, 7}) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    ClampOperatorTester().channels(13).batch_size(batch).qmin(40).qmax(180).TestU8();
  }
}

TEST(Clamp, strides) {
  ClampOperatorTester()
      .channels(17)
      .input_stride(20)
      .output_stride(23)
      .batch_size(4)
      .qmin(30)
      .qmax(220)
      .iterations(2)
      .TestU8();
}

TEST(Clamp, bounds) {
  for (int qmin : {0, 1, 77, 128, 254, 255}) {
    for (int qmax : {0, 1, 77, 128, 254, 255}) {
      if (qmin > qmax) continue;
      SCOPED_TRACE(testing::Message() << "qmin " << qmin << " qmax " << qmax);
      ClampOperatorTester()
          .channels(19)
          .batch_size(3)
          .qmin(uint8_t(qmin))
          .qmax(uint8_t(qmax))
          .TestU8();
    }
  }
}

TEST(Clamp, in_place) {
  ClampOperatorTester().channels(17).batch_size(5).qmin(60).qmax(190).in_place(true).TestU8();
  ClampOperatorTester()
      .channels(9)
      .input_stride(12)
      .batch_size(3)
      .qmin(60)
      .qmax(190)
      .in_place(true)
      .TestU8();
}

TEST(Clamp, all_isas) {
  q8nn_test::ForEachIsa([] {
    ClampOperatorTester()
        .channels(33)
        .input_stride(35)
        .output_stride(40)
        .batch_size(3)
        .qmin(20)
        .qmax(230)
        .TestU8();
    ClampOperatorTester().channels(5).batch_size(19).qmin(100).qmax(101).TestU8();
  });
}

TEST(Clamp, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  ClampOperatorTester().channels(19).batch_size(37).qmin(30).qmax(200).TestU8();
  ClampOperatorTester()
      .channels(19)
      .input_stride(23)
      .output_stride(21)
      .batch_size(37)
      .qmin(30)
      .qmax(200)
      .TestU8();
}

TEST(Clamp, setup_again) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success, qnnp_create_clamp_nc_u8(13, 50, 180, 0, &op));
  auto ref = [](const uint8_t* row, size_t c) {
    return double(std::min(std::max(int(row[c]), 50), 180));
  };
  std::mt19937 rng(7);
  const size_t cases[][3] = {{3, 13, 13}, {7, 20, 15}, {0, 13, 13}, {1, 13, 14}, {5, 13, 13}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << "batch " << c[0] << " strides " << c[1] << " " << c[2]);
    q8nn_test::TestNcOperator(op, qnnp_setup_clamp_nc_u8, 13, c[0], c[1], c[2], false, rng, ref,
                              0.0, false);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
