// Average, global average and max pooling: create and setup.
#include <cmath>

#include "operator-common.h"

using q8nn::OperatorType;

namespace {

// The pooling window is stored in the convolution geometry fields so that the
// shared window setup and indirection serve pooling too.
void set_window(qnnp_operator_t op, uint32_t padding_top, uint32_t padding_right,
                uint32_t padding_bottom, uint32_t padding_left, uint32_t pooling_height,
                uint32_t pooling_width, uint32_t stride_height, uint32_t stride_width,
                uint32_t dilation_height, uint32_t dilation_width, size_t channels) {
  op->padding_top = padding_top;
  op->padding_right = padding_right;
  op->padding_bottom = padding_bottom;
  op->padding_left = padding_left;
  op->kernel_height = pooling_height;
  op->kernel_width = pooling_width;
  op->stride_height = stride_height;
  op->stride_width = stride_width;
  op->dilation_height = dilation_height;
  op->dilation_width = dilation_width;
  op->groups = 1;
  op->group_input_channels = channels;
  op->group_output_channels = channels;
}

// input_scale / (output_scale * elements), the scale of an average of `elements` values.
float average_scale(float input_scale, float output_scale, size_t elements) {
  return float(double{input_scale} / (double{output_scale} * double(elements)));
}

}  // namespace

