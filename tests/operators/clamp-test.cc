#include "operators/clamp-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::ClampOperatorTester;

TEST(Clamp, channels) {
  q8nn_test::TestRowChannels(&ClampOperatorTester::TestU8, ClampOperatorTester().qmin(50).qmax(200),
                             {1, 3, 7, 8, 15, 16, 17, 33, 100});
}

TEST(Clamp, batch) {
  q8nn_test::TestRowBatches(&ClampOperatorTester::TestU8, ClampOperatorTester().qmin(40).qmax(180));
}

TEST(Clamp, strides) {
  q8nn_test::TestRowStrides(&ClampOperatorTester::TestU8,
                            ClampOperatorTester().qmin(30).qmax(220).iterations(2));
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
  q8nn_test::TestRowInPlace(&ClampOperatorTester::TestU8, ClampOperatorTester().qmin(60).qmax(190));
}

TEST(Clamp, all_isas) {
  q8nn_test::ForEachIsa([] {
    q8nn_test::TestRowWideStrides(&ClampOperatorTester::TestU8,
                                  ClampOperatorTester().qmin(20).qmax(230));
    ClampOperatorTester().channels(5).batch_size(19).qmin(100).qmax(101).TestU8();
  });
}

TEST(Clamp, multithreaded) {
  q8nn_test::TestRowMultithreaded(&ClampOperatorTester::TestU8,
                                  ClampOperatorTester().qmin(30).qmax(200));
}

TEST(Clamp, setup_again) {
  q8nn_test::TestRowSetupAgain(
      [](qnnp_operator_t* op) { return qnnp_create_clamp_nc_u8(13, 50, 180, 0, op); },
      qnnp_setup_clamp_nc_u8, 13,
      [](const uint8_t* row, size_t c) { return double(std::min(std::max(int(row[c]), 50), 180)); },
      0.0);
}
