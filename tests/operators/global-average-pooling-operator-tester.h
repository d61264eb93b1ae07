// Tests qnnp_create/setup_global_average_pooling_nwc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

// Rows are pixels: each batch element is `width` input rows and one output row.
class GlobalAveragePoolingOperatorTester
    : public RowTesterBase<GlobalAveragePoolingOperatorTester> {
 public:
  GlobalAveragePoolingOperatorTester() : RowTesterBase(0x6A9) {}

  GlobalAveragePoolingOperatorTester& width(size_t w) {
    width_ = w;
    return *this;
  }
  // The output does not fit in the input.
  void in_place(bool) = delete;

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      const uint8_t izp = RandomU8(rng, 100, 156), ozp = RandomU8(rng, 100, 156);
      const float input_scale = RandomFloat(rng, 0.5f, 2.0f);
      // Means of many uniform values cluster: a small output scale spreads them.
      const float output_scale =
          input_scale * RandomFloat(rng, 0.5f, 1.0f) / float(std::sqrt(double(width_)));
      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success,
                qnnp_create_global_average_pooling_nwc_q8(channels_, izp, input_scale, ozp,
                                                          output_scale, qmin_, qmax_, 0, &op));
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(TensorSize(batch_size_ * width_, channels_, input_stride()));
      FillRandom(input, rng);
      std::vector<uint8_t> output(TensorSize(batch_size_, channels_, output_stride()), kSentinel);
      ASSERT_EQ(qnnp_status_success, qnnp_setup_global_average_pooling_nwc_q8(
                                         op, batch_size_, width_, input.data(), input_stride(),
                                         output.data(), output_stride()));
      auto ref = [&](size_t b, size_t c) {
        int64_t sum = 0;
        for (size_t i = 0; i < width_; i++) sum += input[(b * width_ + i) * input_stride() + c];
        const double y = (double(sum) - double(width_) * double(izp)) / double(width_) *
                             double(input_scale) / double(output_scale) +
                         double(ozp);
        return std::min(std::max(y, double(qmin_)), double(qmax_));
      };
      ASSERT_NO_FATAL_FAILURE(RunAndCheckOutput(op, output, batch_size_, channels_, output_stride(),
                                                ref, 0.6, WideOutputRange()));
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t width_ = 1;
};

}  // namespace q8nn_test
