// Small integer helpers for the operator core.
#pragma once

#include <cstddef>

namespace q8nn {

template <typename T>
constexpr T min(T a, T b) {
  return a < b ? a : b;
}

template <typename T>
constexpr T max(T a, T b) {
  return a > b ? a : b;
}

constexpr size_t divide_round_up(size_t n, size_t q) {
  return (n + q - 1) / q;
}

constexpr size_t round_up(size_t n, size_t q) {
  return divide_round_up(n, q) * q;
}

constexpr size_t round_down(size_t n, size_t q) {
  return n / q * q;
}

}  // namespace q8nn
