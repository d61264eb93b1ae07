// Average, global average and max pooling: create and setup.
#include <cmath>

#include "operator-common.h"

using q8nn::OperatorType;

namespace {

// Pooling keeps its window in the convolution geometry, so that the shared
// window setup and indirection serve it too.
void set_window(qnnp_operator_t op, const q8nn::Window& window, size_t channels) {
  op->window = window;
  op->groups = 1;
  op->group_input_channels = channels;
  op->group_output_channels = channels;
}

// input_scale / (output_scale * elements), the scale of an average of `elements` values.
float average_scale(float input_scale, float output_scale, size_t elements) {
  return float(double{input_scale} / (double{output_scale} * double(elements)));
}

qnnp_status check_pooling_channels(size_t channels) {
  if (channels == 0)
    return q8nn::fail(qnnp_status_invalid_parameter, "channels = 0: must be positive");
  return q8nn::check_channels(channels, "channels");
}

}  // namespace

extern "C" {

enum qnnp_status qnnp_create_average_pooling2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t pooling_height, uint32_t pooling_width,
    uint32_t stride_height, uint32_t stride_width, size_t channels, uint8_t input_zero_point,
    float input_scale, uint8_t output_zero_point, float output_scale, uint8_t output_min,
    uint8_t output_max, uint32_t flags, qnnp_operator_t* average_pooling) {
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status =
      q8nn::create_operator(OperatorType::average_pooling, flags, average_pooling, op);
  if (status != qnnp_status_success) return status;
  const q8nn::Window window = q8nn::Window::make(
      input_padding_top, input_padding_right, input_padding_bottom, input_padding_left,
      pooling_height, pooling_width, stride_height, stride_width, 1, 1);
  const q8nn::Quantization quantization{input_zero_point, input_scale, output_zero_point,
                                        output_scale,     output_min,  output_max};
  status = q8nn::check_window(window, "pooling", "stride");
  if (status != qnnp_status_success) return status;
  status = check_pooling_channels(channels);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_quantization(quantization);
  if (status != qnnp_status_success) return status;
  const size_t taps = window.taps();
  if (taps > q8nn::kMaxSumLength) {
    return q8nn::fail(qnnp_status_unsupported_parameter,
                      "pooling_height * pooling_width = %zu: a sum of more than %zu values could "
                      "overflow the int32 accumulator",
                      taps, q8nn::kMaxSumLength);
  }
  const float scale = average_scale(input_scale, output_scale, taps);
  status = q8nn::check_scale_ratio(scale, "input_scale / (output_scale * pooling size)");
  if (status != qnnp_status_success) return status;

  set_window(op.get(), window, channels);
  op->quantization = quantization;
  // Padding reads the input zero point (a real 0) and the divisor is the whole
  // window, as in QNNPACK.
  q8nn_init_avgpool_params(&op->avgpool_params, -int32_t(taps) * int32_t{input_zero_point}, scale,
                           output_zero_point, output_min, output_max);
  status = q8nn::allocate_zero_row(op.get(), channels, input_zero_point);
  if (status != qnnp_status_success) return status;
  *average_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_average_pooling2d_nhwc_q8(qnnp_operator_t average_pooling,
                                                      size_t batch_size, size_t input_height,
                                                      size_t input_width, const uint8_t* input,
                                                      size_t input_pixel_stride, uint8_t* output,
                                                      size_t output_pixel_stride,
                                                      pthreadpool_t threadpool) {
  const q8nn::ApiCall call(__func__);
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
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = q8nn::create_operator(OperatorType::max_pooling, flags, max_pooling, op);
  if (status != qnnp_status_success) return status;
  const q8nn::Window window = q8nn::Window::make(
      input_padding_top, input_padding_right, input_padding_bottom, input_padding_left,
      pooling_height, pooling_width, stride_height, stride_width, dilation_height, dilation_width);
  status = q8nn::check_window(window, "pooling", "stride");
  if (status != qnnp_status_success) return status;
  status = check_pooling_channels(channels);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_output_range(output_min, output_max);
  if (status != qnnp_status_success) return status;
  set_window(op.get(), window, channels);
  op->quantization.output_min = output_min;
  op->quantization.output_max = output_max;
  q8nn_init_clamp_params(&op->clamp_params, output_min, output_max);
  // Padding taps read zeros, which never raise a maximum of uint8 values.
  status = q8nn::allocate_zero_row(op.get(), channels, 0);
  if (status != qnnp_status_success) return status;
  *max_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_max_pooling2d_nhwc_u8(qnnp_operator_t max_pooling, size_t batch_size,
                                                  size_t input_height, size_t input_width,
                                                  const uint8_t* input, size_t input_pixel_stride,
                                                  uint8_t* output, size_t output_pixel_stride,
                                                  pthreadpool_t threadpool) {
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_window_operator(max_pooling, OperatorType::max_pooling, batch_size,
                                     input_height, input_width, input, input_pixel_stride, output,
                                     output_pixel_stride);
}

enum qnnp_status qnnp_create_global_average_pooling_nwc_q8(
    size_t channels, uint8_t input_zero_point, float input_scale, uint8_t output_zero_point,
    float output_scale, uint8_t output_min, uint8_t output_max, uint32_t flags,
    qnnp_operator_t* global_average_pooling) {
  const q8nn::ApiCall call(__func__);
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = q8nn::create_operator(OperatorType::global_average_pooling, flags,
                                             global_average_pooling, op);
  if (status != qnnp_status_success) return status;
  const q8nn::Quantization quantization{input_zero_point, input_scale, output_zero_point,
                                        output_scale,     output_min,  output_max};
  status = check_pooling_channels(channels);
  if (status != qnnp_status_success) return status;
  status = q8nn::check_quantization(quantization);
  if (status != qnnp_status_success) return status;
  op->group_input_channels = channels;
  op->group_output_channels = channels;
  op->quantization = quantization;
  status = q8nn::allocate_zero_row(op.get(), channels, 0);
  if (status != qnnp_status_success) return status;
  *global_average_pooling = op.release();
  return qnnp_status_success;
}

enum qnnp_status qnnp_setup_global_average_pooling_nwc_q8(qnnp_operator_t global_average_pooling,
                                                          size_t batch_size, size_t width,
                                                          const uint8_t* input, size_t input_stride,
                                                          uint8_t* output, size_t output_stride) {
  qnnp_operator_t op = global_average_pooling;
  const q8nn::ApiCall call(__func__);
  qnnp_status status = q8nn::begin_setup(op, OperatorType::global_average_pooling);
  if (status != qnnp_status_success) return status;
  if (width == 0) return q8nn::fail(qnnp_status_invalid_parameter, "width = 0: must be positive");
  if (width > q8nn::kMaxSumLength) {
    return q8nn::fail(qnnp_status_unsupported_parameter,
                      "width = %zu: a sum of more than %zu values could overflow the int32 "
                      "accumulator",
                      width, q8nn::kMaxSumLength);
  }
  // The divisor depends on the width: the requantization constants are made here.
  const q8nn::Quantization& q = op->quantization;
  const float scale = average_scale(q.input_scale, q.output_scale, width);
  status = q8nn::check_scale_ratio(scale, "input_scale / (output_scale * width)");
  if (status != qnnp_status_success) return status;
  const size_t channels = op->group_input_channels;
  // Rows of the setup are images: width pixels of input_stride bytes each.
  status = q8nn::setup_rows(op, OperatorType::global_average_pooling, channels, batch_size, input,
                            input_stride, output, output_stride);
  if (status == qnnp_status_success && batch_size != 0) {
    op->is_setup = false;
    status = q8nn::check_tensor(input, "input", q8nn::CheckedSize(batch_size) * width, input_stride,
                                "input_stride", channels);
    op->is_setup = status == qnnp_status_success;
  }
  if (status != qnnp_status_success) return status;
  op->input_width = width;
  q8nn_init_avgpool_params(&op->avgpool_params, -int32_t(width) * int32_t{q.input_zero_point},
                           scale, q.output_zero_point, q.output_min, q.output_max);
  return qnnp_status_success;
}

}  // extern "C"
