// Small helpers shared by the benchmarks: deterministic random numbers,
// statistics of uint8 data, timing, command-line parsing, thread pools.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include <pthreadpool.h>

#include "qnnpack.h"

namespace bench {

// Deterministic on every platform and standard library (unlike std::*_distribution).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
  }
  uint8_t byte() { return static_cast<uint8_t>(next() >> 56); }
  // Uniform in [-bound, bound].
  int32_t symmetric(int32_t bound) {
    return static_cast<int32_t>(next() % (2 * static_cast<uint64_t>(bound) + 1)) - bound;
  }

 private:
  uint64_t state_;
};

// Activation buffers start on a 64-byte boundary (an AVX-512 register, a
// cache line), as a careful caller allocates them: with malloc's 16-byte
// alignment most 64-byte loads of the depthwise kernels would span two lines.
template <typename T>
struct CacheAlignedAllocator {
  using value_type = T;
  static constexpr std::align_val_t kAlignment{64};
  CacheAlignedAllocator() = default;
  template <typename U>
  CacheAlignedAllocator(const CacheAlignedAllocator<U>&) {}
  T* allocate(size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), kAlignment)); }
  void deallocate(T* p, size_t) { ::operator delete(p, kAlignment); }
  template <typename U>
  bool operator==(const CacheAlignedAllocator<U>&) const {
    return true;
  }
  template <typename U>
  bool operator!=(const CacheAlignedAllocator<U>&) const {
    return false;
  }
};
using ActivationBuffer = std::vector<uint8_t, CacheAlignedAllocator<uint8_t>>;

// Root mean square of (x - zero_point) over n bytes.
double rms(const uint8_t* data, size_t n, uint8_t zero_point);
size_t count_distinct(const uint8_t* data, size_t n);
uint64_t fnv1a(const uint8_t* data, size_t n);

// Exits with a message naming `what` unless status is success.
void check(qnnp_status status, const std::string& what);

// Median and minimum of the wall-clock times of `runs` calls of f, after
// `warmup` untimed ones.
struct Timing {
  double median_ms = 0.0;
  double min_ms = 0.0;
};
Timing summarize(std::vector<double> times_ms);
template <class F>
Timing time_runs(F&& f, size_t warmup, size_t runs) {
  for (size_t i = 0; i < warmup; i++) f();
  std::vector<double> times_ms;
  times_ms.reserve(runs);
  for (size_t i = 0; i < runs; i++) {
    const auto start = std::chrono::steady_clock::now();
    f();
    const auto end = std::chrono::steady_clock::now();
    times_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
  }
  return summarize(std::move(times_ms));
}

// Command lines: `text` lists the options, one per line, each line starting
// with two spaces; fail() prints "argv0: problem" and the usage, exits 2.
struct Usage {
  const char* argv0;
  const char* synopsis;  // e.g. "[--threads N] [--runs N]"
  const char* text;
  [[noreturn]] void fail(const std::string& problem) const;
};
// A decimal count in [min, max] for `option` (text may be NULL: missing value).
size_t parse_count(const Usage& usage, const char* option, const char* text, size_t min,
                   size_t max);

// A pthreadpool of `threads` threads, or NULL (run on the calling thread) for 1.
// Options every whole-network benchmark takes.
struct RunOptions {
  size_t threads = 1;
  size_t runs = 50;
  size_t warmup = 5;
  const char* isa = nullptr;
};

// Parses --threads N, --runs N, --warmup N, --isa NAME and --help; any other
// argument goes to `extra`, which returns false for an unknown one.
RunOptions parse_run_options(int argc, char** argv, const Usage& usage,
                             const std::function<bool(const std::string&)>& extra);

struct ThreadpoolDeleter {
  void operator()(pthreadpool_t threadpool) const { pthreadpool_destroy(threadpool); }
};
using Threadpool = std::unique_ptr<std::remove_pointer_t<pthreadpool_t>, ThreadpoolDeleter>;
Threadpool create_threadpool(size_t threads);

}  // namespace bench
