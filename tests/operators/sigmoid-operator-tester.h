// Tests qnnp_create/setup_sigmoid_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class SigmoidOperatorTester {
 public:
  SigmoidOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  SigmoidOperatorTester& input_stride(size_t s) {
    input_stride_ = s;
    return *this;
  }
  SigmoidOperatorTester& output_stride(size_t s) {
    output_stride_ = s;
    return *this;
  }
  SigmoidOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  SigmoidOperatorTester& input_quantization(uint8_t zero_point, float scale) {
    input_zero_point_ = zero_point;
    input_scale_ = scale;
    return *this;
  }
  // QNNPACK requires 1/256 and 0 (the default); q8nn accepts any.
  SigmoidOperatorTester& output_quantization(uint8_t zero_point, float scale) {
    output_zero_point_ = zero_point;
    output_scale_ = scale;
    return *this;
  }
  SigmoidOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  SigmoidOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  SigmoidOperatorTester& in_place(bool v) {
    in_place_ = v;
    return *this;
  }
  SigmoidOperatorTester& iterations(size_t n) {
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
                qnnp_create_sigmoid_nc_q8(channels_, input_zero_point_, input_scale_,
                                          output_zero_point_, output_scale_, qmin_, qmax_, 0, &op));
      ASSERT_NE(nullptr, op);
      auto ref = [&](const uint8_t* row, size_t c) {
        const double x = double(input_scale_) * (double(row[c]) - double(input_zero_point_));
        const double y =
            1.0 / (1.0 + std::exp(-x)) / double(output_scale_) + double(output_zero_point_);
        return std::min(std::max(y, double(qmin_)), double(qmax_));
      };
      TestNcOperator(op, qnnp_setup_sigmoid_nc_q8, channels_, batch_size_, input_stride(),
                     output_stride(), in_place_, rng, ref, 0.6, qmax_ - qmin_ >= 64);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t input_zero_point_ = 121;
  float input_scale_ = 0.0625f;
  uint8_t output_zero_point_ = 0;
  float output_scale_ = 1.0f / 256.0f;
  uint8_t qmin_ = 0, qmax_ = 255;
  bool in_place_ = false;
  size_t iterations_ = 1;
  uint32_t seed_ = 0x516;
};

}  // namespace q8nn_test
