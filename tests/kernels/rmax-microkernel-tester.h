// Tester for the reduce-max microkernel family (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/ukernels.h"

class RMaxMicrokernelTester : public q8nn_test::KernelTester<RMaxMicrokernelTester>,
                              public q8nn_test::ElementCount<RMaxMicrokernelTester> {
 public:
  RMaxMicrokernelTester() : KernelTester(0x3BA0001, 10) {}

  void Test(q8nn_rmax_ukernel_fn rmax) const {
    ASSERT_GE(n_, 1u);
    std::mt19937 rng(seed_);
    std::uniform_int_distribution<int> cap_dist(0, 255);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Bytes in [0, cap] with a random cap, so that the maximum is rarely 255
      // and sits anywhere, often once only. Exactly n bytes: AddressSanitizer
      // sees any read past them.
      const uint8_t cap = static_cast<uint8_t>(cap_dist(rng));
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(n_, rng, cap);
      const uint8_t expected = *std::max_element(x.begin(), x.end());
      ASSERT_EQ(uint32_t(expected), uint32_t(rmax(n_, x.data()))) << "n " << n_;
    }
  }
};
