#include "operator-common.h"

#include <atomic>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>

#include "q8nn.h"
#include "q8nn/config.h"
#include "q8nn/math.h"

namespace q8nn {

namespace {

std::atomic<size_t> g_allocation_limit{kMaxBytes};

}  // namespace

qnnp_status AlignedBuffer::allocate(CheckedSize size, const char* what) {
  data_.reset();
  size_ = 0;
  const size_t limit = g_allocation_limit.load(std::memory_order_relaxed);
  if (!size.fits(limit)) {
    if (!size.valid()) {
      return fail(qnnp_status_out_of_memory, "the %s would need more than SIZE_MAX bytes", what);
    }
    return fail(qnnp_status_out_of_memory,
                "the %s would need %zu bytes, over the allocation limit of %zu bytes "
                "(q8nn_set_allocation_limit)",
                what, size.value(), limit);
  }
  // 64-byte alignment serves every vector width up to AVX-512. No overflow:
  // size <= kMaxBytes, far below SIZE_MAX - 127.
  const size_t bytes = round_up(size.value() + Q8NN_EXTRA_BYTES, 64);
  void* memory = nullptr;
  if (posix_memalign(&memory, 64, bytes) != 0) {
    return fail(qnnp_status_out_of_memory, "out of memory allocating %zu bytes for the %s", bytes,
                what);
  }
  std::memset(memory, 0, bytes);
  data_.reset(memory);
  size_ = size.value();
  return qnnp_status_success;
}

const char* operator_type_name(OperatorType type) {
  switch (type) {
    case OperatorType::convolution:
      return "convolution";
    case OperatorType::deconvolution:
      return "deconvolution";
    case OperatorType::fully_connected:
      return "fully_connected";
    case OperatorType::add:
      return "add";
    case OperatorType::average_pooling:
      return "average_pooling";
    case OperatorType::global_average_pooling:
      return "global_average_pooling";
    case OperatorType::max_pooling:
      return "max_pooling";
    case OperatorType::channel_shuffle:
      return "channel_shuffle";
    case OperatorType::clamp:
      return "clamp";
    case OperatorType::sigmoid:
      return "sigmoid";
    case OperatorType::leaky_relu:
      return "leaky_relu";
    case OperatorType::softargmax:
      return "softargmax";
  }
  return "unknown";
}

qnnp_status create_operator(OperatorType type, uint32_t flags, qnnp_operator_t* out,
                            std::unique_ptr<qnnp_operator>& op) {
  const q8nn_config* config = q8nn_active_config();
  if (config == nullptr) {
    return fail(qnnp_status_uninitialized, "the library is not initialized (call qnnp_initialize)");
  }
  if (out == nullptr) return fail(qnnp_status_invalid_parameter, "the operator pointer is NULL");
  *out = nullptr;
  if ((flags & ~kSupportedFlags) != 0) {
    return fail(qnnp_status_invalid_parameter, "flags = 0x%" PRIx32 ": no flag is defined", flags);
  }
  op.reset(new (std::nothrow) qnnp_operator());
  if (op == nullptr) return fail(qnnp_status_out_of_memory, "out of memory for the operator");
  op->type = type;
  op->config = config;
  return qnnp_status_success;
}

qnnp_status check_scale(float scale, const char* name) {
  if (!(std::isfinite(scale) && scale > 0.0f)) {
    return fail(qnnp_status_invalid_parameter, "%s = %g: must be finite and positive", name,
                double{scale});
  }
  return qnnp_status_success;
}

qnnp_status check_scale_ratio(float ratio, const char* what) {
  if (!(std::isfinite(ratio) && ratio > 0.0f && ratio < kMaxScaleRatio)) {
    return fail(qnnp_status_unsupported_parameter,
                "%s = %g: the requantization scale must be in (0, 2^24) (and not round to 0)", what,
                double{ratio});
  }
  return qnnp_status_success;
}

qnnp_status check_output_range(uint8_t min, uint8_t max, const char* min_name,
                               const char* max_name) {
  if (min > max) {
    return fail(qnnp_status_invalid_parameter, "%s = %u exceeds %s = %u", min_name, unsigned{min},
                max_name, unsigned{max});
  }
  return qnnp_status_success;
}

qnnp_status check_output_quantization(float output_scale, uint8_t output_min, uint8_t output_max) {
  const qnnp_status status = check_scale(output_scale, "output_scale");
  if (status != qnnp_status_success) return status;
  return check_output_range(output_min, output_max);
}

qnnp_status check_quantization(const Quantization& q) {
  const qnnp_status status = check_scale(q.input_scale, "input_scale");
  if (status != qnnp_status_success) return status;
  return check_output_quantization(q.output_scale, q.output_min, q.output_max);
}

qnnp_status check_window(const Window& w, const char* kernel, const char* stride) {
  const struct {
    uint32_t value;
    const char* name;
    const char* dimension;
  } sizes[] = {{w.kernel_height, kernel, "height"},       {w.kernel_width, kernel, "width"},
               {w.stride_height, stride, "height"},       {w.stride_width, stride, "width"},
               {w.dilation_height, "dilation", "height"}, {w.dilation_width, "dilation", "width"}};
  for (const auto& size : sizes) {
    if (size.value == 0) {
      return fail(qnnp_status_invalid_parameter, "%s_%s = 0: must be positive", size.name,
                  size.dimension);
    }
  }
  // Each tap takes a pointer in the indirection buffer.
  if (!(CheckedSize(w.kernel_height) * w.kernel_width).fits(kMaxBytes / sizeof(void*))) {
    return fail(qnnp_status_unsupported_parameter,
                "%s_height * %s_width = %" PRIu32 " * %" PRIu32
                ": more taps than the library "
                "handles (%zu)",
                kernel, kernel, w.kernel_height, w.kernel_width, kMaxBytes / sizeof(void*));
  }
  return qnnp_status_success;
}

qnnp_status check_channels(CheckedSize channels, const char* what) {
  if (!channels.fits(kMaxBytes)) {
    return fail(qnnp_status_unsupported_parameter, "%s: more than the %zu the library handles",
                what, kMaxBytes);
  }
  return qnnp_status_success;
}

qnnp_status begin_setup(qnnp_operator_t op, OperatorType type) {
  if (q8nn_active_config() == nullptr) {
    return fail(qnnp_status_uninitialized, "the library is not initialized (call qnnp_initialize)");
  }
  if (op == nullptr) return fail(qnnp_status_invalid_parameter, "the operator is NULL");
  if (op->type != type) {
    return fail(qnnp_status_invalid_parameter, "the operator is a %s operator, not a %s operator",
                operator_type_name(op->type), operator_type_name(type));
  }
  op->is_setup = false;
  return qnnp_status_success;
}

qnnp_status check_tensor(const void* data, const char* name, CheckedSize rows, size_t stride,
                         const char* stride_name, size_t row_bytes) {
  if (data == nullptr) return fail(qnnp_status_invalid_parameter, "%s is NULL", name);
  if (stride > kMaxBytes) {
    return fail(qnnp_status_invalid_parameter,
                "%s = %zu: more than the %zu bytes a tensor may span", stride_name, stride,
                kMaxBytes);
  }
  const CheckedSize span = span_bytes(rows, stride, row_bytes);
  if (!span.fits(kMaxBytes)) {
    if (!rows.valid()) {
      return fail(qnnp_status_invalid_parameter, "%s: its number of rows (pixels) overflows size_t",
                  name);
    }
    return fail(qnnp_status_invalid_parameter,
                "%s: %zu rows (pixels) of %zu bytes, %s = %zu bytes apart, span more than the "
                "%zu bytes a tensor may",
                name, rows.value(), row_bytes, stride_name, stride, kMaxBytes);
  }
  // Kernels may step a pointer one row past the last: that address must not
  // wrap either. No overflow: rows * stride <= span + stride <= 2 * kMaxBytes.
  const size_t reach = max(span.value(), (rows * stride).value());
  if (uintptr_t(data) > UINTPTR_MAX - reach) {
    return fail(qnnp_status_invalid_parameter,
                "%s = %p: its %zu bytes would wrap around the address space", name, data, reach);
  }
  return qnnp_status_success;
}

namespace {

// A stride (in elements) must cover a row's channels.
qnnp_status check_stride(size_t stride, const char* name, size_t channels) {
  if (stride < channels) {
    return fail(qnnp_status_invalid_parameter, "%s = %zu is less than the %zu channels", name,
                stride, channels);
  }
  return qnnp_status_success;
}

}  // namespace

qnnp_status setup_rows(qnnp_operator_t op, OperatorType type, size_t channels, size_t batch_size,
                       const uint8_t* input, size_t input_stride, uint8_t* output,
                       size_t output_stride, const char* input_name, const char* output_name) {
  qnnp_status status = begin_setup(op, type);
  if (status != qnnp_status_success) return status;
  char input_stride_name[32], output_stride_name[32];
  std::snprintf(input_stride_name, sizeof(input_stride_name), "%s_stride", input_name);
  std::snprintf(output_stride_name, sizeof(output_stride_name), "%s_stride", output_name);
  status = check_stride(input_stride, input_stride_name, channels);
  if (status == qnnp_status_success)
    status = check_stride(output_stride, output_stride_name, channels);
  if (status == qnnp_status_success && batch_size != 0) {
    status = check_tensor(input, input_name, batch_size, input_stride, input_stride_name, channels);
    if (status == qnnp_status_success) {
      status = check_tensor(output, output_name, batch_size, output_stride, output_stride_name,
                            channels);
    }
  }
  if (status != qnnp_status_success) return status;
  op->batch_size = batch_size;
  op->input = input;
  op->input_stride = input_stride;
  op->output = output;
  op->output_stride = output_stride;
  op->is_setup = true;
  return qnnp_status_success;
}

qnnp_status allocate_zero_row(qnnp_operator_t op, size_t channels, uint8_t value) {
  const qnnp_status status = op->zero.allocate(channels, "zero padding row");
  if (status != qnnp_status_success) return status;
  std::memset(op->zero.data(), value, channels + Q8NN_EXTRA_BYTES);
  return qnnp_status_success;
}

namespace {

// One dimension of a window: what output_dimension needs and names for messages.
struct Dimension {
  const char* name;  // "height" or "width"
  size_t input;
  uint32_t padding_before, padding_after, kernel, stride, dilation, adjustment;
};

qnnp_status output_dimension(bool deconvolution, const Dimension& d, size_t* output) {
  const CheckedSize dilated_kernel = CheckedSize(d.kernel - 1) * d.dilation + 1;
  const CheckedSize padding = CheckedSize(d.padding_before) + d.padding_after;
  if (deconvolution) {
    // (input - 1) * stride + adjustment + dilated kernel, less the padding.
    const CheckedSize full = (CheckedSize(d.input) - 1) * d.stride + d.adjustment + dilated_kernel;
    if (!full.valid()) {
      return fail(qnnp_status_unsupported_parameter,
                  "the output %s, (input_%s %zu - 1) * stride %" PRIu32 " + adjustment %" PRIu32
                  " + dilated kernel, overflows size_t",
                  d.name, d.name, d.input, d.stride, d.adjustment);
    }
    if (full.value() <= padding.value()) {
      return fail(qnnp_status_invalid_parameter,
                  "padding %" PRIu32 " + %" PRIu32 " removes all %zu output %s positions",
                  d.padding_before, d.padding_after, full.value(), d.name);
    }
    *output = full.value() - padding.value();
    return qnnp_status_success;
  }
  const CheckedSize padded = padding + d.input;
  if (!padded.valid() || !dilated_kernel.valid()) {
    return fail(qnnp_status_unsupported_parameter,
                "the padded input %s or the dilated kernel %s overflows size_t", d.name, d.name);
  }
  if (padded.value() < dilated_kernel.value()) {
    return fail(qnnp_status_invalid_parameter,
                "the input %s %zu with padding %" PRIu32 " + %" PRIu32
                " is smaller than the kernel's %zu (kernel %" PRIu32 ", dilation %" PRIu32 ")",
                d.name, d.input, d.padding_before, d.padding_after, dilated_kernel.value(),
                d.kernel, d.dilation);
  }
  *output = (padded.value() - dilated_kernel.value()) / d.stride + 1;
  return qnnp_status_success;
}

}  // namespace

qnnp_status window_output_size(const qnnp_operator* op, size_t input_height, size_t input_width,
                               size_t* output_height, size_t* output_width) {
  if (input_height == 0 || input_width == 0) {
    return fail(qnnp_status_invalid_parameter,
                "input_height = %zu, input_width = %zu: both must be positive", input_height,
                input_width);
  }
  const Window& w = op->window;
  const bool deconvolution = op->type == OperatorType::deconvolution;
  const qnnp_status status =
      output_dimension(deconvolution,
                       {"height", input_height, w.padding_top, w.padding_bottom, w.kernel_height,
                        w.stride_height, w.dilation_height, w.adjustment_height},
                       output_height);
  if (status != qnnp_status_success) return status;
  return output_dimension(deconvolution,
                          {"width", input_width, w.padding_left, w.padding_right, w.kernel_width,
                           w.stride_width, w.dilation_width, w.adjustment_width},
                          output_width);
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
  auto** entry = static_cast<const uint8_t**>(op->indirection.data());
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
  auto** entry = static_cast<const uint8_t**>(op->indirection.data());
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
  const Window& w = op->window;
  const size_t taps = w.taps();
  const bool depthwise =
      op->path == ConvolutionPath::dwconv_up || op->path == ConvolutionPath::dwconv_mp;
  // The output sizes and taps are bounded (the output tensor fits kMaxBytes,
  // create checked taps), but their products need not be.
  const CheckedSize output_pixels = CheckedSize(op->output_height) * op->output_width;
  CheckedSize pixel_step = taps;
  CheckedSize row_step = CheckedSize(op->output_width) * taps;
  CheckedSize entries = output_pixels * taps;
  if (depthwise) {
    if (w.dilation_width == 1) {
      pixel_step = CheckedSize(w.stride_width) * w.kernel_height;
      row_step =
          ((CheckedSize(op->output_width) - 1) * w.stride_width + w.kernel_width) * w.kernel_height;
    }
    entries = row_step * op->output_height;
  } else {
    entries = output_pixels.rounded_up(tile) * taps;  // pixels padded to whole tiles
  }
  const qnnp_status status =
      op->indirection.allocate(entries * sizeof(const uint8_t*), "indirection buffer");
  if (status != qnnp_status_success) return status;
  op->indirection_pixel_step = pixel_step.value();
  op->indirection_row_step = row_step.value();

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
                                  size_t output_pixel_stride, const char* input_stride_name,
                                  const char* output_stride_name) {
  qnnp_status status = begin_setup(op, type);
  if (status != qnnp_status_success) return status;
  const size_t input_channels = op->groups * op->group_input_channels;
  const size_t output_channels = op->groups * op->group_output_channels;
  if (input_height == 0 || input_width == 0) {
    return fail(qnnp_status_invalid_parameter,
                "input_height = %zu, input_width = %zu: both must be positive", input_height,
                input_width);
  }
  status = check_stride(input_pixel_stride, input_stride_name, input_channels);
  if (status != qnnp_status_success) return status;
  status = check_stride(output_pixel_stride, output_stride_name, output_channels);
  if (status != qnnp_status_success) return status;
  if (batch_size == 0) {
    // Nothing to compute, whatever the window (as QNNPACK).
    op->batch_size = 0;
    op->is_setup = true;
    return qnnp_status_success;
  }
  size_t output_height, output_width;
  status = window_output_size(op, input_height, input_width, &output_height, &output_width);
  if (status != qnnp_status_success) return status;
  status = check_tensor(input, "input", CheckedSize(batch_size) * input_height * input_width,
                        input_pixel_stride, input_stride_name, input_channels);
  if (status != qnnp_status_success) return status;
  const CheckedSize output_pixels = CheckedSize(batch_size) * output_height * output_width;
  status = check_tensor(output, "output", output_pixels, output_pixel_stride, output_stride_name,
                        output_channels);
  if (status != qnnp_status_success) return status;

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
  if (convolution && op->path == ConvolutionPath::im2col) {
    // Rows 4-byte aligned for the kernels' 32-bit loads. Bounded: taps *
    // channels <= kMaxDotProductLength.
    op->im2col_stride = round_up(op->window.taps() * op->group_input_channels, 4);
    const CheckedSize bytes = output_pixels * op->im2col_stride;
    if (op->im2col.size() < bytes.value() || !bytes.valid()) {
      status = op->im2col.allocate(bytes, "im2col buffer");
      if (status != qnnp_status_success) return status;
    }
  } else if (!(convolution && op->path == ConvolutionPath::gemm)) {
    // igemm reads pointers in tiles of MR pixels; every other kernel pixel by pixel.
    const size_t tile = convolution && op->path == ConvolutionPath::igemm ? op->gemm.mr : 1;
    status = update_indirection(op, tile);
    if (status != qnnp_status_success) return status;
  }
  op->is_setup = true;
  return qnnp_status_success;
}

}  // namespace q8nn

