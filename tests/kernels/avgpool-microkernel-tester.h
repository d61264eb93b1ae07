// Tester for the average pooling microkernel family (see ukernels.h).
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

class AvgPoolMicrokernelTester {
 public:
  AvgPoolMicrokernelTester& kernel_size(size_t v) {
    kernel_size_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& channels(size_t v) {
    channels_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& output_pixels(size_t v) {
    output_pixels_ = v;
    return *this;
  }
  // Indirection entries between consecutive output pixels (0 means kernel_size).
  AvgPoolMicrokernelTester& step(size_t v) {
    step_ = v;
    return *this;
  }
  // Bytes between input rows (0 means channels).
  AvgPoolMicrokernelTester& input_row_stride(size_t v) {
    input_row_stride_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& output_increment(size_t v) {
    output_increment_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& input_zero_point(uint8_t v) {
    input_zero_point_ = v;
    return *this;
  }
  // Default: a zero point centering the outputs.
  AvgPoolMicrokernelTester& output_zero_point(uint8_t v) {
    output_zero_point_ = v;
    return *this;
  }
  // input_scale / output_scale; default: random in [0.5, 2].
  AvgPoolMicrokernelTester& scale_ratio(float v) {
    scale_ratio_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  // Probability that an indirection entry is the zero vector (padding).
  AvgPoolMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  AvgPoolMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_avgpool_ukernel_fn avgpool) const {
    ASSERT_TRUE(kernel_size_ >= 1 && channels_ >= 1 && output_pixels_ >= 1);
    const size_t step = step_ == 0 ? kernel_size_ : step_;
    const size_t row_stride = input_row_stride_ == 0 ? channels_ : input_row_stride_;
    ASSERT_GE(row_stride, channels_);
    const size_t entries = (output_pixels_ - 1) * step + kernel_size_;
    const size_t output_pixel_stride = channels_ + output_increment_;

    std::mt19937 rng(seed_);
    std::uniform_real_distribution<float> log2_ratio(-1.0f, 1.0f);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // `zero` holds the input zero point: padding adds nothing to the sum after the bias.
      q8nn_test::IndirectInput input(entries, channels_, row_stride, input_zero_point_,
                                     zero_fraction_, rng);

      const int32_t bias = -int32_t(kernel_size_) * int32_t(input_zero_point_);
      std::vector<int64_t> acc(output_pixels_ * channels_);
      for (size_t x = 0; x < output_pixels_; x++) {
        for (size_t c = 0; c < channels_; c++) {
          int64_t sum = bias;
          for (size_t t = 0; t < kernel_size_; t++) sum += input.value(x * step + t, c);
          acc[x * channels_ + c] = sum;
        }
      }
      const float ratio = scale_ratio_ > 0.0f ? scale_ratio_ : std::exp2(log2_ratio(rng));
      const float scale = ratio / float(kernel_size_);
      const int64_t acc_min = *std::min_element(acc.begin(), acc.end());
      const int64_t acc_max = *std::max_element(acc.begin(), acc.end());
      const uint8_t output_zero_point =
          output_zero_point_ >= 0 ? uint8_t(output_zero_point_)
                                  : q8nn_test::CenteringZeroPoint(acc_min, acc_max, scale);

      q8nn_avgpool_params params;
      q8nn_init_avgpool_params(&params, bias, scale, output_zero_point, qmin_, qmax_);

      const size_t output_size = (output_pixels_ - 1) * output_pixel_stride + channels_;
      std::vector<uint8_t> output(output_size + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      avgpool(output_pixels_, kernel_size_, channels_, input.pointers(), input.input_offset(),
              input.zero(), output.data(), step * sizeof(void*), output_increment_, &params);

      for (size_t index = 0; index < output.size(); index++) {
        const size_t x = index / output_pixel_stride;
        const size_t c = index % output_pixel_stride;
        if (x < output_pixels_ && c < channels_) {
          const int64_t a = acc[x * channels_ + c];
          const uint8_t expected =
              q8nn_test::ReferenceRequantize(a, scale, output_zero_point, qmin_, qmax_);
          ASSERT_EQ(uint32_t(expected), uint32_t(output[index]))
              << "at pixel " << x << " / " << output_pixels_ << ", channel " << c << " / "
              << channels_ << ", kernel_size " << kernel_size_ << ": accumulator " << a
              << ", scale " << scale << ", zero point " << int(output_zero_point);
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(output[index]))
              << "wrote outside the output at byte " << index << " (pixel " << x << ", byte " << c
              << "), channels " << channels_ << ", output_increment " << output_increment_;
        }
      }
    }
  }

 private:
  size_t kernel_size_ = 1;
  size_t channels_ = 1;
  size_t output_pixels_ = 1;
  size_t step_ = 0;
  size_t input_row_stride_ = 0;
  size_t output_increment_ = 0;
  uint8_t input_zero_point_ = 127;
  int output_zero_point_ = -1;
  float scale_ratio_ = 0.0f;
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  double zero_fraction_ = 0.2;
  size_t iterations_ = 3;
  uint32_t seed_ = 0xA6B0011;
};
