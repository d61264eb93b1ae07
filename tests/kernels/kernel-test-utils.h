// Helpers shared by the microkernel testers and tests: aligned operator-style
// buffers, indirection buffers with a moved input and zero rows, the fp32
// reference rule, output sentinels and checks, the common tester setters and
// the parameterized test fixture.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <memory>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "q8nn.h"
#include "q8nn/ukernels.h"

namespace q8nn_test {

// Like the buffers the operators own (packed weights, tables): 16-byte
// aligned, with Q8NN_EXTRA_BYTES of readable slack after `size` bytes.
class AlignedBuffer {
 public:
  explicit AlignedBuffer(size_t size, uint8_t fill = 0) : size_(size) {
    const size_t bytes = (size + Q8NN_EXTRA_BYTES + 15) / 16 * 16;
    data_.reset(static_cast<uint8_t*>(std::aligned_alloc(16, bytes)));
    std::memset(data_.get(), fill, bytes);
  }
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(uint8_t* p) const { std::free(p); }
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_;
};

// The fp32 rule of DESIGN.md, written directly (default rounding mode: half to even).
inline uint8_t ReferenceRequantize(int64_t acc, float scale, uint8_t zero_point, uint8_t qmin,
                                   uint8_t qmax) {
  const float rounded = std::nearbyint(static_cast<float>(acc) * scale);
  const double y =
      std::min(std::max(double(rounded) + double(zero_point), double(qmin)), double(qmax));
  return static_cast<uint8_t>(y);
}

inline uint8_t ReferenceRound(float fp, uint8_t zero_point, uint8_t qmin, uint8_t qmax) {
  const float rounded = std::nearbyint(fp);
  const double y =
      std::min(std::max(double(rounded) + double(zero_point), double(qmin)), double(qmax));
  return static_cast<uint8_t>(y);
}

inline std::vector<uint8_t> RandomBytes(size_t n, std::mt19937& rng, uint8_t max = 255) {
  std::uniform_int_distribution<int> dist(0, max);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(dist(rng));
  return v;
}

// A scale mapping [acc_min, acc_max] onto roughly 256 output steps, randomly
// stretched or shrunk by up to 2x so that some outputs saturate.
inline float RandomScale(int64_t acc_min, int64_t acc_max, std::mt19937& rng) {
  const double range = std::max<double>(double(acc_max - acc_min), 1.0);
  std::uniform_real_distribution<double> log2_jitter(-1.0, 1.0);
  return static_cast<float>(255.0 / range * std::exp2(log2_jitter(rng)));
}

// An output zero point centering [acc_min, acc_max] * scale in [0, 255].
inline uint8_t CenteringZeroPoint(int64_t acc_min, int64_t acc_max, float scale) {
  const double mid = (double(acc_min) + double(acc_max)) / 2.0 * double(scale);
  return static_cast<uint8_t>(std::min(std::max(std::lround(127.5 - mid), 0L), 255L));
}

// RandomScale and CenteringZeroPoint over the range of `acc`; a zero point
// `fixed` >= 0 is taken as it is.
inline float RandomScale(const std::vector<int64_t>& acc, std::mt19937& rng) {
  const auto minmax = std::minmax_element(acc.begin(), acc.end());
  return RandomScale(*minmax.first, *minmax.second, rng);
}
inline uint8_t OutputZeroPoint(int fixed, const std::vector<int64_t>& acc, float scale) {
  if (fixed >= 0) return uint8_t(fixed);
  const auto minmax = std::minmax_element(acc.begin(), acc.end());
  return CenteringZeroPoint(*minmax.first, *minmax.second, scale);
}

// The tightest q8nn_conv_params.accumulator_bound for `acc`: max |acc|.
inline int32_t AccumulatorBound(const std::vector<int64_t>& acc) {
  int64_t bound = 0;
  for (int64_t v : acc) bound = std::max(bound, v < 0 ? -v : v);
  return int32_t(std::min<int64_t>(bound, std::numeric_limits<int32_t>::max()));
}

// The largest scale with (float)bound * scale < 1.5 * 2^23: the edge of the
// wasmsimd kernels' clamp-free requantization.
inline float PlainLimitScale(int32_t bound) {
  const float limit = 12582912.0f;
  if (bound == 0) return 1.0f;
  float scale = limit / float(bound);
  while (float(bound) * scale >= limit) scale = std::nextafter(scale, 0.0f);
  return scale;
}

// Indirection buffer as the operators build it at setup: pointers into a
// "setup" buffer (or to `zero`), while the data the kernel must read lives in
// a second "run" buffer, input_offset bytes away. Each entry points to its own
// row of `row_bytes` bytes (rows `row_stride` apart), or is `zero`. Input
// bytes are uniform in [0, max_value].
//
// `zero` sits at the end of the setup buffer, so a kernel that wrongly moves a
// zero pointer reads the run buffer's bytes there, which differ from
// `zero_fill`. A kernel that forgets to move other pointers reads the setup
// buffer's rows, which hold other random bytes. Both buffers have exactly the
// size needed (no slack), so AddressSanitizer catches reads past the last row.
class IndirectInput {
 public:
  IndirectInput(size_t entries, size_t row_bytes, size_t row_stride, uint8_t zero_fill,
                double zero_fraction, std::mt19937& rng, uint8_t max_value = 255)
      : row_stride_(row_stride), zero_fill_(zero_fill) {
    const size_t zero_position = entries * row_stride;
    const size_t size = zero_position + row_bytes;
    setup_ = RandomBytes(size, rng);
    run_ = RandomBytes(size, rng, max_value);
    std::fill(setup_.begin() + zero_position, setup_.end(), zero_fill);
    std::uniform_int_distribution<int> not_fill(1, 255);
    for (size_t i = zero_position; i < size; i++) {
      run_[i] = static_cast<uint8_t>(zero_fill + not_fill(rng));
    }
    zero_ = setup_.data() + zero_position;

    std::bernoulli_distribution is_zero(zero_fraction);
    pointers_.resize(entries);
    is_zero_.resize(entries);
    for (size_t e = 0; e < entries; e++) {
      is_zero_[e] = is_zero(rng);
      pointers_[e] = is_zero_[e] ? zero_ : setup_.data() + e * row_stride;
    }
    input_offset_ = size_t(uintptr_t(run_.data()) - uintptr_t(setup_.data()));
  }