extern "C" {

void q8nn_set_allocation_limit(size_t bytes) {
  q8nn::g_allocation_limit.store(q8nn::min(bytes, q8nn::kMaxBytes));
}

size_t q8nn_allocation_limit(void) {
  return q8nn::g_allocation_limit.load();
}

enum qnnp_status q8nn_window_output_size(qnnp_operator_t op, size_t input_height,
                                         size_t input_width, size_t* output_height,
                                         size_t* output_width) {
  const q8nn::ApiCall call(__func__);
  using q8nn::OperatorType;
  if (op == nullptr) return q8nn::fail(qnnp_status_invalid_parameter, "the operator is NULL");
  if (op->type != OperatorType::convolution && op->type != OperatorType::deconvolution &&
      op->type != OperatorType::average_pooling && op->type != OperatorType::max_pooling) {
    return q8nn::fail(qnnp_status_invalid_parameter,
                      "a %s operator has no window (convolution, deconvolution, average or max "
                      "pooling have)",
                      q8nn::operator_type_name(op->type));
  }
  if (output_height == nullptr || output_width == nullptr) {
    return q8nn::fail(qnnp_status_invalid_parameter, "output_height or output_width is NULL");
  }
  return q8nn::window_output_size(op, input_height, input_width, output_height, output_width);
}

}  // extern "C"