extern "C" {

enum qnnp_status qnnp_create_average_pooling2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t pooling_height, uint32_t pooling_width,
    uint32_t stride_height, uint32_t stride_width, size_t channels, uint8_t input_zero_point,
    float input_scale, uint8_t output_zero_point, float output_scale, uint8_t output_min,
    uint8_t output_max, uint32_t flags, qnnp_operator_t* average_pooling) {
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status =
      q8nn::create_operator(OperatorType::average_pooling, flags, average_pooling, op);
  if (status != qnnp_status_success) return status;
  if (pooling_height == 0 || pooling_width == 0 || stride_height == 0 || stride_width == 0 ||
      channels == 0 || !q8nn::is_valid_scale(input_scale)) {
    return qnnp_status_invalid_parameter;
  }
  status = q8nn::check_output_quantization(output_scale, output_min, output_max);
  if (status != qnnp_status_success) return status;
  // Every tap adds at most 255 to a 32-bit sum.
  const size_t taps = size_t{pooling_height} * pooling_width;
  if (pooling_height > q8nn::kMaxDotProductLength || taps > q8nn::kMaxDotProductLength) {
    return qnnp_status_unsupported_parameter;
  }
  const float scale = average_scale(input_scale, output_scale, taps);
  if (!q8nn::is_supported_scale_ratio(scale)) return qnnp_status_unsupported_parameter;

  set_window(op.get(), input_padding_top, input_padding_right, input_padding_bottom,
             input_padding_left, pooling_height, pooling_width, stride_height, stride_width, 1, 1,
             channels);
  op->input_zero_point = input_zero_point;
  op->input_scale = input_scale;
  op->output_zero_point = output_zero_point;
  op->output_scale = output_scale;
  op->output_min = output_min;
  op->output_max = output_max;
  // Padding reads the input zero point (a real 0) and the divisor is the whole
  // window, as in QNNPACK.
  q8nn_init_avgpool_params(&op->avgpool_params, -int32_t(taps) * int32_t{input_zero_point}, scale,
                           output_zero_point, output_min, output_max);
  if (!q8nn::allocate_zero_row(op.get(), channels, input_zero_point)) {
    return qnnp_status_out_of_memory;
  }
  *average_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_average_pooling2d_nhwc_q8(qnnp_operator_t average_pooling,
                                                      size_t batch_size, size_t input_height,
                                                      size_t input_width, const uint8_t* input,
                                                      size_t input_pixel_stride, uint8_t* output,
                                                      size_t output_pixel_stride,
                                                      pthreadpool_t threadpool) {
  return q8nn::setup_window_operator(average_pooling, OperatorType::average_pooling, batch_size,
                                     input_height, input_width, input, input_pixel_stride, output,
                                     output_pixel_stride);
}

enum qnnp_status qnnp_create_max_pooling2d_nhwc_u8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t pooling_height, uint32_t pooling_width,
    uint32_t stride_height, uint32_t stride_width, uint32_t dilation_height,
    uint32_t dilation_width, size_t channels, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* max_pooling) {
  std::unique_ptr<qnnp_operator> op;
  const qnnp_status status =
      q8nn::create_operator(OperatorType::max_pooling, flags, max_pooling, op);
  if (status != qnnp_status_success) return status;
  if (pooling_height == 0 || pooling_width == 0 || stride_height == 0 || stride_width == 0 ||
      dilation_height == 0 || dilation_width == 0 || channels == 0 || output_min > output_max) {
    return qnnp_status_invalid_parameter;
  }
  set_window(op.get(), input_padding_top, input_padding_right, input_padding_bottom,
             input_padding_left, pooling_height, pooling_width, stride_height, stride_width,
             dilation_height, dilation_width, channels);
  op->output_min = output_min;
  op->output_max = output_max;
  q8nn_init_clamp_params(&op->clamp_params, output_min, output_max);
  // Padding taps read zeros, which never raise a maximum of uint8 values.
  if (!q8nn::allocate_zero_row(op.get(), channels, 0)) return qnnp_status_out_of_memory;
  *max_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_max_pooling2d_nhwc_u8(qnnp_operator_t max_pooling, size_t batch_size,
                                                  size_t input_height, size_t input_width,
                                                  const uint8_t* input, size_t input_pixel_stride,
                                                  uint8_t* output, size_t output_pixel_stride,
                                                  pthreadpool_t threadpool) {
  return q8nn::setup_window_operator(max_pooling, OperatorType::max_pooling, batch_size,
                                     input_height, input_width, input, input_pixel_stride, output,
                                     output_pixel_stride);
}

enum qnnp_status qnnp_create_global_average_pooling_nwc_q8(
    size_t channels, uint8_t input_zero_point, float input_scale, uint8_t output_zero_point,
    float output_scale, uint8_t output_min, uint8_t output_max, uint32_t flags,
    qnnp_operator_t* global_average_pooling) {
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = q8nn::create_operator(OperatorType::global_average_pooling, flags,
                                             global_average_pooling, op);
  if (status != qnnp_status_success) return status;
  if (channels == 0 || !q8nn::is_valid_scale(input_scale)) return qnnp_status_invalid_parameter;
  status = q8nn::check_output_quantization(output_scale, output_min, output_max);
  if (status != qnnp_status_success) return status;
  op->group_input_channels = channels;
  op->group_output_channels = channels;
  op->input_zero_point = input_zero_point;
  op->input_scale = input_scale;
  op->output_zero_point = output_zero_point;
  op->output_scale = output_scale;
  op->output_min = output_min;
  op->output_max = output_max;
  if (!q8nn::allocate_zero_row(op.get(), channels, 0)) return qnnp_status_out_of_memory;
  *global_average_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_global_average_pooling_nwc_q8(qnnp_operator_t global_average_pooling,
                                                          size_t batch_size, size_t width,
                                                          const uint8_t* input, size_t input_stride,
                                                          uint8_t* output, size_t output_stride) {
  qnnp_operator_t op = global_average_pooling;
  qnnp_status status = q8nn::begin_setup(op, OperatorType::global_average_pooling);
  if (status != qnnp_status_success) return status;
  if (width == 0) return qnnp_status_invalid_parameter;
  if (width > q8nn::kMaxDotProductLength * 255) return qnnp_status_unsupported_parameter;
  // The divisor depends on the width: the requantization constants are made here.
  const float scale = average_scale(op->input_scale, op->output_scale, width);
  if (!q8nn::is_supported_scale_ratio(scale)) return qnnp_status_unsupported_parameter;
  const size_t channels = op->group_input_channels;
  status = q8nn::setup_rows(op, OperatorType::global_average_pooling, channels, batch_size, input,
                            input_stride, output, output_stride);
  if (status != qnnp_status_success) return status;
  op->input_width = width;
  q8nn_init_avgpool_params(&op->avgpool_params, -int32_t(width) * int32_t{op->input_zero_point},
                           scale, op->output_zero_point, op->output_min, op->output_max);
  return qnnp_status_success;
}

}  // extern "C"
