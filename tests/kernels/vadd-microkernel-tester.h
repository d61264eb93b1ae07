// Tester for the quantized addition microkernel family (see ukernels.h).
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

class VAddMicrokernelTester : public q8nn_test::KernelTester<VAddMicrokernelTester>,
                              public q8nn_test::ElementCount<VAddMicrokernelTester>,
                              public q8nn_test::OutputRange<VAddMicrokernelTester> {
 public:
  VAddMicrokernelTester() : KernelTester(0xADD0001) {}

  VAddMicrokernelTester& a_zero_point(uint8_t v) {
    a_zero_point_ = v;
    return *this;
  }
  VAddMicrokernelTester& b_zero_point(uint8_t v) {
    b_zero_point_ = v;
    return *this;
  }
  VAddMicrokernelTester& y_zero_point(uint8_t v) {
    y_zero_point_ = v;
    return *this;
  }
  // a_scale / y_scale and b_scale / y_scale; default: random in [1/8, 2].
  VAddMicrokernelTester& a_multiplier(float v) {
    a_multiplier_ = v;
    return *this;
  }
  VAddMicrokernelTester& b_multiplier(float v) {
    b_multiplier_ = v;
    return *this;
  }
  // Output in place of input a (y == a) or b (y == b), as ukernels.h allows.
  VAddMicrokernelTester& inplace_a(bool v) {
    inplace_a_ = v;
    return *this;
  }
  VAddMicrokernelTester& inplace_b(bool v) {
    inplace_b_ = v;
    return *this;
  }

  void Test(q8nn_vadd_ukernel_fn vadd) const {
    ASSERT_GE(n_, 1u);
    ASSERT_FALSE(inplace_a_ && inplace_b_);
    std::mt19937 rng(seed_);
    std::uniform_real_distribution<float> log2_multiplier(-3.0f, 1.0f);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly n bytes each: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> a = q8nn_test::RandomBytes(n_, rng);
      const std::vector<uint8_t> b = q8nn_test::RandomBytes(n_, rng);
      const float a_multiplier =
          a_multiplier_ > 0.0f ? a_multiplier_ : std::exp2(log2_multiplier(rng));
      const float b_multiplier =
          b_multiplier_ > 0.0f ? b_multiplier_ : std::exp2(log2_multiplier(rng));

      q8nn_add_params params;
      q8nn_init_add_params(&params, a_zero_point_, a_multiplier, b_zero_point_, b_multiplier,
                           y_zero_point_, qmin_, qmax_);

      std::vector<uint8_t> y = q8nn_test::SentinelOutput(1, n_, n_);
      if (inplace_a_) std::copy(a.begin(), a.end(), y.begin());
      if (inplace_b_) std::copy(b.begin(), b.end(), y.begin());
      vadd(n_, inplace_a_ ? y.data() : a.data(), inplace_b_ ? y.data() : b.data(), y.data(),
           &params);

      // Two products rounded to float, then their float sum (no FMA: -ffp-contract=off).
      auto sum = [&](size_t i) {
        const float fa = float(int32_t(a[i]) - int32_t(a_zero_point_)) * a_multiplier;
        const float fb = float(int32_t(b[i]) - int32_t(b_zero_point_)) * b_multiplier;
        return fa + fb;
      };
      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          y, n_,
          [&](size_t i) { return q8nn_test::ReferenceRound(sum(i), y_zero_point_, qmin_, qmax_); },
          [&](size_t i) {
            return testing::Message() << "at " << i << " / " << n_ << ": a " << int(a[i]) << ", b "
                                      << int(b[i]) << ", multipliers " << a_multiplier << ", "
                                      << b_multiplier << ", sum " << sum(i);
          }));
    }
  }

 private:
  uint8_t a_zero_point_ = 127;
  uint8_t b_zero_point_ = 127;
  uint8_t y_zero_point_ = 127;
  float a_multiplier_ = 0.0f;
  float b_multiplier_ = 0.0f;
  bool inplace_a_ = false;
  bool inplace_b_ = false;
};
