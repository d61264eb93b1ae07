// Tests of the channel zip microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kFixedKernels (zipc, fixed group count) or kVariableKernels (zipv),
// inside #if for the architectures that compile it:
//   {"sse2_x4", x8zip_x4_ukernel__sse2, 4, "sse2"},
//   {"sse2_xm", x8zip_xm_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include <ostream>

#include "kernels/zip-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

struct ZipcKernel {
  const char* name;
  q8nn_zipc_ukernel_fn fn;
  size_t groups;
  const char* isa;
};

// Names the kernel in gtest failure messages.
void PrintTo(const ZipcKernel& kernel, std::ostream* os) {
  *os << kernel.name;
}

using ZipvKernel = q8nn_test::Kernel<q8nn_zipv_ukernel_fn>;

const ZipcKernel kFixedKernels[] = {
    {"scalar_x2", x8zip_x2_ukernel__scalar, 2, "scalar"},
    {"scalar_x3", x8zip_x3_ukernel__scalar, 3, "scalar"},
    {"scalar_x4", x8zip_x4_ukernel__scalar, 4, "scalar"},
#if defined(__x86_64__)
    {"sse2_x2", x8zip_x2_ukernel__sse2, 2, "sse2"},
    {"sse2_x3", x8zip_x3_ukernel__sse2, 3, "sse2"},
    {"sse2_x4", x8zip_x4_ukernel__sse2, 4, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_x2", x8zip_x2_ukernel__wasmsimd, 2, "wasmsimd"},
    {"wasmsimd_x3", x8zip_x3_ukernel__wasmsimd, 3, "wasmsimd"},
    {"wasmsimd_x4", x8zip_x4_ukernel__wasmsimd, 4, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_x2", x8zip_x2_ukernel__neon, 2, "neon"},
    {"neon_x3", x8zip_x3_ukernel__neon, 3, "neon"},
    {"neon_x4", x8zip_x4_ukernel__neon, 4, "neon"},
#endif
};

const ZipvKernel kVariableKernels[] = {
    {"scalar_xm", x8zip_xm_ukernel__scalar, "scalar"},
#if defined(__x86_64__)
    {"sse2_xm", x8zip_xm_ukernel__sse2, "sse2"},
#endif
#if defined(__wasm_simd128__)
    {"wasmsimd_xm", x8zip_xm_ukernel__wasmsimd, "wasmsimd"},
#endif
#if defined(__ARM_NEON) || defined(__aarch64__)
    {"neon_xm", x8zip_xm_ukernel__neon, "neon"},
#endif
};

class X8ZipcTest : public q8nn_test::KernelTest<ZipcKernel> {};

TEST_P(X8ZipcTest, n) {
  for (size_t n = 1; n <= 50; n++) {
    ZipMicrokernelTester().n(n).g(GetParam().groups).Test(GetParam().fn);
    if (HasFatalFailure()) return;
  }
  for (size_t n : {63, 64, 65, 255, 256, 257, 1000}) {
    ZipMicrokernelTester().n(n).g(GetParam().groups).Test(GetParam().fn);
    if (HasFatalFailure()) return;
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, X8ZipcTest, testing::ValuesIn(kFixedKernels),
                         q8nn_test::KernelName());

class X8ZipvTest : public q8nn_test::KernelTest<ZipvKernel> {};

TEST_P(X8ZipvTest, n_m) {
  for (size_t m = 4; m <= 10; m++) {
    for (size_t n = 1; n <= 50; n++) {
      ZipMicrokernelTester().n(n).g(m).Test(GetParam().fn);
      if (HasFatalFailure()) return;
    }
  }
}

// Group counts around the chunks of 4 and 8 groups, element counts around
// the blocks of 8.
TEST_P(X8ZipvTest, chunk_edges) {
  for (size_t m = 11; m <= 20; m++) {
    for (size_t n : {1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 31, 32, 33}) {
      ZipMicrokernelTester().n(n).g(m).Test(GetParam().fn);
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(X8ZipvTest, large) {
  for (size_t m : {4, 5, 16, 17, 64, 100}) {
    for (size_t n : {63, 64, 65, 257}) {
      ZipMicrokernelTester().n(n).g(m).Test(GetParam().fn);
      if (HasFatalFailure()) return;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Kernels, X8ZipvTest, testing::ValuesIn(kVariableKernels),
                         q8nn_test::KernelName());

}  // namespace
