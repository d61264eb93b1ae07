// Tests qnnp_create/setup_max_pooling2d_nhwc_u8 against an exact reference.
#pragma once

#include "operators/window-operator-tester.h"

namespace q8nn_test {

// Max pooling has no quantization.
struct MaxPoolingState {};

class MaxPoolingOperatorTester
    : public WindowTesterBase<MaxPoolingOperatorTester, MaxPoolingState> {
 public:
  MaxPoolingOperatorTester() : WindowTesterBase(0x3A7) {}

  MaxPoolingOperatorTester& pooling_size(uint32_t k) { return kernel_size(k, k); }
  MaxPoolingOperatorTester& pooling_size(uint32_t h, uint32_t w) { return kernel_size(h, w); }
  MaxPoolingOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }

  size_t input_channels() const { return channels_; }
  size_t output_channels() const { return channels_; }

  void TestU8() const { TestIterations(); }

  void TestSetupSequence(size_t next_height, size_t next_width) const {
    RunSetupSequence(next_height, next_width, kPoolingSetupSequence);
  }

 private:
  friend class WindowTesterBase<MaxPoolingOperatorTester, MaxPoolingState>;

  static constexpr NhwcSetupFn kSetup = qnnp_setup_max_pooling2d_nhwc_u8;
  static constexpr double kTolerance = 0.0;
  static constexpr bool kNontrivialOutputs = false;

  MaxPoolingState MakeState(std::mt19937&) const { return {}; }

  qnnp_operator_t Create(const MaxPoolingState&) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_max_pooling2d_nhwc_u8(padding_top_, padding_right_, padding_bottom_,
                                                padding_left_, kernel_height_, kernel_width_,
                                                stride_height_, stride_width_, dilation_height_,
                                                dilation_width_, channels_, qmin_, qmax_, 0, &op));
    return op;
  }

  // Max over the window elements inside the input, then clamped; an empty
  // window gives qmin.
  auto Reference(const MaxPoolingState&, size_t, size_t ih, size_t iw, const uint8_t* input) const {
    return [this, ih, iw, input](size_t p, size_t c) {
      int max = -1;
      ForEachWindowPixel(p, ih, iw, [&](size_t i) {
        max = std::max<int>(max, input[i * input_pixel_stride() + c]);
      });
      return double(std::min(std::max(max, int(qmin_)), int(qmax_)));
    };
  }

  size_t channels_ = 1;
};

}  // namespace q8nn_test
