#include "operators/fully-connected-operator-tester.h"

using q8nn_test::FullyConnectedOperatorTester;

namespace {

// 6 rows of 13 channels to 10.
FullyConnectedOperatorTester Rows13To10() {
  return FullyConnectedOperatorTester().batch_size(6).input_channels(13).output_channels(10);
}

}  // namespace

TEST(FullyConnected, basic) {
  FullyConnectedOperatorTester()
      .batch_size(7)
      .input_channels(23)
      .output_channels(19)
      .iterations(3)
      .TestQ8();
}

TEST(FullyConnected, channels) {
  for (size_t ic : {1, 3, 8, 17, 33, 100}) {
    for (size_t oc : {1, 3, 17, 33}) {
      SCOPED_TRACE(testing::Message() << "ic " << ic << " oc " << oc);
      FullyConnectedOperatorTester()
          .batch_size(5)
          .input_channels(ic)
          .output_channels(oc)
          .seed(uint32_t(ic * 100 + oc))
          .TestQ8();
    }
  }
}

TEST(FullyConnected, batch_sizes) {
  for (size_t batch = 0; batch <= 13; batch++) {
    SCOPED_TRACE(testing::Message() << "batch " << batch);
    FullyConnectedOperatorTester()
        .batch_size(batch)
        .input_channels(11)
        .output_channels(9)
        .seed(uint32_t(batch))
        .TestQ8();
  }
}

TEST(FullyConnected, strides) {
  Rows13To10().input_stride(20).output_stride(17).iterations(2).TestQ8();
}

TEST(FullyConnected, qmin) {
  Rows13To10().qmin(128).TestQ8();
}

TEST(FullyConnected, qmax) {
  Rows13To10().qmax(128).TestQ8();
}

TEST(FullyConnected, without_bias) {
  Rows13To10().has_bias(false).TestQ8();
}

TEST(FullyConnected, setup_sequence) {
  FullyConnectedOperatorTester()
      .batch_size(3)
      .input_channels(21)
      .output_channels(6)
      .input_stride(24)
      .output_stride(8)
      .TestSetupSequence();
}

TEST(FullyConnected, all_isas) {
  q8nn_test::ForEachIsa([] {
    FullyConnectedOperatorTester()
        .batch_size(5)
        .input_channels(33)
        .output_channels(17)
        .input_stride(40)
        .output_stride(19)
        .TestQ8();
    FullyConnectedOperatorTester().batch_size(3).input_channels(3).output_channels(1).TestQ8();
  });
}

TEST(FullyConnected, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  FullyConnectedOperatorTester()
      .batch_size(37)
      .input_channels(33)
      .output_channels(29)
      .input_stride(40)
      .TestQ8();
  FullyConnectedOperatorTester()
      .batch_size(5)
      .input_channels(15)
      .output_channels(9)
      .TestSetupSequence();
}
