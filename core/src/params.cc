#include "q8nn/params.h"

#include <cstdint>
#include <cstring>

namespace {

constexpr float kMagicBias = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer

int32_t magic_bias_bits() {
  int32_t bits;
  std::memcpy(&bits, &kMagicBias, sizeof(bits));
  return bits;
}

}  // namespace

extern "C" {

void q8nn_init_fp32_output(struct q8nn_fp32_output* output, uint8_t output_zero_point,
                           uint8_t output_min, uint8_t output_max) {
  output->min_less_zero_point = float(int32_t{output_min} - int32_t{output_zero_point});
  output->max_less_zero_point = float(int32_t{output_max} - int32_t{output_zero_point});
  output->magic_bias = kMagicBias;
  output->magic_bias_less_zero_point = magic_bias_bits() - int32_t{output_zero_point};
  output->zero_point = output_zero_point;
  output->min = output_min;
  output->max = output_max;
}

void q8nn_init_conv_params(struct q8nn_conv_params* params, uint8_t input_zero_point,
                           uint8_t kernel_zero_point, float scale, uint8_t output_zero_point,
                           uint8_t output_min, uint8_t output_max) {
  params->input_zero_point = input_zero_point;
  params->kernel_zero_point = kernel_zero_point;
  params->scale = scale;
  q8nn_init_fp32_output(&params->output, output_zero_point, output_min, output_max);
  params->accumulator_bound = INT32_MAX;
}

void q8nn_init_avgpool_params(struct q8nn_avgpool_params* params, int32_t bias, float scale,
                              uint8_t output_zero_point, uint8_t output_min, uint8_t output_max) {
  params->bias = bias;
  params->scale = scale;
  q8nn_init_fp32_output(&params->output, output_zero_point, output_min, output_max);
}

void q8nn_init_add_params(struct q8nn_add_params* params, uint8_t a_zero_point, float a_multiplier,
                          uint8_t b_zero_point, float b_multiplier, uint8_t output_zero_point,
                          uint8_t output_min, uint8_t output_max) {
  params->a_zero_point = a_zero_point;
  params->b_zero_point = b_zero_point;
  params->a_multiplier = a_multiplier;
  params->b_multiplier = b_multiplier;
  q8nn_init_fp32_output(&params->output, output_zero_point, output_min, output_max);
}

void q8nn_init_clamp_params(struct q8nn_clamp_params* params, uint8_t output_min,
                            uint8_t output_max) {
  params->output_min = output_min;
  params->output_max = output_max;
}

}  // extern "C"
