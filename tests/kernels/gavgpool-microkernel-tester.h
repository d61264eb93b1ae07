// Tester for the global average pooling microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class GAvgPoolMicrokernelTester
    : public q8nn_test::KernelTester<GAvgPoolMicrokernelTester>,
      public q8nn_test::OutputRange<GAvgPoolMicrokernelTester>,
      public q8nn_test::AveragingQuantization<GAvgPoolMicrokernelTester> {
 public:
  GAvgPoolMicrokernelTester() : KernelTester(0x6A7B001) {}

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

  void Test(q8nn_gavgpool_ukernel_fn gavgpool) const {
    ASSERT_TRUE(rows_ >= 1 && channels_ >= 1);
    const size_t input_stride = input_stride_ == 0 ? channels_ : input_stride_;
    ASSERT_GE(input_stride, channels_);

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly the rows' bytes: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> input =
          q8nn_test::RandomBytes((rows_ - 1) * input_stride + channels_, rng);
      // Operator-owned: zero bytes, with slack.
      const q8nn_test::AlignedBuffer zero(channels_, 0);

      const int32_t bias = Bias(rows_);
      std::vector<int64_t> acc(channels_);
      for (size_t c = 0; c < channels_; c++) {
        int64_t sum = bias;
        for (size_t r = 0; r < rows_; r++) sum += input[r * input_stride + c];
        acc[c] = sum;
      }
      const float scale = Scale(rows_, rng);
      const uint8_t output_zero_point = q8nn_test::OutputZeroPoint(output_zero_point_, acc, scale);

      q8nn_avgpool_params params;
      q8nn_init_avgpool_params(&params, bias, scale, output_zero_point, qmin_, qmax_);

      std::vector<uint8_t> output = q8nn_test::SentinelOutput(1, channels_, channels_);
      gavgpool(rows_, channels_, input.data(), input_stride, zero.data(), output.data(), &params);

      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          output, channels_,
          [&](size_t c) {
            return q8nn_test::ReferenceRequantize(acc[c], scale, output_zero_point, qmin_, qmax_);
          },
          [&](size_t c) {
            return testing::Message() << "at channel " << c << " / " << channels_ << ", rows "
                                      << rows_ << ": accumulator " << acc[c] << ", scale " << scale
                                      << ", zero point " << int(output_zero_point);
          }));
    }
  }

 private:
  size_t rows_ = 1;
  size_t channels_ = 1;
  size_t input_stride_ = 0;
};
