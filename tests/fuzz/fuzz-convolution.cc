// libFuzzer target: create -> setup -> run of convolution, deconvolution and
// fully connected (qnnpack.h), parameters read from the input (fuzz-input.h),
// contracts checked by fuzz-harness.h.
//
// Input layout: ISA byte, operator byte, then the parameters in the order of
// the create function, then per setup (one or two) its parameters; the bytes
// left fill the weights, biases and input tensors.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "fuzz-harness.h"
#include "fuzz-input.h"

using namespace q8nn_fuzz;

namespace {

struct Quantization {
  uint8_t input_zero_point;
  float input_scale;
  uint8_t kernel_zero_point;
  float kernel_scale;
  uint8_t output_zero_point;
  float output_scale;
  uint8_t output_min, output_max;
  uint32_t flags;

  static Quantization read(FuzzInput& in) {
    Quantization q;
    q.input_zero_point = in.zero_point();
    q.input_scale = in.scale();
    q.kernel_zero_point = in.zero_point();
    q.kernel_scale = in.scale();
    q.output_zero_point = in.zero_point();
    q.output_scale = in.scale();
    in.clamp_bounds(&q.output_min, &q.output_max);
    q.flags = in.flags();
    return q;
  }
};

// Weights and biases of `outputs` x `terms`, from the input. Returns false when
// the harness will not allocate that many (the case is skipped). A weight
// count no buffer can have (overflow, or over 2^47 bytes: the library's
// largest tensor) gets small buffers: the library must reject the parameters
// without reading the weights or the biases.
struct Weights {
  std::vector<uint8_t> kernel;
  std::vector<int32_t> bias;
  bool with_bias = true;

  bool read(FuzzInput& in, Size outputs, Size terms) {
    const Size count = outputs * terms;
    with_bias = !in.one_in(8);
    const bool impossible = !count.at_most(size_t(1) << 47);
    if (impossible) {
      kernel.assign(64, 1);
      bias.assign(16, 0);
      return true;
    }
    if (!count.at_most(kMaxWeightBytes) || !outputs.at_most(kMaxWeightBytes / 4)) return false;
    kernel.resize(count.value);
    bias.resize(outputs.value);
    in.fill_bias(bias.data(), bias.size());
    in.fill(kernel.data(), kernel.size());
    return true;
  }
  const uint8_t* kernel_data() const { return kernel.data(); }
  const int32_t* bias_data() const { return with_bias ? bias.data() : nullptr; }
};

struct Window {
  uint32_t padding_top, padding_right, padding_bottom, padding_left;
  uint32_t adjustment_height, adjustment_width;
  uint32_t kernel_height, kernel_width;
  uint32_t stride_height, stride_width;
  uint32_t dilation_height, dilation_width;
  uint32_t groups;
  size_t group_input_channels, group_output_channels;

  // shape: 0-4 ordinary (groups 1), 5-6 depthwise, 7 grouped.
  static Window read(FuzzInput& in, bool deconvolution) {
    Window w;
    const uint8_t shape = in.byte() % 8;
    w.padding_top = in.size32(0, 2);
    w.padding_right = in.size32(0, 2);
    w.padding_bottom = in.size32(0, 2);
    w.padding_left = in.size32(0, 2);
    w.adjustment_height = deconvolution ? in.size32(0, 1) : 0;
    w.adjustment_width = deconvolution ? in.size32(0, 1) : 0;
    w.kernel_height = in.size32(1, 7);
    w.kernel_width = in.size32(1, 7);
    w.stride_height = in.size32(1, 3);
    w.stride_width = in.size32(1, 3);
    w.dilation_height = in.size32(1, 2);
    w.dilation_width = in.size32(1, 2);
    if (shape <= 4) {
      w.groups = in.one_in(8) ? in.size32(1, 4) : 1;
      w.group_input_channels = in.size(1, 64);
      w.group_output_channels = in.size(1, 64);
    } else if (shape <= 6) {
      w.groups = in.size32(1, 64);
      w.group_input_channels = in.one_in(8) ? in.size(1, 2) : 1;
      w.group_output_channels = in.one_in(8) ? in.size(1, 2) : 1;
    } else {
      w.groups = in.size32(1, 8);
      w.group_input_channels = in.size(1, 16);
      w.group_output_channels = in.size(1, 16);
    }
    return w;
  }

