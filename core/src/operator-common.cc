#include "operator-common.h"

#include <cstdint>
#include <cstring>
#include <new>

#include "q8nn/config.h"
#include "q8nn/math.h"

namespace q8nn {

bool AlignedBuffer::allocate(size_t size) {
  void* memory = nullptr;
  // 64-byte alignment serves every vector width up to AVX-512.
  if (posix_memalign(&memory, 64, round_up(size + Q8NN_EXTRA_BYTES, 64)) != 0) return false;
  std::memset(memory, 0, round_up(size + Q8NN_EXTRA_BYTES, 64));
  data_.reset(memory);
  size_ = size;
  return true;
}

qnnp_status create_operator(OperatorType type, uint32_t flags, qnnp_operator_t* out,
                            std::unique_ptr<qnnp_operator>& op) {
  const q8nn_config* config = q8nn_active_config();
  if (config == nullptr) return qnnp_status_uninitialized;
  if (out == nullptr) return qnnp_status_invalid_parameter;
  *out = nullptr;
  if ((flags & ~kSupportedFlags) != 0) return qnnp_status_invalid_parameter;
  op.reset(new (std::nothrow) qnnp_operator());
  if (op == nullptr) return qnnp_status_out_of_memory;
  op->type = type;
  op->config = config;
  return qnnp_status_success;
}

qnnp_status check_output_quantization(float output_scale, uint8_t output_min, uint8_t output_max) {
  if (!is_valid_scale(output_scale) || output_min > output_max) {
    return qnnp_status_invalid_parameter;
  }
  return qnnp_status_success;
}

qnnp_status check_quantization(const Quantization& q) {
  if (!is_valid_scale(q.input_scale)) return qnnp_status_invalid_parameter;
  return check_output_quantization(q.output_scale, q.output_min, q.output_max);
}

qnnp_status begin_setup(qnnp_operator_t op, OperatorType type) {
  if (q8nn_active_config() == nullptr) return qnnp_status_uninitialized;
  if (op == nullptr || op->type != type) return qnnp_status_invalid_parameter;
  op->is_setup = false;
  return qnnp_status_success;
}

qnnp_status setup_rows(qnnp_operator_t op, OperatorType type, size_t channels, size_t batch_size,
                       const uint8_t* input, size_t input_stride, uint8_t* output,
                       size_t output_stride) {
  const qnnp_status status = begin_setup(op, type);
  if (status != qnnp_status_success) return status;
  if (input_stride < channels || output_stride < channels) return qnnp_status_invalid_parameter;
  if (batch_size != 0 && (input == nullptr || output == nullptr)) {
    return qnnp_status_invalid_parameter;
  }
  op->batch_size = batch_size;
  op->input = input;
  op->input_stride = input_stride;
  op->output = output;
  op->output_stride = output_stride;
  op->is_setup = true;
  return qnnp_status_success;
}

bool allocate_zero_row(qnnp_operator_t op, size_t channels, uint8_t value) {
  if (!op->zero.allocate(channels)) return false;
  std::memset(op->zero.data(), value, channels + Q8NN_EXTRA_BYTES);
  return true;
}

size_t window_output_size(size_t input, uint32_t padding_before, uint32_t padding_after,
                          uint32_t window, uint32_t dilation, uint32_t stride) {
  const size_t padded = input + padding_before + padding_after;
  const size_t effective = (size_t{window} - 1) * dilation + 1;
  return padded < effective ? 0 : (padded - effective) / stride + 1;
}

namespace {

// Fills op->indirection: source(oy, ox, ky, kx, &iy, &ix) says which input
// pixel a tap reads, or returns false for padding (the zero row).
template <typename Source>
void fill_indirection(qnnp_operator_t op, size_t tile, const uint8_t* input, Source source) {
  const size_t taps = op->window.taps();
  const size_t output_pixels = op->output_height * op->output_width;
  const size_t padded_pixels = round_up(output_pixels, tile);
  const auto* zero = static_cast<const uint8_t*>(op->zero.data());
  const uint8_t** entry = op->indirection.data();
  for (size_t pixel = 0; pixel < padded_pixels; pixel++) {
    // Pixels past the end of the last tile repeat the last pixel.
    const size_t source_pixel = min(pixel, output_pixels - 1);
    const size_t oy = source_pixel / op->output_width;
    const size_t ox = source_pixel % op->output_width;
    const size_t tile_base = (pixel / tile) * taps * tile + pixel % tile;
    for (size_t ky = 0; ky < op->window.kernel_height; ky++) {
      for (size_t kx = 0; kx < op->window.kernel_width; kx++) {
        size_t iy, ix;
        const uint8_t* row = zero;
        if (source(oy, ox, ky, kx, &iy, &ix)) {
          row = input + (iy * op->input_width + ix) * op->input_stride;
        }
        entry[tile_base + (ky * op->window.kernel_width + kx) * tile] = row;
      }
    }
  }
}

// Depthwise convolution: taps in column-major order (kx major, ky minor: the
// order its weights are packed in, see convolution.cc). With dilation_width 1
// the pointers of each output row are the kernel_height rows of its input
// columns, column after column, and pixel ox starts at column ox *
// stride_width: neighbours share columns (kernel_width / stride_width of them),
// so the buffer is up to kernel_width times smaller and the kernels can see
// shared columns. Otherwise each pixel has its own taps.
void fill_depthwise_indirection(qnnp_operator_t op, const uint8_t* input) {
  const Window& w = op->window;
  const auto* zero = static_cast<const uint8_t*>(op->zero.data());
  const size_t ih = op->input_height, iw = op->input_width, ow = op->output_width;
  const size_t kh = w.kernel_height;
  const auto row = [&](size_t oy, size_t ky, size_t ix) {
    // Unsigned wrap-around makes rows and columns outside the input fail.
    const size_t iy = oy * w.stride_height + ky * w.dilation_height - w.padding_top;
    return iy < ih && ix < iw ? input + (iy * iw + ix) * op->input_stride : zero;
  };
  const uint8_t** entry = op->indirection.data();
  for (size_t oy = 0; oy < op->output_height; oy++) {
    if (w.dilation_width == 1) {
      const size_t columns = (ow - 1) * w.stride_width + w.kernel_width;
      for (size_t column = 0; column < columns; column++) {
        for (size_t ky = 0; ky < kh; ky++) *entry++ = row(oy, ky, column - w.padding_left);
      }
    } else {
      for (size_t ox = 0; ox < ow; ox++) {
        for (size_t kx = 0; kx < w.kernel_width; kx++) {
          const size_t ix = ox * w.stride_width + kx * w.dilation_width - w.padding_left;
          for (size_t ky = 0; ky < kh; ky++) *entry++ = row(oy, ky, ix);
        }
      }
    }
  }
}

}  // namespace

qnnp_status update_indirection(qnnp_operator_t op, size_t tile) {
  IndirectionKey key;
  key.input_height = op->input_height;
  key.input_width = op->input_width;
  key.input_pixel_stride = op->input_stride;
  key.valid = true;
  if (key == op->indirection_key) return qnnp_status_success;

  op->indirection_key = IndirectionKey{};
  const size_t taps = op->window.taps();
  const bool depthwise =
      op->path == ConvolutionPath::dwconv_up || op->path == ConvolutionPath::dwconv_mp;
  op->indirection_pixel_step = taps;
  op->indirection_row_step = op->output_width * taps;
  if (depthwise && op->window.dilation_width == 1) {
    op->indirection_pixel_step = op->window.stride_width * op->window.kernel_height;
    op->indirection_row_step =
        ((op->output_width - 1) * op->window.stride_width + op->window.kernel_width) *
        op->window.kernel_height;
  }
  const size_t entries = depthwise ? op->output_height * op->indirection_row_step
                                   : round_up(op->output_height * op->output_width, tile) * taps;
  try {
    op->indirection.resize(entries);
  } catch (const std::bad_alloc&) {
    return qnnp_status_out_of_memory;
  }
  const uint8_t* input = op->input;
  const size_t ih = op->input_height, iw = op->input_width;
  if (depthwise) {
    fill_depthwise_indirection(op, input);
  } else if (op->type == OperatorType::deconvolution) {
    // Output pixel oy takes tap ky from input row (oy + padding - ky * dilation) / stride
    // when that divides exactly and falls inside the input.
    fill_indirection(
        op, tile, input,
        [op, ih, iw](size_t oy, size_t ox, size_t ky, size_t kx, size_t* iy, size_t* ix) {
          const size_t y = oy + op->window.padding_top - ky * op->window.dilation_height;
          const size_t x = ox + op->window.padding_left - kx * op->window.dilation_width;
          // Wrapped (negative) values fail the range checks.
          if (y % op->window.stride_height != 0 || x % op->window.stride_width != 0) return false;
          *iy = y / op->window.stride_height;
          *ix = x / op->window.stride_width;
          return oy + op->window.padding_top >= ky * op->window.dilation_height &&
                 ox + op->window.padding_left >= kx * op->window.dilation_width && *iy < ih &&
                 *ix < iw;
        });
  } else {
    fill_indirection(
        op, tile, input,
        [op, ih, iw](size_t oy, size_t ox, size_t ky, size_t kx, size_t* iy, size_t* ix) {
          // Unsigned wrap-around makes rows above the input fail `< ih`.
          *iy = oy * op->window.stride_height + ky * op->window.dilation_height -
                op->window.padding_top;
          *ix = ox * op->window.stride_width + kx * op->window.dilation_width -
                op->window.padding_left;
          return *iy < ih && *ix < iw;
        });
  }
  op->indirection_input = input;
  op->indirection_key = key;
  op->indirection_builds++;
  return qnnp_status_success;
}

qnnp_status setup_window_operator(qnnp_operator_t op, OperatorType type, size_t batch_size,
                                  size_t input_height, size_t input_width, const uint8_t* input,
                                  size_t input_pixel_stride, uint8_t* output,
                                  size_t output_pixel_stride) {
  const qnnp_status status = begin_setup(op, type);
  if (status != qnnp_status_success) return status;
  if (input_height == 0 || input_width == 0 ||
      input_pixel_stride < op->groups * op->group_input_channels ||
      output_pixel_stride < op->groups * op->group_output_channels) {
    return qnnp_status_invalid_parameter;
  }
  size_t output_height, output_width;
  if (type == OperatorType::deconvolution) {
    const size_t full_height =
        (input_height - 1) * op->window.stride_height + op->window.adjustment_height +
        size_t{op->window.kernel_height - 1} * op->window.dilation_height + 1;
    const size_t full_width = (input_width - 1) * op->window.stride_width +
                              op->window.adjustment_width +
                              size_t{op->window.kernel_width - 1} * op->window.dilation_width + 1;
    const size_t padding_height = size_t{op->window.padding_top} + op->window.padding_bottom;
    const size_t padding_width = size_t{op->window.padding_left} + op->window.padding_right;
    output_height = full_height > padding_height ? full_height - padding_height : 0;
    output_width = full_width > padding_width ? full_width - padding_width : 0;
  } else {
    output_height = window_output_size(input_height, op->window.padding_top,
                                       op->window.padding_bottom, op->window.kernel_height,
                                       op->window.dilation_height, op->window.stride_height);
    output_width = window_output_size(input_width, op->window.padding_left,
                                      op->window.padding_right, op->window.kernel_width,
                                      op->window.dilation_width, op->window.stride_width);
  }
  if (output_height == 0 || output_width == 0) return qnnp_status_invalid_parameter;
  if (batch_size != 0 && (input == nullptr || output == nullptr)) {
    return qnnp_status_invalid_parameter;
  }

  op->batch_size = batch_size;
  op->input_height = input_height;
  op->input_width = input_width;
  op->output_height = output_height;
  op->output_width = output_width;
  op->input = input;
  op->input_stride = input_pixel_stride;
  op->output = output;
  op->output_stride = output_pixel_stride;
  const bool convolution = type == OperatorType::convolution ||
                           type == OperatorType::deconvolution ||
                           type == OperatorType::fully_connected;
  if (batch_size != 0 && convolution && op->path == ConvolutionPath::im2col) {
    // Rows 4-byte aligned for the kernels' 32-bit loads.
    op->im2col_stride = round_up(op->window.taps() * op->group_input_channels, 4);
    const size_t rows = batch_size * output_height * output_width;
    if (op->im2col_stride > SIZE_MAX / rows) return qnnp_status_out_of_memory;
    if (op->im2col.size() < rows * op->im2col_stride &&
        !op->im2col.allocate(rows * op->im2col_stride)) {
      return qnnp_status_out_of_memory;
    }
  } else if (batch_size != 0 && !(convolution && op->path == ConvolutionPath::gemm)) {
    // igemm reads pointers in tiles of MR pixels; every other kernel pixel by pixel.
    const size_t tile = convolution && op->path == ConvolutionPath::igemm ? op->gemm.mr : 1;
    const qnnp_status indirection_status = update_indirection(op, tile);
    if (indirection_status != qnnp_status_success) return indirection_status;
  }
  op->is_setup = true;
  return qnnp_status_success;
}

}  // namespace q8nn
