// Inline helpers shared by the scalar microkernels (and usable by the
// remainder loops of SIMD kernels).
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/params.h"

static inline uint32_t q8nn_float_as_uint32(float f) {
  uint32_t bits;
  memcpy(&bits, &f, sizeof(bits));
  return bits;
}

// The output half of the fp32 rule (see params.h): clamp, round half to even
// with the magic bias, add the zero point.
static inline uint8_t q8nn_fp32_output_round(float fp, const struct q8nn_fp32_output* output) {
  fp = fp < output->min_less_zero_point ? output->min_less_zero_point : fp;
  fp = fp > output->max_less_zero_point ? output->max_less_zero_point : fp;
  return (uint8_t)((int32_t)q8nn_float_as_uint32(fp + output->magic_bias) -
                   output->magic_bias_less_zero_point);
}

static inline uint8_t q8nn_requantize_fp32(int32_t acc, float scale,
                                           const struct q8nn_fp32_output* output) {
  return q8nn_fp32_output_round((float)acc * scale, output);
}

// A row of an indirection buffer: `zero` as it is, any other pointer moved by
// input_offset. The offset may span unrelated allocations: apply it on
// integers, not pointers.
static inline const uint8_t* q8nn_indirect_row(const uint8_t* row, size_t input_offset,
                                               const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
