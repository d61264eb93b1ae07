// Bases of the testers of the operators on NHWC images with a sliding window
// (convolution, deconvolution, average and max pooling): the window geometry,
// pixel strides, the window walk of the references, and the test loops.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

using NhwcSetupFn = qnnp_status (*)(qnnp_operator_t, size_t, size_t, size_t, const uint8_t*, size_t,
                                    uint8_t*, size_t, pthreadpool_t);

// What a step of a setup sequence changes from the first setup (flags).
enum SetupChange : unsigned {
  kRefill = 1u << 0,       // new random data in the first input buffer, first
  kBiggerBatch = 1u << 1,  // batch + 2
  kBatchOne = 1u << 2,     // batch 1
  kEmptyBatch = 1u << 3,   // batch 0
  kNextSize = 1u << 4,     // the next input size
  kOtherInput = 1u << 5,   // the other input buffer
  kWideStrides = 1u << 6,  // input and output pixel strides 3 and 2 bytes wider
};

// One setup of an operator, then a run and the checks.
struct SetupStep {
  const char* what;
  unsigned changes;  // SetupChange flags
};

// The setup sequence of the pooling testers.
constexpr SetupStep kPoolingSetupSequence[] = {
    {"same arguments again", 0},
    {"bigger batch", kBiggerBatch},
    {"smaller batch", kBatchOne},
    {"wider pixel strides, same pointer and shape", kWideStrides},
    {"dense strides again", 0},
    {"other pointer", kOtherInput},
    {"first pointer again", 0},
    {"other pointer again", kOtherInput},
    {"new input size", kNextSize | kOtherInput},
    {"new input size, first pointer", kNextSize},
    {"empty batch", kEmptyBatch},
    {"back to the first shape", 0},
};

// The derived tester (a friend) provides:
//   input_channels(), output_channels();
//   State MakeState(std::mt19937&): the quantization (and weights) of an operator;
//   qnnp_operator_t Create(const State&);
//   static constexpr NhwcSetupFn kSetup: the setup function;
//   Reference(const State&, batch, ih, iw, input): ref(output pixel, channel);
//   static constexpr double kTolerance: the allowed distance from ref;
//   static constexpr bool kNontrivialOutputs: whether outputs must not be all
//     equal (in a wide output range);
// and may replace output_height/output_width and InputRow/InputColumn
// (transposed windows), or FillInput (input data ranges).
template <class Derived, class State>
class WindowTesterBase : public OperatorTesterBase<Derived> {
 public:
  Derived& padding(uint32_t p) { return padding(p, p, p, p); }
  Derived& padding(uint32_t h, uint32_t w) { return padding(h, w, h, w); }
  Derived& padding(uint32_t top, uint32_t right, uint32_t bottom, uint32_t left) {
    padding_top_ = top;
    padding_right_ = right;
    padding_bottom_ = bottom;
    padding_left_ = left;
    return this->derived();
  }
  Derived& input_size(size_t h, size_t w) {
    input_height_ = h;
    input_width_ = w;
    return this->derived();
  }
  Derived& kernel_size(uint32_t k) { return kernel_size(k, k); }
  Derived& kernel_size(uint32_t h, uint32_t w) {
    kernel_height_ = h;
    kernel_width_ = w;
    return this->derived();
  }
  Derived& stride(uint32_t s) { return stride(s, s); }
  Derived& stride(uint32_t h, uint32_t w) {
    stride_height_ = h;
    stride_width_ = w;
    return this->derived();
  }
  Derived& dilation(uint32_t d) { return dilation(d, d); }
  Derived& dilation(uint32_t h, uint32_t w) {
    dilation_height_ = h;
    dilation_width_ = w;
    return this->derived();
  }
  Derived& input_pixel_stride(size_t s) {
    input_pixel_stride_ = s;
    return this->derived();
  }
  Derived& output_pixel_stride(size_t s) {
    output_pixel_stride_ = s;
    return this->derived();
  }

