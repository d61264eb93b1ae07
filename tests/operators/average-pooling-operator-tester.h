// Tests qnnp_create/setup_average_pooling2d_nhwc_q8 against a double reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class AveragePoolingOperatorTester {
 public:
  AveragePoolingOperatorTester& padding(uint32_t p) { return padding(p, p, p, p); }
  AveragePoolingOperatorTester& padding(uint32_t top, uint32_t right, uint32_t bottom,
                                        uint32_t left) {
    padding_top_ = top;
    padding_right_ = right;
    padding_bottom_ = bottom;
    padding_left_ = left;
    return *this;
  }
  AveragePoolingOperatorTester& input_size(size_t h, size_t w) {
    input_height_ = h;
    input_width_ = w;
    return *this;
  }
  AveragePoolingOperatorTester& pooling_size(uint32_t k) { return pooling_size(k, k); }
  AveragePoolingOperatorTester& pooling_size(uint32_t h, uint32_t w) {
    pooling_height_ = h;
    pooling_width_ = w;
    return *this;
  }
  AveragePoolingOperatorTester& stride(uint32_t s) { return stride(s, s); }
  AveragePoolingOperatorTester& stride(uint32_t h, uint32_t w) {
    stride_height_ = h;
    stride_width_ = w;
    return *this;
  }
  AveragePoolingOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  AveragePoolingOperatorTester& input_pixel_stride(size_t s) {
    input_pixel_stride_ = s;
    return *this;
  }
  AveragePoolingOperatorTester& output_pixel_stride(size_t s) {
    output_pixel_stride_ = s;
    return *this;
  }
  AveragePoolingOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  AveragePoolingOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  AveragePoolingOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  AveragePoolingOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }
  AveragePoolingOperatorTester& seed(uint32_t s) {
    seed_ = s;
    return *this;
  }

  size_t input_pixel_stride() const {
    return input_pixel_stride_ == 0 ? channels_ : input_pixel_stride_;
  }
  size_t output_pixel_stride() const {
    return output_pixel_stride_ == 0 ? channels_ : output_pixel_stride_;
  }
  size_t output_height(size_t ih) const {
    return (padding_top_ + ih + padding_bottom_ - pooling_height_) / stride_height_ + 1;
  }
  size_t output_width(size_t iw) const {
    return (padding_left_ + iw + padding_right_ - pooling_width_) / stride_width_ + 1;
  }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      const Quantization q = MakeQuantization(rng);
      qnnp_operator_t op = Create(q);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(InputSize(batch_size_, input_height_, input_width_));
      FillRandom(input, rng);
      SetupRunCheck(op, q, batch_size_, input_height_, input_width_, input.data(), true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // Rerun after an in-place input change, other batch sizes, pointers and
  // input sizes.
  void TestSetupSequence(size_t next_height, size_t next_width) const {
    std::mt19937 rng(seed_);
    const Quantization q = MakeQuantization(rng);
    qnnp_operator_t op = Create(q);
    ASSERT_NE(nullptr, op);
    const size_t h = input_height_, w = input_width_, b = batch_size_;
    // The same operator seen through wider pixel strides.
    AveragePoolingOperatorTester wide = *this;
    wide.input_pixel_stride(input_pixel_stride() + 3)
        .output_pixel_stride(output_pixel_stride() + 2);
    std::vector<uint8_t> a(std::max(
        {InputSize(b + 2, h, w), InputSize(b, next_height, next_width), wide.InputSize(b, h, w)}));
    std::vector<uint8_t> other(a.size());
    FillRandom(a, rng);
    FillRandom(other, rng);
    {
      SCOPED_TRACE("rerun after the input changed in place");
      std::vector<uint8_t> output(OutputSize(b, h, w), kSentinel);
      ASSERT_EQ(qnnp_status_success, qnnp_setup_average_pooling2d_nhwc_q8(
                                         op, b, h, w, a.data(), input_pixel_stride(), output.data(),
                                         output_pixel_stride(), nullptr));
      RunCheckInto(op, q, b, h, w, a.data(), output, true);
      FillRandom(a, rng);
      RunCheckInto(op, q, b, h, w, a.data(), output, false);
    }
    SetupRunCheck(op, q, b, h, w, a.data(), false);
    SetupRunCheck(op, q, b + 2, h, w, a.data(), false);
    SetupRunCheck(op, q, 1, h, w, a.data(), false);
    wide.SetupRunCheck(op, q, b, h, w, a.data(), false);  // same pointer and shape, wider strides
    SetupRunCheck(op, q, b, h, w, a.data(), false);
    SetupRunCheck(op, q, b, h, w, other.data(), false);
    SetupRunCheck(op, q, b, h, w, a.data(), false);
    SetupRunCheck(op, q, b, h, w, other.data(), false);
    SetupRunCheck(op, q, b, next_height, next_width, other.data(), false);
    SetupRunCheck(op, q, b, next_height, next_width, a.data(), false);
    SetupRunCheck(op, q, 0, h, w, a.data(), false);
    SetupRunCheck(op, q, b, h, w, a.data(), false);
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

 private:
  struct Quantization {
    uint8_t input_zero_point, output_zero_point;
    float input_scale, output_scale;
  };

  size_t InputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * h * w, channels_, input_pixel_stride());
  }
  size_t OutputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * output_height(h) * output_width(w), channels_, output_pixel_stride());
  }

  Quantization MakeQuantization(std::mt19937& rng) const {
    Quantization q;
    q.input_zero_point = RandomU8(rng, 100, 156);
    q.output_zero_point = RandomU8(rng, 100, 156);
    q.input_scale = RandomFloat(rng, 0.5f, 2.0f);
    // Averages of uniform data cluster near the middle: a smaller output scale
    // spreads them.
    q.output_scale = q.input_scale * RandomFloat(rng, 0.3f, 1.2f);
    return q;
  }

  qnnp_operator_t Create(const Quantization& q) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_average_pooling2d_nhwc_q8(
                  padding_top_, padding_right_, padding_bottom_, padding_left_, pooling_height_,
                  pooling_width_, stride_height_, stride_width_, channels_, q.input_zero_point,
                  q.input_scale, q.output_zero_point, q.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  void SetupRunCheck(qnnp_operator_t op, const Quantization& q, size_t batch, size_t ih, size_t iw,
                     const uint8_t* input, bool check_nontrivial) const {
    SCOPED_TRACE(testing::Message() << "batch " << batch << " input " << ih << "x" << iw);
    std::vector<uint8_t> output(OutputSize(batch, ih, iw), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_average_pooling2d_nhwc_q8(op, batch, ih, iw, input, input_pixel_stride(),
                                                   output.data(), output_pixel_stride(), nullptr));
    RunCheckInto(op, q, batch, ih, iw, input, output, check_nontrivial);
  }

  void RunCheckInto(qnnp_operator_t op, const Quantization& q, size_t batch, size_t ih, size_t iw,
                    const uint8_t* input, std::vector<uint8_t>& output,
                    bool check_nontrivial) const {
    ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(
        op, output, [&] { std::fill(output.begin(), output.end(), kSentinel); }));
    const size_t oh = output_height(ih), ow = output_width(iw);
    // Padding counts as zero points: the divisor is the full window.
    auto ref = [&](size_t p, size_t c) {
      const size_t b = p / (oh * ow), oy = p / ow % oh, ox = p % ow;
      int32_t sum = 0;
      for (size_t py = 0; py < pooling_height_; py++) {
        const ptrdiff_t iy = ptrdiff_t(oy * stride_height_ + py) - ptrdiff_t(padding_top_);
        if (iy < 0 || iy >= ptrdiff_t(ih)) continue;
        for (size_t px = 0; px < pooling_width_; px++) {
          const ptrdiff_t ix = ptrdiff_t(ox * stride_width_ + px) - ptrdiff_t(padding_left_);
          if (ix < 0 || ix >= ptrdiff_t(iw)) continue;
          sum +=
              int32_t(input[((b * ih + size_t(iy)) * iw + size_t(ix)) * input_pixel_stride() + c]) -
              int32_t(q.input_zero_point);
        }
      }
      const double y = double(sum) / double(pooling_height_ * pooling_width_) *
                           double(q.input_scale) / double(q.output_scale) +
                       double(q.output_zero_point);
      return std::min(std::max(y, double(qmin_)), double(qmax_));
    };
    const size_t pixels = batch * oh * ow;
    CheckOutput(output, pixels, channels_, output_pixel_stride(), ref, 0.6);
    if (check_nontrivial && qmax_ - qmin_ >= 64 && pixels * channels_ >= 16) {
      ExpectNotAllEqual(output, pixels, channels_, output_pixel_stride());
    }
  }

  uint32_t padding_top_ = 0, padding_right_ = 0, padding_bottom_ = 0, padding_left_ = 0;
  size_t input_height_ = 1, input_width_ = 1;
  uint32_t pooling_height_ = 1, pooling_width_ = 1;
  uint32_t stride_height_ = 1, stride_width_ = 1;
  size_t channels_ = 1;
  size_t input_pixel_stride_ = 0, output_pixel_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  size_t iterations_ = 1;
  uint32_t seed_ = 0xA7E;
};

}  // namespace q8nn_test
