// Tests qnnp_create/setup_softargmax_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class SoftArgMaxOperatorTester : public RowTesterBase<SoftArgMaxOperatorTester> {
 public:
  SoftArgMaxOperatorTester() : RowTesterBase(0x50F) {}

  SoftArgMaxOperatorTester& input_scale(float s) {
    input_scale_ = s;
    return *this;
  }
  // The output range is fixed.
  void qmin(uint8_t) = delete;
  void qmax(uint8_t) = delete;

  void TestQ8() const {
    TestRows(
        [&](qnnp_operator_t* op) {
          return qnnp_create_softargmax_nc_q8(channels_, input_scale_, 0, 1.0f / 256.0f, 0, op);
        },
        qnnp_setup_softargmax_nc_q8,
        // exp(s * (x - max)) / sum_j exp(s * (x_j - max)), in units of 1/256.
        [&](const uint8_t* row, size_t c) {
          const int max = *std::max_element(row, row + channels_);
          double sum = 0.0;
          for (size_t j = 0; j < channels_; j++) {
            sum += std::exp(double(input_scale_) * (int(row[j]) - max));
          }
          const double y = std::exp(double(input_scale_) * (int(row[c]) - max)) / sum * 256.0;
          return std::min(y, 255.0);
        },
        0.6, channels_ > 1);
  }

 private:
  float input_scale_ = 0.05f;
};

}  // namespace q8nn_test
