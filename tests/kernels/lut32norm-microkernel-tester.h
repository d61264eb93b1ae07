// Tester for the normalized 32-bit lookup (softargmax) microkernel family
// (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/ukernels.h"

class LUT32NormMicrokernelTester : public q8nn_test::KernelTester<LUT32NormMicrokernelTester>,
                                   public q8nn_test::ElementCount<LUT32NormMicrokernelTester> {
 public:
  LUT32NormMicrokernelTester() : KernelTester(0x3217001) {}

  // The table is scaled so that sum_i t[x[i]] is about this (and at most this).
  LUT32NormMicrokernelTester& target_sum(uint32_t v) {
    target_sum_ = v;
    return *this;
  }
  // Probability that a table entry is zero.
  LUT32NormMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }

  void Test(q8nn_lut32norm_ukernel_fn lut32norm) const {
    ASSERT_GE(n_, 1u);
    std::mt19937 rng(seed_);
    std::uniform_int_distribution<uint32_t> entry_dist;
    std::bernoulli_distribution is_zero(zero_fraction_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly n bytes of input: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> x = q8nn_test::RandomBytes(n_, rng);
      std::vector<uint32_t> t(256);
      for (auto& v : t) v = is_zero(rng) ? 0 : entry_dist(rng);

      // Scale the entries x uses so that their sum lands just below target_sum;
      // entries x does not use keep large random values, which must not matter.
      std::vector<bool> used(256, false);
      for (uint8_t v : x) used[v] = true;
      uint64_t sum = 0;
      for (uint8_t v : x) sum += t[v];
      if (sum == 0) {
        t[x[0]] = 1;
        sum = std::count(x.begin(), x.end(), x[0]);
      }
      const double ratio = double(target_sum_ - n_) / double(sum);
      if (ratio < 1.0) {
        for (size_t v = 0; v < 256; v++) {
          if (used[v]) t[v] = uint32_t(std::floor(double(t[v]) * ratio));
        }
      }
      sum = 0;
      for (uint8_t v : x) sum += t[v];
      if (sum == 0) {
        t[x[0]] = 1;
        sum = std::count(x.begin(), x.end(), x[0]);
      }
      ASSERT_LE(sum, uint64_t(UINT32_MAX));

      // Operator-owned table: aligned, with slack.
      q8nn_test::AlignedBuffer table(256 * sizeof(uint32_t));
      std::memcpy(table.data(), t.data(), 256 * sizeof(uint32_t));

      std::vector<uint8_t> y = q8nn_test::SentinelOutput(1, n_, n_);
      lut32norm(n_, x.data(), reinterpret_cast<const uint32_t*>(table.data()), y.data());

      ASSERT_NO_FATAL_FAILURE(q8nn_test::CheckOutputBytes(
          y, n_,
          [&](size_t i) {
            const uint64_t q = (256 * uint64_t(t[x[i]]) + sum / 2) / sum;
            return uint8_t(std::min<uint64_t>(q, 255));
          },
          [&](size_t i) {
            return testing::Message()
                   << "at " << i << " / " << n_ << ": t " << t[x[i]] << ", sum " << sum;
          }));
    }
  }

 private:
  uint32_t target_sum_ = UINT32_MAX;
  double zero_fraction_ = 0.0;
};
