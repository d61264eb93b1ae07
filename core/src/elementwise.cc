// Operators on NC rows: add, clamp, sigmoid, leaky ReLU, softargmax, channel shuffle.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include "operator-common.h"

using q8nn::OperatorType;

namespace {

// The softargmax table: 256 values and room for a kernel's reads past them
// (see qnnp_create_softargmax_nc_q8).
constexpr size_t kSoftargmaxTableEntries = 511;

// Shared create of the single-input operators: checks what they all check.
qnnp_status create_rows_operator(OperatorType type, size_t channels, uint32_t flags,
                                 qnnp_operator_t* out, std::unique_ptr<qnnp_operator>& op) {
  qnnp_status status = q8nn::create_operator(type, flags, out, op);
  if (status != qnnp_status_success) return status;
  if (channels == 0) {
    return q8nn::fail(qnnp_status_invalid_parameter, "channels = 0: must be positive");
  }
  status = q8nn::check_channels(channels, "channels");
  if (status != qnnp_status_success) return status;
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
  status = op->lookup_table.allocate(256, "lookup table");
  if (status != qnnp_status_success) return status;
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
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = create_rows_operator(OperatorType::add, channels, flags, add, op);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale(a_scale, "a_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale(b_scale, "b_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale(sum_scale, "sum_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_output_range(sum_min, sum_max, "sum_min", "sum_max");
  if (status != qnnp_status_success) return status;
  const float a_multiplier = float(double{a_scale} / double{sum_scale});
  const float b_multiplier = float(double{b_scale} / double{sum_scale});
  status = q8nn::check_scale_ratio(a_multiplier, "a_scale / sum_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale_ratio(b_multiplier, "b_scale / sum_scale");
  if (status != qnnp_status_success) return status;
  q8nn_init_add_params(&op->add_params, a_zero_point, a_multiplier, b_zero_point, b_multiplier,
                       sum_zero_point, sum_min, sum_max);
  *add = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_add_nc_q8(qnnp_operator_t add, size_t batch_size, const uint8_t* a,
                                      size_t a_stride, const uint8_t* b, size_t b_stride,
                                      uint8_t* sum, size_t sum_stride) {
  const q8nn::ApiCall call(__func__);
  qnnp_status status = q8nn::begin_setup(add, OperatorType::add);
  if (status != qnnp_status_success) return status;
  const size_t channels = add->group_input_channels;
  if (b_stride < channels) {
    return q8nn::fail(qnnp_status_invalid_parameter, "b_stride = %zu is less than the %zu channels",
                      b_stride, channels);
  }
  if (batch_size != 0) {
    status = q8nn::check_tensor(b, "b", batch_size, b_stride, "b_stride", channels);
    if (status != qnnp_status_success) return status;
  }
  add->input2 = b;
  add->input2_stride = b_stride;
  return q8nn::setup_rows(add, OperatorType::add, channels, batch_size, a, a_stride, sum,
                          sum_stride, "a", "sum");
}

enum qnnp_status qnnp_create_clamp_nc_u8(size_t channels, uint8_t output_min, uint8_t output_max,
                                         uint32_t flags, qnnp_operator_t* clamp) {
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = create_rows_operator(OperatorType::clamp, channels, flags, clamp, op);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_output_range(output_min, output_max);
  if (status != qnnp_status_success) return status;
  op->quantization.output_min = output_min;
  op->quantization.output_max = output_max;
  q8nn_init_clamp_params(&op->clamp_params, output_min, output_max);
  *clamp = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_clamp_nc_u8(qnnp_operator_t clamp, size_t batch_size,
                                        const uint8_t* input, size_t input_stride, uint8_t* output,
                                        size_t output_stride) {
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_rows(clamp, OperatorType::clamp,
                          clamp != nullptr ? clamp->group_input_channels : 0, batch_size, input,
                          input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_sigmoid_nc_q8(size_t channels, uint8_t input_zero_point,
                                           float input_scale, uint8_t output_zero_point,
                                           float output_scale, uint8_t output_min,
                                           uint8_t output_max, uint32_t flags,
                                           qnnp_operator_t* sigmoid) {
  const q8nn::ApiCall call(__func__);
  return create_lut_operator(
      OperatorType::sigmoid, channels,
      {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
      flags, sigmoid, [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

enum qnnp_status qnnp_setup_sigmoid_nc_q8(qnnp_operator_t sigmoid, size_t batch_size,
                                          const uint8_t* input, size_t input_stride,
                                          uint8_t* output, size_t output_stride) {
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_rows(sigmoid, OperatorType::sigmoid,
                          sigmoid != nullptr ? sigmoid->group_input_channels : 0, batch_size, input,
                          input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_leaky_relu_nc_q8(size_t channels, float negative_slope,
                                              uint8_t input_zero_point, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint8_t output_min, uint8_t output_max,
                                              uint32_t flags, qnnp_operator_t* leaky_relu) {
  const q8nn::ApiCall call(__func__);
  if (!std::isfinite(negative_slope) || negative_slope <= 0.0f) {
    // Checked after the common checks so that an uninitialized library still says so.
    std::unique_ptr<qnnp_operator> op;
    const qnnp_status status =
        create_rows_operator(OperatorType::leaky_relu, channels, flags, leaky_relu, op);
    if (status != qnnp_status_success) return status;
    return q8nn::fail(qnnp_status_invalid_parameter,
                      "negative_slope = %g: must be finite and positive", double{negative_slope});
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
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_rows(leaky_relu, OperatorType::leaky_relu,
                          leaky_relu != nullptr ? leaky_relu->group_input_channels : 0, batch_size,
                          input, input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_softargmax_nc_q8(size_t channels, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint32_t flags, qnnp_operator_t* softargmax) {
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status =
      create_rows_operator(OperatorType::softargmax, channels, flags, softargmax, op);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale(input_scale, "input_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_scale(output_scale, "output_scale");
  if (status != qnnp_status_success) return status;
  // Probabilities in [0, 1] are quantized with scale 1/256 and zero point 0, as in QNNPACK.
  if (output_scale != 0x1.0p-8f || output_zero_point != 0) {
    return q8nn::fail(qnnp_status_unsupported_parameter,
                      "output_scale = %g, output_zero_point = %u: only 1/256 and 0 are supported",
                      double{output_scale}, unsigned{output_zero_point});
  }
  if (channels > std::numeric_limits<uint32_t>::max()) {
    return q8nn::fail(qnnp_status_unsupported_parameter,
                      "channels = %zu: at most 2^32 - 1 (the sum is a uint32)", channels);
  }
  // t[i] = exp((i - 255) * scale) * q: the kernel gets t + (255 - max) so that
  // the row maximum maps to q, and q is as large as a uint32 sum of `channels`
  // entries allows. The kernel may read all 256 entries from there (it
  // normalizes them at once for long rows), up to t[510 - max]: entries past
  // t[255] belong to values above the maximum, which no element has, so they
  // stay 0.
  status = op->lookup_table.allocate(kSoftargmaxTableEntries * sizeof(uint32_t), "lookup table");
  if (status != qnnp_status_success) return status;
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
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_rows(softargmax, OperatorType::softargmax,
                          softargmax != nullptr ? softargmax->group_input_channels : 0, batch_size,
                          input, input_stride, output, output_stride);
}

enum qnnp_status qnnp_create_channel_shuffle_nc_x8(size_t groups, size_t group_channels,
                                                   uint32_t flags,
                                                   qnnp_operator_t* channel_shuffle) {
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status =
      q8nn::create_operator(OperatorType::channel_shuffle, flags, channel_shuffle, op);
  if (status != qnnp_status_success) return status;
  // One group would be a plain copy; QNNPACK rejects it too.
  if (groups <= 1) {
    return q8nn::fail(qnnp_status_invalid_parameter, "groups = %zu: must be at least 2", groups);
  }
  if (group_channels == 0) {
    return q8nn::fail(qnnp_status_invalid_parameter, "group_channels = 0: must be positive");
  }
  if (groups > UINT32_MAX) {
    return q8nn::fail(qnnp_status_invalid_parameter, "groups = %zu: at most 2^32 - 1", groups);
  }
  status = q8nn::check_channels(q8nn::CheckedSize(groups) * group_channels,
                                "groups * group_channels (channels)");
  if (status != qnnp_status_success) return status;
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
  const q8nn::ApiCall call(__func__);
  const size_t channels = channel_shuffle != nullptr
                              ? channel_shuffle->groups * channel_shuffle->group_input_channels
                              : 0;
  return q8nn::setup_rows(channel_shuffle, OperatorType::channel_shuffle, channels, batch_size,
                          input, input_stride, output, output_stride);
}

}  // extern "C"