  size_t input_pixel_stride() const {
    return input_pixel_stride_ == 0 ? this->derived().input_channels() : input_pixel_stride_;
  }
  size_t output_pixel_stride() const {
    return output_pixel_stride_ == 0 ? this->derived().output_channels() : output_pixel_stride_;
  }
  // Windows of (kernel - 1) * dilation + 1 input pixels, moved by the stride
  // over the padded input.
  size_t output_height(size_t ih) const {
    const size_t k = (kernel_height_ - 1) * dilation_height_ + 1;
    return (padding_top_ + ih + padding_bottom_ - k) / stride_height_ + 1;
  }
  size_t output_width(size_t iw) const {
    const size_t k = (kernel_width_ - 1) * dilation_width_ + 1;
    return (padding_left_ + iw + padding_right_ - k) / stride_width_ + 1;
  }

 protected:
  using OperatorTesterBase<Derived>::OperatorTesterBase;

  // Creates, sets up and runs an operator `iterations` times with fresh data.
  void TestIterations() const {
    std::mt19937 rng(this->seed_);
    for (size_t iteration = 0; iteration < this->iterations_; iteration++) {
      const State s = this->derived().MakeState(rng);
      qnnp_operator_t op = this->derived().Create(s);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(InputSize(this->batch_size_, input_height_, input_width_));
      this->derived().FillInput(input, rng);
      SetupRunCheck(op, s, this->batch_size_, input_height_, input_width_, input.data(),
                    /*check_nontrivial=*/true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // One operator through a sequence of setups and runs: first a setup and a
  // run, a rerun after the input changed in place, then `steps`.
  template <size_t N>
  void RunSetupSequence(size_t next_height, size_t next_width, const SetupStep (&steps)[N]) const {
    std::mt19937 rng(this->seed_);
    const State s = this->derived().MakeState(rng);
    qnnp_operator_t op = this->derived().Create(s);
    ASSERT_NE(nullptr, op);
    const size_t h = input_height_, w = input_width_, b = this->batch_size_;
    // The same operator seen through wider pixel strides.
    Derived wide = this->derived();
    wide.input_pixel_stride(input_pixel_stride() + 3)
        .output_pixel_stride(output_pixel_stride() + 2);
    const WindowTesterBase& wide_tester = wide;
    std::vector<uint8_t> a(std::max({InputSize(b + 2, h, w), InputSize(b, next_height, next_width),
                                     wide_tester.InputSize(b, h, w)}));
    std::vector<uint8_t> other(a.size());
    this->derived().FillInput(a, rng);
    this->derived().FillInput(other, rng);
    {
      SCOPED_TRACE("first setup, then rerun after the input changed in place");
      std::vector<uint8_t> output(OutputSize(b, h, w), kSentinel);
      ASSERT_EQ(qnnp_status_success,
                Derived::kSetup(op, b, h, w, a.data(), input_pixel_stride(), output.data(),
                                output_pixel_stride(), nullptr));
      RunCheckInto(op, s, b, h, w, a.data(), output, true);
      this->derived().FillInput(a, rng);
      RunCheckInto(op, s, b, h, w, a.data(), output, false);
    }
    for (const SetupStep& step : steps) {
      SCOPED_TRACE(step.what);
      if (step.changes & kRefill) this->derived().FillInput(a, rng);
      const size_t batch = step.changes & kBiggerBatch  ? b + 2
                           : step.changes & kBatchOne   ? 1
                           : step.changes & kEmptyBatch ? 0
                                                        : b;
      const bool next = step.changes & kNextSize;
      const WindowTesterBase& tester = step.changes & kWideStrides ? wide_tester : *this;
      tester.SetupRunCheck(op, s, batch, next ? next_height : h, next ? next_width : w,
                           (step.changes & kOtherInput ? other : a).data(), false);
    }
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

  void FillInput(std::vector<uint8_t>& input, std::mt19937& rng) const { FillRandom(input, rng); }

  size_t InputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * h * w, this->derived().input_channels(), input_pixel_stride());
  }
  size_t OutputSize(size_t batch, size_t h, size_t w) const {
    return TensorSize(batch * this->derived().output_height(h) * this->derived().output_width(w),
                      this->derived().output_channels(), output_pixel_stride());
  }

  // Input row that tap ky of output row oy reads, or -1 (padding); likewise
  // for columns.
  ptrdiff_t InputRow(size_t oy, size_t ky, size_t ih) const {
    return InRange(ptrdiff_t(oy * stride_height_ + ky * dilation_height_) - ptrdiff_t(padding_top_),
                   ih);
  }
  ptrdiff_t InputColumn(size_t ox, size_t kx, size_t iw) const {
    return InRange(ptrdiff_t(ox * stride_width_ + kx * dilation_width_) - ptrdiff_t(padding_left_),
                   iw);
  }
  static ptrdiff_t InRange(ptrdiff_t i, size_t n) { return i >= 0 && i < ptrdiff_t(n) ? i : -1; }

  // Calls f(ky, kx, iy, ix) for each tap (ky, kx) of the window of output
  // pixel (oy, ox) that reads an input pixel (iy, ix) of an ih x iw input.
  template <class F>
  void ForEachTap(size_t oy, size_t ox, size_t ih, size_t iw, F f) const {
    for (size_t ky = 0; ky < kernel_height_; ky++) {
      const ptrdiff_t iy = this->derived().InputRow(oy, ky, ih);
      if (iy < 0) continue;
      for (size_t kx = 0; kx < kernel_width_; kx++) {
        const ptrdiff_t ix = this->derived().InputColumn(ox, kx, iw);
        if (ix < 0) continue;
        f(ky, kx, size_t(iy), size_t(ix));
      }
    }
  }
  // Calls f(input pixel index) for each input pixel in the window of output
  // pixel p (of a batch of ih x iw inputs).
  template <class F>
  void ForEachWindowPixel(size_t p, size_t ih, size_t iw, F f) const {
    const size_t oh = this->derived().output_height(ih), ow = this->derived().output_width(iw);
    const size_t b = p / (oh * ow), oy = p / ow % oh, ox = p % ow;
    ForEachTap(oy, ox, ih, iw,
               [&](size_t, size_t, size_t iy, size_t ix) { f((b * ih + iy) * iw + ix); });
  }

  void SetupRunCheck(qnnp_operator_t op, const State& s, size_t batch, size_t ih, size_t iw,
                     const uint8_t* input, bool check_nontrivial) const {
    SCOPED_TRACE(testing::Message() << "batch " << batch << " input " << ih << "x" << iw);
    std::vector<uint8_t> output(OutputSize(batch, ih, iw), kSentinel);
    ASSERT_EQ(qnnp_status_success, Derived::kSetup(op, batch, ih, iw, input, input_pixel_stride(),
                                                   output.data(), output_pixel_stride(), nullptr));
    RunCheckInto(op, s, batch, ih, iw, input, output, check_nontrivial);
  }

  void RunCheckInto(qnnp_operator_t op, const State& s, size_t batch, size_t ih, size_t iw,
                    const uint8_t* input, std::vector<uint8_t>& output,
                    bool check_nontrivial) const {
    const Derived& d = this->derived();
    const size_t pixels = batch * d.output_height(ih) * d.output_width(iw);
    RunAndCheckOutput(op, output, pixels, d.output_channels(), output_pixel_stride(),
                      d.Reference(s, batch, ih, iw, input), Derived::kTolerance,
                      check_nontrivial && Derived::kNontrivialOutputs && this->WideOutputRange());
  }

  uint32_t padding_top_ = 0, padding_right_ = 0, padding_bottom_ = 0, padding_left_ = 0;
  size_t input_height_ = 1, input_width_ = 1;
  uint32_t kernel_height_ = 1, kernel_width_ = 1;
  uint32_t stride_height_ = 1, stride_width_ = 1;
  uint32_t dilation_height_ = 1, dilation_width_ = 1;
  size_t input_pixel_stride_ = 0, output_pixel_stride_ = 0;
};

// Base of the convolution and deconvolution testers: groups, bias, the integer
// reference and the fp32 requantization. The derived tester also provides
// KernelIndex(g, oc, ky, kx, ic), the position of a weight in its kernel.
template <class Derived>
class ConvTesterBase : public WindowTesterBase<Derived, ConvParameters> {
 public:
  Derived& groups(uint32_t g) {
    groups_ = g;
    return this->derived();
  }
  Derived& group_input_channels(size_t c) {
    group_input_channels_ = c;
    return this->derived();
  }
  Derived& group_output_channels(size_t c) {
    group_output_channels_ = c;
    return this->derived();
  }
  Derived& has_bias(bool b) {
    has_bias_ = b;
    return this->derived();
  }

  size_t input_channels() const { return groups_ * group_input_channels_; }
  size_t output_channels() const { return groups_ * group_output_channels_; }

 protected:
  using WindowTesterBase<Derived, ConvParameters>::WindowTesterBase;

  static constexpr double kTolerance = 0.0;
  static constexpr bool kNontrivialOutputs = true;

  size_t KernelSize() const {
    return groups_ * group_input_channels_ * this->kernel_height_ * this->kernel_width_ *
           group_output_channels_;
  }

  // int32 accumulators of the whole output, [batch][oy][ox][output channel].
  std::vector<int32_t> Accumulate(const ConvParameters& s, size_t batch, size_t ih, size_t iw,
                                  const uint8_t* input) const {
    const Derived& d = this->derived();
    const size_t oh = d.output_height(ih), ow = d.output_width(iw);
    const size_t oc_count = output_channels(), ips = this->input_pixel_stride();
    std::vector<int32_t> acc(batch * oh * ow * oc_count, 0);
    for (size_t b = 0; b < batch; b++) {
      for (size_t oy = 0; oy < oh; oy++) {
        for (size_t ox = 0; ox < ow; ox++) {
          for (size_t g = 0; g < groups_; g++) {
            for (size_t oc = 0; oc < group_output_channels_; oc++) {
              int32_t a = has_bias_ ? s.bias[g * group_output_channels_ + oc] : 0;
              this->ForEachTap(oy, ox, ih, iw, [&](size_t ky, size_t kx, size_t iy, size_t ix) {
                const uint8_t* pixel =
                    input + ((b * ih + iy) * iw + ix) * ips + g * group_input_channels_;
                for (size_t ic = 0; ic < group_input_channels_; ic++) {
                  const uint8_t w = s.kernel[d.KernelIndex(g, oc, ky, kx, ic)];
                  a += (int32_t(pixel[ic]) - int32_t(s.input_zero_point)) *
                       (int32_t(w) - int32_t(s.kernel_zero_point));
                }
              });
              acc[((b * oh + oy) * ow + ox) * oc_count + g * group_output_channels_ + oc] = a;
            }
          }
        }
      }
    }
    return acc;
  }

  // Output quantization from the accumulators of a random sample input.
  void ChooseOutputQuantization(ConvParameters* s, std::mt19937& rng) const {
    std::vector<uint8_t> sample(this->InputSize(1, this->input_height_, this->input_width_));
    this->derived().FillInput(sample, rng);
    s->ChooseOutputQuantization(
        Accumulate(*s, 1, this->input_height_, this->input_width_, sample.data()));
  }

  // The requantized accumulators.
  auto Reference(const ConvParameters& s, size_t batch, size_t ih, size_t iw,
                 const uint8_t* input) const {
    return [this, &s, acc = Accumulate(s, batch, ih, iw, input)](size_t p, size_t c) {
      return s.Requantize(acc[p * output_channels() + c], this->qmin_, this->qmax_);
    };
  }

  uint32_t groups_ = 1;
  size_t group_input_channels_ = 1, group_output_channels_ = 1;
  bool has_bias_ = true;
};

}  // namespace q8nn_test
