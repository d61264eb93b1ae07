// Tests qnnp_create/setup_deconvolution2d_nhwc_q8 against an integer reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class DeconvolutionOperatorTester {
 public:
  DeconvolutionOperatorTester& padding(uint32_t p) { return padding(p, p, p, p); }
  DeconvolutionOperatorTester& padding(uint32_t h, uint32_t w) { return padding(h, w, h, w); }
  DeconvolutionOperatorTester& padding(uint32_t top, uint32_t right, uint32_t bottom,
                                       uint32_t left) {
    padding_top_ = top;
    padding_right_ = right;
    padding_bottom_ = bottom;
    padding_left_ = left;
    return *this;
  }
  DeconvolutionOperatorTester& adjustment(uint32_t h, uint32_t w) {
    adjustment_height_ = h;
    adjustment_width_ = w;
    return *this;
  }
  DeconvolutionOperatorTester& input_size(uint32_t h, uint32_t w) {
    input_height_ = h;
    input_width_ = w;
    return *this;
  }
  DeconvolutionOperatorTester& kernel_size(uint32_t k) { return kernel_size(k, k); }
  DeconvolutionOperatorTester& kernel_size(uint32_t h, uint32_t w) {
    kernel_height_ = h;
    kernel_width_ = w;
    return *this;
  }
  DeconvolutionOperatorTester& stride(uint32_t s) { return stride(s, s); }
  DeconvolutionOperatorTester& stride(uint32_t h, uint32_t w) {
    stride_height_ = h;
    stride_width_ = w;
    return *this;
  }
  DeconvolutionOperatorTester& dilation(uint32_t d) { return dilation(d, d); }
  DeconvolutionOperatorTester& dilation(uint32_t h, uint32_t w) {
    dilation_height_ = h;
    dilation_width_ = w;
    return *this;
  }
  DeconvolutionOperatorTester& groups(uint32_t g) {
    groups_ = g;
    return *this;
  }
  DeconvolutionOperatorTester& group_input_channels(size_t c) {
    group_input_channels_ = c;
    return *this;
  }
  DeconvolutionOperatorTester& group_output_channels(size_t c) {
    group_output_channels_ = c;
    return *this;
  }
  DeconvolutionOperatorTester& input_pixel_stride(size_t s) {
    input_pixel_stride_ = s;
    return *this;
  }
  DeconvolutionOperatorTester& output_pixel_stride(size_t s) {
    output_pixel_stride_ = s;
    return *this;
  }
  DeconvolutionOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  DeconvolutionOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  DeconvolutionOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  DeconvolutionOperatorTester& has_bias(bool b) {
    has_bias_ = b;
    return *this;
  }
  DeconvolutionOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }
  DeconvolutionOperatorTester& seed(uint32_t s) {
    seed_ = s;
    return *this;
  }

  size_t input_channels() const { return groups_ * group_input_channels_; }
  size_t output_channels() const { return groups_ * group_output_channels_; }
  size_t input_pixel_stride() const {
    return input_pixel_stride_ == 0 ? input_channels() : input_pixel_stride_;
  }
  size_t output_pixel_stride() const {
    return output_pixel_stride_ == 0 ? output_channels() : output_pixel_stride_;
  }
  size_t output_height(size_t ih) const {
    return (ih - 1) * stride_height_ + adjustment_height_ +
           (kernel_height_ - 1) * dilation_height_ + 1 - padding_top_ - padding_bottom_;
  }
  size_t output_width(size_t iw) const {
    return (iw - 1) * stride_width_ + adjustment_width_ + (kernel_width_ - 1) * dilation_width_ +
           1 - padding_left_ - padding_right_;
  }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      State s = MakeState(rng);
      qnnp_operator_t op = Create(s);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(InputSize(batch_size_, input_height_, input_width_));
      FillRandom(input, rng);
      SetupRunCheck(op, s, batch_size_, input_height_, input_width_, input.data(), true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // Rerun after an in-place input change, bigger and smaller batches, another
  // pointer, wider pixel strides, a new input size, an empty batch.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    std::mt19937 rng(seed_);
    State s = MakeState(rng);
    qnnp_operator_t op = Create(s);
    ASSERT_NE(nullptr, op);
    const size_t h = input_height_, w = input_width_, b = batch_size_;
    // The same operator seen through wider pixel strides.
    DeconvolutionOperatorTester wide = *this;
    wide.input_pixel_stride(input_pixel_stride() + 3)
        .output_pixel_stride(output_pixel_stride() + 2);
    std::vector<uint8_t> a(std::max(
        {InputSize(b + 2, h, w), InputSize(b, next_height, next_width), wide.InputSize(b, h, w)}));
    std::vector<uint8_t> other(a.size());
    FillRandom(a, rng);
    FillRandom(other, rng);
    {
      SCOPED_TRACE("first setup, then rerun after the input changed in place");
      std::vector<uint8_t> output(OutputSize(b, h, w), kSentinel);
      ASSERT_EQ(qnnp_status_success,
                qnnp_setup_deconvolution2d_nhwc_q8(op, b, h, w, a.data(), input_pixel_stride(),
                                                   output.data(), output_pixel_stride(), nullptr));
      RunCheckInto(op, s, b, h, w, a.data(), output, true);
      FillRandom(a, rng);
      RunCheckInto(op, s, b, h, w, a.data(), output, false);
    }
    {
      SCOPED_TRACE("same arguments again");
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("bigger batch");
      SetupRunCheck(op, s, b + 2, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("smaller batch");
      SetupRunCheck(op, s, 1, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("other pointer");
      SetupRunCheck(op, s, b, h, w, other.data(), false);
    }
    {
      SCOPED_TRACE("wider pixel strides, then dense again with the same pointer and shape");
      wide.SetupRunCheck(op, s, b, h, w, a.data(), false);
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("first pointer again");
      SetupRunCheck(op, s, b, h, w, a.data(), false);
      SetupRunCheck(op, s, b, h, w, other.data(), false);
    }
    {
      SCOPED_TRACE("new input size");
      SetupRunCheck(op, s, b, next_height, next_width, other.data(), false);
    }
    {
      SCOPED_TRACE("new input size, first pointer");
      SetupRunCheck(op, s, b, next_height, next_width, a.data(), false);
    }
    {
      SCOPED_TRACE("empty batch");
      SetupRunCheck(op, s, 0, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("back to the first shape");
      FillRandom(a, rng);
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

 private:
  struct State {
    uint8_t input_zero_point, kernel_zero_point, output_zero_point;
    float input_scale, kernel_scale, output_scale;
    std::vector<uint8_t> kernel;
    std::vector<int32_t> bias;
  };

  size_t InputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * h * w, input_channels(), input_pixel_stride());
  }
  size_t OutputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * output_height(h) * output_width(w), output_channels(),
                      output_pixel_stride());
  }

  State MakeState(std::mt19937& rng) const {
    State s;
    s.input_zero_point = RandomU8(rng, 112, 144);
    s.kernel_zero_point = RandomU8(rng, 112, 144);
    s.input_scale = RandomFloat(rng, 0.05f, 2.0f);
    s.kernel_scale = RandomFloat(rng, 0.001f, 0.1f);
    // [groups][group_input_channels][kernel_height][kernel_width][group_output_channels]
    s.kernel.resize(groups_ * group_input_channels_ * kernel_height_ * kernel_width_ *
                    group_output_channels_);
    FillRandom(s.kernel, rng);
    s.bias.resize(output_channels());
    std::uniform_int_distribution<int32_t> bias_dist(-8000, 8000);
    for (auto& b : s.bias) b = bias_dist(rng);
    std::vector<uint8_t> sample(InputSize(1, input_height_, input_width_));
    FillRandom(sample, rng);
    std::vector<int32_t> acc;
    Accumulate(s, 1, input_height_, input_width_, sample.data(), &acc);
    ChooseOutputQuantization(acc, s.input_scale, s.kernel_scale, &s.output_scale,
                             &s.output_zero_point);
    return s;
  }

  qnnp_operator_t Create(const State& s) const {
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

  // out(oy, ox) gets in(iy, ix) * w(ky, kx) where oy = iy * stride + ky * dilation - padding_top.
  void Accumulate(const State& s, size_t batch, size_t ih, size_t iw, const uint8_t* input,
                  std::vector<int32_t>* acc) const {
    const size_t oh = output_height(ih), ow = output_width(iw), oc_count = output_channels();
    const size_t ips = input_pixel_stride();
    acc->assign(batch * oh * ow * oc_count, 0);
    for (size_t b = 0; b < batch; b++) {
      for (size_t oy = 0; oy < oh; oy++) {
        for (size_t ox = 0; ox < ow; ox++) {
          for (size_t g = 0; g < groups_; g++) {
            for (size_t oc = 0; oc < group_output_channels_; oc++) {
              int32_t a = has_bias_ ? s.bias[g * group_output_channels_ + oc] : 0;
              for (size_t ky = 0; ky < kernel_height_; ky++) {
                const ptrdiff_t y = ptrdiff_t(oy + padding_top_) - ptrdiff_t(ky * dilation_height_);
                if (y < 0 || y % ptrdiff_t(stride_height_) != 0) continue;
                const size_t iy = size_t(y) / stride_height_;
                if (iy >= ih) continue;
                for (size_t kx = 0; kx < kernel_width_; kx++) {
                  const ptrdiff_t x =
                      ptrdiff_t(ox + padding_left_) - ptrdiff_t(kx * dilation_width_);
                  if (x < 0 || x % ptrdiff_t(stride_width_) != 0) continue;
                  const size_t ix = size_t(x) / stride_width_;
                  if (ix >= iw) continue;
                  const uint8_t* pixel =
                      input + ((b * ih + iy) * iw + ix) * ips + g * group_input_channels_;
                  for (size_t ic = 0; ic < group_input_channels_; ic++) {
                    const uint8_t w =
                        s.kernel[(((g * group_input_channels_ + ic) * kernel_height_ + ky) *
                                      kernel_width_ +
                                  kx) *
                                     group_output_channels_ +
                                 oc];
                    a += (int32_t(pixel[ic]) - int32_t(s.input_zero_point)) *
                         (int32_t(w) - int32_t(s.kernel_zero_point));
                  }
                }
              }
              (*acc)[((b * oh + oy) * ow + ox) * oc_count + g * group_output_channels_ + oc] = a;
            }
          }
        }
      }
    }
  }

  void SetupRunCheck(qnnp_operator_t op, const State& s, size_t batch, size_t ih, size_t iw,
                     const uint8_t* input, bool check_nontrivial) const {
    std::vector<uint8_t> output(OutputSize(batch, ih, iw), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_deconvolution2d_nhwc_q8(op, batch, ih, iw, input, input_pixel_stride(),
                                                 output.data(), output_pixel_stride(), nullptr));
    RunCheckInto(op, s, batch, ih, iw, input, output, check_nontrivial);
  }

  void RunCheckInto(qnnp_operator_t op, const State& s, size_t batch, size_t ih, size_t iw,
                    const uint8_t* input, std::vector<uint8_t>& output,
                    bool check_nontrivial) const {
    ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(
        op, output, [&] { std::fill(output.begin(), output.end(), kSentinel); }));
    std::vector<int32_t> acc;
    Accumulate(s, batch, ih, iw, input, &acc);
    const float scale = (s.input_scale * s.kernel_scale) / s.output_scale;
    const size_t oc_count = output_channels();
    const size_t pixels = batch * output_height(ih) * output_width(iw);
    CheckOutput(
        output, pixels, oc_count, output_pixel_stride(),
        [&](size_t p, size_t c) {
          return double(
              RequantizeFp32(acc[p * oc_count + c], scale, s.output_zero_point, qmin_, qmax_));
        },
        0.0);
    if (check_nontrivial && qmax_ - qmin_ >= 64 && pixels * oc_count >= 16) {
      ExpectNotAllEqual(output, pixels, oc_count, output_pixel_stride());
    }
  }

  uint32_t padding_top_ = 0, padding_right_ = 0, padding_bottom_ = 0, padding_left_ = 0;
  uint32_t adjustment_height_ = 0, adjustment_width_ = 0;
  size_t input_height_ = 1, input_width_ = 1;
  uint32_t kernel_height_ = 1, kernel_width_ = 1;
  uint32_t stride_height_ = 1, stride_width_ = 1;
  uint32_t dilation_height_ = 1, dilation_width_ = 1;
  uint32_t groups_ = 1;
  size_t group_input_channels_ = 1, group_output_channels_ = 1;
  size_t input_pixel_stride_ = 0, output_pixel_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  bool has_bias_ = true;
  size_t iterations_ = 1;
  uint32_t seed_ = 0xDEC0;
};

}  // namespace q8nn_test
