// Helpers shared by the operator testers: library initialization, thread
// pools, the fp32 requantization reference, output checks, the setters every
// tester has and the test loop of the operators on rows of channels.
#pragma once

#include <gtest/gtest.h>
#include <pthreadpool.h>

#include <q8nn.h>
#include <qnnpack.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace q8nn_test {

// Every test program initializes the library once before its tests.
class InitializeEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    // ctest runs the suite once per ISA of the build; skip ISAs this CPU lacks.
    const char* forced = std::getenv("Q8NN_ISA");
    if (forced != nullptr && forced[0] != '\0' && !q8nn_isa_supported(forced)) {
      GTEST_SKIP() << "Q8NN_ISA=" << forced << " is not supported by this CPU";
    }
    ASSERT_EQ(qnnp_status_success, qnnp_initialize());
  }
};

inline ::testing::Environment* const kInitializeEnvironment =
    ::testing::AddGlobalTestEnvironment(new InitializeEnvironment);

// Value written into output buffers before a run: bytes the operator must not
// touch (gaps between pixels, batch 0) still hold it afterwards.
constexpr uint8_t kSentinel = 0xA5;

// Shared pools of 2 and 4 threads, created on first use.
inline pthreadpool_t ThreadPool(size_t threads) {
  static std::unique_ptr<pthreadpool, decltype(&pthreadpool_destroy)> pool2(pthreadpool_create(2),
                                                                            pthreadpool_destroy);
  static std::unique_ptr<pthreadpool, decltype(&pthreadpool_destroy)> pool4(pthreadpool_create(4),
                                                                            pthreadpool_destroy);
  return threads == 2 ? pool2.get() : pool4.get();
}

// Whether RunWithThreadCounts also runs with thread pools. Off by default:
// waking pool threads costs milliseconds on a loaded machine (and much more
// under sanitizers or qemu), so the tests that compare thread counts turn it
// on with a MultithreadedScope.
inline bool& MultithreadedRuns() {
  static bool enabled = false;
  return enabled;
}

class MultithreadedScope {
 public:
  MultithreadedScope() : previous_(MultithreadedRuns()) { MultithreadedRuns() = true; }
  ~MultithreadedScope() { MultithreadedRuns() = previous_; }

 private:
  bool previous_;
};

// Runs `op` without a pool and, in a MultithreadedScope, with 2 and 4 threads:
// all runs must give byte-identical buffers. `reset` restores the buffers
// before each run (it matters for in-place operators); `output` is what is
// compared.
inline void RunWithThreadCounts(qnnp_operator_t op, const std::vector<uint8_t>& output,
                                const std::function<void()>& reset) {
  reset();
  ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  if (!MultithreadedRuns()) return;
  const std::vector<uint8_t> single = output;
  for (size_t threads : {2, 4}) {
    reset();
    ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, ThreadPool(threads)));
    ASSERT_EQ(single, output) << "result with " << threads << " threads differs from 1 thread";
  }
}

// Size of a tensor of `rows` rows of `channels` elements, `stride` apart: the
// exact extent, so that ASan catches accesses beyond it. At least 1 byte so
// that data() is never null.
inline size_t TensorSize(size_t rows, size_t channels, size_t stride) {
  return rows == 0 ? 1 : (rows - 1) * stride + channels;
}

// The fp32 requantization rule of DESIGN.md.
inline uint8_t RequantizeFp32(int32_t acc, float scale, uint8_t zero_point, uint8_t qmin,
                              uint8_t qmax) {
  const float rounded = std::nearbyint(float(acc) * scale);
  double y = double(rounded) + double(zero_point);
  y = std::min(std::max(y, double(qmin)), double(qmax));
  return uint8_t(y);
}

// Output quantization that spreads `acc` (in units of input_scale *
// kernel_scale) over the uint8 range, saturating a little at both ends.
inline void ChooseOutputQuantization(const std::vector<int32_t>& acc, float input_scale,
                                     float kernel_scale, float* output_scale,
                                     uint8_t* output_zero_point) {
  double acc_scale = 1.0;
  double center = 0.0;
  if (!acc.empty()) {
    const auto minmax = std::minmax_element(acc.begin(), acc.end());
    const double range = double(*minmax.second) - double(*minmax.first);
    if (range > 0) acc_scale = range / 255.0 * 0.9;
    center = 0.5 * (double(*minmax.first) + double(*minmax.second));
  }
  *output_scale = float(double(input_scale) * double(kernel_scale) * acc_scale);
  const long zp = std::lrint(127.5 - center / acc_scale);
  *output_zero_point = uint8_t(std::min(std::max(zp, 0L), 255L));
}

