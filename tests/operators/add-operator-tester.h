// Tests qnnp_create/setup_add_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class AddOperatorTester : public OperatorTesterBase<AddOperatorTester> {
 public:
  AddOperatorTester() : OperatorTesterBase(0xADD) {}

  AddOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  AddOperatorTester& a_stride(size_t s) {
    a_stride_ = s;
    return *this;
  }
  AddOperatorTester& b_stride(size_t s) {
    b_stride_ = s;
    return *this;
  }
  AddOperatorTester& sum_stride(size_t s) {
    sum_stride_ = s;
    return *this;
  }
  // Fixed quantization (otherwise drawn at random for each iteration).
  AddOperatorTester& quantization(uint8_t a_zp, float a_scale, uint8_t b_zp, float b_scale,
                                  uint8_t sum_zp, float sum_scale) {
    fixed_quantization_ = true;
    a_zero_point_ = a_zp;
    a_scale_ = a_scale;
    b_zero_point_ = b_zp;
    b_scale_ = b_scale;
    sum_zero_point_ = sum_zp;
    sum_scale_ = sum_scale;
    return *this;
  }
  // The sum overwrites a (sum_stride = a_stride) or b.
  AddOperatorTester& in_place_a(bool v) {
    in_place_a_ = v;
    return *this;
  }
  AddOperatorTester& in_place_b(bool v) {
    in_place_b_ = v;
    return *this;
  }

  size_t a_stride() const { return a_stride_ == 0 ? channels_ : a_stride_; }
  size_t b_stride() const { return b_stride_ == 0 ? channels_ : b_stride_; }
  size_t sum_stride() const {
    if (in_place_a_) return a_stride();
    if (in_place_b_) return b_stride();
    return sum_stride_ == 0 ? channels_ : sum_stride_;
  }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      uint8_t a_zp = a_zero_point_, b_zp = b_zero_point_, sum_zp = sum_zero_point_;
      float a_scale = a_scale_, b_scale = b_scale_, sum_scale = sum_scale_;
      if (!fixed_quantization_) {
        a_zp = RandomU8(rng, 80, 176);
        b_zp = RandomU8(rng, 80, 176);
        sum_zp = RandomU8(rng, 80, 176);
        a_scale = RandomFloat(rng, 0.25f, 4.0f);
        b_scale = RandomFloat(rng, 0.25f, 4.0f);
        sum_scale = std::max(a_scale, b_scale) * RandomFloat(rng, 0.8f, 2.0f);
      }
      // Gap bytes of inputs hold the sentinel too: for in-place runs they
      // become the gaps of the sum.
      std::vector<uint8_t> a(TensorSize(batch_size_, channels_, a_stride()), kSentinel);
      std::vector<uint8_t> b(TensorSize(batch_size_, channels_, b_stride()), kSentinel);
      for (size_t i = 0; i < batch_size_; i++) {
        for (size_t c = 0; c < channels_; c++) {
          a[i * a_stride() + c] = RandomU8(rng, 0, 255);
          b[i * b_stride() + c] = RandomU8(rng, 0, 255);
        }
      }
      const std::vector<uint8_t> a_copy = a, b_copy = b;
      std::vector<uint8_t> separate_sum(TensorSize(batch_size_, channels_, sum_stride()),
                                        kSentinel);
      std::vector<uint8_t>& sum = in_place_a_ ? a : in_place_b_ ? b : separate_sum;

      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success,
                qnnp_create_add_nc_q8(channels_, a_zp, a_scale, b_zp, b_scale, sum_zp, sum_scale,
                                      qmin_, qmax_, 0, &op));
      ASSERT_NE(nullptr, op);
      ASSERT_EQ(qnnp_status_success,
                qnnp_setup_add_nc_q8(op, batch_size_, a.data(), a_stride(), b.data(), b_stride(),
                                     sum.data(), sum_stride()));
      auto ref = [&](size_t i, size_t c) {
        const double y = (double(a_copy[i * a_stride() + c]) - double(a_zp)) * double(a_scale) /
                             double(sum_scale) +
                         (double(b_copy[i * b_stride() + c]) - double(b_zp)) * double(b_scale) /
                             double(sum_scale) +
                         double(sum_zp);
        return std::min(std::max(y, double(qmin_)), double(qmax_));
      };
      auto reset = [&] {
        a = a_copy;
        b = b_copy;
        std::fill(separate_sum.begin(), separate_sum.end(), kSentinel);
      };
      ASSERT_NO_FATAL_FAILURE(RunAndCheckOutput(op, sum, batch_size_, channels_, sum_stride(), ref,
                                                0.6, WideOutputRange(), reset));
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t channels_ = 1;
  size_t a_stride_ = 0, b_stride_ = 0, sum_stride_ = 0;
  bool fixed_quantization_ = false;
  uint8_t a_zero_point_ = 128, b_zero_point_ = 128, sum_zero_point_ = 128;
  float a_scale_ = 1.0f, b_scale_ = 1.0f, sum_scale_ = 1.0f;
  bool in_place_a_ = false, in_place_b_ = false;
};

}  // namespace q8nn_test
