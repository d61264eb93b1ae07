// The indirection buffer is built at setup and reused: not rebuilt for the
// same shape (whatever the input pointer), nothing to fill when the batch
// grows (other images are reached through the kernels' input offset), rebuilt
// when the shape or pixel stride changes. Results stay right throughout.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "q8nn/operator.h"
#include "qnnpack.h"

namespace {

constexpr uint32_t kKernel = 3, kChannels = 5, kOutputChannels = 4;
constexpr uint8_t kInputZeroPoint = 120, kKernelZeroPoint = 130, kOutputZeroPoint = 125;
constexpr float kInputScale = 0.5f, kKernelScale = 0.25f, kOutputScale = 4.0f;

// Independent reference: 3x3 convolution, padding 1, stride 1, fp32 rule.
std::vector<uint8_t> reference(const std::vector<uint8_t>& input, size_t batch, size_t height,
                               size_t width, size_t pixel_stride,
                               const std::vector<uint8_t>& kernel,
                               const std::vector<int32_t>& bias) {
  const float scale = (kInputScale * kKernelScale) / kOutputScale;
  std::vector<uint8_t> output(batch * height * width * kOutputChannels);
  for (size_t b = 0; b < batch; b++) {
    for (size_t y = 0; y < height; y++) {
      for (size_t x = 0; x < width; x++) {
        for (size_t n = 0; n < kOutputChannels; n++) {
          int32_t acc = bias[n];
          for (size_t ky = 0; ky < kKernel; ky++) {
            for (size_t kx = 0; kx < kKernel; kx++) {
              const ptrdiff_t iy = ptrdiff_t(y + ky) - 1, ix = ptrdiff_t(x + kx) - 1;
              if (iy < 0 || ix < 0 || iy >= ptrdiff_t(height) || ix >= ptrdiff_t(width)) continue;
              for (size_t c = 0; c < kChannels; c++) {
                const int32_t xv =
                    input[((b * height + iy) * width + ix) * pixel_stride + c] - kInputZeroPoint;
                const int32_t wv =
                    kernel[((n * kKernel + ky) * kKernel + kx) * kChannels + c] - kKernelZeroPoint;
                acc += xv * wv;
              }
            }
          }
          const float q = std::nearbyint(float(acc) * scale) + kOutputZeroPoint;
          output[((b * height + y) * width + x) * kOutputChannels + n] =
              uint8_t(std::min(std::max(q, 0.0f), 255.0f));
        }
      }
    }
  }
  return output;
}

class IndirectionTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(qnnp_initialize(), qnnp_status_success);
    std::mt19937 rng(7);
    std::uniform_int_distribution<int> u8(0, 255);
    kernel_.resize(kOutputChannels * kKernel * kKernel * kChannels);
    for (auto& w : kernel_) w = uint8_t(u8(rng));
    bias_ = {1000, -2000, 300, -40};
    ASSERT_EQ(qnnp_create_convolution2d_nhwc_q8(
                  1, 1, 1, 1, kKernel, kKernel, 1, 1, 1, 1, 1, kChannels, kOutputChannels,
                  kInputZeroPoint, kInputScale, kKernelZeroPoint, kKernelScale, kernel_.data(),
                  bias_.data(), kOutputZeroPoint, kOutputScale, 0, 255, 0, &op_),
              qnnp_status_success);
    input_.resize(4 * 6 * 7 * 8);
    for (auto& v : input_) v = uint8_t(u8(rng));
  }
  void TearDown() override { qnnp_delete_operator(op_); }

  // Sets up and runs on `input`, checks against the reference.
  void RunAndCheck(const uint8_t* input, size_t batch, size_t height, size_t width, size_t stride) {
    std::vector<uint8_t> output(batch * height * width * kOutputChannels);
    ASSERT_EQ(qnnp_setup_convolution2d_nhwc_q8(op_, batch, height, width, input, stride,
                                               output.data(), kOutputChannels, nullptr),
              qnnp_status_success);
    ASSERT_EQ(qnnp_run_operator(op_, nullptr), qnnp_status_success);
    std::vector<uint8_t> copy(input, input + batch * height * width * stride);
    EXPECT_EQ(output, reference(copy, batch, height, width, stride, kernel_, bias_));
  }

  qnnp_operator_t op_ = nullptr;
  std::vector<uint8_t> kernel_;
  std::vector<int32_t> bias_;
  std::vector<uint8_t> input_;
};

TEST_F(IndirectionTest, BuiltOnceForTheSameShape) {
  RunAndCheck(input_.data(), 1, 6, 7, 5);
  EXPECT_EQ(op_->indirection_builds, 1u);
  RunAndCheck(input_.data(), 1, 6, 7, 5);
  EXPECT_EQ(op_->indirection_builds, 1u);
}

TEST_F(IndirectionTest, ReusedForAnotherInputPointer) {
  RunAndCheck(input_.data(), 1, 6, 7, 5);
  RunAndCheck(input_.data() + 3 * 6 * 7 * 5, 1, 6, 7, 5);
  EXPECT_EQ(op_->indirection_builds, 1u);
}

TEST_F(IndirectionTest, NothingToFillWhenTheBatchGrows) {
  RunAndCheck(input_.data(), 1, 6, 7, 5);
  RunAndCheck(input_.data(), 3, 6, 7, 5);
  RunAndCheck(input_.data(), 2, 6, 7, 5);
  EXPECT_EQ(op_->indirection_builds, 1u);
  // One image of pointers, however large the batch.
  EXPECT_LE(op_->indirection.size() / sizeof(void*), (6u * 7u + 8u) * kKernel * kKernel);
}

TEST_F(IndirectionTest, RebuiltForANewShapeOrStride) {
  RunAndCheck(input_.data(), 1, 6, 7, 5);
  RunAndCheck(input_.data(), 1, 7, 6, 5);
  EXPECT_EQ(op_->indirection_builds, 2u);
  RunAndCheck(input_.data(), 1, 7, 6, 8);
  EXPECT_EQ(op_->indirection_builds, 3u);
}

TEST_F(IndirectionTest, RunUsesDataChangedInPlace) {
  RunAndCheck(input_.data(), 2, 6, 7, 5);
  for (auto& v : input_) v = uint8_t(v * 7 + 3);
  std::vector<uint8_t> output(2 * 6 * 7 * kOutputChannels);
  ASSERT_EQ(qnnp_setup_convolution2d_nhwc_q8(op_, 2, 6, 7, input_.data(), 5, output.data(),
                                             kOutputChannels, nullptr),
            qnnp_status_success);
  ASSERT_EQ(qnnp_run_operator(op_, nullptr), qnnp_status_success);
  for (auto& v : input_) v = uint8_t(v ^ 0x5a);
  ASSERT_EQ(qnnp_run_operator(op_, nullptr), qnnp_status_success);
  EXPECT_EQ(output, reference(input_, 2, 6, 7, 5, kernel_, bias_));
  EXPECT_EQ(op_->indirection_builds, 1u);
}

}  // namespace
