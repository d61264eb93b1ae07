// Tests qnnp_create/setup_clamp_nc_u8 against an exact reference.
#pragma once

#include "operators/operator-test-utils.h"

namespace q8nn_test {

class ClampOperatorTester {
 public:
  ClampOperatorTester& channels(size_t c) {
    channels_ = c;
    return *this;
  }
  ClampOperatorTester& input_stride(size_t s) {
    input_stride_ = s;
    return *this;
  }
  ClampOperatorTester& output_stride(size_t s) {
    output_stride_ = s;
    return *this;
  }
  ClampOperatorTester& batch_size(size_t b) {
    batch_size_ = b;
    return *this;
  }
  ClampOperatorTester& qmin(uint8_t v) {
    qmin_ = v;
    return *this;
  }
  ClampOperatorTester& qmax(uint8_t v) {
    qmax_ = v;
    return *this;
  }
  // Output overwrites the input (output stride = input stride).
  ClampOperatorTester& in_place(bool v) {
    in_place_ = v;
    return *this;
  }
  ClampOperatorTester& iterations(size_t n) {
    iterations_ = n;
    return *this;
  }

  size_t input_stride() const { return input_stride_ == 0 ? channels_ : input_stride_; }
  size_t output_stride() const {
    return in_place_ ? input_stride() : output_stride_ == 0 ? channels_ : output_stride_;
  }

  void TestU8() const {
    std::mt19937 rng(seed_);
    for (size_t iteration = 0; iteration < iterations_; iteration++) {
      std::vector<uint8_t> input(TensorSize(batch_size_, channels_, input_stride()), kSentinel);
      for (size_t i = 0; i < batch_size_; i++) {
        for (size_t c = 0; c < channels_; c++)
          input[i * input_stride() + c] = RandomU8(rng, 0, 255);
      }
      const std::vector<uint8_t> input_copy = input;
      std::vector<uint8_t> separate_output(TensorSize(batch_size_, channels_, output_stride()),
                                           kSentinel);
      std::vector<uint8_t>& output = in_place_ ? input : separate_output;

      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success, qnnp_create_clamp_nc_u8(channels_, qmin_, qmax_, 0, &op));
      ASSERT_NE(nullptr, op);
      ASSERT_EQ(qnnp_status_success,
                qnnp_setup_clamp_nc_u8(op, batch_size_, input.data(), input_stride(), output.data(),
                                       output_stride()));
      ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(op, output, [&] {
        input = input_copy;
        std::fill(separate_output.begin(), separate_output.end(), kSentinel);
      }));
      auto ref = [&](size_t i, size_t c) {
        const int x = input_copy[i * input_stride() + c];
        return double(std::min(std::max(x, int(qmin_)), int(qmax_)));
      };
      CheckOutput(output, batch_size_, channels_, output_stride(), ref, 0.0);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

 private:
  size_t channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  bool in_place_ = false;
  size_t iterations_ = 1;
  uint32_t seed_ = 0xC1A;
};

}  // namespace q8nn_test
