// Tester for the clamp microkernel family (see ukernels.h).
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

class ClampMicrokernelTester {
 public:
  ClampMicrokernelTester& n(size_t v) {
    n_ = v;
    return *this;
  }
  ClampMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  ClampMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  ClampMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  ClampMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_clamp_ukernel_fn clamp) const {
    ASSERT_GE(n_, 1u);
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly n bytes: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(n_, rng);
      q8nn_clamp_params params;
      q8nn_init_clamp_params(&params, qmin_, qmax_);

      std::vector<uint8_t> y(n_ + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      clamp(n_, x.data(), y.data(), &params);

      for (size_t i = 0; i < y.size(); i++) {
        if (i < n_) {
          const uint8_t expected = std::min(std::max(x[i], qmin_), qmax_);
          ASSERT_EQ(uint32_t(expected), uint32_t(y[i]))
              << "at " << i << " / " << n_ << ": x " << int(x[i]) << ", range [" << int(qmin_)
              << ", " << int(qmax_) << "]";
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(y[i]))
              << "wrote past the output at byte " << i << ", n " << n_;
        }
      }
    }
  }

 private:
  size_t n_ = 1;
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  size_t iterations_ = 3;
  uint32_t seed_ = 0xC1A3001;
};