// Checks the first `channels` bytes of each of `rows` rows (`stride` apart)
// against ref(row, channel) within `tolerance`, and that the bytes between rows
// still hold the sentinel. Reports at most a few failures.
template <class Ref>
void CheckOutput(const std::vector<uint8_t>& output, size_t rows, size_t channels, size_t stride,
                 const Ref& ref, double tolerance, const char* what = "output") {
  size_t failures = 0;
  for (size_t r = 0; r < rows; r++) {
    for (size_t c = 0; c < stride; c++) {
      const size_t index = r * stride + c;
      if (index >= output.size()) break;
      if (c < channels) {
        const double expected = ref(r, c);
        if (!(std::fabs(double(output[index]) - expected) <= tolerance)) {
          ADD_FAILURE() << what << " row " << r << " channel " << c << ": got "
                        << int(output[index]) << ", expected " << expected << " (tolerance "
                        << tolerance << ")";
          if (++failures >= 8) return;
        }
      } else if (output[index] != kSentinel) {
        ADD_FAILURE() << what << " row " << r << " byte " << c
                      << " (between rows) was overwritten with " << int(output[index]);
        if (++failures >= 8) return;
      }
    }
  }
  if (rows == 0) {
    for (size_t i = 0; i < output.size(); i++) {
      if (output[i] != kSentinel) {
        ADD_FAILURE() << what << " byte " << i << " written although batch is empty";
        return;
      }
    }
  }
}

// Expects the data bytes of a tensor not to be all equal (the quantization
// parameters of a test must give non-trivial outputs).
inline void ExpectNotAllEqual(const std::vector<uint8_t>& output, size_t rows, size_t channels,
                              size_t stride) {
  if (rows * channels < 2) return;
  const uint8_t first = output[0];
  for (size_t r = 0; r < rows; r++) {
    for (size_t c = 0; c < channels; c++) {
      if (output[r * stride + c] != first) return;
    }
  }
  ADD_FAILURE() << "all " << rows * channels << " outputs equal " << int(first);
}

// Runs `op` (see RunWithThreadCounts; `reset` defaults to refilling `output`
// with kSentinel), then checks `rows` rows of `output` against ref(row,
// channel) (see CheckOutput) and, if `check_nontrivial` and there are 16
// outputs or more, that they are not all equal.
template <class Ref>
void RunAndCheckOutput(qnnp_operator_t op, std::vector<uint8_t>& output, size_t rows,
                       size_t channels, size_t stride, const Ref& ref, double tolerance,
                       bool check_nontrivial, std::function<void()> reset = nullptr) {
  if (!reset) reset = [&] { std::fill(output.begin(), output.end(), kSentinel); };
  ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(op, output, reset));
  CheckOutput(output, rows, channels, stride, ref, tolerance);
  if (check_nontrivial && rows * channels >= 16) {
    ExpectNotAllEqual(output, rows, channels, stride);
  }
}

inline void FillRandom(std::vector<uint8_t>& v, std::mt19937& rng, int lo = 0, int hi = 255) {
  std::uniform_int_distribution<int> dist(lo, hi);
  for (auto& x : v) x = uint8_t(dist(rng));
}

inline uint8_t RandomU8(std::mt19937& rng, int lo, int hi) {
  return uint8_t(std::uniform_int_distribution<int>(lo, hi)(rng));
}

inline float RandomFloat(std::mt19937& rng, float lo, float hi) {
  return std::uniform_real_distribution<float>(lo, hi)(rng);
}

// Calls `body` once with each ISA this build has and this CPU runs, forced
// with q8nn_initialize_isa, then restores the ISA of the test environment.
// Runs are also compared across thread counts.
inline void ForEachIsa(const std::function<void()>& body) {
  MultithreadedScope multithreaded;
  const char* initial = q8nn_isa();
  ASSERT_NE(nullptr, initial);
  const std::string restore = initial;
  for (size_t i = 0; i < q8nn_isa_count(); i++) {
    const char* name = q8nn_isa_name(i);
    ASSERT_NE(nullptr, name);
    if (!q8nn_isa_supported(name)) continue;
    SCOPED_TRACE(std::string("isa ") + name);
    ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa(name));
    body();
  }
  ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa(restore.c_str()));
}

