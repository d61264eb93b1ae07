// What every fuzz target shares besides the input reader: the process-wide
// set-up (allocation limit, the ISAs this CPU runs), the API contract checks
// that turn silent misbehaviour into findings, exact-size tensors for
// AddressSanitizer, and the create -> setup -> run driver that also runs
// some cases on 2 threads and compares with the scalar ISA.
//
// Findings besides the sanitizers' (each one prints "q8nn-fuzz finding: ..."
// and traps, so libFuzzer saves the input as a crash):
// - a call returns a value outside enum qnnp_status;
// - a call fails and q8nn_last_error() does not say why (empty, or still the
//   message of an earlier call, or not naming the function that failed);
// - a create succeeds without an operator, or fails and returns one;
// - a setup succeeds and the run that follows fails, or a setup fails and a
//   run of the operator does not;
// - setup accepts a non-empty batch of tensors that cannot be (a window that
//   the library's own q8nn_window_output_size rejects, sizes that overflow);
// - qnnp_delete_operator fails;
// - a setup function of another kind of operator, or a run of NULL, succeeds;
// - the selected ISA and the scalar ISA compute different bytes (every ISA
//   is bit-exact by design), or a run writes bytes between pixels or rows;
// - a second run of an operator (with another ISA selected) computes
//   different bytes than the first.
//
// Q8NN_FUZZ_ALLOW_SILENT=1 in the environment turns off the q8nn_last_error
// checks (to hunt memory errors in a tree whose messages are not done yet).
#pragma once

#include <pthreadpool.h>
#include <q8nn.h>
#include <qnnpack.h>

#include <cstdarg>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "fuzz-input.h"

namespace q8nn_fuzz {

// Bounds that keep one case small (tens of milliseconds under ASan + UBSan).
constexpr size_t kAllocationLimit = size_t(64) << 20;  // q8nn_set_allocation_limit
constexpr size_t kMaxWeightBytes = size_t(512) << 10;  // weights the harness allocates
constexpr size_t kMaxTensorBytes = size_t(16) << 20;   // inputs + output of a run
// Output elements x terms of each, for a run: the scalar kernels run about
// 10^8 multiply-adds a second under the sanitizers, the SIMD ones 5-10x more.
constexpr double kMaxWork = 2e7;
constexpr double kMaxScalarWork = 4e6;
constexpr double kMaxCompareWork = 1e6;       // the same, to also run the scalar ISA...
constexpr size_t kMaxCompareWeights = 65536;  // ... and create it again
constexpr uint8_t kSentinel = 0xA5;           // output bytes before a run

[[noreturn]] inline void finding(const char* format, ...) __attribute__((format(printf, 1, 2)));
inline void finding(const char* format, ...) {
  std::fprintf(stderr, "q8nn-fuzz finding: ");
  va_list arguments;
  va_start(arguments, format);
  std::vfprintf(stderr, format, arguments);
  va_end(arguments);
  std::fprintf(stderr, "\n");
  std::fflush(stderr);
  __builtin_trap();
}

// Process-wide state, set up on first use.
struct Environment {
  std::vector<std::string> isas;  // the ISAs of this build that this CPU runs
  bool check_messages = true;
  bool verbose = false;  // Q8NN_FUZZ_VERBOSE=1: print each call (to replay one input)

  static Environment& get() {
    static Environment* environment = new Environment();  // never destroyed: threads may use it
    return *environment;
  }