  const uint8_t** pointers() { return pointers_.data(); }
  const uint8_t* zero() const { return zero_; }
  size_t input_offset() const { return input_offset_; }

  // What a correct kernel reads at byte j of entry e (computed from indices).
  uint8_t value(size_t e, size_t j) const {
    return is_zero_[e] ? zero_fill_ : run_[e * row_stride_ + j];
  }

 private:
  size_t row_stride_;
  uint8_t zero_fill_;
  std::vector<uint8_t> setup_;
  std::vector<uint8_t> run_;
  std::vector<const uint8_t*> pointers_;
  std::vector<bool> is_zero_;
  const uint8_t* zero_ = nullptr;
  size_t input_offset_ = 0;
};

// Output bytes the kernel must leave alone (gaps between strided rows, tail).
constexpr uint8_t kSentinel = 0xA5;
constexpr size_t kTailBytes = 16;

// An output buffer for `rows` rows of `row_bytes` bytes, `row_stride` apart,
// followed by kTailBytes, all holding kSentinel.
inline std::vector<uint8_t> SentinelOutput(size_t rows, size_t row_bytes, size_t row_stride) {
  return std::vector<uint8_t>((rows - 1) * row_stride + row_bytes + kTailBytes, kSentinel);
}

// Checks every byte of `output` (see SentinelOutput): byte j of row r must be
// expected(r, j), and the bytes between and after the rows must still hold
// kSentinel. describe(r, j) (anything gtest can stream) adds context to a
// mismatch. Stops at the first failure (a fatal one).
template <class Expected, class Describe>
void CheckOutputBytes(const std::vector<uint8_t>& output, size_t rows, size_t row_bytes,
                      size_t row_stride, Expected expected, Describe describe) {
  for (size_t index = 0; index < output.size(); index++) {
    const size_t r = index / row_stride;
    const size_t j = index % row_stride;
    if (r < rows && j < row_bytes) {
      ASSERT_EQ(uint32_t(expected(r, j)), uint32_t(output[index])) << describe(r, j);
    } else {
      ASSERT_EQ(uint32_t(kSentinel), uint32_t(output[index]))
          << "wrote outside the output at byte " << index << " (row " << r << ", byte " << j
          << "): " << rows << " rows of " << row_bytes << " bytes, " << row_stride << " apart";
    }
  }
}

// A one-row CheckOutputBytes for kernels on n contiguous bytes.
template <class Expected, class Describe>
void CheckOutputBytes(const std::vector<uint8_t>& output, size_t n, Expected expected,
                      Describe describe) {
  CheckOutputBytes(
      output, 1, n, n, [&](size_t, size_t i) { return expected(i); },
      [&](size_t, size_t i) { return describe(i); });
}

// Setter mixins of the microkernel testers (CRTP: the setters return the
// derived tester). Every tester has the iterations and the seed.
template <class Derived>
class KernelTester {
 public:
  Derived& iterations(size_t v) {
    iterations_ = v;
    return static_cast<Derived&>(*this);
  }
  Derived& seed(uint32_t v) {
    seed_ = v;
    return static_cast<Derived&>(*this);
  }