using NcSetupFn = qnnp_status (*)(qnnp_operator_t, size_t, const uint8_t*, size_t, uint8_t*,
                                  size_t);

// Sets up and runs a created nc operator (setup(op, batch, input, input_stride,
// output, output_stride)) on random rows and checks ref(input row, channel).
// In place, the output overwrites the input and shares its stride.
inline void TestNcOperator(qnnp_operator_t op, NcSetupFn setup, size_t channels, size_t batch,
                           size_t input_stride, size_t output_stride, bool in_place,
                           std::mt19937& rng,
                           const std::function<double(const uint8_t*, size_t)>& ref,
                           double tolerance, bool check_nontrivial, uint8_t input_max = 255) {
  if (in_place) output_stride = input_stride;
  // Input gaps hold the sentinel: in place, they are the output's gaps.
  std::vector<uint8_t> input(TensorSize(batch, channels, input_stride), kSentinel);
  for (size_t i = 0; i < batch; i++) {
    for (size_t c = 0; c < channels; c++) {
      input[i * input_stride + c] = RandomU8(rng, 0, input_max);
    }
  }
  const std::vector<uint8_t> input_copy = input;
  std::vector<uint8_t> separate_output(TensorSize(batch, channels, output_stride), kSentinel);
  std::vector<uint8_t>& output = in_place ? input : separate_output;
  ASSERT_EQ(qnnp_status_success,
            setup(op, batch, input.data(), input_stride, output.data(), output_stride));
  RunAndCheckOutput(
      op, output, batch, channels, output_stride,
      [&](size_t i, size_t c) { return ref(&input_copy[i * input_stride], c); }, tolerance,
      check_nontrivial,
      [&] {
        input = input_copy;
        std::fill(separate_output.begin(), separate_output.end(), kSentinel);
      });
}

// Setters every operator tester has. CRTP: they return the derived tester.
template <class Derived>
class OperatorTesterBase {
 public:
  Derived& batch_size(size_t b) {
    batch_size_ = b;
    return derived();
  }
  Derived& qmin(uint8_t v) {
    qmin_ = v;
    return derived();
  }
  Derived& qmax(uint8_t v) {
    qmax_ = v;
    return derived();
  }
  Derived& iterations(size_t n) {
    iterations_ = n;
    return derived();
  }
  Derived& seed(uint32_t s) {
    seed_ = s;
    return derived();
  }

 protected:
  explicit OperatorTesterBase(uint32_t seed) : seed_(seed) {}

  Derived& derived() { return static_cast<Derived&>(*this); }
  const Derived& derived() const { return static_cast<const Derived&>(*this); }

  // Whether the output range leaves room for a non-trivial output.
  bool WideOutputRange() const { return qmax_ - qmin_ >= 64; }

  size_t batch_size_ = 1;
  uint8_t qmin_ = 0, qmax_ = 255;
  size_t iterations_ = 1;
  uint32_t seed_;
};

// Base of the testers of operators on rows of channels (nc): strides and the
// TestNcOperator loop.
template <class Derived>
class RowTesterBase : public OperatorTesterBase<Derived> {
 public:
  Derived& channels(size_t c) {
    channels_ = c;
    return this->derived();
  }
  Derived& input_stride(size_t s) {
    input_stride_ = s;
    return this->derived();
  }
  Derived& output_stride(size_t s) {
    output_stride_ = s;
    return this->derived();
  }
  // Inputs are random in [0, input_max].
  Derived& input_max(uint8_t v) {
    input_max_ = v;
    return this->derived();
  }
  // The output overwrites the input (output stride = input stride).
  Derived& in_place(bool v) {
    in_place_ = v;
    return this->derived();
  }

  size_t channels() const { return channels_; }
  size_t input_stride() const {
    return input_stride_ == 0 ? this->derived().channels() : input_stride_;
  }
  size_t output_stride() const {
    return output_stride_ == 0 ? this->derived().channels() : output_stride_;
  }

 protected:
  using OperatorTesterBase<Derived>::OperatorTesterBase;

  // `iterations` times: creates an operator with create(&op) and tests it with
  // TestNcOperator on fresh random rows.
  template <class Create, class Ref>
  void TestRows(Create create, NcSetupFn setup, const Ref& ref, double tolerance,
                bool check_nontrivial) const {
    std::mt19937 rng(this->seed_);
    for (size_t iteration = 0; iteration < this->iterations_; iteration++) {
      qnnp_operator_t op = nullptr;
      ASSERT_EQ(qnnp_status_success, create(&op));
      ASSERT_NE(nullptr, op);
      TestNcOperator(op, setup, this->derived().channels(), this->batch_size_, input_stride(),
                     output_stride(), in_place_, rng, ref, tolerance, check_nontrivial, input_max_);
      ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    }
  }

