// The dispatch table of each ISA of this build (see q8nn/config.h).
#pragma once

#include "q8nn/config.h"

#if defined(__x86_64__) || defined(_M_X64)
#define Q8NN_ARCH_X86_64 1
#else
#define Q8NN_ARCH_X86_64 0
#endif

namespace q8nn {

// Portable C kernels: the reference, and the fallback on every target.
const q8nn_config& scalar_config();

}  // namespace q8nn