  Size taps() const { return Size(kernel_height) * kernel_width; }
  Size input_channels() const { return Size(groups) * group_input_channels; }
  Size output_channels() const { return Size(groups) * group_output_channels; }
};

// One or two setups of a window operator (convolution or deconvolution), each
// followed by a run when small enough.
template <typename Create, typename SetupFunction>
void setups_of_window_operator(FuzzInput& in, Operator& op, const Window& w, Create create,
                               SetupFunction setup_function) {
  const int setups = in.one_in(4) ? 2 : 1;
  const Size input_channels = w.input_channels(), output_channels = w.output_channels();
  size_t batch = 0, input_height = 0, input_width = 0, input_stride = 0, output_stride = 0;
  for (int i = 0; i < setups; i++) {
    // A second setup describes the same tensors again (new buffers: a cached
    // indirection buffer meets another input pointer) or new ones.
    if (i == 0 || !in.one_in(2)) {
      batch = in.one_in(16) ? 0 : in.size(1, 2);
      input_height = in.size(1, 24);
      input_width = in.size(1, 24);
      input_stride = in.stride(input_channels.value);
      output_stride = in.stride(output_channels.value);
    }

    TensorPlan plan;
    plan.batch_nonzero = batch != 0;
    size_t output_height = 0, output_width = 0;
    if (Q8NN_FUZZ_CALL(q8nn_window_output_size, op.get(), input_height, input_width, &output_height,
                       &output_width) != qnnp_status_success) {
      plan.invalid = "q8nn_window_output_size rejected the input size";
    }
    plan.input_bytes = span(Size(batch) * input_height * input_width, input_stride, input_channels);
    plan.output_bytes =
        span(Size(batch) * output_height * output_width, output_stride, output_channels);
    plan.work = double(batch) * double(output_height) * double(output_width) *
                double(output_channels.value) * double(w.taps().value) *
                double(w.group_input_channels);
    plan.weights = (output_channels * w.taps() * w.group_input_channels).value;
    if (!output_channels.valid || !w.taps().valid) plan.invalid = "the channels overflow size_t";

    setup_and_run(in, op, plan, create,
                  [&](qnnp_operator_t o, const uint8_t* x, const uint8_t*, uint8_t* y) {
                    return setup_function(o, batch, input_height, input_width, x, input_stride, y,
                                          output_stride);
                  });
  }
}

void fuzz_convolution(FuzzInput& in) {
  const Window w = Window::read(in, false);
  const Quantization q = Quantization::read(in);
  Weights weights;
  if (!weights.read(in, w.output_channels(), w.taps() * w.group_input_channels)) return;
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_convolution2d_nhwc_q8, w.padding_top, w.padding_right,
                          w.padding_bottom, w.padding_left, w.kernel_height, w.kernel_width,
                          w.stride_height, w.stride_width, w.dilation_height, w.dilation_width,
                          w.groups, w.group_input_channels, w.group_output_channels,
                          q.input_zero_point, q.input_scale, q.kernel_zero_point, q.kernel_scale,
                          weights.kernel_data(), weights.bias_data(), q.output_zero_point,
                          q.output_scale, q.output_min, q.output_max, q.flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_window_operator(in, op, w, create,
                            [](qnnp_operator_t o, size_t batch, size_t ih, size_t iw,
                               const uint8_t* x, size_t xs, uint8_t* y, size_t ys) {
                              return Q8NN_FUZZ_CALL(qnnp_setup_convolution2d_nhwc_q8, o, batch, ih,
                                                    iw, x, xs, y, ys, nullptr);
                            });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_deconvolution(FuzzInput& in) {
  const Window w = Window::read(in, true);
  const Quantization q = Quantization::read(in);
  Weights weights;
  if (!weights.read(in, w.output_channels(), w.taps() * w.group_input_channels)) return;
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(
        qnnp_create_deconvolution2d_nhwc_q8, w.padding_top, w.padding_right, w.padding_bottom,
        w.padding_left, w.adjustment_height, w.adjustment_width, w.kernel_height, w.kernel_width,
        w.stride_height, w.stride_width, w.dilation_height, w.dilation_width, w.groups,
        w.group_input_channels, w.group_output_channels, q.input_zero_point, q.input_scale,
        q.kernel_zero_point, q.kernel_scale, weights.kernel_data(), weights.bias_data(),
        q.output_zero_point, q.output_scale, q.output_min, q.output_max, q.flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_window_operator(in, op, w, create,
                            [](qnnp_operator_t o, size_t batch, size_t ih, size_t iw,
                               const uint8_t* x, size_t xs, uint8_t* y, size_t ys) {
                              return Q8NN_FUZZ_CALL(qnnp_setup_deconvolution2d_nhwc_q8, o, batch,
                                                    ih, iw, x, xs, y, ys, nullptr);
                            });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_fully_connected(FuzzInput& in) {
  const size_t input_channels = in.size(1, 64);
  const size_t output_channels = in.size(1, 64);
  const Quantization q = Quantization::read(in);
  Weights weights;
  if (!weights.read(in, Size(output_channels), Size(input_channels))) return;
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_fully_connected_nc_q8, input_channels, output_channels,
                          q.input_zero_point, q.input_scale, q.kernel_zero_point, q.kernel_scale,
                          weights.kernel_data(), weights.bias_data(), q.output_zero_point,
                          q.output_scale, q.output_min, q.output_max, q.flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  const int setups = in.one_in(4) ? 2 : 1;
  size_t batch = 0, input_stride = 0, output_stride = 0;
  for (int i = 0; i < setups; i++) {
    // A second setup describes the same tensors again (new buffers: a cached
    // indirection buffer meets another input pointer) or new ones.
    if (i == 0 || !in.one_in(2)) {
      batch = in.one_in(16) ? 0 : in.size(1, 16);
      input_stride = in.stride(input_channels);
      output_stride = in.stride(output_channels);
    }
    TensorPlan plan;
    plan.batch_nonzero = batch != 0;
    plan.input_bytes = span(Size(batch), input_stride, Size(input_channels));
    plan.output_bytes = span(Size(batch), output_stride, Size(output_channels));
    plan.work = double(batch) * double(output_channels) * double(input_channels);
    plan.weights = output_channels * input_channels;  // <= kMaxWeightBytes: no overflow
    setup_and_run(in, op, plan, create,
                  [&](qnnp_operator_t o, const uint8_t* x, const uint8_t*, uint8_t* y) {
                    return Q8NN_FUZZ_CALL(qnnp_setup_fully_connected_nc_q8, o, batch, x,
                                          input_stride, y, output_stride);
                  });
  }
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  select_isa(in);
  switch (in.byte() % 3) {
    case 0:
      fuzz_convolution(in);
      break;
    case 1:
      fuzz_deconvolution(in);
      break;
    default:
      fuzz_fully_connected(in);
      break;
  }
  return 0;
}
