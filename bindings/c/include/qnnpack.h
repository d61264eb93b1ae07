/* QNNPACK-compatible public API of q8nn.
 *
 * Source-compatible with QNNPACK's qnnpack.h: a program written for QNNPACK
 * compiles and runs unchanged against q8nn. Extensions live in q8nn.h. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pthreadpool.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Limits every operator enforces (q8nn; QNNPACK checked fewer). A call that
 * rejects its arguments returns a status and leaves the reason, naming the
 * parameter, its value and the limit, in q8nn_last_error() (q8nn.h).
 *
 * - Scales are finite and positive (invalid_parameter); output_min <=
 *   output_max; flags are 0 (no flag is defined).
 * - Requantization scales, e.g. (input_scale * kernel_scale) / output_scale,
 *   must lie in (0, 2^24) as floats (unsupported_parameter).
 * - Sizes: every product of sizes (channels, batch x height x width, pixels x
 *   stride, taps x pixels) is computed with overflow checks. A tensor, from
 *   its first byte to the last byte of its last row, spans at most 2^47 bytes
 *   on 64-bit hosts and PTRDIFF_MAX bytes on 32-bit ones (WebAssembly), and
 *   must not wrap around the address space (invalid_parameter). A buffer an
 *   operator allocates for itself (packed weights, indirection buffer, im2col
 *   rows, tables) is at most q8nn_allocation_limit() bytes (out_of_memory).
 * - Setup with batch_size 0 accepts NULL tensors and, for the window
 *   operators, a window wider than the input; run then does nothing.
 * - Strides (in elements) are at least the channels they cover.
 *
 * Per operator, below. */
enum qnnp_status {
  qnnp_status_success = 0,
  qnnp_status_uninitialized = 1,
  qnnp_status_invalid_parameter = 2,
  qnnp_status_unsupported_parameter = 3,
  qnnp_status_unsupported_hardware = 4,
  qnnp_status_out_of_memory = 5,
};

typedef struct qnnp_operator* qnnp_operator_t;

enum qnnp_status qnnp_initialize(void);
enum qnnp_status qnnp_deinitialize(void);

/* Convolution (and deconvolution, fully connected below): kernel, stride
 * ("subsampling") and dilation sizes, groups and channels are positive;
 * kernel_height * kernel_width * group_input_channels <= 33025 (a longer dot
 * product of uint8 values could overflow the int32 accumulator); groups *
 * channels and the number of kernel weights at most 2^47 (2^31 - 1 in
 * WebAssembly); |bias[c]| + taps * channels * max|x - input_zero_point| *
 * max|w - kernel_zero_point| <= 2^31 - 1 for every output channel c
 * (unsupported_parameter otherwise: the accumulator could overflow). Setup:
 * the padded input is at least the dilated kernel in both dimensions. */
enum qnnp_status qnnp_create_convolution2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t kernel_height, uint32_t kernel_width,
    uint32_t subsampling_height, uint32_t subsampling_width, uint32_t dilation_height,
    uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
    size_t group_output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* convolution);

enum qnnp_status qnnp_setup_convolution2d_nhwc_q8(qnnp_operator_t convolution, size_t batch_size,
                                                  size_t input_height, size_t input_width,
                                                  const uint8_t* input, size_t input_pixel_stride,
                                                  uint8_t* output, size_t output_pixel_stride,
                                                  pthreadpool_t threadpool);

/* Deconvolution: as convolution; each adjustment is smaller than the stride
 * or the dilation of its dimension; the output, (input - 1) * stride +
 * adjustment + dilated kernel - padding, must be positive and fit size_t. */
enum qnnp_status qnnp_create_deconvolution2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t adjustment_height, uint32_t adjustment_width,
    uint32_t kernel_height, uint32_t kernel_width, uint32_t stride_height, uint32_t stride_width,
    uint32_t dilation_height, uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
    size_t group_output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* deconvolution);

enum qnnp_status qnnp_setup_deconvolution2d_nhwc_q8(qnnp_operator_t deconvolution,
                                                    size_t batch_size, size_t input_height,
                                                    size_t input_width, const uint8_t* input,
                                                    size_t input_pixel_stride, uint8_t* output,
                                                    size_t output_pixel_stride,
                                                    pthreadpool_t threadpool);

/* Fully connected: as a 1x1 convolution; input_channels <= 33025. */
enum qnnp_status qnnp_create_fully_connected_nc_q8(
    size_t input_channels, size_t output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* fully_connected);

enum qnnp_status qnnp_setup_fully_connected_nc_q8(qnnp_operator_t fully_connected,
                                                  size_t batch_size, const uint8_t* input,
                                                  size_t input_stride, uint8_t* output,
                                                  size_t output_stride);

/* Global average pooling: setup's width <= 8421504 (the sum of uint8
 * values stays in int32) and input_scale / (output_scale * width) in
 * (0, 2^24). */
enum qnnp_status qnnp_create_global_average_pooling_nwc_q8(
    size_t channels, uint8_t input_zero_point, float input_scale, uint8_t output_zero_point,
    float output_scale, uint8_t output_min, uint8_t output_max, uint32_t flags,
    qnnp_operator_t* global_average_pooling);

enum qnnp_status qnnp_setup_global_average_pooling_nwc_q8(qnnp_operator_t global_average_pooling,
                                                          size_t batch_size, size_t width,
                                                          const uint8_t* input, size_t input_stride,
                                                          uint8_t* output, size_t output_stride);

