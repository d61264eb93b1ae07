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

class MaxPoolMicrokernelTester : public q8nn_test::IndirectKernelTester<MaxPoolMicrokernelTester> {
 public:
  MaxPoolMicrokernelTester() : IndirectKernelTester(0x3A8B001) {}

  // Input bytes are uniform in [0, input_max]: small maxima make the zero
  // vector and low clamps matter.
  MaxPoolMicrokernelTester& input_max(uint8_t v) {
    input_max_ = v;
    return *this;
  }

  void Test(q8nn_maxpool_ukernel_fn maxpool) const {
    ASSERT_NO_FATAL_FAILURE(CheckShape());
    const size_t step = Step();

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // `zero` holds zero bytes, which never raise a maximum.
      q8nn_test::IndirectInput input = MakeInput(0, rng, input_max_);

      q8nn_clamp_params params;
      q8nn_init_clamp_params(&params, qmin_, qmax_);

      std::vector<uint8_t> output = MakeOutput();
      maxpool(output_pixels_, kernel_size_, channels_, input.pointers(), input.input_offset(),
              input.zero(), output.data(), step * sizeof(void*), output_increment_, &params);

      ASSERT_NO_FATAL_FAILURE(CheckPixels(
          output,
          [&](size_t x, size_t c) {
            uint8_t max = 0;
            for (size_t t = 0; t < kernel_size_; t++) {
              max = std::max(max, input.value(x * step + t, c));
            }
            return std::min(std::max(max, qmin_), qmax_);
          },
          [&](size_t, size_t) {
            return testing::Message() << ", range [" << int(qmin_) << ", " << int(qmax_) << "]";
          }));
    }
  }

 private:
  uint8_t input_max_ = 255;
};
