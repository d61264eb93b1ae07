// Tests qnnp_create/setup_convolution2d_nhwc_q8 against an integer reference.
#pragma once

#include "operators/window-operator-tester.h"

namespace q8nn_test {

class ConvolutionOperatorTester : public ConvTesterBase<ConvolutionOperatorTester> {
 public:
  ConvolutionOperatorTester() : ConvTesterBase(0x5EED) {}

  // The stride of the window.
  ConvolutionOperatorTester& subsampling(uint32_t s) { return stride(s, s); }
  ConvolutionOperatorTester& subsampling(uint32_t h, uint32_t w) { return stride(h, w); }
  // groups = channels, one input and one output channel per group.
  ConvolutionOperatorTester& depthwise(size_t channels) {
    groups_ = uint32_t(channels);
    group_input_channels_ = 1;
    group_output_channels_ = 1;
    return *this;
  }
  // Ranges of the random input and kernel values (zero points are drawn near
  // their middle).
  ConvolutionOperatorTester& input_range(int lo, int hi) {
    input_lo_ = lo;
    input_hi_ = hi;
    return *this;
  }
  ConvolutionOperatorTester& kernel_range(int lo, int hi) {
    kernel_lo_ = lo;
    kernel_hi_ = hi;
    return *this;
  }
  // Fixed zero points (otherwise drawn near the middle of the data ranges).
  ConvolutionOperatorTester& input_zero_point(uint8_t v) {
    input_zero_point_ = v;
    return *this;
  }
  ConvolutionOperatorTester& kernel_zero_point(uint8_t v) {
    kernel_zero_point_ = v;
    return *this;
  }
  // Forces input_scale = kernel_scale = 1 and output_scale = 1 / scale, so
  // that the requantization scale is exactly `scale` (e.g. 0.5 for ties).
  ConvolutionOperatorTester& requantization_scale(float s) {
    requantization_scale_ = s;
    return *this;
  }

  // Creates, sets up and runs the operator `iterations` times with fresh data.
  void TestQ8() const { TestIterations(); }

  // One operator through a sequence of setups and runs: rerun after the input
  // changed in place, setup again with the same arguments, bigger and smaller
  // batches, another input pointer, a new input size (`next_height` x
  // `next_width`), an empty batch and back.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    // The pointer moves both ways (kept indirection buffers may add the
    // pointer difference).
    static constexpr SetupStep kSteps[] = {
        {"setup again with the same arguments", kRefill},
        {"bigger batch", kRefill | kBiggerBatch},
        {"smaller batch", kBatchOne},
        {"bigger batch again", kRefill | kBiggerBatch},
        {"wider pixel strides, same pointer and shape", kWideStrides},
        {"back to dense strides", 0},
        {"other input pointer", kOtherInput},
        {"first input pointer again", 0},
        {"other input pointer again", kOtherInput},
        {"new input size, same pointer", kNextSize | kOtherInput},
        {"new input size, first pointer", kNextSize},
        {"empty batch", kEmptyBatch},
        {"back to the first shape, same pointer", kRefill},
    };
    RunSetupSequence(next_height, next_width, kSteps);
  }

 private:
  friend class WindowTesterBase<ConvolutionOperatorTester, ConvParameters>;
  friend class ConvTesterBase<ConvolutionOperatorTester>;

  static constexpr NhwcSetupFn kSetup = qnnp_setup_convolution2d_nhwc_q8;

  void FillInput(std::vector<uint8_t>& input, std::mt19937& rng) const {
    FillRandom(input, rng, input_lo_, input_hi_);
  }

  ConvParameters MakeState(std::mt19937& rng) const {
    const int input_mid = (input_lo_ + input_hi_) / 2, kernel_mid = (kernel_lo_ + kernel_hi_) / 2;
    const int input_spread = (input_hi_ - input_lo_) / 8,
              kernel_spread = (kernel_hi_ - kernel_lo_) / 8;
    // Bias of the order of a few products, so that it matters but does not dominate.
    const int32_t bias_limit = std::max(1, (input_hi_ - input_lo_) * (kernel_hi_ - kernel_lo_) / 8);
    ConvParameters s = DrawConvParameters(rng, input_mid - input_spread, input_mid + input_spread,
                                          kernel_mid - kernel_spread, kernel_mid + kernel_spread,
                                          requantization_scale_ != 0.0f, KernelSize(), kernel_lo_,
                                          kernel_hi_, output_channels(), bias_limit);
    if (input_zero_point_ >= 0) s.input_zero_point = uint8_t(input_zero_point_);
    if (kernel_zero_point_ >= 0) s.kernel_zero_point = uint8_t(kernel_zero_point_);
    ChooseOutputQuantization(&s, rng);
    if (requantization_scale_ != 0.0f) {
      s.output_scale = 1.0f / requantization_scale_;
      s.output_zero_point = 128;
    }
    return s;
  }

  qnnp_operator_t Create(const ConvParameters& s) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_convolution2d_nhwc_q8(
                  padding_top_, padding_right_, padding_bottom_, padding_left_, kernel_height_,
                  kernel_width_, stride_height_, stride_width_, dilation_height_, dilation_width_,
                  groups_, group_input_channels_, group_output_channels_, s.input_zero_point,
                  s.input_scale, s.kernel_zero_point, s.kernel_scale, s.kernel.data(),
                  has_bias_ ? s.bias.data() : nullptr, s.output_zero_point, s.output_scale, qmin_,
                  qmax_, 0, &op));
    return op;
  }

  // kernel[groups][group_output_channels][kernel_height][kernel_width][group_input_channels]
  size_t KernelIndex(size_t g, size_t oc, size_t ky, size_t kx, size_t ic) const {
    return (((g * group_output_channels_ + oc) * kernel_height_ + ky) * kernel_width_ + kx) *
               group_input_channels_ +
           ic;
  }

  int input_lo_ = 0, input_hi_ = 255, kernel_lo_ = 0, kernel_hi_ = 255;
  int input_zero_point_ = -1, kernel_zero_point_ = -1;
  float requantization_scale_ = 0.0f;
};

}  // namespace q8nn_test
