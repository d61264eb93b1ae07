// Tester for the gemm and igemm microkernel families (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/pack.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class GemmMicrokernelTester {
 public:
  GemmMicrokernelTester& mr(uint32_t v) {
    mr_ = v;
    return *this;
  }
  GemmMicrokernelTester& nr(uint32_t v) {
    nr_ = v;
    return *this;
  }
  GemmMicrokernelTester& kr(uint32_t v) {
    kr_ = v;
    return *this;
  }
  GemmMicrokernelTester& m(size_t v) {
    m_ = v;
    return *this;
  }
  GemmMicrokernelTester& n(size_t v) {
    n_ = v;
    return *this;
  }
  GemmMicrokernelTester& k(size_t v) {
    k_ = v;
    return *this;
  }
  // igemm only: taps per output row.
  GemmMicrokernelTester& ks(size_t v) {
    ks_ = v;
    return *this;
  }
  // gemm: bytes between rows of A (0 means k). igemm: bytes between input rows.
  GemmMicrokernelTester& a_stride(size_t v) {
    a_stride_ = v;
    return *this;
  }
  GemmMicrokernelTester& cm_stride(size_t v) {
    cm_stride_ = v;
    return *this;
  }
  GemmMicrokernelTester& a_zero_point(uint8_t v) {
    a_zero_point_ = v;
    return *this;
  }
  GemmMicrokernelTester& b_zero_point(uint8_t v) {
    b_zero_point_ = v;
    return *this;
  }
  // Default: a zero point centering the outputs.
  GemmMicrokernelTester& c_zero_point(uint8_t v) {
    c_zero_point_ = v;
    return *this;
  }
  // Default: a random scale giving about 256 output steps.
  GemmMicrokernelTester& scale(float v) {
    scale_ = v;
    return *this;
  }
  // Biases are uniform in [-bias_range, bias_range].
  GemmMicrokernelTester& bias_range(int32_t v) {
    bias_range_ = v;
    return *this;
  }
  GemmMicrokernelTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  GemmMicrokernelTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  // igemm only: probability that an indirection entry is the zero vector.
  GemmMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }
  GemmMicrokernelTester& iterations(size_t v) {
    iterations_ = v;
    return *this;
  }
  GemmMicrokernelTester& seed(uint32_t v) {
    seed_ = v;
    return *this;
  }

  void Test(q8nn_gemm_ukernel_fn gemm) const {
    ASSERT_GE(mr_, 1u);
    ASSERT_TRUE(m_ >= 1 && m_ <= mr_);
    ASSERT_TRUE(n_ >= 1 && k_ >= 1);
    const size_t a_stride = a_stride_ == 0 ? k_ : a_stride_;
    ASSERT_GE(a_stride, k_);

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly the bytes of the m rows: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> a = q8nn_test::RandomBytes((m_ - 1) * a_stride + k_, rng);
      const std::vector<uint8_t> b = q8nn_test::RandomBytes(n_ * k_, rng);  // b[n][k]
      const std::vector<int32_t> bias = RandomBias(rng);

      std::vector<int64_t> acc(m_ * n_);
      for (size_t i = 0; i < m_; i++) {
        for (size_t j = 0; j < n_; j++) {
          int64_t sum = bias[j];
          for (size_t kk = 0; kk < k_; kk++) {
            sum += (int64_t(a[i * a_stride + kk]) - a_zero_point_) *
                   (int64_t(b[j * k_ + kk]) - b_zero_point_);
          }
          acc[i * n_ + j] = sum;
        }
      }

      q8nn_test::AlignedBuffer packed(q8nn_packed_gemm_size(n_, 1, k_, nr_, kr_));
      q8nn_pack_gemm_weights(1, n_, 1, k_, nr_, kr_, b.data(), bias.data(), b_zero_point_,
                             packed.data());

      RunAndCheck(acc, rng, [&](uint8_t* c, size_t cm_stride, const q8nn_conv_params* params) {
        gemm(m_, n_, k_, a.data(), a_stride, packed.data(), c, cm_stride, params);
      });
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  void Test(q8nn_igemm_ukernel_fn igemm) const {
    ASSERT_GE(mr_, 1u);
    ASSERT_TRUE(m_ >= 1 && m_ <= mr_);
    ASSERT_TRUE(n_ >= 1 && k_ >= 1 && ks_ >= 1);
    const size_t a_stride = a_stride_ == 0 ? k_ : a_stride_;
    ASSERT_GE(a_stride, k_);

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Entry p * mr + i is row i's input for tap p; rows i >= m are valid too.
      q8nn_test::IndirectInput input(ks_ * mr_, k_, a_stride, a_zero_point_, zero_fraction_, rng);
      const std::vector<uint8_t> b = q8nn_test::RandomBytes(n_ * ks_ * k_, rng);  // b[n][ks][k]
      const std::vector<int32_t> bias = RandomBias(rng);

      std::vector<int64_t> acc(m_ * n_);
      for (size_t i = 0; i < m_; i++) {
        for (size_t j = 0; j < n_; j++) {
          int64_t sum = bias[j];
          for (size_t p = 0; p < ks_; p++) {
            for (size_t kk = 0; kk < k_; kk++) {
              sum += (int64_t(input.value(p * mr_ + i, kk)) - a_zero_point_) *
                     (int64_t(b[(j * ks_ + p) * k_ + kk]) - b_zero_point_);
            }
          }
          acc[i * n_ + j] = sum;
        }
      }

      q8nn_test::AlignedBuffer packed(q8nn_packed_gemm_size(n_, ks_, k_, nr_, kr_));
      q8nn_pack_gemm_weights(1, n_, ks_, k_, nr_, kr_, b.data(), bias.data(), b_zero_point_,
                             packed.data());

      RunAndCheck(acc, rng, [&](uint8_t* c, size_t cm_stride, const q8nn_conv_params* params) {
        igemm(m_, n_, k_, ks_, input.pointers(), packed.data(), c, cm_stride, input.input_offset(),
              input.zero(), params);
      });
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

 private:
  std::vector<int32_t> RandomBias(std::mt19937& rng) const {
    std::uniform_int_distribution<int32_t> dist(-bias_range_, bias_range_);
    std::vector<int32_t> bias(n_);
    for (auto& v : bias) v = dist(rng);
    return bias;
  }

  // Picks the output quantization, runs the kernel on a sentinel-filled C and
  // compares every byte: outputs bit-exactly, gaps and tail untouched.
  template <typename Run>
  void RunAndCheck(const std::vector<int64_t>& acc, std::mt19937& rng, Run run) const {
    for (int64_t v : acc) {
      ASSERT_TRUE(v >= std::numeric_limits<int32_t>::min() &&
                  v <= std::numeric_limits<int32_t>::max())
          << "test shape overflows int32 accumulators";
    }
    const int64_t acc_min = *std::min_element(acc.begin(), acc.end());
    const int64_t acc_max = *std::max_element(acc.begin(), acc.end());
    const float scale = scale_ > 0.0f ? scale_ : q8nn_test::RandomScale(acc_min, acc_max, rng);
    const uint8_t c_zero_point = c_zero_point_ >= 0
                                     ? uint8_t(c_zero_point_)
                                     : q8nn_test::CenteringZeroPoint(acc_min, acc_max, scale);

    q8nn_conv_params params;
    q8nn_init_conv_params(&params, a_zero_point_, b_zero_point_, scale, c_zero_point, qmin_, qmax_);

    const size_t cm_stride = cm_stride_ == 0 ? n_ : cm_stride_;
    ASSERT_GE(cm_stride, n_);
    const size_t c_size = (m_ - 1) * cm_stride + n_ + q8nn_test::kTailBytes;
    std::vector<uint8_t> c(c_size, q8nn_test::kSentinel);
    run(c.data(), cm_stride, &params);

    for (size_t index = 0; index < c_size; index++) {
      const size_t i = index / cm_stride;
      const size_t j = index % cm_stride;
      if (i < m_ && j < n_) {
        const int64_t a = acc[i * n_ + j];
        const uint8_t expected =
            q8nn_test::ReferenceRequantize(a, scale, c_zero_point, qmin_, qmax_);
        ASSERT_EQ(uint32_t(expected), uint32_t(c[index]))
            << "at row " << i << " / " << m_ << ", column " << j << " / " << n_ << ", k " << k_
            << ", ks " << ks_ << ": accumulator " << a << ", scale " << scale << ", zero point "
            << int(c_zero_point) << ", range [" << int(qmin_) << ", " << int(qmax_) << "]";
      } else {
        ASSERT_EQ(uint32_t(q8nn_test::kSentinel), uint32_t(c[index]))
            << "wrote outside the output at byte " << index << " (row " << i << ", column " << j
            << "), m " << m_ << ", n " << n_ << ", cm_stride " << cm_stride;
      }
    }
  }

  uint32_t mr_ = 1;
  uint32_t nr_ = 1;
  uint32_t kr_ = 1;
  size_t m_ = 1;
  size_t n_ = 1;
  size_t k_ = 1;
  size_t ks_ = 1;
  size_t a_stride_ = 0;
  size_t cm_stride_ = 0;
  uint8_t a_zero_point_ = 127;
  uint8_t b_zero_point_ = 127;
  int c_zero_point_ = -1;
  float scale_ = 0.0f;
  int32_t bias_range_ = 100000;
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
  double zero_fraction_ = 0.25;
  size_t iterations_ = 3;
  uint32_t seed_ = 0x5EED1234;
};
