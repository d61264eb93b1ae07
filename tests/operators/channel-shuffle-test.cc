#include "operators/channel-shuffle-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::ChannelShuffleOperatorTester;

TEST(ChannelShuffle, groups_and_channels) {
  // 2, 3 and 4 groups have dedicated kernels; more take the general one.
  for (size_t groups : {2, 3, 4, 5, 7, 16}) {
    for (size_t group_channels : {1, 2, 3, 7, 8, 15, 16, 17, 33}) {
      SCOPED_TRACE(testing::Message()
                   << "groups " << groups << " group channels " << group_channels);
      ChannelShuffleOperatorTester()
          .groups(groups)
          .group_channels(group_channels)
          .batch_size(3)
          .TestX8();
    }
  }
}

TEST(ChannelShuffle, batch) {
  q8nn_test::TestBatchSizes(&ChannelShuffleOperatorTester::TestX8,
                            ChannelShuffleOperatorTester().groups(3).group_channels(5),
                            {0, 1, 3, 7});
}

TEST(ChannelShuffle, strides) {
  for (size_t groups : {2, 3, 4, 6}) {
    SCOPED_TRACE(testing::Message() << "groups " << groups);
    ChannelShuffleOperatorTester()
        .groups(groups)
        .group_channels(9)
        .input_stride(groups * 9 + 5)
        .output_stride(groups * 9 + 3)
        .batch_size(4)
        .TestX8();
  }
}

TEST(ChannelShuffle, all_isas) {
  q8nn_test::ForEachIsa([] {
    for (size_t groups : {2, 3, 4, 9}) {
      ChannelShuffleOperatorTester()
          .groups(groups)
          .group_channels(17)
          .input_stride(groups * 17 + 1)
          .output_stride(groups * 17 + 2)
          .batch_size(3)
          .TestX8();
    }
  });
}

TEST(ChannelShuffle, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  for (size_t groups : {2, 3, 4, 7}) {
    ChannelShuffleOperatorTester().groups(groups).group_channels(9).batch_size(37).TestX8();
  }
}

TEST(ChannelShuffle, setup_again) {
  q8nn_test::TestRowSetupAgain(
      [](qnnp_operator_t* op) { return qnnp_create_channel_shuffle_nc_x8(3, 5, 0, op); },
      qnnp_setup_channel_shuffle_nc_x8, 15,
      [](const uint8_t* row, size_t c) { return double(row[(c % 3) * 5 + c / 3]); }, 0.0);
}
