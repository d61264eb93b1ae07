// The dispatch table of each ISA of this build (see q8nn/config.h).
#pragma once

#include "q8nn/config.h"

#if defined(__x86_64__) || defined(_M_X64)
#define Q8NN_ARCH_X86_64 1
#else
#define Q8NN_ARCH_X86_64 0
#endif

#if defined(__aarch64__)
#define Q8NN_ARCH_ARM64 1
#else
#define Q8NN_ARCH_ARM64 0
#endif
#if defined(__arm__) && defined(__ARM_NEON)
#define Q8NN_ARCH_ARM32 1
#else
#define Q8NN_ARCH_ARM32 0
#endif

// WebAssembly has no cpuinfo: a module that instantiated runs every ISA it was
// compiled with (the SIMD build is compiled with -msimd128 throughout).
#if defined(__EMSCRIPTEN__)
#define Q8NN_HAVE_CPUINFO 0
#else
#define Q8NN_HAVE_CPUINFO 1
#endif
#if defined(__wasm_simd128__)
#define Q8NN_ARCH_WASMSIMD 1
#else
#define Q8NN_ARCH_WASMSIMD 0
#endif

namespace q8nn {

// Portable C kernels: the reference, and the fallback on every target.
const q8nn_config& scalar_config();

#if Q8NN_ARCH_X86_64
// SSE2: the x86-64 baseline (pmaddwd gemm/igemm and depthwise).
const q8nn_config& sse2_config();
bool sse2_supported();

// AVX2: vpmaddwd gemm/igemm (KR = 8) and 16-bit depthwise.
const q8nn_config& avx2_config();
bool avx2_supported();

// AVX-512 F/BW/VL/DQ + VNNI: vpdpbusd gemm/igemm, 16-bit depthwise.
const q8nn_config& avx512vnni_config();
bool avx512vnni_supported();
#endif

#if Q8NN_ARCH_ARM64 || Q8NN_ARCH_ARM32
// NEON (AArch64, and AArch32 built with -mfpu=neon): every family.
const q8nn_config& neon_config();
bool neon_supported();
#endif

#if Q8NN_ARCH_ARM64
// AArch64 dot product extension (UDOT): gemm/igemm; the rest from neon.
const q8nn_config& neondot_config();
bool neondot_supported();
#endif

#if Q8NN_ARCH_WASMSIMD
// WebAssembly SIMD128 (the SIMD build of the npm package).
const q8nn_config& wasmsimd_config();
#endif

}  // namespace q8nn
