// Tests qnnp_create/setup_channel_shuffle_nc_x8 against an exact reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class ChannelShuffleOperatorTester : public RowTesterBase<ChannelShuffleOperatorTester> {
 public:
  ChannelShuffleOperatorTester() : RowTesterBase(0xC5) {}

  ChannelShuffleOperatorTester& groups(size_t g) {
    groups_ = g;
    return *this;
  }
  ChannelShuffleOperatorTester& group_channels(size_t c) {
    group_channels_ = c;
    return *this;
  }
  // Channels come from the groups; there is no output range and no in-place run.
  size_t channels() const { return groups_ * group_channels_; }
  void qmin(uint8_t) = delete;
  void qmax(uint8_t) = delete;
  void in_place(bool) = delete;

  void TestX8() const {
    TestRows(
        [&](qnnp_operator_t* op) {
          return qnnp_create_channel_shuffle_nc_x8(groups_, group_channels_, 0, op);
        },
        qnnp_setup_channel_shuffle_nc_x8,
        // Output channel k * groups + g is input channel g * group_channels + k.
        [&](const uint8_t* row, size_t c) {
          const size_t k = c / groups_, g = c % groups_;
          return double(row[g * group_channels_ + k]);
        },
        0.0, false);
  }

 private:
  size_t groups_ = 2, group_channels_ = 1;
};

}  // namespace q8nn_test
