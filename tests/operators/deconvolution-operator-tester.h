// Tests qnnp_create/setup_deconvolution2d_nhwc_q8 against an integer reference.
#pragma once

#include "operators/window-operator-tester.h"

namespace q8nn_test {

class DeconvolutionOperatorTester : public ConvTesterBase<DeconvolutionOperatorTester> {
 public:
  DeconvolutionOperatorTester() : ConvTesterBase(0xDEC0) {}

  DeconvolutionOperatorTester& adjustment(uint32_t h, uint32_t w) {
    adjustment_height_ = h;
    adjustment_width_ = w;
    return *this;
  }

  size_t output_height(size_t ih) const {
    return (ih - 1) * stride_height_ + adjustment_height_ +
           (kernel_height_ - 1) * dilation_height_ + 1 - padding_top_ - padding_bottom_;
  }
  size_t output_width(size_t iw) const {
    return (iw - 1) * stride_width_ + adjustment_width_ + (kernel_width_ - 1) * dilation_width_ +
           1 - padding_left_ - padding_right_;
  }

  void TestQ8() const { TestIterations(); }

  // Rerun after an in-place input change, bigger and smaller batches, another
  // pointer, wider pixel strides, a new input size, an empty batch.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    static constexpr SetupStep kSteps[] = {
        {"same arguments again", 0},
        {"bigger batch", kBiggerBatch},
        {"smaller batch", kBatchOne},
        {"other pointer", kOtherInput},
        {"wider pixel strides", kWideStrides},
        {"dense again with the same pointer and shape", 0},
        {"first pointer again", 0},
        {"other pointer again", kOtherInput},
        {"new input size", kNextSize | kOtherInput},
        {"new input size, first pointer", kNextSize},
        {"empty batch", kEmptyBatch},
        {"back to the first shape", kRefill},
    };
    RunSetupSequence(next_height, next_width, kSteps);
  }

 private:
  friend class WindowTesterBase<DeconvolutionOperatorTester, ConvParameters>;
  friend class ConvTesterBase<DeconvolutionOperatorTester>;

  static constexpr NhwcSetupFn kSetup = qnnp_setup_deconvolution2d_nhwc_q8;

  ConvParameters MakeState(std::mt19937& rng) const {
    ConvParameters s = DrawConvParameters(rng, 112, 144, 112, 144, false, KernelSize(), 0, 255,
                                          output_channels(), 8000);
    ChooseOutputQuantization(&s, rng);
    return s;
  }

  qnnp_operator_t Create(const ConvParameters& s) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_deconvolution2d_nhwc_q8(
                  padding_top_, padding_right_, padding_bottom_, padding_left_, adjustment_height_,
                  adjustment_width_, kernel_height_, kernel_width_, stride_height_, stride_width_,
                  dilation_height_, dilation_width_, groups_, group_input_channels_,
                  group_output_channels_, s.input_zero_point, s.input_scale, s.kernel_zero_point,
                  s.kernel_scale, s.kernel.data(), has_bias_ ? s.bias.data() : nullptr,
                  s.output_zero_point, s.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  // Output oy gets input iy through tap ky where oy = iy * stride + ky * dilation - padding_top.
  ptrdiff_t InputRow(size_t oy, size_t ky, size_t ih) const {
    return TransposedTap(ptrdiff_t(oy + padding_top_) - ptrdiff_t(ky * dilation_height_),
                         stride_height_, ih);
  }
  ptrdiff_t InputColumn(size_t ox, size_t kx, size_t iw) const {
    return TransposedTap(ptrdiff_t(ox + padding_left_) - ptrdiff_t(kx * dilation_width_),
                         stride_width_, iw);
  }
  static ptrdiff_t TransposedTap(ptrdiff_t y, uint32_t stride, size_t n) {
    if (y < 0 || y % ptrdiff_t(stride) != 0) return -1;
    return InRange(y / ptrdiff_t(stride), n);
  }

  // kernel[groups][group_input_channels][kernel_height][kernel_width][group_output_channels]
  size_t KernelIndex(size_t g, size_t oc, size_t ky, size_t kx, size_t ic) const {
    return (((g * group_input_channels_ + ic) * kernel_height_ + ky) * kernel_width_ + kx) *
               group_output_channels_ +
           oc;
  }

  uint32_t adjustment_height_ = 0, adjustment_width_ = 0;
};

}  // namespace q8nn_test