  size_t channels_ = 1;
  size_t input_stride_ = 0, output_stride_ = 0;
  bool in_place_ = false;
  uint8_t input_max_ = 255;
};

// Fixed input and output quantization (zero point and scale) of a tester.
template <class Derived>
class InputOutputQuantization {
 public:
  Derived& input_quantization(uint8_t zero_point, float scale) {
    input_zero_point_ = zero_point;
    input_scale_ = scale;
    return static_cast<Derived&>(*this);
  }
  Derived& output_quantization(uint8_t zero_point, float scale) {
    output_zero_point_ = zero_point;
    output_scale_ = scale;
    return static_cast<Derived&>(*this);
  }

 protected:
  InputOutputQuantization(uint8_t input_zero_point, float input_scale, uint8_t output_zero_point,
                          float output_scale)
      : input_zero_point_(input_zero_point),
        input_scale_(input_scale),
        output_zero_point_(output_zero_point),
        output_scale_(output_scale) {}

  // The real value of a quantized input.
  double Dequantize(uint8_t x) const {
    return double(input_scale_) * (double(x) - double(input_zero_point_));
  }
  // A real output value, quantized and clamped to [qmin, qmax] (not rounded).
  double Quantize(double y, uint8_t qmin, uint8_t qmax) const {
    const double q = y / double(output_scale_) + double(output_zero_point_);
    return std::min(std::max(q, double(qmin)), double(qmax));
  }

  uint8_t input_zero_point_;
  float input_scale_;
  uint8_t output_zero_point_;
  float output_scale_;
};

// Quantization, kernel and bias of a convolution-like operator (convolution,
// deconvolution, fully connected).
struct ConvParameters {
  uint8_t input_zero_point, kernel_zero_point, output_zero_point;
  float input_scale, kernel_scale, output_scale;
  std::vector<uint8_t> kernel;
  std::vector<int32_t> bias;

  // The expected output for accumulator `acc` (fp32 requantization).
  double Requantize(int32_t acc, uint8_t qmin, uint8_t qmax) const {
    const float scale = (input_scale * kernel_scale) / output_scale;
    return double(RequantizeFp32(acc, scale, output_zero_point, qmin, qmax));
  }
  // Picks the output quantization from the accumulators of a sample input.
  void ChooseOutputQuantization(const std::vector<int32_t>& acc) {
    q8nn_test::ChooseOutputQuantization(acc, input_scale, kernel_scale, &output_scale,
                                        &output_zero_point);
  }
};

// Draws, in this order: the input and kernel zero points (in the given
// ranges), the input scale in [0.05, 2] and kernel scale in [0.001, 0.1]
// (unless `unit_scales`: both 1), `kernel_size` kernel bytes in [kernel_lo,
// kernel_hi] and `bias_count` biases in [-bias_limit, bias_limit]. The output
// quantization is left to the caller.
inline ConvParameters DrawConvParameters(std::mt19937& rng, int input_zp_lo, int input_zp_hi,
                                         int kernel_zp_lo, int kernel_zp_hi, bool unit_scales,
                                         size_t kernel_size, int kernel_lo, int kernel_hi,
                                         size_t bias_count, int32_t bias_limit) {
  ConvParameters p;
  p.input_zero_point = RandomU8(rng, input_zp_lo, input_zp_hi);
  p.kernel_zero_point = RandomU8(rng, kernel_zp_lo, kernel_zp_hi);
  if (unit_scales) {
    p.input_scale = 1.0f;
    p.kernel_scale = 1.0f;
  } else {
    p.input_scale = RandomFloat(rng, 0.05f, 2.0f);
    p.kernel_scale = RandomFloat(rng, 0.001f, 0.1f);
  }
  p.kernel.resize(kernel_size);
  FillRandom(p.kernel, rng, kernel_lo, kernel_hi);
  p.bias.resize(bias_count);
  std::uniform_int_distribution<int32_t> bias_dist(-bias_limit, bias_limit);
  for (auto& b : p.bias) b = bias_dist(rng);
  return p;
}

}  // namespace q8nn_test
