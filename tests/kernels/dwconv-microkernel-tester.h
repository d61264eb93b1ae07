// Tester for the depthwise convolution microkernel families, unipass and
// multipass (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/pack.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class DWConvMicrokernelTester {
 public:
  DWConvMicrokernelTester& cr(uint32_t v) {
    cr_ = v;
    return *this;
  }
  // Taps per output pixel: the unipass kernel's fixed count, or kernel_size.
  DWConvMicrokernelTester& kernel_size(size_t v) {
    kernel_size_ = v;
    return *this;
  }
  DWConvMicrokernelTester& channels(size_t v) {
    channels_ = v;
    return *this;
  }
  DWConvMicrokernelTester& width(size_t v) {
    width_ = v;
    return *this;
  }
  // Indirection entries between consecutive output pixels (0 means kernel_size);
  // smaller than kernel_size, consecutive pixels share taps as in a convolution.
  DWConvMicrokernelTester& step(size_t v) {
    step_ = v;
    return *this;
  }
  // Bytes between input rows (0 means channels).
  DWConvMicrokernelTester& input_row_stride(size_t v) {
    input_row_stride_ = v;
    return *this;
  }
  DWConvMicrokernelTester& output_increment(size_t v) {
    output_increment_ = v;
    return *this;
  }
  DWConvMicrokernelTester& input_zero_point(uint8_t v) {
    input_zero_point_ = v;
    return *this;
  }
  DWConvMicrokernelTester& kernel_zero_point(uint8_t v) {
    kernel_zero_point_ = v;
    return *this;
  }
  // Default: a zero point centering the outputs.
  DWConvMicrokernelTester& output_zero_point(uint8_t v) {
    output_zero_point_ = v;
    return *this;
  }
  // Default: a random scale giving about 256 output steps.
  DWConvMicrokernelTester& scale(float v) {
    scale_ = v;
    return *this;
  }
  DWConvMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  DWConvMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  // Probability that an indirection entry is the zero vector (padding).
  DWConvMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }
  DWConvMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  DWConvMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_dwconv_up_ukernel_fn dwconv) const {
    Run([&](const uint8_t** input, const void* weights, uint8_t* output, size_t input_stride,
            size_t input_offset, const uint8_t* zero, const q8nn_conv_params* params) {
      dwconv(channels_, width_, input, weights, output, input_stride, output_increment_,
             input_offset, zero, params);
    });
  }

  void Test(q8nn_dwconv_mp_ukernel_fn dwconv) const {
    Run([&](const uint8_t** input, const void* weights, uint8_t* output, size_t input_stride,
            size_t input_offset, const uint8_t* zero, const q8nn_conv_params* params) {
      dwconv(channels_, width_, kernel_size_, input, weights, output, input_stride,
             output_increment_, input_offset, zero, params);
    });
  }

 private:
  template <typename Kernel>
  void Run(Kernel kernel) const {
    ASSERT_TRUE(cr_ >= 1 && kernel_size_ >= 1 && channels_ >= 1 && width_ >= 1);
    const size_t step = step_ == 0 ? kernel_size_ : step_;
    const size_t row_stride = input_row_stride_ == 0 ? channels_ : input_row_stride_;
    ASSERT_GE(row_stride, channels_);
    const size_t entries = (width_ - 1) * step + kernel_size_;
    const size_t output_pixel_stride = channels_ + output_increment_;

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      q8nn_test::IndirectInput input(entries, channels_, row_stride, input_zero_point_,
                                     zero_fraction_, rng);
      // kernel[channels][kernel_size], the depthwise layout pack.h takes.
      const std::vector<uint8_t> w = q8nn_test::RandomBytes(channels_ * kernel_size_, rng);
      std::vector<int32_t> bias(channels_);
      std::uniform_int_distribution<int32_t> bias_dist(-30000, 30000);
      for (auto& b : bias) b = bias_dist(rng);

      std::vector<int64_t> acc(width_ * channels_);
      for (size_t x = 0; x < width_; x++) {
        for (size_t c = 0; c < channels_; c++) {
          int64_t sum = bias[c];
          for (size_t t = 0; t < kernel_size_; t++) {
            sum += (int64_t(input.value(x * step + t, c)) - input_zero_point_) *
                   (int64_t(w[c * kernel_size_ + t]) - kernel_zero_point_);
          }
          acc[x * channels_ + c] = sum;
        }
      }
      const int64_t acc_min = *std::min_element(acc.begin(), acc.end());
      const int64_t acc_max = *std::max_element(acc.begin(), acc.end());
      const float scale = scale_ > 0.0f ? scale_ : q8nn_test::RandomScale(acc_min, acc_max, rng);
      const uint8_t output_zero_point =
          output_zero_point_ >= 0 ? uint8_t(output_zero_point_)
                                  : q8nn_test::CenteringZeroPoint(acc_min, acc_max, scale);

      q8nn_test::AlignedBuffer packed(q8nn_packed_dwconv_size(channels_, kernel_size_, cr_));
      q8nn_pack_dwconv_weights(channels_, kernel_size_, cr_, w.data(), bias.data(),
                               kernel_zero_point_, packed.data());
      q8nn_conv_params params;
      q8nn_init_conv_params(&params, input_zero_point_, kernel_zero_point_, scale,
                            output_zero_point, qmin_, qmax_);

      const size_t output_size = (width_ - 1) * output_pixel_stride + channels_;
      std::vector<uint8_t> output(output_size + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      kernel(input.pointers(), packed.data(), output.data(), step * sizeof(void*),
             input.input_offset(), input.zero(), &params);

      for (size_t index = 0; index < output.size(); index++) {
        const size_t x = index / output_pixel_stride;
        const size_t c = index % output_pixel_stride;
        if (x < width_ && c < channels_) {
          const int64_t a = acc[x * channels_ + c];
          const uint8_t expected =
              q8nn_test::ReferenceRequantize(a, scale, output_zero_point, qmin_, qmax_);
          ASSERT_EQ(uint32_t(expected), uint32_t(output[index]))
              << "at pixel " << x << " / " << width_ << ", channel " << c << " / " << channels_
              << ", kernel_size " << kernel_size_ << ": accumulator " << a << ", scale " << scale
              << ", zero point " << int(output_zero_point);
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(output[index]))
              << "wrote outside the output at byte " << index << " (pixel " << x << ", byte " << c
              << "), channels " << channels_ << ", output_increment " << output_increment_;
        }
      }
    }
  }

  uint32_t cr_ = 1;
  size_t kernel_size_ = 1;
  size_t channels_ = 1;
  size_t width_ = 1;
  size_t step_ = 0;
  size_t input_row_stride_ = 0;
  size_t output_increment_ = 0;
  uint8_t input_zero_point_ = 127;
  uint8_t kernel_zero_point_ = 127;
  int output_zero_point_ = -1;
  float scale_ = 0.0f;
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  double zero_fraction_ = 0.2;
  size_t iterations_ = 3;
  uint32_t seed_ = 0xD3C0417;
};
