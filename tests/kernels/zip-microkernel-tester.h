// Tester for the channel zip (shuffle) microkernel families (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/ukernels.h"

class ZipMicrokernelTester {
 public:
  ZipMicrokernelTester& n(size_t v) {
    n_ = v;
    return *this;
  }
  // Group count: fixed by a zipc kernel (2, 3, 4), any >= 4 for zipv.
  ZipMicrokernelTester& g(size_t v) {
    g_ = v;
    return *this;
  }
  ZipMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  ZipMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_zipc_ukernel_fn zip) const {
    Run([&](const uint8_t* x, uint8_t* y) { zip(n_, x, y); });
  }

  void Test(q8nn_zipv_ukernel_fn zip) const {
    Run([&](const uint8_t* x, uint8_t* y) { zip(n_, g_, x, y); });
  }

 private:
  template <typename Kernel>
  void Run(Kernel kernel) const {
    ASSERT_TRUE(n_ >= 1 && g_ >= 1);
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly g * n bytes: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(g_ * n_, rng);
      std::vector<uint8_t> y(g_ * n_ + q8nn_test::kTailBytes, q8nn_test::kSentinel);
      kernel(x.data(), y.data());

      for (size_t i = 0; i < y.size(); i++) {
        if (i < g_ * n_) {
          const size_t k = i / g_;
          const size_t group = i % g_;
          ASSERT_EQ(uint32_t(x[group * n_ + k]), uint32_t(y[i]))
              << "at element " << k << " / " << n_ << " of group " << group << " / " << g_;
        } else {
          ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(y[i]))
              << "wrote past the output at byte " << i << ", n " << n_ << ", groups " << g_;
        }
      }
    }
  }

  size_t n_ = 1;
  size_t g_ = 1;
  size_t iterations_ = 3;
  uint32_t seed_ = 0x219001;
};
