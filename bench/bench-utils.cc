#include "bench-utils.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "q8nn.h"

namespace bench {

double rms(const uint8_t* data, size_t n, uint8_t zero_point) {
  double sum = 0.0;
  for (size_t i = 0; i < n; i++) {
    const double d = static_cast<double>(data[i]) - zero_point;
    sum += d * d;
  }
  return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

size_t count_distinct(const uint8_t* data, size_t n) {
  bool seen[256] = {};
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    if (!seen[data[i]]) {
      seen[data[i]] = true;
      count++;
    }
  }
  return count;
}

uint64_t fnv1a(const uint8_t* data, size_t n) {
  uint64_t hash = UINT64_C(0xCBF29CE484222325);
  for (size_t i = 0; i < n; i++) {
    hash ^= data[i];
    hash *= UINT64_C(0x100000001B3);
  }
  return hash;
}

void check(qnnp_status status, const std::string& what) {
  if (status != qnnp_status_success) {
    std::fprintf(stderr, "error: %s failed: %s\n", what.c_str(), q8nn_status_string(status));
    std::exit(1);
  }
}

Timing summarize(std::vector<double> times_ms) {
  Timing timing;
  if (times_ms.empty()) return timing;
  std::sort(times_ms.begin(), times_ms.end());
  const size_t n = times_ms.size();
  timing.median_ms = n % 2 == 1 ? times_ms[n / 2] : 0.5 * (times_ms[n / 2 - 1] + times_ms[n / 2]);
  timing.min_ms = times_ms.front();
  return timing;
}

void Usage::fail(const std::string& problem) const {
  if (!problem.empty()) std::fprintf(stderr, "%s: %s\n", argv0, problem.c_str());
  std::fprintf(stderr, "usage: %s %s\n%s", argv0, synopsis, text);
  std::exit(2);
}

size_t parse_count(const Usage& usage, const char* option, const char* text, size_t min,
                   size_t max) {
  if (text == nullptr) usage.fail(std::string(option) + " needs a value");
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || end == text || *end != '\0' || errno != 0 || value < min ||
      value > max) {
    usage.fail(std::string("bad value for ") + option + ": '" + text + "'");
  }
  return static_cast<size_t>(value);
}

Threadpool create_threadpool(size_t threads) {
  if (threads <= 1) return nullptr;
  Threadpool threadpool(pthreadpool_create(threads));
  if (threadpool == nullptr) {
    std::fprintf(stderr, "error: pthreadpool_create(%zu) failed\n", threads);
    std::exit(1);
  }
  return threadpool;
}

RunOptions parse_run_options(int argc, char** argv, const Usage& usage,
                             const std::function<bool(const std::string&)>& extra) {
  RunOptions options;
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--threads") {
      options.threads = parse_count(usage, "--threads", next, 1, 1024);
      i++;
    } else if (arg == "--runs") {
      options.runs = parse_count(usage, "--runs", next, 1, 1000000);
      i++;
    } else if (arg == "--warmup") {
      options.warmup = parse_count(usage, "--warmup", next, 0, 1000000);
      i++;
    } else if (arg == "--isa") {
      if (next == nullptr || next[0] == '\0') usage.fail("--isa needs a value");
      options.isa = next;
      i++;
    } else if (arg == "--help" || arg == "-h") {
      usage.fail("");
    } else if (!extra(arg)) {
      usage.fail("unknown option '" + arg + "'");
    }
  }
  return options;
}

}  // namespace bench