/* Average pooling: pooling_height * pooling_width <= 8421504; input_scale /
 * (output_scale * pooling size) in (0, 2^24); the window must fit the padded
 * input at setup. */
enum qnnp_status qnnp_create_average_pooling2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t pooling_height, uint32_t pooling_width,
    uint32_t stride_height, uint32_t stride_width, size_t channels, uint8_t input_zero_point,
    float input_scale, uint8_t output_zero_point, float output_scale, uint8_t output_min,
    uint8_t output_max, uint32_t flags, qnnp_operator_t* average_pooling);

enum qnnp_status qnnp_setup_average_pooling2d_nhwc_q8(qnnp_operator_t average_pooling,
                                                      size_t batch_size, size_t input_height,
                                                      size_t input_width, const uint8_t* input,
                                                      size_t input_pixel_stride, uint8_t* output,
                                                      size_t output_pixel_stride,
                                                      pthreadpool_t threadpool);

/* Max pooling: the dilated window must fit the padded input at setup. */
enum qnnp_status qnnp_create_max_pooling2d_nhwc_u8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t pooling_height, uint32_t pooling_width,
    uint32_t stride_height, uint32_t stride_width, uint32_t dilation_height,
    uint32_t dilation_width, size_t channels, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* max_pooling);

enum qnnp_status qnnp_setup_max_pooling2d_nhwc_u8(qnnp_operator_t max_pooling, size_t batch_size,
                                                  size_t input_height, size_t input_width,
                                                  const uint8_t* input, size_t input_pixel_stride,
                                                  uint8_t* output, size_t output_pixel_stride,
                                                  pthreadpool_t threadpool);

/* Channel shuffle: 2 <= groups <= 2^32 - 1, group_channels >= 1, groups *
 * group_channels at most 2^47 (2^31 - 1 in WebAssembly). */
enum qnnp_status qnnp_create_channel_shuffle_nc_x8(size_t groups, size_t group_channels,
                                                   uint32_t flags,
                                                   qnnp_operator_t* channel_shuffle);

enum qnnp_status qnnp_setup_channel_shuffle_nc_x8(qnnp_operator_t channel_shuffle,
                                                  size_t batch_size, const uint8_t* input,
                                                  size_t input_stride, uint8_t* output,
                                                  size_t output_stride);

/* Add: a_scale / sum_scale and b_scale / sum_scale in (0, 2^24). */
enum qnnp_status qnnp_create_add_nc_q8(size_t channels, uint8_t a_zero_point, float a_scale,
                                       uint8_t b_zero_point, float b_scale, uint8_t sum_zero_point,
                                       float sum_scale, uint8_t sum_min, uint8_t sum_max,
                                       uint32_t flags, qnnp_operator_t* add);

enum qnnp_status qnnp_setup_add_nc_q8(qnnp_operator_t add, size_t batch_size, const uint8_t* a,
                                      size_t a_stride, const uint8_t* b, size_t b_stride,
                                      uint8_t* sum, size_t sum_stride);

enum qnnp_status qnnp_create_clamp_nc_u8(size_t channels, uint8_t output_min, uint8_t output_max,
                                         uint32_t flags, qnnp_operator_t* clamp);

enum qnnp_status qnnp_setup_clamp_nc_u8(qnnp_operator_t clamp, size_t batch_size,
                                        const uint8_t* input, size_t input_stride, uint8_t* output,
                                        size_t output_stride);

enum qnnp_status qnnp_create_sigmoid_nc_q8(size_t channels, uint8_t input_zero_point,
                                           float input_scale, uint8_t output_zero_point,
                                           float output_scale, uint8_t output_min,
                                           uint8_t output_max, uint32_t flags,
                                           qnnp_operator_t* sigmoid);

enum qnnp_status qnnp_setup_sigmoid_nc_q8(qnnp_operator_t sigmoid, size_t batch_size,
                                          const uint8_t* input, size_t input_stride,
                                          uint8_t* output, size_t output_stride);

/* Leaky ReLU: negative_slope finite and positive. */
enum qnnp_status qnnp_create_leaky_relu_nc_q8(size_t channels, float negative_slope,
                                              uint8_t input_zero_point, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint8_t output_min, uint8_t output_max,
                                              uint32_t flags, qnnp_operator_t* leaky_relu);

enum qnnp_status qnnp_setup_leaky_relu_nc_q8(qnnp_operator_t leaky_relu, size_t batch_size,
                                             const uint8_t* input, size_t input_stride,
                                             uint8_t* output, size_t output_stride);

/* Softargmax: output_scale 1/256 and output_zero_point 0 only; channels
 * <= 2^32 - 1. */
enum qnnp_status qnnp_create_softargmax_nc_q8(size_t channels, float input_scale,
                                              uint8_t output_zero_point, float output_scale,
                                              uint32_t flags, qnnp_operator_t* softargmax);

enum qnnp_status qnnp_setup_softargmax_nc_q8(qnnp_operator_t softargmax, size_t batch_size,
                                             const uint8_t* input, size_t input_stride,
                                             uint8_t* output, size_t output_stride);

enum qnnp_status qnnp_run_operator(qnnp_operator_t op, pthreadpool_t threadpool);

enum qnnp_status qnnp_delete_operator(qnnp_operator_t op);

#ifdef __cplusplus
}  // extern "C"
#endif
