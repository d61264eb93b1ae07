// Tests qnnp_create/setup_sigmoid_nc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

// The output quantization defaults to QNNPACK's required 1/256 and 0; q8nn
// accepts any.
class SigmoidOperatorTester : public RowTesterBase<SigmoidOperatorTester>,
                              public InputOutputQuantization<SigmoidOperatorTester> {
 public:
  SigmoidOperatorTester()
      : RowTesterBase(0x516), InputOutputQuantization(121, 0.0625f, 0, 1.0f / 256.0f) {}

  void TestQ8() const {
    TestRows(
        [&](qnnp_operator_t* op) {
          return qnnp_create_sigmoid_nc_q8(channels_, input_zero_point_, input_scale_,
                                           output_zero_point_, output_scale_, qmin_, qmax_, 0, op);
        },
        qnnp_setup_sigmoid_nc_q8,
        [&](const uint8_t* row, size_t c) {
          return Quantize(1.0 / (1.0 + std::exp(-Dequantize(row[c]))), qmin_, qmax_);
        },
        0.6, WideOutputRange());
  }
};

}  // namespace q8nn_test
