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

class ClampMicrokernelTester : public q8nn_test::KernelTester<ClampMicrokernelTester>,
                               public q8nn_test::ElementCount<ClampMicrokernelTester>,
                               public q8nn_test::OutputRange<ClampMicrokernelTester> {
 public:
  ClampMicrokernelTester() : KernelTester(0xC1A3001) {}

  void Test(q8nn_clamp_ukernel_fn clamp) const {
    ASSERT_GE(n_, 1u);
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly n bytes: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(n_, rng);
      q8nn_clamp_params params;
      q8nn_init_clamp_params(&params, qmin_, qmax_);

      std::vector<uint8_t> y = q8nn_test::SentinelOutput(1, n_, n_);
      clamp(n_, x.data(), y.data(), &params);

      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          y, n_, [&](size_t i) { return std::min(std::max(x[i], qmin_), qmax_); },
          [&](size_t i) {
            return testing::Message() << "at " << i << " / " << n_ << ": x " << int(x[i])
                                      << ", range [" << int(qmin_) << ", " << int(qmax_) << "]";
          }));
    }
  }
};
