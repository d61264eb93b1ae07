// Parameters passed to microkernels. One plain struct per family, shared by
// every ISA: SIMD kernels broadcast the fields they need on entry, so the
// operators never depend on which ISA was chosen.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// The fp32 requantization rule of DESIGN.md, split so that every kernel can
// evaluate it with a clamp in float followed by magic-number rounding:
//   fp  = clamp((float) acc * scale, output_min - zp, output_max - zp)
//   out = bits(fp + magic_bias) - (bits(magic_bias) - zp)
// which equals clamp(nearbyintf((float) acc * scale) + zp, min, max) with
// round-half-to-even, because the clamp bounds are integers.
struct q8nn_fp32_output {
  float min_less_zero_point;
  float max_less_zero_point;
  float magic_bias;                    // 12582912.0f = 1.5 * 2^23
  int32_t magic_bias_less_zero_point;  // bits(magic_bias) - output_zero_point
  // The same rule as plain integers, for kernels that clamp bytes.
  int32_t zero_point;
  int32_t min;  // output_min
  int32_t max;  // output_max
};

// gemm, igemm, dwconv (qu8):
//   acc = bias + sum((a - input_zero_point) * (w - kernel_zero_point))
//   y   = requantize(acc, scale)
struct q8nn_conv_params {
  int32_t input_zero_point;
  int32_t kernel_zero_point;
  float scale;  // (input_scale * kernel_scale) / output_scale
  struct q8nn_fp32_output output;
  // |acc| <= accumulator_bound for every output (INT32_MAX when unknown):
  // kernels may skip float clamps that products this small cannot need.
  int32_t accumulator_bound;
};

// avgpool, gavgpool: acc = bias + sum(x); y = requantize(acc, scale).
// bias = -(number of elements summed) * input_zero_point.
struct q8nn_avgpool_params {
  int32_t bias;
  float scale;  // input_scale / (output_scale * number of elements)
  struct q8nn_fp32_output output;
};

// vadd: fp = (float)(a - a_zp) * a_multiplier + (float)(b - b_zp) * b_multiplier,
// both products rounded to float, then their float sum, then the output rule.
struct q8nn_add_params {
  int32_t a_zero_point;
  int32_t b_zero_point;
  float a_multiplier;  // a_scale / sum_scale
  float b_multiplier;  // b_scale / sum_scale
  struct q8nn_fp32_output output;
};

// clamp, maxpool: y = min(max(x, output_min), output_max).
struct q8nn_clamp_params {
  uint8_t output_min;
  uint8_t output_max;
};

// The init functions fill the structs above; callers have validated min <= max.
void q8nn_init_fp32_output(struct q8nn_fp32_output* output, uint8_t output_zero_point,
                           uint8_t output_min, uint8_t output_max);

void q8nn_init_conv_params(struct q8nn_conv_params* params, uint8_t input_zero_point,
                           uint8_t kernel_zero_point, float scale, uint8_t output_zero_point,
                           uint8_t output_min, uint8_t output_max);

void q8nn_init_avgpool_params(struct q8nn_avgpool_params* params, int32_t bias, float scale,
                              uint8_t output_zero_point, uint8_t output_min, uint8_t output_max);

void q8nn_init_add_params(struct q8nn_add_params* params, uint8_t a_zero_point, float a_multiplier,
                          uint8_t b_zero_point, float b_multiplier, uint8_t output_zero_point,
                          uint8_t output_min, uint8_t output_max);

void q8nn_init_clamp_params(struct q8nn_clamp_params* params, uint8_t output_min,
                            uint8_t output_max);

#ifdef __cplusplus
}  // extern "C"
#endif
