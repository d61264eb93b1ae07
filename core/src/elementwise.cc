// Operators on NC rows: add, clamp, sigmoid, leaky ReLU, softargmax, channel shuffle.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "operator-common.h"

using q8nn::OperatorType;

namespace {

// Shared create of the single-input operators: checks what they all check.
qnnp_status create_rows_operator(OperatorType type, size_t channels, uint32_t flags,
                                 qnnp_operator_t* out, std::unique_ptr<qnnp_operator>& op) {
  const qnnp_status status = q8nn::create_operator(type, flags, out, op);
  if (status != qnnp_status_success) return status;
  if (channels == 0) return qnnp_status_invalid_parameter;
  op->group_input_channels = channels;
  op->group_output_channels = channels;
  return qnnp_status_success;
}

// Sigmoid and leaky ReLU are a function of the 256 input values: a lookup
// table computed in double at create time.
template <typename RealFunction>
qnnp_status create_lut_operator(OperatorType type, size_t channels, const q8nn::Quantization& q,
                                uint32_t flags, qnnp_operator_t* out, RealFunction function) {
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = create_rows_operator(type, channels, flags, out, op);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_quantization(q);
  if (status != qnnp_status_success) return status;
  op->quantization = q;
  if (!op->lookup_table.allocate(256)) return qnnp_status_out_of_memory;
  auto* table = static_cast<uint8_t*>(op->lookup_table.data());
  for (int32_t i = 0; i < 256; i++) {
    const double x = double{q.input_scale} * double(i - int32_t{q.input_zero_point});
    const double y = std::nearbyint(function(x) / double{q.output_scale}) + q.output_zero_point;
    table[i] = uint8_t(std::min(std::max(y, double(q.output_min)), double(q.output_max)));
  }
  *out = op.release();
  return qnnp_status_success;
}

}  // namespace

