// Tester for the channel zip (shuffle) microkernel families (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/ukernels.h"

class ZipMicrokernelTester : public q8nn_test::KernelTester<ZipMicrokernelTester>,
                             public q8nn_test::ElementCount<ZipMicrokernelTester> {
 public:
  ZipMicrokernelTester() : KernelTester(0x219001) {}

  // Group count: fixed by a zipc kernel (2, 3, 4), any >= 4 for zipv.
  ZipMicrokernelTester& g(size_t v) {
    g_ = v;
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
      // Element k of group g lands at byte k * groups + g.
      std::vector<uint8_t> y = q8nn_test::SentinelOutput(n_, g_, g_);
      kernel(x.data(), y.data());

      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          y, n_, g_, g_, [&](size_t k, size_t group) { return x[group * n_ + k]; },
          [&](size_t k, size_t group) {
            return testing::Message()
                   << "at element " << k << " / " << n_ << " of group " << group << " / " << g_;
          }));
    }
  }

  size_t g_ = 1;
};
