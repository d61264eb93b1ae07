// Convolution, deconvolution and fully connected: create and setup.
#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>

#include "operator-common.h"
#include "q8nn/math.h"
#include "q8nn/pack.h"

using q8nn::ConvolutionPath;
using q8nn::OperatorType;

namespace {

struct ConvolutionDesc {
  OperatorType type;
  q8nn::Window window;
  uint32_t groups;
  size_t group_input_channels, group_output_channels;
  q8nn::Quantization quantization;
  uint8_t kernel_zero_point;
  float kernel_scale;
  const uint8_t* kernel;
  const int32_t* bias;
  uint32_t flags;
};

ConvolutionPath choose_path(const ConvolutionDesc& d, const q8nn_config& config) {
  const q8nn::Window& w = d.window;
  if (d.type == OperatorType::convolution && d.group_input_channels == 1 &&
      d.group_output_channels == 1 && d.groups > 1) {
    return (w.kernel_height == 3 && w.kernel_width == 3) ||
                   (w.kernel_height == 5 && w.kernel_width == 5)
               ? ConvolutionPath::dwconv_up
               : ConvolutionPath::dwconv_mp;
  }
  if (w.is_pointwise()) return ConvolutionPath::gemm;
  // First layers of vision networks (RGB input): per-tap dot products of 3
  // terms would be mostly overhead.
  if (d.type == OperatorType::convolution && d.groups == 1 && w.taps() > 1 &&
      d.group_input_channels <= config.im2col_max_channels) {
    return ConvolutionPath::im2col;
  }
  return ConvolutionPath::igemm;
}

const q8nn_gemm_config& gemm_tile(const q8nn_config& config, size_t group_output_channels,
                                  size_t dot_length) {
  const q8nn_gemm_config& small = config.small_gemm;
  const bool use_small = small.gemm != nullptr && (group_output_channels <= small.nr ||
                                                   dot_length <= config.small_gemm_max_k);
  return use_small ? small : config.gemm;
}

// A bound on |acc| = |bias + sum of taps * channels products (x - izp) *
// (w - kzp)|, from the largest deviations from the zero points, in int64
// (no overflow: terms <= kMaxDotProductLength). Also says which output
// channel has the largest |bias|, for messages.
int64_t accumulator_bound(const ConvolutionDesc& d, size_t* largest_bias_channel) {
  const size_t outputs = d.groups * d.group_output_channels;
  const size_t terms = d.window.taps() * d.group_input_channels;
  int64_t max_weight = 0;
  for (size_t i = 0; i < outputs * terms; i++) {
    max_weight =
        std::max<int64_t>(max_weight, std::abs(int64_t{d.kernel[i]} - d.kernel_zero_point));
  }
  int64_t max_bias = 0;
  *largest_bias_channel = 0;
  for (size_t i = 0; d.bias != nullptr && i < outputs; i++) {
    if (std::abs(int64_t{d.bias[i]}) > max_bias) {
      max_bias = std::abs(int64_t{d.bias[i]});
      *largest_bias_channel = i;
    }
  }
  const int64_t max_input =
      std::max<int64_t>(d.quantization.input_zero_point, 255 - d.quantization.input_zero_point);
  return max_bias + static_cast<int64_t>(terms) * max_input * max_weight;
}

// What create checks before it reads the kernel: the window, the channel
// counts and every size derived from them.
qnnp_status check_convolution(const ConvolutionDesc& d) {
  using q8nn::CheckedSize;
  using q8nn::fail;
  const bool convolution = d.type == OperatorType::convolution;
  qnnp_status status =
      q8nn::check_window(d.window, "kernel", convolution ? "subsampling" : "stride");
  if (status != qnnp_status_success) return status;
  // An output adjustment adds rows that only the bias reaches; PyTorch and
  // XNNPACK bound it the same way.
  const q8nn::Window& w = d.window;
  if (w.adjustment_height >= std::max(w.stride_height, w.dilation_height) ||
      w.adjustment_width >= std::max(w.stride_width, w.dilation_width)) {
    const bool height = w.adjustment_height >= std::max(w.stride_height, w.dilation_height);
    return fail(qnnp_status_invalid_parameter,
                "adjustment_%s = %" PRIu32 ": must be smaller than stride_%s (%" PRIu32
                ") or dilation_%s (%" PRIu32 ")",
                height ? "height" : "width", height ? w.adjustment_height : w.adjustment_width,
                height ? "height" : "width", height ? w.stride_height : w.stride_width,
                height ? "height" : "width", height ? w.dilation_height : w.dilation_width);
  }
  const bool fully_connected = d.type == OperatorType::fully_connected;
  const char* input_channels = fully_connected ? "input_channels" : "group_input_channels";
  const char* output_channels = fully_connected ? "output_channels" : "group_output_channels";
  if (d.groups == 0) return fail(qnnp_status_invalid_parameter, "groups = 0: must be positive");
  if (d.group_input_channels == 0) {
    return fail(qnnp_status_invalid_parameter, "%s = 0: must be positive", input_channels);
  }
  if (d.group_output_channels == 0) {
    return fail(qnnp_status_invalid_parameter, "%s = 0: must be positive", output_channels);
  }
  if (d.kernel == nullptr) return fail(qnnp_status_invalid_parameter, "kernel is NULL");
  status = q8nn::check_scale(d.kernel_scale, "kernel_scale");
  if (status != qnnp_status_success) return status;
  status = q8nn::check_quantization(d.quantization);
  if (status != qnnp_status_success) return status;

  const size_t taps = d.window.taps();
  if (taps > q8nn::kMaxDotProductLength ||
      d.group_input_channels > q8nn::kMaxDotProductLength / taps) {
    return fail(qnnp_status_unsupported_parameter,
                "kernel_height * kernel_width * %s = %zu * %zu: a dot product of more than "
                "%zu terms could overflow the int32 accumulator",
                input_channels, taps, d.group_input_channels, q8nn::kMaxDotProductLength);
  }
  status = q8nn::check_channels(CheckedSize(d.groups) * d.group_input_channels,
                                "groups * group_input_channels (input channels)");
  if (status == qnnp_status_success) {
    status = q8nn::check_channels(CheckedSize(d.groups) * d.group_output_channels,
                                  "groups * group_output_channels (output channels)");
  }
  if (status == qnnp_status_success) {
    // The caller's bias array (4 bytes a channel), which the packed weights
    // hold too.
    status = q8nn::check_channels(CheckedSize(d.groups) * d.group_output_channels * sizeof(int32_t),
                                  "groups * group_output_channels * 4 (bytes of bias)");
  }
  if (status == qnnp_status_success) {
    // The caller's kernel array: it must be addressable to be read at all.
    status = q8nn::check_channels(
        CheckedSize(d.groups) * d.group_output_channels * taps * d.group_input_channels,
        "the number of kernel weights");
  }
  return status;
}

// Shared by convolution, deconvolution and fully connected: validates,
// packs the weights for the active tile and fills the requantization constants.
qnnp_status create_convolution(const ConvolutionDesc& d, qnnp_operator_t* out) {
  using q8nn::fail;
  std::unique_ptr<qnnp_operator> op;
  qnnp_status status = q8nn::create_operator(d.type, d.flags, out, op);
  if (status != qnnp_status_success) return status;
  status = check_convolution(d);
  if (status != qnnp_status_success) return status;

  const q8nn::Quantization& q = d.quantization;
  const size_t taps = d.window.taps();
  // The order of DESIGN.md's rule: (input_scale * kernel_scale) / output_scale, in float.
  const float scale = (q.input_scale * d.kernel_scale) / q.output_scale;
  status = q8nn::check_scale_ratio(scale, "(input_scale * kernel_scale) / output_scale");
  if (status != qnnp_status_success) return status;
  size_t bias_channel;
  const int64_t bound = accumulator_bound(d, &bias_channel);
  if (bound > INT32_MAX) {
    // Every ISA would wrap (or, in C, overflow): reject rather than compute garbage.
    return fail(qnnp_status_unsupported_parameter,
                "bias[%zu] = %" PRId32
                ": with %zu products of |input - input_zero_point| and "
                "|kernel - kernel_zero_point| the int32 accumulator could reach %" PRId64
                ", over 2^31 - 1",
                bias_channel, d.bias != nullptr ? d.bias[bias_channel] : 0,
                taps * d.group_input_channels, bound);
  }

  op->window = d.window;
  op->groups = d.groups;
  op->group_input_channels = d.group_input_channels;
  op->group_output_channels = d.group_output_channels;
  op->quantization = q;
  q8nn_init_conv_params(&op->conv_params, q.input_zero_point, d.kernel_zero_point, scale,
                        q.output_zero_point, q.output_min, q.output_max);
  op->conv_params.accumulator_bound = static_cast<int32_t>(bound);

  op->path = choose_path(d, *op->config);
  size_t zero_channels = d.group_input_channels;
  switch (op->path) {
    case ConvolutionPath::dwconv_up:
    case ConvolutionPath::dwconv_mp: {
      uint32_t cr;
      q8nn_dwconv_packing packing;
      if (op->path == ConvolutionPath::dwconv_up) {
        op->dwconv_up = op->config->dwconv_up[taps == 9 ? 0 : 1];
        cr = op->dwconv_up.cr;
        packing = op->dwconv_up.packing;
      } else {
        op->dwconv_mp = op->config->dwconv_mp;
        cr = op->dwconv_mp.cr;
        packing = op->dwconv_mp.packing;
      }
      status = op->packed_weights.allocate(q8nn_packed_dwconv_size(packing, d.groups, taps, cr),
                                           "packed weights");
      if (status != qnnp_status_success) return status;
      // The convolution layout [groups][1][kh][kw][1] is the depthwise
      // [channels][taps], taps row-major; the indirection buffer has them
      // column-major (operator-common.cc), and so do the packed weights.
      q8nn::AlignedBuffer columns;
      status = columns.allocate(q8nn::CheckedSize(d.groups) * taps, "transposed weights");
      if (status != qnnp_status_success) return status;
      auto* column_weights = static_cast<uint8_t*>(columns.data());
      const size_t kh = d.window.kernel_height, kw = d.window.kernel_width;
      for (size_t c = 0; c < d.groups; c++) {
        for (size_t ky = 0; ky < kh; ky++) {
          for (size_t kx = 0; kx < kw; kx++) {
            column_weights[c * taps + kx * kh + ky] = d.kernel[c * taps + ky * kw + kx];
          }
        }
      }
      q8nn_pack_dwconv_weights(packing, d.groups, taps, cr, column_weights, d.bias,
                               q.input_zero_point, d.kernel_zero_point, op->packed_weights.data());
      zero_channels = d.groups;
      break;
    }
    case ConvolutionPath::gemm:
    case ConvolutionPath::igemm:
    case ConvolutionPath::im2col: {
      op->gemm = gemm_tile(*op->config, d.group_output_channels, taps * d.group_input_channels);
      // An im2col row is one tap of taps * channels: the kernel layout
      // [oc][ky][kx][ic] is already in that order.
      const bool im2col = op->path == ConvolutionPath::im2col;
      const size_t packed_taps = im2col ? 1 : taps;
      const size_t packed_channels = d.group_input_channels * (im2col ? taps : 1);
      op->packed_group_size =
          q8nn_packed_gemm_size(op->gemm.packing, d.group_output_channels, packed_taps,
                                packed_channels, op->gemm.nr, op->gemm.kr);
      status = op->packed_weights.allocate(q8nn::CheckedSize(op->packed_group_size) * d.groups,
                                           "packed weights");
      if (status != qnnp_status_success) return status;
      const auto pack =
          d.type == OperatorType::deconvolution ? q8nn_pack_deconv_weights : q8nn_pack_gemm_weights;
      pack(d.groups, d.group_output_channels, packed_taps, packed_channels, op->gemm.nr,
           op->gemm.kr, op->gemm.packing, q.input_zero_point, d.kernel_zero_point, d.kernel, d.bias,
           op->packed_weights.data());
      break;
    }
  }
  if (op->path != ConvolutionPath::gemm && op->path != ConvolutionPath::im2col) {
    status = q8nn::allocate_zero_row(op.get(), zero_channels, q.input_zero_point);
    if (status != qnnp_status_success) return status;
  }
  *out = op.release();
  return qnnp_status_success;
}

}  // namespace

