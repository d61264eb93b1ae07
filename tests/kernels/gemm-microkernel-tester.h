// Tester for the gemm and igemm microkernel families (see ukernels.h).
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <ostream>
#include <random>
#include <vector>

#include "kernels/kernel-test-utils.h"
#include "q8nn/pack.h"
#include "q8nn/params.h"
#include "q8nn/ukernels.h"

class GemmMicrokernelTester : public q8nn_test::KernelTester<GemmMicrokernelTester>,
                              public q8nn_test::OutputRange<GemmMicrokernelTester> {
 public:
  GemmMicrokernelTester() : KernelTester(0x5EED1234) {}

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
  GemmMicrokernelTester& packing(q8nn_gemm_packing v) {
    packing_ = v;
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
  // Whether params carry the tightest accumulator bound (the operators give
  // one) or INT32_MAX (unknown: kernels must not skip any clamp).
  GemmMicrokernelTester& bound_known(bool v) {
    bound_known_ = v;
    return *this;
  }
  // factor times the largest scale the bound allows the wasmsimd clamp-free
  // epilogue (0: not used).
  GemmMicrokernelTester& scale_from_plain_limit(float factor) {
    plain_limit_factor_ = factor;
    return *this;
  }
  // igemm only: probability that an indirection entry is the zero vector.
  GemmMicrokernelTester& zero_fraction(double v) {
    zero_fraction_ = v;
    return *this;
  }

  void Test(q8nn_gemm_ukernel_fn gemm) const {
    ASSERT_NO_FATAL_FAILURE(CheckShape(1));
    const size_t a_stride = AStride();

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Exactly the bytes of the m rows: AddressSanitizer sees any read past them.
      const std::vector<uint8_t> a = q8nn_test::RandomBytes((m_ - 1) * a_stride + k_, rng);
      RunAndCheck(
          1, rng, [&](size_t i, size_t, size_t kk) { return a[i * a_stride + kk]; },
          [&](const void* packed, uint8_t* c, size_t cm_stride, const q8nn_conv_params* params) {
            gemm(m_, n_, k_, a.data(), a_stride, packed, c, cm_stride, params);
          });
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

  void Test(q8nn_igemm_ukernel_fn igemm) const {
    ASSERT_NO_FATAL_FAILURE(CheckShape(ks_));

    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      // Entry p * mr + i is row i's input for tap p; rows i >= m are valid too.
      q8nn_test::IndirectInput input(ks_ * mr_, k_, AStride(), a_zero_point_, zero_fraction_, rng);
      RunAndCheck(
          ks_, rng, [&](size_t i, size_t p, size_t kk) { return input.value(p * mr_ + i, kk); },
          [&](const void* packed, uint8_t* c, size_t cm_stride, const q8nn_conv_params* params) {
            igemm(m_, n_, k_, ks_, input.pointers(), packed, c, cm_stride, input.input_offset(),
                  input.zero(), params);
          });
      if (::testing::Test::HasFatalFailure()) return;
    }
  }

 private:
  size_t AStride() const { return a_stride_ == 0 ? k_ : a_stride_; }

  void CheckShape(size_t ks) const {
    ASSERT_GE(mr_, 1u);
    ASSERT_TRUE(m_ >= 1 && m_ <= mr_);
    ASSERT_TRUE(n_ >= 1 && k_ >= 1 && ks >= 1);
    ASSERT_GE(AStride(), k_);
  }

  std::vector<int32_t> RandomBias(std::mt19937& rng) const {
    std::uniform_int_distribution<int32_t> dist(-bias_range_, bias_range_);
    std::vector<int32_t> bias(n_);
    for (auto& v : bias) v = dist(rng);
    return bias;
  }

  // Draws B (b[n][ks][k]) and the bias, computes the accumulators of rows
  // a(i, tap, kk), packs B, then picks the output quantization, runs the kernel
  // on a sentinel-filled C and compares every byte: outputs bit-exactly, gaps
  // and tail untouched.
  template <typename A, typename Run>
  void RunAndCheck(size_t ks, std::mt19937& rng, A a, Run run) const {
    const std::vector<uint8_t> b = q8nn_test::RandomBytes(n_ * ks * k_, rng);
    const std::vector<int32_t> bias = RandomBias(rng);

    std::vector<int64_t> acc(m_ * n_);
    for (size_t i = 0; i < m_; i++) {
      for (size_t j = 0; j < n_; j++) {
        int64_t sum = bias[j];
        for (size_t p = 0; p < ks; p++) {
          for (size_t kk = 0; kk < k_; kk++) {
            sum += (int64_t(a(i, p, kk)) - a_zero_point_) *
                   (int64_t(b[(j * ks + p) * k_ + kk]) - b_zero_point_);
          }
        }
        acc[i * n_ + j] = sum;
      }
    }

    q8nn_test::AlignedBuffer packed(q8nn_packed_gemm_size(packing_, n_, ks, k_, nr_, kr_));
    q8nn_pack_gemm_weights(1, n_, ks, k_, nr_, kr_, packing_, a_zero_point_, b_zero_point_,
                           b.data(), bias.data(), packed.data());

    for (int64_t v : acc) {
      ASSERT_TRUE(v >= std::numeric_limits<int32_t>::min() &&
                  v <= std::numeric_limits<int32_t>::max())
          << "test shape overflows int32 accumulators";
    }
    const int32_t bound = q8nn_test::AccumulatorBound(acc);
    const float scale = scale_ > 0.0f ? scale_
                        : plain_limit_factor_ > 0.0f
                            ? q8nn_test::PlainLimitScale(bound) * plain_limit_factor_
                            : q8nn_test::RandomScale(acc, rng);
    const uint8_t c_zero_point = q8nn_test::OutputZeroPoint(c_zero_point_, acc, scale);

    q8nn_conv_params params;
    q8nn_init_conv_params(&params, a_zero_point_, b_zero_point_, scale, c_zero_point, qmin_, qmax_);
    if (bound_known_) params.accumulator_bound = bound;

    const size_t cm_stride = cm_stride_ == 0 ? n_ : cm_stride_;
    ASSERT_GE(cm_stride, n_);
    std::vector<uint8_t> c = q8nn_test::SentinelOutput(m_, n_, cm_stride);
    run(packed.data(), c.data(), cm_stride, &params);

    q8nn_test::CheckOutputBytes(
        c, m_, n_, cm_stride,
        [&](size_t i, size_t j) {
          return q8nn_test::ReferenceRequantize(acc[i * n_ + j], scale, c_zero_point, qmin_, qmax_);
        },
        [&](size_t i, size_t j) {
          return testing::Message()
                 << "at row " << i << " / " << m_ << ", column " << j << " / " << n_ << ", k " << k_
                 << ", ks " << ks_ << ": accumulator " << acc[i * n_ + j] << ", scale " << scale
                 << ", zero point " << int(c_zero_point) << ", range [" << int(qmin_) << ", "
                 << int(qmax_) << "]";
        });
  }

  uint32_t mr_ = 1;
  uint32_t nr_ = 1;
  uint32_t kr_ = 1;
  q8nn_gemm_packing packing_ = q8nn_gemm_packing_u8;
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
  double zero_fraction_ = 0.25;
  bool bound_known_ = true;
  float plain_limit_factor_ = 0.0f;
};

namespace q8nn_test {

// A gemm or igemm kernel under test, with its tile: mr x nr, k in multiples of kr.
template <class Fn>
struct GemmKernel {
  const char* name;
  Fn fn;
  uint32_t mr, nr, kr;
  const char* isa;
  q8nn_gemm_packing packing = q8nn_gemm_packing_u8;  // the weight layout it reads
};

// Names the kernel in gtest failure messages.
template <class Fn>
void PrintTo(const GemmKernel<Fn>& kernel, std::ostream* os) {
  *os << kernel.name;
}

// Fixture of the gemm and igemm kernel tests.
template <class Fn>
class GemmKernelTest : public KernelTest<GemmKernel<Fn>> {
 protected:
  // A tester for the tile of the kernel under test.
  GemmMicrokernelTester Tester() const {
    const GemmKernel<Fn>& kernel = this->GetParam();
    return GemmMicrokernelTester().mr(kernel.mr).nr(kernel.nr).kr(kernel.kr).packing(
        kernel.packing);
  }

  // `shape` without an accumulator bound (INT32_MAX), at scales where a known
  // bound lets kernels skip clamps.
  void TestUnknownAccumulatorBound(const GemmMicrokernelTester& shape) const {
    for (float scale : {0.0f, 0x1.0p-16f, 0.75f, 3.0f, 1000.0f}) {
      this->Test(GemmMicrokernelTester(shape).scale(scale).bound_known(false));
      if (testing::Test::HasFatalFailure()) return;
    }
  }

  // `shape` at the largest scale the bound leaves clamp-free in the wasmsimd
  // epilogue (products up to +-1.5 * 2^23 saturate to 0 and 255), and at 1.5
  // times it.
  void TestPlainLimit(const GemmMicrokernelTester& shape) const {
    for (float factor : {1.0f, 1.5f}) {
      for (int zero_point : {0, 128, 255}) {
        this->Test(GemmMicrokernelTester(shape)
                       .scale_from_plain_limit(factor)
                       .c_zero_point(zero_point)
                       .iterations(3));
        if (testing::Test::HasFatalFailure()) return;
      }
    }
  }
};

}  // namespace q8nn_test