 protected:
  explicit KernelTester(uint32_t seed, size_t iterations = 3)
      : iterations_(iterations), seed_(seed) {}

  size_t iterations_;
  uint32_t seed_;
};

// The output range of the quantized kernels.
template <class Derived>
class OutputRange {
 public:
  Derived& qmin(uint8_t v) {
    qmin_ = v;
    return static_cast<Derived&>(*this);
  }
  Derived& qmax(uint8_t v) {
    qmax_ = v;
    return static_cast<Derived&>(*this);
  }

 protected:
  uint8_t qmin_ = 0;
  uint8_t qmax_ = 255;
};

// The element count of the kernels on n contiguous elements.
template <class Derived>
class ElementCount {
 public:
  Derived& n(size_t v) {
    n_ = v;
    return static_cast<Derived&>(*this);
  }

 protected:
  size_t n_ = 1;
};

// The quantization of the averaging kernels (average and global average
// pooling): outputs are (sum + bias) * scale + output zero point, where the
// bias subtracts the input zero point of each summed element and scale is
// (input scale / output scale) / count.
template <class Derived>
class AveragingQuantization {
 public:
  Derived& input_zero_point(uint8_t v) {
    input_zero_point_ = v;
    return static_cast<Derived&>(*this);
  }
  // Default: a zero point centering the outputs.
  Derived& output_zero_point(uint8_t v) {
    output_zero_point_ = v;
    return static_cast<Derived&>(*this);
  }
  // input_scale / output_scale; default: random in [0.5, 2].
  Derived& scale_ratio(float v) {
    scale_ratio_ = v;
    return static_cast<Derived&>(*this);
  }

 protected:
  int32_t Bias(size_t count) const { return -int32_t(count) * int32_t(input_zero_point_); }
  float Scale(size_t count, std::mt19937& rng) const {
    const float ratio = scale_ratio_ > 0.0f
                            ? scale_ratio_
                            : std::exp2(std::uniform_real_distribution<float>(-1.0f, 1.0f)(rng));
    return ratio / float(count);
  }

  uint8_t input_zero_point_ = 127;
  int output_zero_point_ = -1;
  float scale_ratio_ = 0.0f;
};

// Setters shared by the testers of the indirection-based kernels (average and
// max pooling, depthwise convolution), and the geometry they imply: output
// pixels of `channels` bytes, each reading `kernel_size` indirection entries
// that start `step` entries after those of the previous pixel. CRTP: the
// setters return the derived tester.
template <class Derived>
class IndirectKernelTester : public KernelTester<Derived>, public OutputRange<Derived> {
 public:
  Derived& kernel_size(size_t v) {
    kernel_size_ = v;
    return derived();
  }
  Derived& channels(size_t v) {
    channels_ = v;
    return derived();
  }
  Derived& output_pixels(size_t v) {
    output_pixels_ = v;
    return derived();
  }
  // Indirection entries between consecutive output pixels (0 means kernel_size).
  Derived& step(size_t v) {
    step_ = v;
    return derived();
  }
  // Bytes between input rows (0 means channels).
  Derived& input_row_stride(size_t v) {
    input_row_stride_ = v;
    return derived();
  }
  Derived& output_increment(size_t v) {
    output_increment_ = v;
    return derived();
  }
  // Probability that an indirection entry is the zero vector (padding).
  Derived& zero_fraction(double v) {
    zero_fraction_ = v;
    return derived();
  }

 protected:
  explicit IndirectKernelTester(uint32_t seed) : KernelTester<Derived>(seed) {}

  Derived& derived() { return static_cast<Derived&>(*this); }

