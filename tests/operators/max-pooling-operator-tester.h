// Tests qnnp_create/setup_max_pooling2d_nhwc_u8 against an exact reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class MaxPoolingOperatorTester {
 public:
  MaxPoolingOperatorTester& padding(uint32_t p) { return padding(p, p, p, p); }
  MaxPoolingOperatorTester& padding(uint32_t top, uint32_t right, uint32_t bottom, uint32_t left) {
    padding_top_ = top;
    padding_right_ = right;
    padding_bottom_ = bottom;
    padding_left_ = left;
    return *this;
  }
  MaxPoolingOperatorTester& input_size(size_t h, size_t w) {
    input_height_ = h;
    input_width_ = w;
    return *this;
  }
  MaxPoolingOperatorTester& pooling_size(uint32_t k) { return pooling_size(k, k); }
  MaxPoolingOperatorTester& pooling_size(uint32_t h, uint32_t w) {
    pooling_height_ = h;
    pooling_width_ = w;
    return *this;
  }
  MaxPoolingOperatorTester& stride(uint32_t s) { return stride(s, s); }
  MaxPoolingOperatorTester& stride(uint32_t h, uint32_t w) {
    stride_height_ = h;
    stride_width_ = w;
    return *this;
  }
  MaxPoolingOperatorTester& dilation(uint32_t d) { return dilation(d, d); }
  MaxPoolingOperatorTester& dilation(uint32_t h, uint32_t w) {
    dilation_height_ = h;
    dilation_width_ = w;
    return *this;
  }
  MaxPoolingOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  MaxPoolingOperatorTester& input_pixel_stride(size_t s) {
    input_pixel_stride_ = s;
    return *this;
  }
  MaxPoolingOperatorTester& output_pixel_stride(size_t s) {
    output_pixel_stride_ = s;
    return *this;
  }
  MaxPoolingOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  MaxPoolingOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  MaxPoolingOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  MaxPoolingOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }
  MaxPoolingOperatorTester& seed(uint32_t s) {
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
    const size_t k = (pooling_height_ - 1) * dilation_height_ + 1;
    return (padding_top_ + ih + padding_bottom_ - k) / stride_height_ + 1;
  }
  size_t output_width(size_t iw) const {
    const size_t k = (pooling_width_ - 1) * dilation_width_ + 1;
    return (padding_left_ + iw + padding_right_ - k) / stride_width_ + 1;
  }

  void TestU8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      qnnp_operator_t op = Create();
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(InputSize(batch_size_, input_height_, input_width_));
      FillRandom(input, rng);
      SetupRunCheck(op, batch_size_, input_height_, input_width_, input.data());
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  void TestSetupSequence(size_t next_height, size_t next_width) const {
    std::mt19937 rng(seed_);
    qnnp_operator_t op = Create();
    ASSERT_NE(nullptr, op);
    const size_t h = input_height_, w = input_width_, b = batch_size_;
    // The same operator seen through wider pixel strides.
    MaxPoolingOperatorTester wide = *this;
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
      ASSERT_EQ(qnnp_status_success,
                qnnp_setup_max_pooling2d_nhwc_u8(op, b, h, w, a.data(), input_pixel_stride(),
                                                 output.data(), output_pixel_stride(), nullptr));
      RunCheckInto(op, b, h, w, a.data(), output);
      FillRandom(a, rng);
      RunCheckInto(op, b, h, w, a.data(), output);
    }
    SetupRunCheck(op, b, h, w, a.data());
    SetupRunCheck(op, b + 2, h, w, a.data());
    SetupRunCheck(op, 1, h, w, a.data());
    wide.SetupRunCheck(op, b, h, w, a.data());  // same pointer and shape, wider strides
    SetupRunCheck(op, b, h, w, a.data());
    SetupRunCheck(op, b, h, w, other.data());
    SetupRunCheck(op, b, h, w, a.data());
    SetupRunCheck(op, b, h, w, other.data());
    SetupRunCheck(op, b, next_height, next_width, other.data());
    SetupRunCheck(op, b, next_height, next_width, a.data());
    SetupRunCheck(op, 0, h, w, a.data());
    SetupRunCheck(op, b, h, w, a.data());
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

 private:
  size_t InputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * h * w, channels_, input_pixel_stride());
  }
  size_t OutputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * output_height(h) * output_width(w), channels_, output_pixel_stride());
  }

  qnnp_operator_t Create() const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_max_pooling2d_nhwc_u8(padding_top_, padding_right_, padding_bottom_,
                                                padding_left_, pooling_height_, pooling_width_,
                                                stride_height_, stride_width_, dilation_height_,
                                                dilation_width_, channels_, qmin_, qmax_, 0, &op));
    return op;
  }

  void SetupRunCheck(qnnp_operator_t op, size_t batch, size_t ih, size_t iw,
                     const uint8_t* input) const {
    SCOPED_TRACE(testing::Message() << "batch " << batch << " input " << ih << "x" << iw);
    std::vector<uint8_t> output(OutputSize(batch, ih, iw), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_max_pooling2d_nhwc_u8(op, batch, ih, iw, input, input_pixel_stride(),
                                               output.data(), output_pixel_stride(), nullptr));
    RunCheckInto(op, batch, ih, iw, input, output);
  }

  void RunCheckInto(qnnp_operator_t op, size_t batch, size_t ih, size_t iw, const uint8_t* input,
                    std::vector<uint8_t>& output) const {
    ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(
        op, output, [&] { std::fill(output.begin(), output.end(), kSentinel); }));
    const size_t oh = output_height(ih), ow = output_width(iw);
    // Max over the window elements inside the input, then clamped; an empty
    // window gives qmin.
    auto ref = [&](size_t p, size_t c) {
      const size_t b = p / (oh * ow), oy = p / ow % oh, ox = p % ow;
      int max = -1;
      for (size_t py = 0; py < pooling_height_; py++) {
        const ptrdiff_t iy =
            ptrdiff_t(oy * stride_height_ + py * dilation_height_) - ptrdiff_t(padding_top_);
        if (iy < 0 || iy >= ptrdiff_t(ih)) continue;
        for (size_t px = 0; px < pooling_width_; px++) {
          const ptrdiff_t ix =
              ptrdiff_t(ox * stride_width_ + px * dilation_width_) - ptrdiff_t(padding_left_);
          if (ix < 0 || ix >= ptrdiff_t(iw)) continue;
          max = std::max<int>(
              max, input[((b * ih + size_t(iy)) * iw + size_t(ix)) * input_pixel_stride() + c]);
        }
      }
      return double(std::min(std::max(max, int(qmin_)), int(qmax_)));
    };
    const size_t pixels = batch * oh * ow;
    CheckOutput(output, pixels, channels_, output_pixel_stride(), ref, 0.0);
  }

  uint32_t padding_top_ = 0, padding_right_ = 0, padding_bottom_ = 0, padding_left_ = 0;
  size_t input_height_ = 1, input_width_ = 1;
  uint32_t pooling_height_ = 1, pooling_width_ = 1;
  uint32_t stride_height_ = 1, stride_width_ = 1;
  uint32_t dilation_height_ = 1, dilation_width_ = 1;
  size_t channels_ = 1;
  size_t input_pixel_stride_ = 0, output_pixel_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  size_t iterations_ = 1;
  uint32_t seed_ = 0x3A7;
};

}  // namespace q8nn_test
