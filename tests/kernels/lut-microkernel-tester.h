// Tester for the 8-bit lookup table microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/ukernels.h"

class LUTMicrokernelTester {
 public:
  LUTMicrokernelTester& n(size_t v) {
    n_ = v;
    return *this;
  }
  // y written over x (ukernels.h allows x and y to alias).
  LUTMicrokernelTester& inplace(bool v) {
    inplace_ = v;
    return *this;
  }
  LUTMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  LUTMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_lut_ukernel_fn lut) const {
    ASSERT_GE(n_, 1u);
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Operator-owned table: aligned, with slack.
      q8nn_test::AlignedBuffer table(256);
      const std::vector<uint8_t> t = q8nn_test::RandomBytes(256, rng);
      std::memcpy(table.data(), t.data(), 256);
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(n_, rng);

      std::vector<uint8_t> y(n_ + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      if (inplace_) {
        std::memcpy(y.data(), x.data(), n_);
        lut(n_, y.data(), table.data(), y.data());
      } else {
        // Exactly n bytes of input: AddressSanitizer sees any read past them.
        lut(n_, x.data(), table.data(), y.data());
      }

      for (size_t i = 0; i < y.size(); i++) {
        if (i < n_) {
          ASSERT_EQ(uint32_t(t[x[i]]), uint32_t(y[i])) << "at " << i << " / " << n_;
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(y[i]))
              << "wrote past the output at byte " << i << ", n " << n_;
        }
      }
    }
  }

 private:
  size_t n_ = 1;
  bool inplace_ = false;
  size_t iterations_ = 3;
  uint32_t seed_ = 0x1A70001;
};
