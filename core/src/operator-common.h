// Helpers shared by the operator implementations (create / setup / run).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "q8nn/operator.h"
#include "qnnpack.h"

namespace q8nn {

// No flag is defined yet: any bit set is rejected so that future flags cannot
// be silently ignored by an older library.
constexpr uint32_t kSupportedFlags = 0;

inline bool is_valid_scale(float scale) {
  return std::isfinite(scale) && scale > 0.0f;
}

// Largest ratio of scales the fp32 rule accepts: beyond it every non-zero
// input saturates, and larger values could overflow float products to inf.
constexpr float kMaxScaleRatio = 16777216.0f;  // 2^24

inline bool is_supported_scale_ratio(float ratio) {
  return std::isfinite(ratio) && ratio > 0.0f && ratio < kMaxScaleRatio;
}

// The int32 accumulator cannot overflow for uint8 data when a dot product has
// at most this many terms: 33025 * 255 * 255 < 2^31.
constexpr size_t kMaxDotProductLength = 33025;

// Likewise for a sum of uint8 values (pooling): 8421504 * 255 < 2^31.
constexpr size_t kMaxSumLength = 8421504;

// Checks what every create function checks first and allocates the operator.
// On success `op` holds a new operator of `type` bound to the active kernels.
qnnp_status create_operator(OperatorType type, uint32_t flags, qnnp_operator_t* out,
                            std::unique_ptr<qnnp_operator>& op);

// Validates the output quantization shared by most operators.
qnnp_status check_output_quantization(float output_scale, uint8_t output_min, uint8_t output_max);

// Validates input and output quantization.
qnnp_status check_quantization(const Quantization& quantization);

// First checks of a setup: library initialized, operator non-null and of the
// expected type. Marks the operator as not set up until setup succeeds.
qnnp_status begin_setup(qnnp_operator_t op, OperatorType type);

// Records a successful setup of an NC (rows of `channels`) operator.
qnnp_status setup_rows(qnnp_operator_t op, OperatorType type, size_t channels, size_t batch_size,
                       const uint8_t* input, size_t input_stride, uint8_t* output,
                       size_t output_stride);

// Fills the operator's zero row with `value` (channels bytes plus slack).
bool allocate_zero_row(qnnp_operator_t op, size_t channels, uint8_t value);

// Output size of a sliding window along one dimension, or 0 when the window
// does not fit in the padded input.
size_t window_output_size(size_t input, uint32_t padding_before, uint32_t padding_after,
                          uint32_t window, uint32_t dilation, uint32_t stride);

// (Re)builds the indirection buffer of a convolution, deconvolution or
// pooling operator for its current input shape, unless the one it has fits.
// Pointers are grouped in tiles of `tile` output pixels (see ukernels.h).
qnnp_status update_indirection(qnnp_operator_t op, size_t tile);

// Setup shared by the operators that slide a window over an NHWC image
// (convolution, deconvolution, average and max pooling): validates, computes
// the output size and updates the indirection buffer.
qnnp_status setup_window_operator(qnnp_operator_t op, OperatorType type, size_t batch_size,
                                  size_t input_height, size_t input_width, const uint8_t* input,
                                  size_t input_pixel_stride, uint8_t* output,
                                  size_t output_pixel_stride);

// im2col path: writes the rows of output pixels [first_pixel, first_pixel +
// count) of image `image` (one output row of the same image or more) into
// op->im2col: each pixel's taps in kernel order, input zero point for padding.
void im2col_rows(const qnnp_operator* op, size_t image, size_t first_pixel, size_t count);

}  // namespace q8nn
