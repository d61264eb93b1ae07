// Size arithmetic that cannot wrap: every size the operators compute from
// caller parameters (create and setup alike) goes through CheckedSize, so a
// product or sum that overflows size_t (32 bits in WebAssembly) is caught
// instead of sizing a buffer too small.
#pragma once

#include <cstddef>
#include <cstdint>

namespace q8nn {

// The largest tensor or buffer, in bytes, that the library handles: what a
// pointer difference holds, and on 64-bit hosts no more than a user address
// space (2^47 bytes), so that no pointer computed inside it can wrap.
constexpr size_t kMaxBytes =
    sizeof(size_t) >= 8 ? (size_t{1} << 47) : static_cast<size_t>(PTRDIFF_MAX);

// A size_t that remembers whether any step that made it overflowed.
class CheckedSize {
 public:
  constexpr CheckedSize(size_t value) : value_(value) {}  // NOLINT: implicit on purpose

  static constexpr CheckedSize overflow() {
    CheckedSize s(0);
    s.valid_ = false;
    return s;
  }

  bool valid() const { return valid_; }
  // Valid and at most `limit`.
  bool fits(size_t limit) const { return valid_ && value_ <= limit; }
  // Only meaningful when valid(); 0 otherwise.
  size_t value() const { return valid_ ? value_ : 0; }

  // The next multiple of q (> 0).
  CheckedSize rounded_up(size_t q) const {
    const CheckedSize padded = *this + (q - 1);
    return padded.valid() ? CheckedSize(padded.value_ / q * q) : padded;
  }

  friend CheckedSize operator+(CheckedSize a, CheckedSize b) {
    size_t sum;
    if (!a.valid_ || !b.valid_ || __builtin_add_overflow(a.value_, b.value_, &sum)) {
      return overflow();
    }
    return CheckedSize(sum);
  }
  friend CheckedSize operator*(CheckedSize a, CheckedSize b) {
    size_t product;
    if (!a.valid_ || !b.valid_ || __builtin_mul_overflow(a.value_, b.value_, &product)) {
      return overflow();
    }
    return CheckedSize(product);
  }
  // Subtraction below zero is an overflow too.
  friend CheckedSize operator-(CheckedSize a, CheckedSize b) {
    if (!a.valid_ || !b.valid_ || a.value_ < b.value_) return overflow();
    return CheckedSize(a.value_ - b.value_);
  }

 private:
  size_t value_;
  bool valid_ = true;
};

// Bytes spanned by `rows` rows of `row_bytes` bytes whose starts are `stride`
// bytes apart (stride >= row_bytes): (rows - 1) * stride + row_bytes, or 0 for
// no rows.
inline CheckedSize span_bytes(CheckedSize rows, size_t stride, size_t row_bytes) {
  if (rows.valid() && rows.value() == 0) return CheckedSize(0);
  return (rows - 1) * stride + row_bytes;
}

}  // namespace q8nn