  size_t Step() const { return step_ == 0 ? kernel_size_ : step_; }
  size_t RowStride() const { return input_row_stride_ == 0 ? channels_ : input_row_stride_; }
  size_t OutputPixelStride() const { return channels_ + output_increment_; }
  // The sizes must be positive and input rows must hold `channels` bytes.
  void CheckShape() const {
    ASSERT_TRUE(kernel_size_ >= 1 && channels_ >= 1 && output_pixels_ >= 1);
    ASSERT_GE(RowStride(), channels_);
  }
  // Indirection entries, one input row of `channels` bytes each, `zero` filled
  // with `zero_fill`.
  IndirectInput MakeInput(uint8_t zero_fill, std::mt19937& rng, uint8_t max_value = 255) const {
    const size_t entries = (output_pixels_ - 1) * Step() + kernel_size_;
    return IndirectInput(entries, channels_, RowStride(), zero_fill, zero_fraction_, rng,
                         max_value);
  }
  std::vector<uint8_t> MakeOutput() const {
    return SentinelOutput(output_pixels_, channels_, OutputPixelStride());
  }
  // CheckOutputBytes over the output pixels; what(x, c) (a testing::Message)
  // adds context to a mismatch.
  template <class Expected, class Describe>
  void CheckPixels(const std::vector<uint8_t>& output, Expected expected, Describe what) const {
    CheckOutputBytes(
        output, output_pixels_, channels_, OutputPixelStride(), expected, [&](size_t x, size_t c) {
          return testing::Message()
                 << "at pixel " << x << " / " << output_pixels_ << ", channel " << c << " / "
                 << channels_ << ", kernel_size " << kernel_size_ << what(x, c);
        });
  }

  // CheckPixels against the requantized accumulators acc[pixel][channel].
  void CheckRequantizedPixels(const std::vector<uint8_t>& output, const std::vector<int64_t>& acc,
                              float scale, uint8_t zero_point) const {
    CheckPixels(
        output,
        [&](size_t x, size_t c) {
          return ReferenceRequantize(acc[x * channels_ + c], scale, zero_point, this->qmin_,
                                     this->qmax_);
        },
        [&](size_t x, size_t c) {
          return testing::Message() << ": accumulator " << acc[x * channels_ + c] << ", scale "
                                    << scale << ", zero point " << int(zero_point);
        });
  }

  size_t kernel_size_ = 1;
  size_t channels_ = 1;
  size_t output_pixels_ = 1;
  size_t step_ = 0;
  size_t input_row_stride_ = 0;
  size_t output_increment_ = 0;
  double zero_fraction_ = 0.2;
};

// A kernel under test: gtest's parameter for the kernel families whose kernels
// differ only by function and ISA.
template <class Fn>
struct Kernel {
  const char* name;
  Fn fn;
  const char* isa;
};

// Names the kernel in gtest failure messages.
template <class Fn>
void PrintTo(const Kernel<Fn>& kernel, std::ostream* os) {
  *os << kernel.name;
}

// Fixture of the tests of a kernel family, parameterized by the kernels (a
// struct with at least `fn`, `name` and `isa`): skips the kernels whose ISA
// this CPU lacks.
template <class KernelParam>
class KernelTest : public testing::TestWithParam<KernelParam> {
 protected:
  void SetUp() override {
    const char* isa = this->GetParam().isa;
    if (!q8nn_isa_supported(isa)) GTEST_SKIP() << isa << " unsupported";
  }
  // Runs tester.Test on the kernel of this test.
  template <class Tester>
  void Test(const Tester& tester) const {
    tester.Test(this->GetParam().fn);
  }
};

// Fixture of the pooling kernel tests (Tester: an IndirectKernelTester), with
// the test cases they share.
template <class KernelParam, class Tester>
class PoolingKernelTest : public KernelTest<KernelParam> {
 protected:
  // Consecutive pixels 1, 2 and 5 entries apart.
  void TestSteps() const {
    for (size_t step : {1, 2, 5}) {
      this->Test(Tester().kernel_size(9).channels(19).output_pixels(5).step(step));
      if (this->HasFatalFailure()) return;
    }
  }
  void TestInputRowStrides() const {
    for (size_t channels : {1, 5, 16, 33}) {
      this->Test(Tester().kernel_size(9).channels(channels).output_pixels(3).input_row_stride(
          channels + 11));
      if (this->HasFatalFailure()) return;
    }
  }
  void TestOutputIncrements() const {
    for (size_t channels : {1, 5, 16, 33, 70}) {
      for (size_t increment : {1, 7}) {
        this->Test(Tester().kernel_size(4).channels(channels).output_pixels(4).output_increment(
            increment));
        if (this->HasFatalFailure()) return;
      }
    }
  }
};

// Names the instantiated tests after their kernels.
struct KernelName {
  template <class KernelParam>
  std::string operator()(const testing::TestParamInfo<KernelParam>& info) const {
    return info.param.name;
  }
};

}  // namespace q8nn_test
