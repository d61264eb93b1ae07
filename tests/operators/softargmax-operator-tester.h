// Tests qnnp_create/setup_softargmax_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class SoftArgMaxOperatorTester {
 public:
  SoftArgMaxOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  SoftArgMaxOperatorTester& input_stride(size_t s) {
    input_stride_ = s;
    return *this;
  }
  SoftArgMaxOperatorTester& output_stride(size_t s) {
    output_stride_ = s;
    return *this;
  }
  SoftArgMaxOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  SoftArgMaxOperatorTester& input_scale(float s) {
    input_scale_ = s;
    return *this;
  }
  SoftArgMaxOperatorTester& in_place(bool v) {
    in_place_ = v;
    return *this;
  }
  SoftArgMaxOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }

  size_t input_stride() const { return input_stride_ == 0 ? channels_ : input_stride_; }
  size_t output_stride() const { return output_stride_ == 0 ? channels_ : output_stride_; }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success,
                qnnp_create_softargmax_nc_q8(channels_, input_scale_, 0, 1.0f / 256.0f, 0, &op));
      ASSERT_NE(nullptr, op);
      // exp(s * (x - max)) / sum_j exp(s * (x_j - max)), in units of 1/256.
      auto ref = [&](const uint8_t* row, size_t c) {
        const int max = *std::max_element(row, row + channels_);
        double sum = 0.0;
        for (size_t j = 0; j < channels_; j++) {
          sum += std::exp(double(input_scale_) * (int(row[j]) - max));
        }
        const double y = std::exp(double(input_scale_) * (int(row[c]) - max)) / sum * 256.0;
        return std::min(y, 255.0);
      };
      TestNcOperator(op, qnnp_setup_softargmax_nc_q8, channels_, batch_size_, input_stride(),
                     output_stride(), in_place_, rng, ref, 0.6, channels_ > 1);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  size_t batch_size_ = 1;
  float input_scale_ = 0.05f;
  bool in_place_ = false;
  size_t iterations_ = 1;
  uint32_t seed_ = 0x50F;
};

}  // namespace q8nn_test
