// Helpers shared by the microkernel testers: aligned operator-style buffers,
// indirection buffers with a moved input and zero rows, the fp32 reference
// rule, and output sentinels.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

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
      : row_bytes_(row_bytes), row_stride_(row_stride), zero_fill_(zero_fill) {
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
  size_t row_bytes_;
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

}  // namespace q8nn_test
