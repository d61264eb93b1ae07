// Tests qnnp_create/setup_fully_connected_nc_q8 against an integer reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class FullyConnectedOperatorTester : public OperatorTesterBase<FullyConnectedOperatorTester> {
 public:
  FullyConnectedOperatorTester() : OperatorTesterBase(0xFC) {}

  FullyConnectedOperatorTester& input_channels(size_t c) {
    input_channels_ = c;
    return *this;
  }
  FullyConnectedOperatorTester& output_channels(size_t c) {
    output_channels_ = c;
    return *this;
  }
  FullyConnectedOperatorTester& input_stride(size_t s) {
    input_stride_ = s;
    return *this;
  }
  FullyConnectedOperatorTester& output_stride(size_t s) {
    output_stride_ = s;
    return *this;
  }
  FullyConnectedOperatorTester& has_bias(bool b) {
    has_bias_ = b;
    return *this;
  }

  size_t input_stride() const { return input_stride_ == 0 ? input_channels_ : input_stride_; }
  size_t output_stride() const { return output_stride_ == 0 ? output_channels_ : output_stride_; }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      const ConvParameters s = MakeState(rng);
      qnnp_operator_t op = Create(s);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(TensorSize(batch_size_, input_channels_, input_stride()));
      FillRandom(input, rng);
      SetupRunCheck(op, s, batch_size_, input.data(), true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // Rerun after an in-place input change, then setups with other batch sizes
  // and pointers.
  void TestSetupSequence() const {
    std::mt19937 rng(seed_);
    const ConvParameters s = MakeState(rng);
    qnnp_operator_t op = Create(s);
    ASSERT_NE(nullptr, op);
    const size_t b = batch_size_;
    std::vector<uint8_t> a(TensorSize(b + 3, input_channels_, input_stride()));
    std::vector<uint8_t> other(a.size());
    FillRandom(a, rng);
    FillRandom(other, rng);
    std::vector<uint8_t> output(TensorSize(b, output_channels_, output_stride()), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_fully_connected_nc_q8(op, b, a.data(), input_stride(), output.data(),
                                               output_stride()));
    RunCheckInto(op, s, b, a.data(), output, true);
    FillRandom(a, rng);
    {
      SCOPED_TRACE("rerun after the input changed in place");
      RunCheckInto(op, s, b, a.data(), output, false);
    }
    for (size_t batch : {b + 3, size_t(1), size_t(0), b}) {
      for (const uint8_t* input : {a.data(), other.data()}) {
        SCOPED_TRACE(testing::Message() << "batch " << batch);
        SetupRunCheck(op, s, batch, input, false);
      }
    }
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }

 private:
  ConvParameters MakeState(std::mt19937& rng) const {
    ConvParameters s =
        DrawConvParameters(rng, 112, 144, 112, 144, false, output_channels_ * input_channels_, 0,
                           255, output_channels_, 8000);
    std::vector<uint8_t> sample(TensorSize(4, input_channels_, input_stride()));
    FillRandom(sample, rng);
    s.ChooseOutputQuantization(Accumulate(s, 4, sample.data()));
    return s;
  }

  qnnp_operator_t Create(const ConvParameters& s) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success, qnnp_create_fully_connected_nc_q8(
                                       input_channels_, output_channels_, s.input_zero_point,
                                       s.input_scale, s.kernel_zero_point, s.kernel_scale,
                                       s.kernel.data(), has_bias_ ? s.bias.data() : nullptr,
                                       s.output_zero_point, s.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  // int32 accumulators, [batch][output channel].
  std::vector<int32_t> Accumulate(const ConvParameters& s, size_t batch,
                                  const uint8_t* input) const {
    std::vector<int32_t> acc(batch * output_channels_, 0);
    for (size_t i = 0; i < batch; i++) {
      for (size_t oc = 0; oc < output_channels_; oc++) {
        int32_t a = has_bias_ ? s.bias[oc] : 0;
        for (size_t ic = 0; ic < input_channels_; ic++) {
          a += (int32_t(input[i * input_stride() + ic]) - int32_t(s.input_zero_point)) *
               (int32_t(s.kernel[oc * input_channels_ + ic]) - int32_t(s.kernel_zero_point));
        }
        acc[i * output_channels_ + oc] = a;
      }
    }
    return acc;
  }

  void SetupRunCheck(qnnp_operator_t op, const ConvParameters& s, size_t batch,
                     const uint8_t* input, bool check_nontrivial) const {
    std::vector<uint8_t> output(TensorSize(batch, output_channels_, output_stride()), kSentinel);
    ASSERT_EQ(qnnp_status_success,
              qnnp_setup_fully_connected_nc_q8(op, batch, input, input_stride(), output.data(),
                                               output_stride()));
    RunCheckInto(op, s, batch, input, output, check_nontrivial);
  }

  void RunCheckInto(qnnp_operator_t op, const ConvParameters& s, size_t batch, const uint8_t* input,
                    std::vector<uint8_t>& output, bool check_nontrivial) const {
    const std::vector<int32_t> acc = Accumulate(s, batch, input);
    RunAndCheckOutput(
        op, output, batch, output_channels_, output_stride(),
        [&](size_t i, size_t c) {
          return s.Requantize(acc[i * output_channels_ + c], qmin_, qmax_);
        },
        0.0, check_nontrivial && WideOutputRange());
  }

  size_t input_channels_ = 1, output_channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  bool has_bias_ = true;
};

}  // namespace q8nn_test
