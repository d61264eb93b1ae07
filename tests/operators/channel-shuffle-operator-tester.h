// Tests qnnp_create/setup_channel_shuffle_nc_x8 against an exact reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class ChannelShuffleOperatorTester {
 public:
  ChannelShuffleOperatorTester& groups(size_t g) {
    groups_ = g;
    return *this;
  }
  ChannelShuffleOperatorTester& group_channels(size_t c) {
    group_channels_ = c;
    return *this;
  }
  ChannelShuffleOperatorTester& input_stride(size_t s) {
    input_stride_ = s;
    return *this;
  }
  ChannelShuffleOperatorTester& output_stride(size_t s) {
    output_stride_ = s;
    return *this;
  }
  ChannelShuffleOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  ChannelShuffleOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }

  size_t channels() const { return groups_ * group_channels_; }
  size_t input_stride() const { return input_stride_ == 0 ? channels() : input_stride_; }
  size_t output_stride() const { return output_stride_ == 0 ? channels() : output_stride_; }

  void TestX8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success,
                qnnp_create_channel_shuffle_nc_x8(groups_, group_channels_, 0, &op));
      ASSERT_NE(nullptr, op);
      // Output channel k * groups + g is input channel g * group_channels + k.
      auto ref = [&](const uint8_t* row, size_t c) {
        const size_t k = c / groups_, g = c % groups_;
        return double(row[g * group_channels_ + k]);
      };
      TestNcOperator(op, qnnp_setup_channel_shuffle_nc_x8, channels(), batch_size_, input_stride(),
                     output_stride(), false, rng, ref, 0.0, false);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t groups_ = 2, group_channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  size_t batch_size_ = 1;
  size_t iterations_ = 1;
  uint32_t seed_ = 0xC5;
};

}  // namespace q8nn_test
