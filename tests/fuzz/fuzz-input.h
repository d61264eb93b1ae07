// Reads operator parameters out of a libFuzzer input, shared by every fuzz
// target. Each read takes a mode byte first: most of the time the value is an
// ordinary one (a small size, a scale near the usual ones, a small bias), so
// that inputs reach setup and run; sometimes a medium one (a plausible but
// large layer); and sometimes a hostile one (0, 2^31, 2^32 - 1, SIZE_MAX,
// values just around SIZE_MAX / k, NaN, inf, negative and denormal scales,
// biases near INT32_MIN / INT32_MAX). An exhausted input reads as zeros, which
// are ordinary values: a short input is a small, valid layer.
//
// Tensor contents (weights, biases, input data) come from the bytes left after
// the parameters, repeated when there are fewer than needed; filling a tensor
// consumes no input.
#pragma once

#include <cfloat>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

// For the harness's own per-byte loops (tensor fills, output comparisons):
// without coverage instrumentation, whose call per loop iteration would make
// filling a tensor cost more than the operator's run.
#if defined(__clang__)
#define Q8NN_FUZZ_NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define Q8NN_FUZZ_NO_COVERAGE
#endif

namespace q8nn_fuzz {

class FuzzInput {
 public:
  FuzzInput(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  // One byte; 0 once the input is exhausted.
  uint8_t byte() { return position_ < size_ ? data_[position_++] : 0; }

  // Little-endian. (Each read is its own statement: the order in which the
  // operands of an expression are evaluated is unspecified.)
  uint16_t u16() {
    const uint16_t low = byte();
    return uint16_t(low | uint16_t(byte()) << 8);
  }
  uint32_t u32() {
    const uint32_t low = u16();
    return low | uint32_t(u16()) << 16;
  }
  uint64_t u64() {
    const uint64_t low = u32();
    return low | uint64_t(u32()) << 32;
  }

  // Whether a rare event happens: true with probability 1/n (n >= 1).
  bool one_in(unsigned n) { return byte() % n == 0; }

  // A value in [0, n) (n >= 1).
  size_t below(size_t n) { return n <= 256 ? byte() % n : u32() % n; }

  // A size for a size_t parameter. Ordinary: [lo, hi] (hi - lo < 2^16). Medium:
  // up to 64 * hi. Hostile: one of the values below.
  size_t size(size_t lo, size_t hi) {
    const uint8_t mode = byte();
    if (mode < kOrdinary) return lo + below(hi - lo + 1);
    if (mode < kMedium) return lo + u32() % (64 * (hi + 1));
    return hostile_size();
  }

  // The same for a uint32_t parameter (hostile values of 32 bits).
  uint32_t size32(uint32_t lo, uint32_t hi) {
    const uint8_t mode = byte();
    if (mode < kOrdinary) return lo + uint32_t(below(size_t(hi) - lo + 1));
    if (mode < kMedium) return lo + u32() % (64 * (hi + 1));
    return hostile_size32();
  }

  // A stride (in bytes) for rows or pixels of `channels` elements: usually
  // exactly `channels`, sometimes a few bytes more, sometimes hostile.
  size_t stride(size_t channels) {
    const uint8_t mode = byte();
    if (mode < 176) return channels;
    if (mode < kMedium) return channels + 1 + below(16);
    switch (byte() % 4) {
      case 0:
        return channels - 1;  // too small (or SIZE_MAX for 0 channels)
      case 1:
        return channels * (size_t(1) << (byte() % 48));  // large, often still valid
      default:
        return hostile_size();
    }
  }

  // A quantization scale. Ordinary: 2^-12 .. 2^2 with a random mantissa;
  // hostile: 0, -0, negative, NaN, +-inf, denormal, FLT_MIN, FLT_MAX, tiny and
  // huge values, or any bit pattern.
  float scale() {
    const uint8_t mode = byte();
    if (mode < kMedium) return ordinary_scale();
    switch (byte() % 14) {
      case 0:
        return 0.0f;
      case 1:
        return -0.0f;
      case 2:
        return -ordinary_scale();
      case 3:
        return std::numeric_limits<float>::quiet_NaN();
      case 4:
        return std::numeric_limits<float>::infinity();
      case 5:
        return -std::numeric_limits<float>::infinity();
      case 6:
        return std::numeric_limits<float>::denorm_min();
      case 7:
        return FLT_MIN;
      case 8:
        return FLT_MAX;
      case 9:
        return std::ldexp(1.0f, -int(byte() % 126) - 1);  // tiny
      case 10:
        return std::ldexp(1.0f, int(byte() % 127) + 1);  // huge
      case 11:
        return 0x1.0p-8f;  // the fixed output scale of sigmoid and softargmax
      default: {
        const uint32_t bits = u32();
        float value;
        std::memcpy(&value, &bits, sizeof(value));
        return value;
      }
    }
  }

  // An output scale that is usually `usual` (operators that require one).
  float scale_usually(float usual) { return byte() < 224 ? usual : scale(); }

  // A zero point: usually 0, 128 or near them; otherwise any byte.
  uint8_t zero_point() {
    const uint8_t mode = byte();
    if (mode < 96) return 128;
    if (mode < 144) return 0;
    return byte();
  }

  // Output clamp bounds: usually [0, 255]; otherwise any pair (min > max included).
  void clamp_bounds(uint8_t* min, uint8_t* max) {
    if (byte() < 192) {
      *min = 0;
      *max = 255;
    } else {
      *min = byte();
      *max = byte();
    }
  }

  // The flags argument: usually 0; sometimes any bit pattern.
  uint32_t flags() { return byte() < 240 ? 0 : u32(); }

  // A bias value: usually small; sometimes near INT32_MIN / INT32_MAX or any.
  int32_t bias() {
    const uint8_t mode = byte();
    if (mode < kOrdinary) {
      const int32_t value = int16_t(u16());
      return value * int32_t(byte() % 8 + 1);
    }
    switch (byte() % 5) {
      case 0:
        return std::numeric_limits<int32_t>::max() - int32_t(byte());
      case 1:
        return std::numeric_limits<int32_t>::min() + int32_t(byte());
      case 2:
        return std::numeric_limits<int32_t>::max() / int32_t(byte() % 16 + 1);
      case 3:
        return std::numeric_limits<int32_t>::min() / int32_t(byte() % 16 + 1);
      default:
        return int32_t(u32());
    }
  }

  // A float parameter that is not a scale (leaky ReLU's slope): usually in (0, 1].
  float slope() {
    if (byte() < kMedium) return float(byte() % 255 + 1) / 256.0f;
    return scale();
  }

  // Tensor contents: byte i of the stream numbered `stream` (weights, each
  // input) is derived from the bytes left after the parameters, repeated and
  // varied on each repetition (a short input does not give a periodic
  // tensor). Does not consume input: the parameters read later (a second
  // setup) stay where they are whatever the tensor sizes.
  Q8NN_FUZZ_NO_COVERAGE void fill(uint8_t* out, size_t n, uint32_t stream = 0) const {
    const size_t available = size_ - position_;
    if (available == 0) {
      for (size_t i = 0; i < n; i++) out[i] = tail_byte(i, stream);
      return;
    }
    // tail_byte(i, stream), a run of consecutive tail bytes at a time.
    size_t j = size_t(stream) * 977;  // index into the repeated tail
    for (size_t i = 0; i < n;) {
      const size_t offset = j % available;
      const size_t chunk = available - offset < n - i ? available - offset : n - i;
      const uint8_t add = uint8_t((j / available) * 71);
      std::memcpy(out + i, data_ + position_ + offset, chunk);
      if (add != 0) {
        for (size_t k = i; k < i + chunk; k++) out[k] = uint8_t(out[k] + add);
      }
      i += chunk;
      j += chunk;
    }
  }

  // Biases for `n` channels: small values from the tail bytes (mode 0, 1),
  // a mix of small and extreme values from the tail bytes (2), or one value
  // drawn by bias() for every channel (3).
  Q8NN_FUZZ_NO_COVERAGE void fill_bias(int32_t* out, size_t n) {
    const uint8_t mode = byte() % 4;
    if (mode == 3) {
      const int32_t value = bias();
      for (size_t i = 0; i < n; i++) out[i] = value;
      return;
    }
    for (size_t i = 0; i < n; i++) {
      const uint8_t low = tail_byte(2 * i, 1), high = tail_byte(2 * i + 1, 1);
      const int32_t small = int16_t(uint16_t(low | high << 8));
      if (mode < 2 || low < 224) {
        out[i] = small;
      } else {
        const int32_t extremes[4] = {std::numeric_limits<int32_t>::max() - high,
                                     std::numeric_limits<int32_t>::min() + high,
                                     std::numeric_limits<int32_t>::max() / 2 + high,
                                     std::numeric_limits<int32_t>::min() / 2 - high};
        out[i] = extremes[low % 4];
      }
    }
  }

  size_t remaining() const { return size_ - position_; }

 private:
  static constexpr uint8_t kOrdinary = 216;  // modes below: ordinary values
  static constexpr uint8_t kMedium = 236;    // modes below (and >= kOrdinary): medium

  // Sizes that break size arithmetic on 64-bit and on 32-bit hosts.
  size_t hostile_size() {
    constexpr size_t kMax = std::numeric_limits<size_t>::max();
    switch (byte() % 16) {
      case 0:
        return 0;
      case 1:
        return 1;
      case 2:
        return (size_t(1) << 31) - 1;
      case 3:
        return size_t(1) << 31;
      case 4:
        return (size_t(1) << 32) - 1;
      case 5:
        return size_t(1) << 32;
      case 6:
        return size_t(1) << 47;
      case 7:
        return size_t(1) << (byte() % 64);
      case 8:
        return kMax;
      case 9:
        return kMax - byte();
      case 10:
        return kMax / 2 + 1;
      case 11:
        return near(kMax / (byte() % 255 + 1));
      case 12:
        return near((size_t(1) << 32) / (byte() % 255 + 1));
      case 13:
        return near((size_t(1) << 47) / (byte() % 255 + 1));
      case 14:
        return size_t(65536) + byte() % 3 - 1;
      default:
        return size_t(u64());
    }
  }

  uint32_t hostile_size32() {
    constexpr uint32_t kMax = std::numeric_limits<uint32_t>::max();
    switch (byte() % 10) {
      case 0:
        return 0;
      case 1:
        return (uint32_t(1) << 31) - 1;
      case 2:
        return uint32_t(1) << 31;
      case 3:
        return kMax;
      case 4:
        return kMax - byte();
      case 5:
        return uint32_t(near(kMax / (byte() % 255 + 1)));
      case 6:
        return uint32_t(1) << (byte() % 32);
      case 7:
        return 65536 + byte() % 3 - 1;
      default:
        return u32();
    }
  }

  float ordinary_scale() {
    const float mantissa = 1.0f + float(byte()) / 256.0f;
    return std::ldexp(mantissa, int(byte() % 15) - 12);
  }

  Q8NN_FUZZ_NO_COVERAGE uint8_t tail_byte(size_t i, uint32_t stream) const {
    const size_t available = size_ - position_;
    if (available == 0) return uint8_t(i * 37 + stream * 101 + 11);
    const size_t j = i + size_t(stream) * 977;
    return uint8_t(data_[position_ + j % available] + (j / available) * 71);
  }

  // v - 2 .. v + 2 (wrapping).
  size_t near(size_t v) { return v + size_t(byte() % 5) - 2; }

  const uint8_t* data_;
  size_t size_;
  size_t position_ = 0;
};

}  // namespace q8nn_fuzz