extern "C" {

enum qnnp_status qnnp_create_convolution2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t kernel_height, uint32_t kernel_width,
    uint32_t subsampling_height, uint32_t subsampling_width, uint32_t dilation_height,
    uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
    size_t group_output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* convolution) {
  const q8nn::ApiCall call(__func__);
  const q8nn::Window window =
      q8nn::Window::make(input_padding_top, input_padding_right, input_padding_bottom,
                         input_padding_left, kernel_height, kernel_width, subsampling_height,
                         subsampling_width, dilation_height, dilation_width);
  return create_convolution(
      {OperatorType::convolution,
       window,
       groups,
       group_input_channels,
       group_output_channels,
       {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
       kernel_zero_point,
       kernel_scale,
       kernel,
       bias,
       flags},
      convolution);
}

enum qnnp_status qnnp_setup_convolution2d_nhwc_q8(qnnp_operator_t convolution, size_t batch_size,
                                                  size_t input_height, size_t input_width,
                                                  const uint8_t* input, size_t input_pixel_stride,
                                                  uint8_t* output, size_t output_pixel_stride,
                                                  pthreadpool_t threadpool) {
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_window_operator(convolution, OperatorType::convolution, batch_size,
                                     input_height, input_width, input, input_pixel_stride, output,
                                     output_pixel_stride);
}

enum qnnp_status qnnp_create_deconvolution2d_nhwc_q8(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t adjustment_height, uint32_t adjustment_width,
    uint32_t kernel_height, uint32_t kernel_width, uint32_t stride_height, uint32_t stride_width,
    uint32_t dilation_height, uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
    size_t group_output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* deconvolution) {
  const q8nn::ApiCall call(__func__);
  q8nn::Window window = q8nn::Window::make(
      input_padding_top, input_padding_right, input_padding_bottom, input_padding_left,
      kernel_height, kernel_width, stride_height, stride_width, dilation_height, dilation_width);
  window.adjustment_height = adjustment_height;
  window.adjustment_width = adjustment_width;
  return create_convolution(
      {OperatorType::deconvolution,
       window,
       groups,
       group_input_channels,
       group_output_channels,
       {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
       kernel_zero_point,
       kernel_scale,
       kernel,
       bias,
       flags},
      deconvolution);
}

enum qnnp_status qnnp_setup_deconvolution2d_nhwc_q8(qnnp_operator_t deconvolution,
                                                    size_t batch_size, size_t input_height,
                                                    size_t input_width, const uint8_t* input,
                                                    size_t input_pixel_stride, uint8_t* output,
                                                    size_t output_pixel_stride,
                                                    pthreadpool_t threadpool) {
  const q8nn::ApiCall call(__func__);
  return q8nn::setup_window_operator(deconvolution, OperatorType::deconvolution, batch_size,
                                     input_height, input_width, input, input_pixel_stride, output,
                                     output_pixel_stride);
}

enum qnnp_status qnnp_create_fully_connected_nc_q8(
    size_t input_channels, size_t output_channels, uint8_t input_zero_point, float input_scale,
    uint8_t kernel_zero_point, float kernel_scale, const uint8_t* kernel, const int32_t* bias,
    uint8_t output_zero_point, float output_scale, uint8_t output_min, uint8_t output_max,
    uint32_t flags, qnnp_operator_t* fully_connected) {
  const q8nn::ApiCall call(__func__);
  return create_convolution(
      {OperatorType::fully_connected,
       q8nn::Window{},
       1,
       input_channels,
       output_channels,
       {input_zero_point, input_scale, output_zero_point, output_scale, output_min, output_max},
       kernel_zero_point,
       kernel_scale,
       kernel,
       bias,
       flags},
      fully_connected);
}

enum qnnp_status qnnp_setup_fully_connected_nc_q8(qnnp_operator_t fully_connected,
                                                  size_t batch_size, const uint8_t* input,
                                                  size_t input_stride, uint8_t* output,
                                                  size_t output_stride) {
  const q8nn::ApiCall call(__func__);
  // A fully-connected layer is a 1x1 convolution over a batch x 1 x 1 image.
  return q8nn::setup_window_operator(fully_connected, OperatorType::fully_connected, batch_size, 1,
                                     1, input, input_stride, output, output_stride, "input_stride",
                                     "output_stride");
}

}  // extern "C"
