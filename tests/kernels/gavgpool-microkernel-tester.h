// Tester for the global average pooling microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class GAvgPoolMicrokernelTester {
 public:
  GAvgPoolMicrokernelTester& rows(size_t v) {
    rows_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& channels(size_t v) {
    channels_ = v;
    return *this;
  }
  // Bytes between input rows (0 means channels).
  GAvgPoolMicrokernelTester& input_stride(size_t v) {
    input_stride_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& input_zero_point(uint8_t v) {
    input_zero_point_ = v;
    return *this;
  }
  // Default: a zero point centering the outputs.
  GAvgPoolMicrokernelTester& output_zero_point(uint8_t v) {
    output_zero_point_ = v;
    return *this;
  }
  // input_scale / output_scale; default: random in [0.5, 2].
  GAvgPoolMicrokernelTester& scale_ratio(float v) {
    scale_ratio_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  GAvgPoolMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_gavgpool_ukernel_fn gavgpool) const {
    ASSERT_TRUE(rows_ >= 1 && channels_ >= 1);
    const size_t input_stride = input_stride_ == 0 ? channels_ : input_stride_;
    ASSERT_GE(input_stride, channels_);

    std::mt19937 rng(seed_);
    std::uniform_real_distribution<float> log2_ratio(-1.0f, 1.0f);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly the rows' bytes: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> input =
          q8nn_test::RandomBytes((rows_ - 1) * input_stride + channels_, rng);
      // Operator-owned: zero bytes, with slack.
      const q8nn_test::AlignedBuffer zero(channels_, 0);

      const int32_t bias = -int32_t(rows_) * int32_t(input_zero_point_);
      std::vector<int64_t> acc(channels_);
      for (size_t c = 0; c < channels_; c++) {
        int64_t sum = bias;
        for (size_t r = 0; r < rows_; r++) sum += input[r * input_stride + c];
        acc[c] = sum;
      }
      const float ratio = scale_ratio_ > 0.0f ? scale_ratio_ : std::exp2(log2_ratio(rng));
      const float scale = ratio / float(rows_);
      const int64_t acc_min = *std::min_element(acc.begin(), acc.end());
      const int64_t acc_max = *std::max_element(acc.begin(), acc.end());
      const uint8_t output_zero_point =
          output_zero_point_ >= 0 ? uint8_t(output_zero_point_)
                                  : q8nn_test::CenteringZeroPoint(acc_min, acc_max, scale);

      q8nn_avgpool_params params;
      q8nn_init_avgpool_params(&params, bias, scale, output_zero_point, qmin_, qmax_);

      std::vector<uint8_t> output(channels_ + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      gavgpool(rows_, channels_, input.data(), input_stride, zero.data(), output.data(), &params);

      for (size_t c = 0; c < output.size(); c++) {
        if (c < channels_) {
          const uint8_t expected =
              q8nn_test::ReferenceRequantize(acc[c], scale, output_zero_point, qmin_, qmax_);
          ASSERT_EQ(uint32_t(expected), uint32_t(output[c]))
              << "at channel " << c << " / " << channels_ << ", rows " << rows_ << ": accumulator "
              << acc[c] << ", scale " << scale << ", zero point " << int(output_zero_point);
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(output[c]))
              << "wrote past the output at byte " << c << ", channels " << channels_;
        }
      }
    }
  }

 private:
  size_t rows_ = 1;
  size_t channels_ = 1;
  size_t input_stride_ = 0;
  uint8_t input_zero_point_ = 127;
  int output_zero_point_ = -1;
  float scale_ratio_ = 0.0f;
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  size_t iterations_ = 3;
  uint32_t seed_ = 0x6A7B001;
};
