// The 2x4 tile shared by the scalar gemm and igemm kernels: they differ only
// in where the rows of A come from.
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/scalar-math.h"

struct q8nn_tile_2x4 {
  int32_t acc[2][4];
};

// Starts a tile from the NR = 4 biases at `w`; returns the first weight byte.
static inline const uint8_t* q8nn_tile_2x4_init(struct q8nn_tile_2x4* tile, const uint8_t* w) {
  int32_t bias[4];
  memcpy(bias, w, sizeof(bias));  // no alignment assumption on the packed buffer
  for (int j = 0; j < 4; j++) tile->acc[0][j] = tile->acc[1][j] = bias[j];
  return w + sizeof(bias);
}

// Adds kc products of rows a0, a1 with a 4-wide weight panel; returns the
// panel's end.
static inline const uint8_t* q8nn_tile_2x4_accumulate(struct q8nn_tile_2x4* tile, const uint8_t* a0,
                                                      const uint8_t* a1, size_t kc,
                                                      const uint8_t* w,
                                                      const struct q8nn_conv_params* params) {
  const int32_t izp = params->input_zero_point;
  const int32_t kzp = params->kernel_zero_point;
  int32_t acc00 = tile->acc[0][0], acc01 = tile->acc[0][1], acc02 = tile->acc[0][2],
          acc03 = tile->acc[0][3];
  int32_t acc10 = tile->acc[1][0], acc11 = tile->acc[1][1], acc12 = tile->acc[1][2],
          acc13 = tile->acc[1][3];
  for (size_t k = 0; k < kc; k++) {
    const int32_t va0 = (int32_t)a0[k] - izp;
    const int32_t va1 = (int32_t)a1[k] - izp;
    const int32_t vb0 = (int32_t)w[0] - kzp;
    const int32_t vb1 = (int32_t)w[1] - kzp;
    const int32_t vb2 = (int32_t)w[2] - kzp;
    const int32_t vb3 = (int32_t)w[3] - kzp;
    w += 4;
    acc00 += va0 * vb0;
    acc01 += va0 * vb1;
    acc02 += va0 * vb2;
    acc03 += va0 * vb3;
    acc10 += va1 * vb0;
    acc11 += va1 * vb1;
    acc12 += va1 * vb2;
    acc13 += va1 * vb3;
  }
  tile->acc[0][0] = acc00, tile->acc[0][1] = acc01, tile->acc[0][2] = acc02,
  tile->acc[0][3] = acc03;
  tile->acc[1][0] = acc10, tile->acc[1][1] = acc11, tile->acc[1][2] = acc12,
  tile->acc[1][3] = acc13;
  return w;
}

// Requantizes the tile and stores its first n (<= 4) columns to rows c0, c1.
// Row 1 is stored before row 0 so that c1 == c0 (mr == 1) leaves row 0's values.
static inline void q8nn_tile_2x4_store(const struct q8nn_tile_2x4* tile, size_t n, uint8_t* c0,
                                       uint8_t* c1, const struct q8nn_conv_params* params) {
  for (size_t j = 0; j < n; j++) {
    c1[j] = q8nn_requantize_fp32(tile->acc[1][j], params->scale, &params->output);
    c0[j] = q8nn_requantize_fp32(tile->acc[0][j], params->scale, &params->output);
  }
}
