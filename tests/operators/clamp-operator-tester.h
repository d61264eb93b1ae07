// Tests qnnp_create/setup_clamp_nc_u8 against an exact reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class ClampOperatorTester : public RowTesterBase<ClampOperatorTester> {
 public:
  ClampOperatorTester() : RowTesterBase(0xC1A) {}

  void TestU8() const {
    TestRows(
        [&](qnnp_operator_t* op) {
          return qnnp_create_clamp_nc_u8(channels_, qmin_, qmax_, 0, op);
        },
        qnnp_setup_clamp_nc_u8,
        [&](const uint8_t* row, size_t c) {
          return double(std::min(std::max(int(row[c]), int(qmin_)), int(qmax_)));
        },
        0.0, false);
  }
};

}  // namespace q8nn_test
