// Tests qnnp_create/setup_leaky_relu_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class LeakyReLUOperatorTester : public RowTesterBase<LeakyReLUOperatorTester>,
                                public InputOutputQuantization<LeakyReLUOperatorTester> {
 public:
  LeakyReLUOperatorTester()
      : RowTesterBase(0x1EA), InputOutputQuantization(128, 0.5f, 100, 0.75f) {}

  LeakyReLUOperatorTester& negative_slope(float s) {
    negative_slope_ = s;
    return *this;
  }

  void TestQ8() const {
    TestRows(
        [&](qnnp_operator_t* op) {
          return qnnp_create_leaky_relu_nc_q8(channels_, negative_slope_, input_zero_point_,
                                              input_scale_, output_zero_point_, output_scale_,
                                              qmin_, qmax_, 0, op);
        },
        qnnp_setup_leaky_relu_nc_q8,
        [&](const uint8_t* row, size_t c) {
          const double x = Dequantize(row[c]);
          return Quantize(x > 0 ? x : double(negative_slope_) * x, qmin_, qmax_);
        },
        0.6, WideOutputRange());
  }

 private:
  float negative_slope_ = 0.5f;
};

}  // namespace q8nn_test
