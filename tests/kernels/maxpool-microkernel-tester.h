// Tester for the max pooling microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class MaxPoolMicrokernelTester {
 public:
  MaxPoolMicrokernelTester& kernel_size(size_t v) {
    kernel_size_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& channels(size_t v) {
    channels_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& output_pixels(size_t v) {
    output_pixels_ = v;
    return *this;
  }
  // Indirection entries between consecutive output pixels (0 means kernel_size).
  MaxPoolMicrokernelTester& step(size_t v) {
    step_ = v;
    return *this;
  }
  // Bytes between input rows (0 means channels).
  MaxPoolMicrokernelTester& input_row_stride(size_t v) {
    input_row_stride_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& output_increment(size_t v) {
    output_increment_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  // Probability that an indirection entry is the zero vector (padding).
  MaxPoolMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }
  // Input bytes are uniform in [0, input_max]: small maxima make the zero
  // vector and low clamps matter.
  MaxPoolMicrokernelTester& input_max(uint8_t v) {
    input_max_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  MaxPoolMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_maxpool_ukernel_fn maxpool) const {
    ASSERT_TRUE(kernel_size_ >= 1 && channels_ >= 1 && output_pixels_ >= 1);
    const size_t step = step_ == 0 ? kernel_size_ : step_;
    const size_t row_stride = input_row_stride_ == 0 ? channels_ : input_row_stride_;
    ASSERT_GE(row_stride, channels_);
    const size_t entries = (output_pixels_ - 1) * step + kernel_size_;
    const size_t output_pixel_stride = channels_ + output_increment_;

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // `zero` holds zero bytes, which never raise a maximum.
      q8nn_test::IndirectInput input(entries, channels_, row_stride, 0, zero_fraction_, rng,
                                     input_max_);

      q8nn_clamp_params params;
      q8nn_init_clamp_params(&params, qmin_, qmax_);

      const size_t output_size = (output_pixels_ - 1) * output_pixel_stride + channels_;
      std::vector<uint8_t> output(output_size + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      maxpool(output_pixels_, kernel_size_, channels_, input.pointers(), input.input_offset(),
              input.zero(), output.data(), step * sizeof(void*), output_increment_, &params);

      for (size_t index = 0; index < output.size(); index++) {
        const size_t x = index / output_pixel_stride;
        const size_t c = index % output_pixel_stride;
        if (x < output_pixels_ && c < channels_) {
          uint8_t max = 0;
          for (size_t t = 0; t < kernel_size_; t++) {
            max = std::max(max, input.value(x * step + t, c));
          }
          const uint8_t expected = std::min(std::max(max, qmin_), qmax_);
          ASSERT_EQ(uint32_t(expected), uint32_t(output[index]))
              << "at pixel " << x << " / " << output_pixels_ << ", channel " << c << " / "
              << channels_ << ", kernel_size " << kernel_size_ << ", range [" << int(qmin_) << ", "
              << int(qmax_) << "]";
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
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  double zero_fraction_ = 0.2;
  uint8_t input_max_ = 255;
  size_t iterations_ = 3;
  uint32_t seed_ = 0x3A8B001;
};