extern "C" {

enum qnnp_status qnnp_create_add_nc_q8(size_t channels, uint8_t a_zero_point, float a_scale,
                                       uint8_t b_zero_point, float b_scale, uint8_t sum_zero_point,
                                       float sum_scale, uint8_t sum_min, uint8_t sum_max,
                                       uint32_t flags, qnnp_operator_t* add) {
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = create_rows_operator(OperatorType::add, channels, flags, add, op);
  if (status != qnnp_status_success) return status;
  if (!q8nn::is_valid_scale(a_scale) || !q8nn::is_valid_scale(b_scale)) {
    return qnnp_status_invalid_parameter;
  }
  status = q8nn::check_output_quantization(sum_scale, sum_min, sum_max);
  if (status != qnnp_status_success) return status;
  const float a_multiplier = float(double{a_scale} / double{sum_scale});
  const float b_multiplier = float(double{b_scale} / double{sum_scale});
  if (!q8nn::is_supported_scale_ratio(a_multiplier) ||
      !q8nn::is_supported_scale_ratio(b_multiplier)) {
    return qnnp_status_unsupported_parameter;
  }
  q8nn_init_add_params(&op->add_params, a_zero_point, a_multiplier, b_zero_point, b_multiplier,
                       sum_zero_point, sum_min, sum_max);
  *add = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_add_nc_q8(qnnp_operator_t add, size_t batch_size, const uint8_t* a,
                                      size_t a_stride, const uint8_t* b, size_t b_stride,
                                      uint8_t* sum, size_t sum_stride) {
  const qnnp_status status = q8nn::begin_setup(add, OperatorType::add);
  if (status != qnnp_status_success) return status;
  const size_t channels = add->group_input_channels;
  if (b_stride < channels || (batch_size != 0 && b == nullptr)) {
    return qnnp_status_invalid_parameter;
  }
  add->input2 = b;
  add->input2_stride = b_stride;
  return q8nn::setup_rows(add, OperatorType::add, channels, batch_size, a, a_stride, sum,
                          sum_stride);
}

enum qnnp_status qnnp_create_clamp_nc_u8(size_t channels, uint8_t output_min, uint8_t output_max,
                                         uint32_t flags, qnnp_operator_t* clamp) {
  std::unique_ptr<qnnp_operator> op;
  const qnnp_status status = create_rows_operator(OperatorType::clamp, channels, flags, clamp, op);
  if (status != qnnp_status_success) return status;
  if (output_min > output_max) return qnnp_status_invalid_parameter;
  op->quantization.output_min = output_min;
  op->quantization.output_max = output_max;
  q8nn_init_clamp_params(&op->clamp_params, output_min, output_max);
  *clamp = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_clamp_nc_u8(qnnp_operator_t clamp, size_t batch_size,
                                        const uint8_t* input, size_t input_stride, uint8_t* output,
                                        size_t output_stride) {
  return q8nn::setup_rows(clamp, OperatorType::clamp,
                          clamp != nullptr ? clamp->group_input_channels : 0, batch_size, input,
                          input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_sigmoid_nc_q8(size_t channels, uint8_t input_zero_point,
                                           float input_scale, uint8_t output_zero_point,
                                           float output_scale, uint8_t output_min,
                                           uint8_t output_max, uint32_t flags,
                                           qnnp_operator_t* sigmoid) {
  return create_lut_operator(
      OperatorType::sigmoid, channels,
      {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
      flags, sigmoid, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

enum qnnp_status qnnp_setup_sigmoid_nc_q8(qnnp_operator_t sigmoid, size_t batch_size,
                                          const uint8_t* input, size_t input_stride,
                                          uint8_t* output, size_t output_stride) {
  return q8nn::setup_rows(sigmoid, OperatorType::sigmoid,
                          sigmoid != nullptr ? sigmoid->group_input_channels : 0, batch_size, input,
                          input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_leaky_relu_nc_q8(size_t channels, float negative_slope,
                                              uint8_t input_zero_point, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint8_t output_min, uint8_t output_max,
                                              uint32_t flags, qnnp_operator_t* leaky_relu) {
  if (!std::isfinite(negative_slope) || negative_slope <= 0.0f) {
    // Checked after the common checks so that an uninitialized library still says so.
    std::unique_ptr<qnnp_operator> op;
    const qnnp_status status =
        create_rows_operator(OperatorType::leaky_relu, channels, flags, leaky_relu, op);
    return status != qnnp_status_success ? status : qnnp_status_invalid_parameter;
  }
  const double slope = negative_slope;
  return create_lut_operator(
      OperatorType::leaky_relu, channels,
      {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
      flags, leaky_relu, [slope](double x) { return x > 0.0 ? x : x * slope; });
}

enum qnnp_status qnnp_setup_leaky_relu_nc_q8(qnnp_operator_t leaky_relu, size_t batch_size,
                                             const uint8_t* input, size_t input_stride,
                                             uint8_t* output, size_t output_stride) {
  return q8nn::setup_rows(leaky_relu, OperatorType::leaky_relu,
                          leaky_relu != nullptr ? leaky_relu->group_input_channels : 0, batch_size,
                          input, input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_softargmax_nc_q8(size_t channels, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint32_t flags, qnnp_operator_t* softargmax) {
  std::unique_ptr<qnnp_operator> op;
  const qnnp_status status =
      create_rows_operator(OperatorType::softargmax, channels, flags, softargmax, op);
  if (status != qnnp_status_success) return status;
  if (!q8nn::is_valid_scale(input_scale) || !q8nn::is_valid_scale(output_scale)) {
    return qnnp_status_invalid_parameter;
  }
  // Probabilities in [0, 1] are quantized with scale 1/256 and zero point 0, as in QNNPACK.
  if (output_scale != 0x1.0p-8f || output_zero_point != 0) {
    return qnnp_status_unsupported_parameter;
  }
  if (channels > std::numeric_limits<uint32_t>::max()) return qnnp_status_unsupported_parameter;
  // t[i] = exp((i - 255) * scale) * q: the kernel reads t + (255 - max) so that
  // the row maximum maps to q, and q is as large as a uint32 sum of `channels`
  // entries allows.
  if (!op->lookup_table.allocate(256 * sizeof(uint32_t))) return qnnp_status_out_of_memory;
  auto* table = static_cast<uint32_t*>(op->lookup_table.data());
  const double q = double(std::numeric_limits<uint32_t>::max() / uint32_t(channels));
  for (int32_t i = 0; i < 256; i++) {
    table[i] = uint32_t(std::lrint(q * std::exp(double(i - 255) * double{input_scale})));
  }
  op->quantization.input_scale = input_scale;
  op->quantization.output_scale = output_scale;
  *softargmax = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_softargmax_nc_q8(qnnp_operator_t softargmax, size_t batch_size,
                                             const uint8_t* input, size_t input_stride,
                                             uint8_t* output, size_t output_stride) {
  return q8nn::setup_rows(softargmax, OperatorType::softargmax,
                          softargmax != nullptr ? softargmax->group_input_channels : 0, batch_size,
                          input, input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_channel_shuffle_nc_x8(size_t groups, size_t group_channels,
                                                   uint32_t flags,
                                                   qnnp_operator_t* channel_shuffle) {
  std::unique_ptr<qnnp_operator> op;
  const qnnp_status status =
      q8nn::create_operator(OperatorType::channel_shuffle, flags, channel_shuffle, op);
  if (status != qnnp_status_success) return status;
  // One group (or one channel per group) would be a plain copy; QNNPACK rejects it too.
  if (groups <= 1 || group_channels == 0 || groups > UINT32_MAX) {
    return qnnp_status_invalid_parameter;
  }
  op->groups = uint32_t(groups);
  op->group_input_channels = group_channels;
  op->group_output_channels = group_channels;
  *channel_shuffle = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_channel_shuffle_nc_x8(qnnp_operator_t channel_shuffle,
                                                  size_t batch_size, const uint8_t* input,
                                                  size_t input_stride, uint8_t* output,
                                                  size_t output_stride) {
  const size_t channels = channel_shuffle != nullptr
                              ? channel_shuffle->groups * channel_shuffle->group_input_channels
                              : 0;
  return q8nn::setup_rows(channel_shuffle, OperatorType::channel_shuffle, channels, batch_size,
                          input, input_stride, output, output_stride);
}

}  // extern "C"