 private:
  Environment() {
    if (qnnp_initialize() != qnnp_status_success) finding("qnnp_initialize failed");
    q8nn_set_allocation_limit(kAllocationLimit);
    for (size_t i = 0; i < q8nn_isa_count(); i++) {
      const char* name = q8nn_isa_name(i);
      if (name == nullptr) finding("q8nn_isa_name(%zu) is NULL", i);
      if (q8nn_isa_supported(name)) isas.push_back(name);
    }
    if (isas.empty()) finding("no ISA is supported");
    const char* silent = std::getenv("Q8NN_FUZZ_ALLOW_SILENT");
    check_messages = silent == nullptr || std::strcmp(silent, "1") != 0;
    const char* verbose_env = std::getenv("Q8NN_FUZZ_VERBOSE");
    verbose = verbose_env != nullptr && std::strcmp(verbose_env, "1") == 0;
  }
};

// The ISA the current input runs (chosen by its first byte).
inline std::string& current_isa() {
  static std::string isa;
  return isa;
}

inline void select_isa(FuzzInput& in) {
  Environment& env = Environment::get();
  current_isa() = env.isas[in.byte() % env.isas.size()];
  if (q8nn_initialize_isa(current_isa().c_str()) != qnnp_status_success) {
    finding("q8nn_initialize_isa(\"%s\") failed for a supported ISA", current_isa().c_str());
  }
  if (env.verbose) std::fprintf(stderr, "[q8nn-fuzz] isa %s\n", current_isa().c_str());
}

// Sets q8nn_last_error() to a known message, so that a failing call that
// records nothing is caught: afterwards the message must have changed.
inline const char* arm_last_error() {
  static std::string marker;
  if (!Environment::get().check_messages) return "";
  if (q8nn_initialize_isa(nullptr) != qnnp_status_invalid_parameter) {
    finding("q8nn_initialize_isa(NULL) did not return invalid_parameter");
  }
  const char* message = q8nn_last_error();
  if (message == nullptr || message[0] == '\0') {
    finding("q8nn_initialize_isa(NULL) failed without a q8nn_last_error() message");
  }
  marker = message;
  return marker.c_str();
}

// Checks the contract of one call's result (see the top of the file).
inline qnnp_status check_status(const char* function, qnnp_status status, const char* marker) {
  const Environment& env = Environment::get();
  switch (status) {
    case qnnp_status_success:
    case qnnp_status_uninitialized:
    case qnnp_status_invalid_parameter:
    case qnnp_status_unsupported_parameter:
    case qnnp_status_unsupported_hardware:
    case qnnp_status_out_of_memory:
      break;
    default:
      finding("%s returned %d, not a qnnp_status", function, int(status));
  }
  if (env.verbose) {
    std::fprintf(stderr, "[q8nn-fuzz]   -> %s%s%s\n", q8nn_status_string(status),
                 status == qnnp_status_success ? "" : ": ",
                 status == qnnp_status_success ? "" : q8nn_last_error());
  }
  if (status == qnnp_status_success || !env.check_messages) return status;
  const char* message = q8nn_last_error();
  if (message == nullptr || message[0] == '\0') {
    finding("%s returned %s and q8nn_last_error() is empty", function, q8nn_status_string(status));
  }
  if (std::strcmp(message, marker) == 0) {
    finding("%s returned %s without recording a message (q8nn_last_error() still says \"%s\")",
            function, q8nn_status_string(status), message);
  }
  const size_t length = std::strlen(function);
  if (std::strncmp(message, function, length) != 0 || message[length] != ':') {
    finding("%s returned %s and q8nn_last_error() names another function: \"%s\"", function,
            q8nn_status_string(status), message);
  }
  return status;
}

// Q8NN_FUZZ_VERBOSE=1: each call with its arguments, in C syntax (floats
// exact, in hex), so that a finding can be written down as a reproducer.
inline void print_argument(const void* p) {
  std::fprintf(stderr, "%s", p ? "ptr" : "NULL");
}
inline void print_argument(double v) {
  std::fprintf(stderr, "%a /* %.9g */", v, v);
}
inline void print_argument(unsigned long long v) {
  std::fprintf(stderr, "%llu", v);
}
inline void print_argument(long long v) {
  std::fprintf(stderr, "%lld", v);
}
template <typename T>
void print_argument(T v) {
  if constexpr (std::is_null_pointer_v<T>) {
    print_argument(static_cast<const void*>(nullptr));
  } else if constexpr (std::is_pointer_v<T>) {
    print_argument(static_cast<const void*>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    print_argument(double(v));
  } else if constexpr (std::is_signed_v<T>) {
    print_argument((long long)v);
  } else {
    print_argument((unsigned long long)v);
  }
}

template <typename... Args>
void print_call(const char* function, Args... args) {
  std::fprintf(stderr, "[q8nn-fuzz] %s(", function);
  size_t i = 0;
  ((std::fprintf(stderr, "%s", i++ == 0 ? "" : ", "), print_argument(args)), ...);
  std::fprintf(stderr, ")\n");
}

template <typename Function, typename... Args>
qnnp_status checked_call(const char* name, Function function, Args... args) {
  const char* marker = arm_last_error();
  if (Environment::get().verbose) print_call(name, args...);
  return check_status(name, function(args...), marker);
}

// Calls a function of the API with the contract checks:
// Q8NN_FUZZ_CALL(qnnp_setup_clamp_nc_u8, op, ...).
#define Q8NN_FUZZ_CALL(function, ...) q8nn_fuzz::checked_call(#function, function, __VA_ARGS__)

// Size arithmetic of the harness itself: a size that remembers overflow.
struct Size {
  size_t value = 0;
  bool valid = true;

  Size(size_t v = 0) : value(v) {}  // NOLINT: implicit on purpose
  static Size overflow() {
    Size s;
    s.valid = false;
    return s;
  }
  friend Size operator*(Size a, Size b) {
    size_t r;
    if (!a.valid || !b.valid || __builtin_mul_overflow(a.value, b.value, &r)) return overflow();
    return Size(r);
  }
  friend Size operator+(Size a, Size b) {
    size_t r;
    if (!a.valid || !b.valid || __builtin_add_overflow(a.value, b.value, &r)) return overflow();
    return Size(r);
  }
  bool at_most(size_t limit) const { return valid && value <= limit; }
};

// Bytes of `rows` rows of `row_bytes` bytes, `stride` bytes apart.
inline Size span(Size rows, size_t stride, Size row_bytes) {
  if (!rows.valid) return Size::overflow();
  if (rows.value == 0) return Size(0);
  return Size(rows.value - 1) * stride + row_bytes;
}

// A heap buffer of exactly `size` bytes (AddressSanitizer reports any access
// past it), or none.
class Buffer {
 public:
  Buffer() = default;
  explicit Buffer(size_t size) : data_(new uint8_t[size]), size_(size) {}
  uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  std::unique_ptr<uint8_t[]> data_;
  size_t size_ = 0;
};

// An operator that is deleted (and must delete fine) at the end of the scope.
class Operator {
 public:
  Operator() = default;
  Operator(const Operator&) = delete;
  Operator& operator=(const Operator&) = delete;
  ~Operator() { reset(); }

  qnnp_operator_t get() const { return op_; }
  qnnp_operator_t* out() {
    reset();
    return &op_;
  }
  void reset() {
    if (op_ != nullptr && Q8NN_FUZZ_CALL(qnnp_delete_operator, op_) != qnnp_status_success) {
      finding("qnnp_delete_operator failed");
    }
    op_ = nullptr;
  }

 private:
  qnnp_operator_t op_ = nullptr;
};

// Runs `create` (a callable qnnp_status(qnnp_operator_t*) that calls a create
// function through Q8NN_FUZZ_CALL) and checks that its result is consistent.
template <typename Create>
bool create_operator(Operator& op, Create create) {
  const qnnp_status status = create(op.out());
  if (status == qnnp_status_success && op.get() == nullptr) {
    finding("create succeeded without an operator");
  }
  if (status != qnnp_status_success && op.get() != nullptr) {
    finding("create failed (%s) and returned an operator", q8nn_status_string(status));
  }
  return status == qnnp_status_success;
}

// The tensors one setup describes: exact byte spans (or overflow), and the
// work of a run. `invalid` says why the shape is invalid when it is (the
// window does not fit, a size overflows): then setup is only probed, and
// must fail unless the batch is empty.
struct TensorPlan {
  Size input_bytes, input2_bytes, output_bytes;
  double work = 0.0;
  size_t weights = 0;  // that create packed (the scalar reference packs them again)
  const char* invalid = nullptr;
  bool has_input2 = false;
  bool batch_nonzero = true;

  bool runnable() const {
    if (!batch_nonzero) return true;  // empty tensors, whatever the shape
    const Size total = input_bytes + (has_input2 ? input2_bytes : Size(0)) + output_bytes;
    return invalid == nullptr && total.at_most(kMaxTensorBytes) &&
           work <= (current_isa() == "scalar" ? kMaxScalarWork : kMaxWork);
  }
};

// A tensor for a run, of exactly `size` bytes; an empty tensor is sometimes a
// null pointer. Its contents are written after setup succeeded (setup reads
// no tensor data; filling a tensor for a setup that fails would be wasted).
inline Buffer make_tensor(FuzzInput& in, size_t size) {
  if (size == 0 && in.one_in(2)) return Buffer();
  return Buffer(size);
}

inline void fill_output(Buffer& y) {
  if (y.size() != 0) std::memset(y.data(), kSentinel, y.size());
}

// Index of the first byte where a and b (of a's size) differ, or a.size().
Q8NN_FUZZ_NO_COVERAGE inline size_t first_difference(const Buffer& a, const Buffer& b) {
  if (std::memcmp(a.data(), b.data(), a.size()) == 0) return a.size();
  size_t i = 0;
  while (a.data()[i] == b.data()[i]) i++;
  return i;
}

inline qnnp_status run_operator(qnnp_operator_t op, bool threaded = false) {
  if (!threaded) return Q8NN_FUZZ_CALL(qnnp_run_operator, op, nullptr);
  // A pool for this run only: pthreadpool's idle workers spin before they
  // sleep, and would take the CPU from the rest of the case (and from the
  // fuzzers running next to this one).
  std::unique_ptr<pthreadpool, decltype(&pthreadpool_destroy)> pool(pthreadpool_create(2),
                                                                    pthreadpool_destroy);
  if (pool == nullptr) finding("pthreadpool_create(2) failed");
  return Q8NN_FUZZ_CALL(qnnp_run_operator, op, pool.get());
}

// One setup of `op` for the tensors of `plan`, then a run when they are small
// enough. `setup(op, a, b, y)` calls the operator's setup function (b only for
// add) through Q8NN_FUZZ_CALL; `create(Operator::out())` its create
// function, for the scalar reference. Returns whether setup succeeded.
template <typename Create, typename Setup>
bool setup_and_run(FuzzInput& in, Operator& op, const TensorPlan& plan, Create create,
                   Setup setup) {
  if (!plan.runnable()) {
    // Too large to run (or no shape): probe setup's checks with small real
    // buffers, which must never be read or written: the operator is not run.
    Buffer small(64);
    const bool null_pointers = in.one_in(4);
    uint8_t* p = null_pointers ? nullptr : small.data();
    const qnnp_status status = setup(op.get(), p, p, p);
    if (status == qnnp_status_success && plan.invalid != nullptr && plan.batch_nonzero) {
      finding("setup succeeded although %s", plan.invalid);
    }
    if (status != qnnp_status_success && run_operator(op.get()) == qnnp_status_success) {
      finding("run succeeded after a failed setup");
    }
    return status == qnnp_status_success;
  }

  // One run in 16 uses 2 threads (different tiles). Not more: pthreadpool's
  // threads spin-wait for each other, which on a busy machine (CI runs the
  // targets side by side) costs more than the run.
  const bool threaded = in.one_in(16);
  const bool rerun = in.one_in(8);  // run again, with the scalar ISA selected
  Buffer a = make_tensor(in, plan.input_bytes.value);
  Buffer b = plan.has_input2 ? make_tensor(in, plan.input2_bytes.value) : Buffer();
  Buffer y = make_tensor(in, plan.output_bytes.value);
  qnnp_status status = setup(op.get(), a.data(), b.data(), y.data());
  if (status != qnnp_status_success) {
    if (run_operator(op.get()) == qnnp_status_success) {
      finding("run succeeded after a failed setup");
    }
    return false;
  }
  in.fill(a.data(), a.size(), 2);
  in.fill(b.data(), b.size(), 3);
  fill_output(y);
  status = run_operator(op.get(), threaded);
  if (status != qnnp_status_success) {
    finding("setup succeeded but run failed: %s", q8nn_status_string(status));
  }
  if (rerun && y.size() != 0) {
    // A second run computes the same bytes, whichever ISA is selected now:
    // an operator keeps the kernels it was created with.
    Buffer first(y.size());
    std::memcpy(first.data(), y.data(), y.size());
    fill_output(y);
    if (q8nn_initialize_isa("scalar") != qnnp_status_success) finding("cannot select scalar");
    status = run_operator(op.get());
    if (q8nn_initialize_isa(current_isa().c_str()) != qnnp_status_success) {
      finding("cannot select %s again", current_isa().c_str());
    }
    if (status != qnnp_status_success) finding("a second run failed");
    const size_t i = first_difference(y, first);
    if (i < y.size()) {
      finding("a second run (scalar selected) differs at output byte %zu of %zu: %u vs %u", i,
              y.size(), y.data()[i], first.data()[i]);
    }
  }

  // The same operator on the scalar ISA (single-threaded) must compute the
  // same bytes, and leave the same bytes between rows and pixels untouched.
  const bool reference_differs = current_isa() != "scalar" || threaded;
  if (plan.work > kMaxCompareWork || plan.weights > kMaxCompareWeights || !reference_differs ||
      y.size() == 0) {
    return true;
  }
  if (q8nn_initialize_isa("scalar") != qnnp_status_success) finding("cannot select scalar");
  Operator reference;
  const bool created = create_operator(reference, create);
  if (q8nn_initialize_isa(current_isa().c_str()) != qnnp_status_success) {
    finding("cannot select %s again", current_isa().c_str());
  }
  if (!created) {
    finding("create failed on the scalar ISA but succeeded on %s", current_isa().c_str());
  }
  Buffer y_reference(y.size());
  fill_output(y_reference);
  if (setup(reference.get(), a.data(), b.data(), y_reference.data()) != qnnp_status_success) {
    finding("setup failed on the scalar ISA but succeeded on %s", current_isa().c_str());
  }
  if (run_operator(reference.get()) != qnnp_status_success) {
    finding("run failed on the scalar ISA");
  }
  const size_t i = first_difference(y, y_reference);
  if (i < y.size()) {
    finding("%s%s and scalar differ at output byte %zu of %zu: %u vs %u", current_isa().c_str(),
            threaded ? " (2 threads)" : "", i, y.size(), y.data()[i], y_reference.data()[i]);
  }
  return true;
}

// Sometimes (1 in 16 cases, from the byte after the setups), API misuse
// that must be rejected with a message: a setup function of another kind of
// operator, and a run of no operator.
inline void probe_misuse(FuzzInput& in, qnnp_operator_t op, bool channel_shuffle) {
  if (!in.one_in(16)) return;
  uint8_t buffer[64] = {};
  const qnnp_status status =
      channel_shuffle
          ? Q8NN_FUZZ_CALL(qnnp_setup_clamp_nc_u8, op, 1, buffer, 1, buffer, 1)
          : Q8NN_FUZZ_CALL(qnnp_setup_channel_shuffle_nc_x8, op, 1, buffer, 1, buffer, 1);
  if (status == qnnp_status_success) finding("a setup of another kind of operator succeeded");
  if (Q8NN_FUZZ_CALL(qnnp_run_operator, nullptr, nullptr) == qnnp_status_success) {
    finding("qnnp_run_operator(NULL) succeeded");
  }
}

}  // namespace q8nn_fuzz
