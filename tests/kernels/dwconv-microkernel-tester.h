// Tester for the depthwise convolution microkernel families, unipass and
// multipass (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/pack.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

// kernel_size: taps per output pixel, the unipass kernel's fixed count or any
// for multipass kernels. step may be smaller than kernel_size: consecutive
// pixels then share taps as in a convolution.
class DWConvMicrokernelTester : public q8nn_test::IndirectKernelTester<DWConvMicrokernelTester> {
 public:
  DWConvMicrokernelTester() : IndirectKernelTester(0xD3C0417) {}

  DWConvMicrokernelTester& packing(q8nn_dwconv_packing v) {
    packing_ = v;
    return *this;
  }
  DWConvMicrokernelTester& cr(uint32_t v) {
    cr_ = v;
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

  // Whether params carry the tightest accumulator bound (the operators give
  // one) or INT32_MAX (unknown: kernels must not skip any clamp).
  DWConvMicrokernelTester& bound_known(bool v) {
    bound_known_ = v;
    return *this;
  }
  // factor times the largest scale the bound allows the wasmsimd clamp-free
  // epilogue (0: not used).
  DWConvMicrokernelTester& scale_from_plain_limit(float factor) {
    plain_limit_factor_ = factor;
    return *this;
  }

  // The pointers already hold the run buffer's addresses and input_offset is
  // 0, as when a network runs on the input its indirection was built for.
  DWConvMicrokernelTester& direct_input(bool v) {
    direct_input_ = v;
    return *this;
  }

  void Test(q8nn_dwconv_up_ukernel_fn dwconv) const {
    Run([&](const uint8_t** input, const void* weights, uint8_t* output, size_t input_stride,
            size_t input_offset, const uint8_t* zero, const q8nn_conv_params* params) {
      dwconv(channels_, output_pixels_, input, weights, output, input_stride, output_increment_,
             input_offset, zero, params);
    });
  }

  void Test(q8nn_dwconv_mp_ukernel_fn dwconv) const {
    Run([&](const uint8_t** input, const void* weights, uint8_t* output, size_t input_stride,
            size_t input_offset, const uint8_t* zero, const q8nn_conv_params* params) {
      dwconv(channels_, output_pixels_, kernel_size_, input, weights, output, input_stride,
             output_increment_, input_offset, zero, params);
    });
  }

 private:
  template <typename Kernel>
  void Run(Kernel kernel) const {
    ASSERT_GE(cr_, 1u);
    ASSERT_NO_FATAL_FAILURE(CheckShape());
    const size_t step = Step();

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      q8nn_test::IndirectInput input = MakeInput(input_zero_point_, rng);
      // kernel[channels][kernel_size], the depthwise layout pack.h takes.
      const std::vector<uint8_t> w = q8nn_test::RandomBytes(channels_ * kernel_size_, rng);
      std::vector<int32_t> bias(channels_);
      std::uniform_int_distribution<int32_t> bias_dist(-30000, 30000);
      for (auto& b : bias) b = bias_dist(rng);

      std::vector<int64_t> acc(output_pixels_ * channels_);
      for (size_t x = 0; x < output_pixels_; x++) {
        for (size_t c = 0; c < channels_; c++) {
          int64_t sum = bias[c];
          for (size_t t = 0; t < kernel_size_; t++) {
            sum += (int64_t(input.value(x * step + t, c)) - input_zero_point_) *
                   (int64_t(w[c * kernel_size_ + t]) - kernel_zero_point_);
          }
          acc[x * channels_ + c] = sum;
        }
      }
      const int32_t bound = q8nn_test::AccumulatorBound(acc);
      const float scale = scale_ > 0.0f ? scale_
                          : plain_limit_factor_ > 0.0f
                              ? q8nn_test::PlainLimitScale(bound) * plain_limit_factor_
                              : q8nn_test::RandomScale(acc, rng);
      const uint8_t output_zero_point = q8nn_test::OutputZeroPoint(output_zero_point_, acc, scale);

      q8nn_test::AlignedBuffer packed(
          q8nn_packed_dwconv_size(packing_, channels_, kernel_size_, cr_));
      q8nn_pack_dwconv_weights(packing_, channels_, kernel_size_, cr_, w.data(), bias.data(),
                               input_zero_point_, kernel_zero_point_, packed.data());
      q8nn_conv_params params;
      q8nn_init_conv_params(&params, input_zero_point_, kernel_zero_point_, scale,
                            output_zero_point, qmin_, qmax_);
      if (bound_known_) params.accumulator_bound = bound;

      std::vector<uint8_t> output = MakeOutput();
      const uint8_t** pointers = input.pointers();
      size_t input_offset = input.input_offset();
      std::vector<const uint8_t*> moved;
      if (direct_input_) {
        for (size_t e = 0; e < (output_pixels_ - 1) * step + kernel_size_; e++) {
          const uint8_t* row = pointers[e];
          moved.push_back(row == input.zero() ? row : row + input_offset);
        }
        pointers = moved.data();
        input_offset = 0;
      }
      kernel(pointers, packed.data(), output.data(), step * sizeof(void*), input_offset,
             input.zero(), &params);

      ASSERT_NO_FATAL_FAILURE(CheckRequantizedPixels(output, acc, scale, output_zero_point));
    }
  }

  uint32_t cr_ = 1;
  q8nn_dwconv_packing packing_ = q8nn_dwconv_packing_u8;
  uint8_t input_zero_point_ = 127;
  uint8_t kernel_zero_point_ = 127;
  int output_zero_point_ = -1;
  float scale_ = 0.0f;
  bool direct_input_ = false;
  bool bound_known_ = true;
  float plain_limit_factor_ = 0.0f;
};
