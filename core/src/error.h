// Errors that explain themselves: each public entry point names itself with
// ApiCall, and every rejection goes through fail(), which records "<function>:
// <why>" as the thread's q8nn_last_error() and returns the status.
#pragma once

#include "qnnpack.h"

namespace q8nn {

// Names the public function running on this thread for the messages fail()
// records; restores the previous name when it goes out of scope.
class ApiCall {
 public:
  explicit ApiCall(const char* function);
  ~ApiCall();
  ApiCall(const ApiCall&) = delete;
  ApiCall& operator=(const ApiCall&) = delete;

 private:
  const char* previous_;
};

// Records the printf-style message for the current ApiCall and returns `status`.
qnnp_status fail(qnnp_status status, const char* format, ...) __attribute__((format(printf, 2, 3)));

}  // namespace q8nn
