// The dispatch table: which microkernel of each family (and with which tile)
// the operators use. One table per ISA; qnnp_initialize picks the best one the
// CPU supports, or the one named by the Q8NN_ISA environment variable.
// Operators copy what they need at create time (packing depends on the tile),
// so a later change of ISA never affects an operator that already exists.
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "q8nn.h"
#include "q8nn/pack.h"
#include "q8nn/ukernels.h"

#ifdef __cplusplus
extern "C" {
#endif

struct q8nn_gemm_config {
  q8nn_gemm_ukernel_fn gemm;
  q8nn_igemm_ukernel_fn igemm;
  uint8_t mr;
  uint8_t nr;
  uint8_t kr;
  enum q8nn_gemm_packing packing;  // how the kernels expect the weights
};

struct q8nn_dwconv_up_config {
  q8nn_dwconv_up_ukernel_fn ukernel;
  uint8_t cr;
  uint8_t taps;
  enum q8nn_dwconv_packing packing;  // default (0): q8nn_dwconv_packing_u8
};

struct q8nn_dwconv_mp_config {
  q8nn_dwconv_mp_ukernel_fn ukernel;
  uint8_t cr;
  enum q8nn_dwconv_packing packing;  // default (0): q8nn_dwconv_packing_u8
};

#define Q8NN_DWCONV_UP_COUNT 2

struct q8nn_config {
  const char* isa;  // "scalar", "sse2", ...
  struct q8nn_gemm_config gemm;
  struct q8nn_dwconv_up_config dwconv_up[Q8NN_DWCONV_UP_COUNT];  // 9 taps, 25 taps
  struct q8nn_dwconv_mp_config dwconv_mp;
  q8nn_avgpool_ukernel_fn avgpool;
  q8nn_gavgpool_ukernel_fn gavgpool;
  q8nn_maxpool_ukernel_fn maxpool;
  q8nn_vadd_ukernel_fn vadd;
  q8nn_clamp_ukernel_fn clamp;
  q8nn_lut_ukernel_fn lut;
  q8nn_rmax_ukernel_fn rmax;
  q8nn_lut32norm_ukernel_fn lut32norm;
  q8nn_zipc_ukernel_fn zip_x2;
  q8nn_zipc_ukernel_fn zip_x3;
  q8nn_zipc_ukernel_fn zip_x4;
  q8nn_zipv_ukernel_fn zip_xm;
  // A second tile for small layers (small_gemm.gemm == NULL: none), used when
  // a group has at most small_gemm.nr output channels or its dot products
  // have at most small_gemm_max_k terms: there the main tile wastes columns,
  // or costs more per output in its epilogue than in its multiplies.
  struct q8nn_gemm_config small_gemm;
  uint32_t small_gemm_max_k;
  // Convolutions (one group, several taps) with at most this many input
  // channels gather each output pixel's taps into one row and run gemm
  // (0: never): one dot product of taps * channels terms instead of a short
  // one per tap, and the gathering is done once instead of once per column
  // block.
  uint32_t im2col_max_channels;
};

// q8nn_isa_count, q8nn_isa_name and q8nn_isa_supported are public: see q8nn.h.

// The table of an ISA, or NULL if the build lacks it or the CPU cannot run it.
const struct q8nn_config* q8nn_config_for_isa(const char* isa);

// The table the operators use (NULL before qnnp_initialize succeeds).
const struct q8nn_config* q8nn_active_config(void);

#ifdef __cplusplus
}  // extern "C"
#endif
