// Tests qnnp_create/setup_fully_connected_nc_q8 against an integer reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class FullyConnectedOperatorTester {
 public:
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
  FullyConnectedOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  FullyConnectedOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  FullyConnectedOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  FullyConnectedOperatorTester& has_bias(bool b) {
    has_bias_ = b;
    return *this;
  }
  FullyConnectedOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }
  FullyConnectedOperatorTester& seed(uint32_t s) {
    seed_ = s;
    return *this;
  }

  size_t input_stride() const { return input_stride_ == 0 ? input_channels_ : input_stride_; }
  size_t output_stride() const { return output_stride_ == 0 ? output_channels_ : output_stride_; }

  void TestQ8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      State s = MakeState(rng);
      qnnp_operator_t op = Create(s);
      ASSERT_NE(nullptr, op);
      std::vector<uint8_t> input(TensorSize(batch_size_, input_channels_, input_stride()));
      FillRandom(input, rng);
      std::vector<uint8_t> output(TensorSize(batch_size_, output_channels_, output_stride()),
                                  kSentinel);
      ASSERT_EQ(qnnp_status_success,
                qnnp_setup_fully_connected_nc_q8(op, batch_size_, input.data(), input_stride(),
                                                 output.data(), output_stride()));
      RunCheckInto(op, s, batch_size_, input.data(), output, true);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  // Rerun after an in-place input change, then setups with other batch sizes
  // and pointers.
  void TestSetupSequence() const {
    std::mt19937 rng(seed_);
    State s = MakeState(rng);
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
        std::vector<uint8_t> out(TensorSize(batch, output_channels_, output_stride()), kSentinel);
        ASSERT_EQ(qnnp_status_success,
                  qnnp_setup_fully_connected_nc_q8(op, batch, input, input_stride(), out.data(),
                                                   output_stride()));
        RunCheckInto(op, s, batch, input, out, false);
      }
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

  State MakeState(std::mt19937& rng) const {
    State s;
    s.input_zero_point = RandomU8(rng, 112, 144);
    s.kernel_zero_point = RandomU8(rng, 112, 144);
    s.input_scale = RandomFloat(rng, 0.05f, 2.0f);
    s.kernel_scale = RandomFloat(rng, 0.001f, 0.1f);
    s.kernel.resize(output_channels_ * input_channels_);
    FillRandom(s.kernel, rng);
    s.bias.resize(output_channels_);
    std::uniform_int_distribution<int32_t> bias_dist(-8000, 8000);
    for (auto& b : s.bias) b = bias_dist(rng);
    std::vector<uint8_t> sample(TensorSize(4, input_channels_, input_stride()));
    FillRandom(sample, rng);
    std::vector<int32_t> acc;
    Accumulate(s, 4, sample.data(), &acc);
    ChooseOutputQuantization(acc, s.input_scale, s.kernel_scale, &s.output_scale,
                             &s.output_zero_point);
    return s;
  }

  qnnp_operator_t Create(const State& s) const {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success, qnnp_create_fully_connected_nc_q8(
                                       input_channels_, output_channels_, s.input_zero_point,
                                       s.input_scale, s.kernel_zero_point, s.kernel_scale,
                                       s.kernel.data(), has_bias_ ? s.bias.data() : nullptr,
                                       s.output_zero_point, s.output_scale, qmin_, qmax_, 0, &op));
    return op;
  }

  void Accumulate(const State& s, size_t batch, const uint8_t* input,
                  std::vector<int32_t>* acc) const {
    acc->assign(batch * output_channels_, 0);
    for (size_t i = 0; i < batch; i++) {
      for (size_t oc = 0; oc < output_channels_; oc++) {
        int32_t a = has_bias_ ? s.bias[oc] : 0;
        for (size_t ic = 0; ic < input_channels_; ic++) {
          a += (int32_t(input[i * input_stride() + ic]) - int32_t(s.input_zero_point)) *
               (int32_t(s.kernel[oc * input_channels_ + ic]) - int32_t(s.kernel_zero_point));
        }
        (*acc)[i * output_channels_ + oc] = a;
      }
    }
  }

  void RunCheckInto(qnnp_operator_t op, const State& s, size_t batch, const uint8_t* input,
                    std::vector<uint8_t>& output, bool check_nontrivial) const {
    ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(
        op, output, [&] { std::fill(output.begin(), output.end(), kSentinel); }));
    std::vector<int32_t> acc;
    Accumulate(s, batch, input, &acc);
    const float scale = (s.input_scale * s.kernel_scale) / s.output_scale;
    CheckOutput(
        output, batch, output_channels_, output_stride(),
        [&](size_t i, size_t c) {
          return double(RequantizeFp32(acc[i * output_channels_ + c], scale, s.output_zero_point,
                                       qmin_, qmax_));
        },
        0.0);
    if (check_nontrivial && qmax_ - qmin_ >= 64 && batch * output_channels_ >= 16) {
      ExpectNotAllEqual(output, batch, output_channels_, output_stride());
    }
  }

  size_t input_channels_ = 1, output_channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  bool has_bias_ = true;
  size_t iterations_ = 1;
  uint32_t seed_ = 0xFC;
};

}  // namespace q8nn_test
