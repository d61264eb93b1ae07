// Tests qnnp_create/setup_average_pooling2d_nhwc_q8 against a double reference.
#pragma once

#include "operators/window-operator-tester.h"

namespace q8nn_test {

struct AveragePoolingQuantization {
  uint8_t input_zero_point, output_zero_point;
  float input_scale, output_scale;
};

class AveragePoolingOperatorTester
    : public WindowTesterBase<AveragePoolingOperatorTester, AveragePoolingQuantization> {
 public:
  AveragePoolingOperatorTester() : WindowTesterBase(0xA7E) {}

  AveragePoolingOperatorTester& pooling_size(uint32_t k) { return kernel_size(k, k); }
  AveragePoolingOperatorTester& pooling_size(uint32_t h, uint32_t w) { return kernel_size(h, w); }
  AveragePoolingOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  // Average pooling has no dilation.
  void dilation() = delete;

  size_t input_channels() const { return channels_; }
  size_t output_channels() const { return channels_; }

  void TestQ8() const { TestIterations(); }

  // Rerun after an in-place input change, other batch sizes, pointers and
  // input sizes.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    RunSetupSequence(next_height, next_width, kPoolingSetupSequence);
  }

 private:
  friend class WindowTesterBase<AveragePoolingOperatorTester, AveragePoolingQuantization>;

  static constexpr NhwcSetupFn kSetup = qnnp_setup_average_pooling2d_nhwc_q8;
  static constexpr double kTolerance = 0.6;
  static constexpr bool kNontrivialOutputs = true;

  AveragePoolingQuantization MakeState(std::mt19937& rng) const {
    AveragePoolingQuantization q;
    q.input_zero_point = RandomU8(rng, 100, 156);
    q.output_zero_point = RandomU8(rng, 100, 156);
    q.input_scale = RandomFloat(rng, 0.5f, 2.0f);
    // Averages of uniform data cluster near the middle: a smaller output scale
    // spreads them.
    q.output_scale = q.input_scale * RandomFloat(rng, 0.3f, 1.2f);
    return q;
  }

  qnnp_operator_t Create(const AveragePoolingQuantization& q) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_average_pooling2d_nhwc_q8(
                  padding_top_, padding_right_, padding_bottom_, padding_left_, kernel_height_,
                  kernel_width_, stride_height_, stride_width_, channels_, q.input_zero_point,
                  q.input_scale, q.output_zero_point, q.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  // Padding counts as zero points: the divisor is the full window.
  auto Reference(const AveragePoolingQuantization& q, size_t, size_t ih, size_t iw,
                 const uint8_t* input) const {
    return [this, &q, ih, iw, input](size_t p, size_t c) {
      int32_t sum = 0;
      ForEachWindowPixel(p, ih, iw, [&](size_t i) {
        sum += int32_t(input[i * input_pixel_stride() + c]) - int32_t(q.input_zero_point);
      });
      const double y = double(sum) / double(kernel_height_ * kernel_width_) *
                           double(q.input_scale) / double(q.output_scale) +
                       double(q.output_zero_point);
      return std::min(std::max(y, double(qmin_)), double(qmax_));
    };
  }

  size_t channels_ = 1;
};

}  // namespace q8nn_test
