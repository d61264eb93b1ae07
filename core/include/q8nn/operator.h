// The operator object behind qnnp_operator_t, shared by the operator core.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>

#include "q8nn/checked-size.h"
#include "q8nn/config.h"
#include "q8nn/params.h"
#include "qnnpack.h"

namespace q8nn {

enum class OperatorType : uint8_t {
  convolution,
  deconvolution,
  fully_connected,
  add,
  average_pooling,
  global_average_pooling,
  max_pooling,
  channel_shuffle,
  clamp,
  sigmoid,
  leaky_relu,
  softargmax,
};

// How a convolution (or deconvolution) is computed; chosen at create time.
enum class ConvolutionPath : uint8_t {
  gemm,       // 1x1, stride 1, no padding: rows of the input are rows of A
  igemm,      // everything else: indirect gemm over the indirection buffer
  im2col,     // few input channels: each output pixel's taps copied into one
              // row of a buffer at run time, then gemm (see run.cc)
  dwconv_up,  // depthwise 3x3 / 5x5: unipass kernel
  dwconv_mp,  // depthwise, any other kernel size: multipass kernel
};

// Heap memory aligned for vector loads, with Q8NN_EXTRA_BYTES of slack.
class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  // Replaces the buffer by `size` zeroed bytes. out_of_memory (with a message
  // naming `what`) when the size overflowed, exceeds the allocation limit
  // (q8nn_set_allocation_limit) or malloc fails; the old buffer is then freed.
  qnnp_status allocate(CheckedSize size, const char* what);
  void* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    void operator()(void* p) const { std::free(p); }
  };
  std::unique_ptr<void, Free> data_;
  size_t size_ = 0;
};

// A sliding window over an NHWC image: the geometry of convolution,
// deconvolution (with its output adjustment) and pooling.
struct Window {
  uint32_t padding_top = 0, padding_right = 0, padding_bottom = 0, padding_left = 0;
  uint32_t kernel_height = 1, kernel_width = 1;
  uint32_t stride_height = 1, stride_width = 1;
  uint32_t dilation_height = 1, dilation_width = 1;
  uint32_t adjustment_height = 0, adjustment_width = 0;

  // Arguments in the order of the C API: padding (top, right, bottom, left),
  // kernel, stride, dilation (height, width).
  static Window make(uint32_t top, uint32_t right, uint32_t bottom, uint32_t left,
                     uint32_t kernel_h, uint32_t kernel_w, uint32_t stride_h, uint32_t stride_w,
                     uint32_t dilation_h, uint32_t dilation_w) {
    Window w;
    w.padding_top = top, w.padding_right = right, w.padding_bottom = bottom, w.padding_left = left;
    w.kernel_height = kernel_h, w.kernel_width = kernel_w;
    w.stride_height = stride_h, w.stride_width = stride_w;
    w.dilation_height = dilation_h, w.dilation_width = dilation_w;
    return w;
  }

  size_t taps() const { return size_t{kernel_height} * kernel_width; }
  bool is_pointwise() const {
    return kernel_height == 1 && kernel_width == 1 && stride_height == 1 && stride_width == 1 &&
           padding_top == 0 && padding_right == 0 && padding_bottom == 0 && padding_left == 0 &&
           adjustment_height == 0 && adjustment_width == 0;
  }
};

// Quantization of an operator's input and output tensors.
struct Quantization {
  uint8_t input_zero_point = 0;
  float input_scale = 0.0f;
  uint8_t output_zero_point = 0;
  float output_scale = 0.0f;
  uint8_t output_min = 0;
  uint8_t output_max = 255;
};

// Everything the indirection buffer was built for. A setup that matches it
// (the input pointer may differ: kernels add an offset) reuses the buffer.
struct IndirectionKey {
  size_t input_height = 0;
  size_t input_width = 0;
  size_t input_pixel_stride = 0;
  bool valid = false;

  bool operator==(const IndirectionKey& other) const {
    return valid && other.valid && input_height == other.input_height &&
           input_width == other.input_width && input_pixel_stride == other.input_pixel_stride;
  }
};

}  // namespace q8nn

struct qnnp_operator {
  // malloc and free: the library's nothrow operator new calls the throwing one
  // where exceptions are disabled (Emscripten), which aborts instead of
  // returning NULL when memory runs out.
  static void* operator new(size_t size, const std::nothrow_t&) noexcept {
    return std::malloc(size);
  }
  static void operator delete(void* pointer) noexcept { std::free(pointer); }

  q8nn::OperatorType type;
  const q8nn_config* config = nullptr;  // the kernels this operator was created with

  q8nn::Window window;  // convolution, deconvolution, pooling
  uint32_t groups = 1;
  size_t group_input_channels = 0;   // also `channels` of single-tensor operators
  size_t group_output_channels = 0;  // also group_channels of channel shuffle

  q8nn::ConvolutionPath path = q8nn::ConvolutionPath::igemm;
  q8nn_gemm_config gemm{};            // tile of the packed weights (gemm / igemm)
  q8nn_dwconv_up_config dwconv_up{};  // dwconv_up path
  q8nn_dwconv_mp_config dwconv_mp{};  // dwconv_mp path
  size_t packed_group_size = 0;       // bytes of one group's packed weights
  q8nn::AlignedBuffer packed_weights;
  q8nn::AlignedBuffer zero;  // padding row: input zero point (convolution,
                             // avgpool) or 0 (max pool, gavgpool)

  q8nn::Quantization quantization;
  q8nn_conv_params conv_params{};
  q8nn_avgpool_params avgpool_params{};
  q8nn_add_params add_params{};
  q8nn_clamp_params clamp_params{};
  q8nn::AlignedBuffer lookup_table;  // 256 uint8 (sigmoid, leaky ReLU) or 511 uint32 (softargmax)

  // Set by setup.
  bool is_setup = false;
  size_t batch_size = 0;
  size_t input_height = 0, input_width = 0;
  size_t output_height = 0, output_width = 0;
  const uint8_t* input = nullptr;
  size_t input_stride = 0;          // pixel stride (NHWC) or row stride (NC), in elements
  const uint8_t* input2 = nullptr;  // add: b
  size_t input2_stride = 0;
  uint8_t* output = nullptr;
  size_t output_stride = 0;

  // Indirection buffer: built for one image from `indirection_input`; the
  // kernels reach other images and a moved input through their input offset.
  // Kernels that take output rows (dwconv, pooling) start row oy at entry
  // oy * indirection_row_step, and pixels are indirection_pixel_step entries
  // apart (see update_indirection).
  q8nn::AlignedBuffer indirection;  // const uint8_t* entries
  size_t indirection_row_step = 0;
  size_t indirection_pixel_step = 0;
  const uint8_t* indirection_input = nullptr;
  q8nn::IndirectionKey indirection_key;
  size_t indirection_builds = 0;  // how many times it was (re)built, for tests

  // im2col path: one row of taps * group_input_channels bytes per output
  // pixel of every image, `im2col_stride` bytes apart.
  q8nn::AlignedBuffer im2col;
  size_t im2col_stride = 0;
};
