// Helpers shared by the operator implementations (create / setup / run).
// Every check here that rejects records its reason with fail() (error.h).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "error.h"
#include "q8nn/checked-size.h"
#include "q8nn/operator.h"
#include "qnnpack.h"

namespace q8nn {

// No flag is defined yet: any bit set is rejected so that future flags cannot
// be silently ignored by an older library.
constexpr uint32_t kSupportedFlags = 0;

// Largest ratio of scales the fp32 rule accepts: beyond it every non-zero
// input saturates, and larger values could overflow float products to inf.
constexpr float kMaxScaleRatio = 16777216.0f;  // 2^24

// The int32 accumulator cannot overflow for uint8 data when a dot product has
// at most this many terms: 33025 * 255 * 255 < 2^31.
constexpr size_t kMaxDotProductLength = 33025;

// Likewise for a sum of uint8 values (pooling): 8421504 * 255 < 2^31.
constexpr size_t kMaxSumLength = 8421504;

// A name for messages: "convolution", "max_pooling", ...
const char* operator_type_name(OperatorType type);

// Checks what every create function checks first and allocates the operator.
// On success `op` holds a new operator of `type` bound to the active kernels.
qnnp_status create_operator(OperatorType type, uint32_t flags, qnnp_operator_t* out,
                            std::unique_ptr<qnnp_operator>& op);

// A quantization scale: finite and positive.
qnnp_status check_scale(float scale, const char* name);

// A requantization scale (a ratio of scales, named by `what`) the fp32 rule supports.
qnnp_status check_scale_ratio(float ratio, const char* what);

// An output range: `min` (named min_name) at most `max` (max_name).
qnnp_status check_output_range(uint8_t min, uint8_t max, const char* min_name = "output_min",
                               const char* max_name = "output_max");

// Validates the output quantization shared by most operators.
qnnp_status check_output_quantization(float output_scale, uint8_t output_min, uint8_t output_max);

// Validates input and output quantization.
qnnp_status check_quantization(const Quantization& quantization);

// A window's kernel, stride and dilation are positive and its taps countable.
// `kernel` and `stride` name them as the C function does ("kernel" or
// "pooling", "subsampling" or "stride").
qnnp_status check_window(const Window& window, const char* kernel, const char* stride);

// A count of channels (or a product of them) that tensors and buffers can hold.
qnnp_status check_channels(CheckedSize channels, const char* what);

// First checks of a setup: library initialized, operator non-null and of the
// expected type. Marks the operator as not set up until setup succeeds.
qnnp_status begin_setup(qnnp_operator_t op, OperatorType type);

// A tensor of `rows` rows (pixels) of `row_bytes` bytes, `stride` bytes apart,
// at `data`: its span must fit in kMaxBytes and not wrap the address space.
// `name` is the C parameter of the data, `stride_name` that of the stride.
qnnp_status check_tensor(const void* data, const char* name, CheckedSize rows, size_t stride,
                         const char* stride_name, size_t row_bytes);

// Records a successful setup of an NC (rows of `channels`) operator.
// `input` / `output` name the C parameters ("input", or "a" and "sum" for add).
qnnp_status setup_rows(qnnp_operator_t op, OperatorType type, size_t channels, size_t batch_size,
                       const uint8_t* input, size_t input_stride, uint8_t* output,
                       size_t output_stride, const char* input_name = "input",
                       const char* output_name = "output");

// Fills the operator's zero row with `value` (channels bytes plus slack).
qnnp_status allocate_zero_row(qnnp_operator_t op, size_t channels, uint8_t value);

// Output size of a convolution, deconvolution or pooling window over an
// input of input_height x input_width, with checked arithmetic; rejects (with
// a message) an input the window does not fit.
qnnp_status window_output_size(const qnnp_operator* op, size_t input_height, size_t input_width,
                               size_t* output_height, size_t* output_width);

// (Re)builds the indirection buffer of a convolution, deconvolution or
// pooling operator for its current input shape, unless the one it has fits.
// Pointers are grouped in tiles of `tile` output pixels (see ukernels.h).
qnnp_status update_indirection(qnnp_operator_t op, size_t tile);

// Setup shared by the operators that slide a window over an NHWC image
// (convolution, deconvolution, average and max pooling, and fully connected
// as a 1x1 image): validates, computes the output size and updates the
// indirection buffer. `input_stride_name` / `output_stride_name` are the C
// parameters of the strides.
qnnp_status setup_window_operator(qnnp_operator_t op, OperatorType type, size_t batch_size,
                                  size_t input_height, size_t input_width, const uint8_t* input,
                                  size_t input_pixel_stride, uint8_t* output,
                                  size_t output_pixel_stride,
                                  const char* input_stride_name = "input_pixel_stride",
                                  const char* output_stride_name = "output_pixel_stride");

// im2col path: writes the rows of output pixels [first_pixel, first_pixel +
// count) of image `image` (one output row of the same image or more) into
// op->im2col: each pixel's taps in kernel order, input zero point for padding.
void im2col_rows(const qnnp_operator* op, size_t image, size_t first_pixel, size_t count);

}  // namespace q8nn
