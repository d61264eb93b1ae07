// Helpers shared by the operator testers: library initialization, thread
// pools, the fp32 requantization reference and output checks.
#pragma once

#include <gtest/gtest.h>
#include <pthreadpool.h>

#include <q8nn.h>
#include <qnnpack.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
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
  void SetUp() override { ASSERT_EQ(qnnp_status_success, qnnp_initialize()); }
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
                 Ref ref, double tolerance, const char* what = "output") {
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
                           double tolerance, bool check_nontrivial) {
  if (in_place) output_stride = input_stride;
  // Input gaps hold the sentinel: in place, they are the output's gaps.
  std::vector<uint8_t> input(TensorSize(batch, channels, input_stride), kSentinel);
  for (size_t i = 0; i < batch; i++) {
    for (size_t c = 0; c < channels; c++) input[i * input_stride + c] = RandomU8(rng, 0, 255);
  }
  const std::vector<uint8_t> input_copy = input;
  std::vector<uint8_t> separate_output(TensorSize(batch, channels, output_stride), kSentinel);
  std::vector<uint8_t>& output = in_place ? input : separate_output;
  ASSERT_EQ(qnnp_status_success,
            setup(op, batch, input.data(), input_stride, output.data(), output_stride));
  ASSERT_NO_FATAL_FAILURE(RunWithThreadCounts(op, output, [&] {
    input = input_copy;
    std::fill(separate_output.begin(), separate_output.end(), kSentinel);
  }));
  CheckOutput(
      output, batch, channels, output_stride,
      [&](size_t i, size_t c) { return ref(&input_copy[i * input_stride], c); }, tolerance);
  if (check_nontrivial && batch * channels >= 16) {
    ExpectNotAllEqual(output, batch, channels, output_stride);
  }
}

}  // namespace q8nn_test
