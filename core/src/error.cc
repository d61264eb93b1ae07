#include "error.h"

#include <cstdarg>
#include <cstdio>

#include "q8nn.h"

namespace q8nn {

namespace {

// A fixed buffer per thread: recording an error never allocates or throws.
thread_local char g_last_error[512] = "";
thread_local const char* g_function = "q8nn";

}  // namespace

ApiCall::ApiCall(const char* function) : previous_(g_function) {
  g_function = function;
}

ApiCall::~ApiCall() {
  g_function = previous_;
}

qnnp_status fail(qnnp_status status, const char* format, ...) {
  const int prefix = std::snprintf(g_last_error, sizeof(g_last_error), "%s: ", g_function);
  if (prefix >= 0 && size_t(prefix) < sizeof(g_last_error)) {
    va_list arguments;
    va_start(arguments, format);
    std::vsnprintf(g_last_error + prefix, sizeof(g_last_error) - size_t(prefix), format, arguments);
    va_end(arguments);
  }
  return status;
}

}  // namespace q8nn

extern "C" const char* q8nn_last_error(void) {
  return q8nn::g_last_error;
}
