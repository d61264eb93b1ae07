// Tester for the average pooling microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class AvgPoolMicrokernelTester : public q8nn_test::IndirectKernelTester<AvgPoolMicrokernelTester>,
                                 public q8nn_test::AveragingQuantization<AvgPoolMicrokernelTester> {
 public:
  AvgPoolMicrokernelTester() : IndirectKernelTester(0xA6B0011) {}

  void Test(q8nn_avgpool_ukernel_fn avgpool) const {
    ASSERT_NO_FATAL_FAILURE(CheckShape());
    const size_t step = Step();

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // `zero` holds the input zero point: padding adds nothing to the sum after the bias.
      q8nn_test::IndirectInput input = MakeInput(input_zero_point_, rng);

      const int32_t bias = Bias(kernel_size_);
      std::vector<int64_t> acc(output_pixels_ * channels_);
      for (size_t x = 0; x < output_pixels_; x++) {
        for (size_t c = 0; c < channels_; c++) {
          int64_t sum = bias;
          for (size_t t = 0; t < kernel_size_; t++) sum += input.value(x * step + t, c);
          acc[x * channels_ + c] = sum;
        }
      }
      const float scale = Scale(kernel_size_, rng);
      const uint8_t output_zero_point = q8nn_test::OutputZeroPoint(output_zero_point_, acc, scale);

      q8nn_avgpool_params params;
      q8nn_init_avgpool_params(&params, bias, scale, output_zero_point, qmin_, qmax_);

      std::vector<uint8_t> output = MakeOutput();
      avgpool(output_pixels_, kernel_size_, channels_, input.pointers(), input.input_offset(),
              input.zero(), output.data(), step * sizeof(void*), output_increment_, &params);

      ASSERT_NO_FATAL_FAILURE(CheckRequantizedPixels(output, acc, scale, output_zero_point));
    }
  }
};
