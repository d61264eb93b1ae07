// Tests qnnp_create/setup_convolution2d_nhwc_q8 against an integer reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class ConvolutionOperatorTester {
 public:
  ConvolutionOperatorTester& padding(uint32_t p) { return padding(p, p, p, p); }
  ConvolutionOperatorTester& padding(uint32_t h, uint32_t w) { return padding(h, w, h, w); }
  ConvolutionOperatorTester& padding(uint32_t top, uint32_t right, uint32_t bottom, uint32_t left) {
    padding_top_ = top;
    padding_right_ = right;
    padding_bottom_ = bottom;
    padding_left_ = left;
    return *this;
  }
  ConvolutionOperatorTester& input_size(uint32_t h, uint32_t w) {
    input_height_ = h;
    input_width_ = w;
    return *this;
  }
  ConvolutionOperatorTester& kernel_size(uint32_t k) { return kernel_size(k, k); }
  ConvolutionOperatorTester& kernel_size(uint32_t h, uint32_t w) {
    kernel_height_ = h;
    kernel_width_ = w;
    return *this;
  }
  ConvolutionOperatorTester& subsampling(uint32_t s) { return subsampling(s, s); }
  ConvolutionOperatorTester& subsampling(uint32_t h, uint32_t w) {
    subsampling_height_ = h;
    subsampling_width_ = w;
    return *this;
  }
  ConvolutionOperatorTester& dilation(uint32_t d) { return dilation(d, d); }
  ConvolutionOperatorTester& dilation(uint32_t h, uint32_t w) {
    dilation_height_ = h;
    dilation_width_ = w;
    return *this;
  }
  ConvolutionOperatorTester& groups(uint32_t g) {
    groups_ = g;
    return *this;
  }
  ConvolutionOperatorTester& group_input_channels(size_t c) {
    group_input_channels_ = c;
    return *this;
  }
  ConvolutionOperatorTester& group_output_channels(size_t c) {
    group_output_channels_ = c;
    return *this;
  }
  // groups = channels, one input and one output channel per group.
  ConvolutionOperatorTester& depthwise(size_t channels) {
    groups_ = uint32_t(channels);
    group_input_channels_ = 1;
    group_output_channels_ = 1;
    return *this;
  }
  ConvolutionOperatorTester& input_pixel_stride(size_t s) {
    input_pixel_stride_ = s;
    return *this;
  }
  ConvolutionOperatorTester& output_pixel_stride(size_t s) {
    output_pixel_stride_ = s;
    return *this;
  }
  ConvolutionOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  ConvolutionOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  ConvolutionOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  ConvolutionOperatorTester& has_bias(bool b) {
    has_bias_ = b;
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
  ConvolutionOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }
  ConvolutionOperatorTester& seed(uint32_t s) {
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
  size_t output_height(size_t input_height) const {
    const size_t padded = padding_top_ + input_height + padding_bottom_;
    const size_t k = (kernel_height_ - 1) * dilation_height_ + 1;
    return (padded - k) / subsampling_height_ + 1;
  }
  size_t output_width(size_t input_width) const {
    const size_t padded = padding_left_ + input_width + padding_right_;
    const size_t k = (kernel_width_ - 1) * dilation_width_ + 1;
    return (padded - k) / subsampling_width_ + 1;
  }

  // Creates, sets up and runs the operator `iterations` times with fresh data.
  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      State s = MakeState(rng);
      qnnp_operator_t op = Create(s);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(InputSize(batch_size_, input_height_, input_width_));
      FillRandom(input, rng, input_lo_, input_hi_);
      SetupRunCheck(op, s, batch_size_, input_height_, input_width_, input.data(),
                    /*check_nontrivial=*/true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // One operator through a sequence of setups and runs: rerun after the input
  // changed in place, setup again with the same arguments, bigger and smaller
  // batches, another input pointer, a new input size (`next_height` x
  // `next_width`), an empty batch and back.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    std::mt19937 rng(seed_);
    State s = MakeState(rng);
    qnnp_operator_t op = Create(s);
    ASSERT_NE(nullptr, op);
    const size_t h = input_height_, w = input_width_, b = batch_size_;
    const size_t max_batch = b + 2;
    // The same operator seen through wider pixel strides.
    ConvolutionOperatorTester wide = *this;
    wide.input_pixel_stride(input_pixel_stride() + 3)
        .output_pixel_stride(output_pixel_stride() + 2);
    std::vector<uint8_t> a(
        std::max({InputSize(max_batch, h, w), InputSize(b, next_height, next_width),
                  wide.InputSize(b, h, w)}));
    std::vector<uint8_t> other(a.size());
    FillRandom(a, rng, input_lo_, input_hi_);
    FillRandom(other, rng, input_lo_, input_hi_);

    SCOPED_TRACE("setup sequence");
    {
      SCOPED_TRACE("first setup");
      SetupRunModifyRunCheck(op, s, b, h, w, a, rng);
    }
    {
      SCOPED_TRACE("setup again with the same arguments");
      FillRandom(a, rng, input_lo_, input_hi_);
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("bigger batch");
      FillRandom(a, rng, input_lo_, input_hi_);
      SetupRunCheck(op, s, max_batch, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("smaller batch");
      SetupRunCheck(op, s, 1, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("bigger batch again");
      FillRandom(a, rng, input_lo_, input_hi_);
      SetupRunCheck(op, s, max_batch, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("wider pixel strides, same pointer and shape");
      wide.SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("back to dense strides");
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    {
      SCOPED_TRACE("other input pointer");
      SetupRunCheck(op, s, b, h, w, other.data(), false);
    }
    {
      // The pointer moves the other way (kept indirection buffers may add
      // the pointer difference).
      SCOPED_TRACE("first input pointer again");
      SetupRunCheck(op, s, b, h, w, a.data(), false);
      SetupRunCheck(op, s, b, h, w, other.data(), false);
    }
    {
      SCOPED_TRACE("new input size, same pointer");
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
      SCOPED_TRACE("back to the first shape, same pointer");
      FillRandom(a, rng, input_lo_, input_hi_);
      SetupRunCheck(op, s, b, h, w, a.data(), false);
    }
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

 private:
  struct State {
    uint8_t input_zero_point;
    uint8_t kernel_zero_point;
    float input_scale;
    float kernel_scale;
    float output_scale;
    uint8_t output_zero_point;
    std::vector<uint8_t> kernel;
    std::vector<int32_t> bias;
  };

  size_t InputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * h * w, input_channels(), input_pixel_stride());
  }

  State MakeState(std::mt19937& rng) const {
    State s;
    const int input_mid = (input_lo_ + input_hi_) / 2, kernel_mid = (kernel_lo_ + kernel_hi_) / 2;
    const int input_spread = (input_hi_ - input_lo_) / 8,
              kernel_spread = (kernel_hi_ - kernel_lo_) / 8;
    s.input_zero_point = RandomU8(rng, input_mid - input_spread, input_mid + input_spread);
    s.kernel_zero_point = RandomU8(rng, kernel_mid - kernel_spread, kernel_mid + kernel_spread);
    if (input_zero_point_ >= 0) s.input_zero_point = uint8_t(input_zero_point_);
    if (kernel_zero_point_ >= 0) s.kernel_zero_point = uint8_t(kernel_zero_point_);
    if (requantization_scale_ != 0.0f) {
      s.input_scale = 1.0f;
      s.kernel_scale = 1.0f;
    } else {
      s.input_scale = RandomFloat(rng, 0.05f, 2.0f);
      s.kernel_scale = RandomFloat(rng, 0.001f, 0.1f);
    }
    s.kernel.resize(groups_ * group_output_channels_ * kernel_height_ * kernel_width_ *
                    group_input_channels_);
    FillRandom(s.kernel, rng, kernel_lo_, kernel_hi_);
    s.bias.resize(output_channels());
    // Bias of the order of a few products, so that it matters but does not dominate.
    const int32_t bias_limit = std::max(1, (input_hi_ - input_lo_) * (kernel_hi_ - kernel_lo_) / 8);
    std::uniform_int_distribution<int32_t> bias_dist(-bias_limit, bias_limit);
    for (auto& b : s.bias) b = bias_dist(rng);

    // Output quantization from the accumulators of a sample input.
    std::vector<uint8_t> sample(InputSize(1, input_height_, input_width_));
    FillRandom(sample, rng, input_lo_, input_hi_);
    std::vector<int32_t> acc;
    Accumulate(s, 1, input_height_, input_width_, sample.data(), &acc);
    if (requantization_scale_ != 0.0f) {
      s.output_scale = 1.0f / requantization_scale_;
      s.output_zero_point = 128;
    } else {
      ChooseOutputQuantization(acc, s.input_scale, s.kernel_scale, &s.output_scale,
                               &s.output_zero_point);
    }
    return s;
  }

  qnnp_operator_t Create(const State& s) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_convolution2d_nhwc_q8(
                  padding_top_, padding_right_, padding_bottom_, padding_left_, kernel_height_,
                  kernel_width_, subsampling_height_, subsampling_width_, dilation_height_,
                  dilation_width_, groups_, group_input_channels_, group_output_channels_,
                  s.input_zero_point, s.input_scale, s.kernel_zero_point, s.kernel_scale,
                  s.kernel.data(), has_bias_ ? s.bias.data() : nullptr, s.output_zero_point,
                  s.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  // int32 accumulators of the whole output, [batch][oy][ox][output channel].
  void Accumulate(const State& s, size_t batch, size_t ih, size_t iw, const uint8_t* input,
                  std::vector<int32_t>* acc) const {
    const size_t oh = output_height(ih), ow = output_width(iw);
    const size_t oc_count = output_channels(), ips = input_pixel_stride();
    acc->assign(batch * oh * ow * oc_count, 0);
    for (size_t b = 0; b < batch; b++) {
      for (size_t oy = 0; oy < oh; oy++) {
        for (size_t ox = 0; ox < ow; ox++) {
          for (size_t g = 0; g < groups_; g++) {
            for (size_t oc = 0; oc < group_output_channels_; oc++) {
              int32_t a = has_bias_ ? s.bias[g * group_output_channels_ + oc] : 0;
              for (size_t ky = 0; ky < kernel_height_; ky++) {
                const ptrdiff_t iy = ptrdiff_t(oy * subsampling_height_ + ky * dilation_height_) -
                                     ptrdiff_t(padding_top_);
                if (iy < 0 || iy >= ptrdiff_t(ih)) continue;
                for (size_t kx = 0; kx < kernel_width_; kx++) {
                  const ptrdiff_t ix = ptrdiff_t(ox * subsampling_width_ + kx * dilation_width_) -
                                       ptrdiff_t(padding_left_);
                  if (ix < 0 || ix >= ptrdiff_t(iw)) continue;
                  const uint8_t* pixel = input + ((b * ih + size_t(iy)) * iw + size_t(ix)) * ips +
                                         g * group_input_channels_;
                  const uint8_t* k =
                      s.kernel.data() +
                      (((g * group_output_channels_ + oc) * kernel_height_ + ky) * kernel_width_ +
                       kx) *
                          group_input_channels_;
                  for (size_t ic = 0; ic < group_input_channels_; ic++) {
                    a += (int32_t(pixel[ic]) - int32_t(s.input_zero_point)) *
                         (int32_t(k[ic]) - int32_t(s.kernel_zero_point));
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
    const size_t oh = output_height(ih), ow = output_width(iw);
    std::vector<uint8_t> output(
        TensorSize(batch * oh * ow, output_channels(), output_pixel_stride()), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_convolution2d_nhwc_q8(op, batch, ih, iw, input, input_pixel_stride(),
                                               output.data(), output_pixel_stride(), nullptr));
    RunCheckInto(op, s, batch, ih, iw, input, output, check_nontrivial);
  }

  // Setup, run and check; then change the input in place and run again
  // without a new setup: the operator must read the new data.
  void SetupRunModifyRunCheck(qnnp_operator_t op, const State& s, size_t batch, size_t ih,
                              size_t iw, std::vector<uint8_t>& input, std::mt19937& rng) const {
    const size_t oh = output_height(ih), ow = output_width(iw);
    std::vector<uint8_t> output(
        TensorSize(batch * oh * ow, output_channels(), output_pixel_stride()), kSentinel);
    ASSERT_EQ(qnnp_status_success, qnnp_setup_convolution2d_nhwc_q8(
                                       op, batch, ih, iw, input.data(), input_pixel_stride(),
                                       output.data(), output_pixel_stride(), nullptr));
    {
      SCOPED_TRACE("first run");
      RunCheckInto(op, s, batch, ih, iw, input.data(), output, true);
    }
    FillRandom(input, rng, input_lo_, input_hi_);
    {
      SCOPED_TRACE("run after the input changed in place");
      RunCheckInto(op, s, batch, ih, iw, input.data(), output, false);
    }
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
  size_t input_height_ = 1, input_width_ = 1;
  uint32_t kernel_height_ = 1, kernel_width_ = 1;
  uint32_t subsampling_height_ = 1, subsampling_width_ = 1;
  uint32_t dilation_height_ = 1, dilation_width_ = 1;
  uint32_t groups_ = 1;
  size_t group_input_channels_ = 1, group_output_channels_ = 1;
  size_t input_pixel_stride_ = 0, output_pixel_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  bool has_bias_ = true;
  int input_lo_ = 0, input_hi_ = 255, kernel_lo_ = 0, kernel_hi_ = 255;
  int input_zero_point_ = -1, kernel_zero_point_ = -1;
  float requantization_scale_ = 0.0f;
  size_t iterations_ = 1;
  uint32_t seed_ = 0x5EED;
};

}  // namespace q8nn_test
