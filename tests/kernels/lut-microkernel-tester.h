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

class LUTMicrokernelTester : public q8nn_test::KernelTester<LUTMicrokernelTester>,
                             public q8nn_test::ElementCount<LUTMicrokernelTester> {
 public:
  LUTMicrokernelTester() : KernelTester(0x1A70001) {}

  // y written over x (ukernels.h allows x and y to alias).
  LUTMicrokernelTester& inplace(bool v) {
    inplace_ = v;
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

      std::vector<uint8_t> y = q8nn_test::SentinelOutput(1, n_, n_);
      if (inplace_) {
        std::memcpy(y.data(), x.data(), n_);
        lut(n_, y.data(), table.data(), y.data());
      } else {
        // Exactly n bytes of input: AddressSanitizer sees any read past them.
        lut(n_, x.data(), table.data(), y.data());
      }

      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          y, n_, [&](size_t i) { return t[x[i]]; },
          [&](size_t i) { return testing::Message() << "at " << i << " / " << n_; }));
    }
  }

 private:
  bool inplace_ = false;
};
