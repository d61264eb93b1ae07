// libFuzzer target: create -> setup -> run of average pooling, max pooling
// and global average pooling (qnnpack.h), parameters read from the input
// (fuzz-input.h), contracts checked by fuzz-harness.h.
//
// Input layout: ISA byte, operator byte, the create parameters, then per
// setup (one or two) its parameters; the bytes left fill the input tensor.
#include <cstddef>
#include <cstdint>

#include "fuzz-harness.h"
#include "fuzz-input.h"

using namespace q8nn_fuzz;

namespace {

struct PoolingWindow {
  uint32_t padding_top, padding_right, padding_bottom, padding_left;
  uint32_t pooling_height, pooling_width;
  uint32_t stride_height, stride_width;
  uint32_t dilation_height = 1, dilation_width = 1;
  size_t channels;

  static PoolingWindow read(FuzzInput& in, bool dilation) {
    PoolingWindow w;
    w.padding_top = in.size32(0, 2);
    w.padding_right = in.size32(0, 2);
    w.padding_bottom = in.size32(0, 2);
    w.padding_left = in.size32(0, 2);
    w.pooling_height = in.size32(1, 7);
    w.pooling_width = in.size32(1, 7);
    w.stride_height = in.size32(1, 3);
    w.stride_width = in.size32(1, 3);
    if (dilation) {
      w.dilation_height = in.size32(1, 2);
      w.dilation_width = in.size32(1, 2);
    }
    w.channels = in.size(1, 64);
    return w;
  }
};

template <typename Create, typename SetupFunction>
void setups_of_pooling(FuzzInput& in, Operator& op, const PoolingWindow& w, Create create,
                       SetupFunction setup_function) {
  const int setups = in.one_in(4) ? 2 : 1;
  size_t batch = 0, input_height = 0, input_width = 0, input_stride = 0, output_stride = 0;
  for (int i = 0; i < setups; i++) {
    // A second setup describes the same tensors again (new buffers: a cached
    // indirection buffer meets another input pointer) or new ones.
    if (i == 0 || !in.one_in(2)) {
      batch = in.one_in(16) ? 0 : in.size(1, 2);
      input_height = in.size(1, 32);
      input_width = in.size(1, 32);
      input_stride = in.stride(w.channels);
      output_stride = in.stride(w.channels);
    }
    TensorPlan plan;
    plan.batch_nonzero = batch != 0;
    size_t output_height = 0, output_width = 0;
    if (Q8NN_FUZZ_CALL(q8nn_window_output_size, op.get(), input_height, input_width, &output_height,
                       &output_width) != qnnp_status_success) {
      plan.invalid = "q8nn_window_output_size rejected the input size";
    }
    plan.input_bytes = span(Size(batch) * input_height * input_width, input_stride, w.channels);
    plan.output_bytes = span(Size(batch) * output_height * output_width, output_stride, w.channels);
    plan.work = double(batch) * double(output_height) * double(output_width) * double(w.channels) *
                double(w.pooling_height) * double(w.pooling_width);
    setup_and_run(in, op, plan, create,
                  [&](qnnp_operator_t o, const uint8_t* x, const uint8_t*, uint8_t* y) {
                    return setup_function(o, batch, input_height, input_width, x, input_stride, y,
                                          output_stride);
                  });
  }
}

void fuzz_average_pooling(FuzzInput& in) {
  const PoolingWindow w = PoolingWindow::read(in, false);
  const uint8_t input_zero_point = in.zero_point();
  const float input_scale = in.scale();
  const uint8_t output_zero_point = in.zero_point();
  const float output_scale = in.scale();
  uint8_t output_min, output_max;
  in.clamp_bounds(&output_min, &output_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_average_pooling2d_nhwc_q8, w.padding_top, w.padding_right,
                          w.padding_bottom, w.padding_left, w.pooling_height, w.pooling_width,
                          w.stride_height, w.stride_width, w.channels, input_zero_point,
                          input_scale, output_zero_point, output_scale, output_min, output_max,
                          flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_pooling(in, op, w, create,
                    [](qnnp_operator_t o, size_t batch, size_t ih, size_t iw, const uint8_t* x,
                       size_t xs, uint8_t* y, size_t ys) {
                      return Q8NN_FUZZ_CALL(qnnp_setup_average_pooling2d_nhwc_q8, o, batch, ih, iw,
                                            x, xs, y, ys, nullptr);
                    });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_max_pooling(FuzzInput& in) {
  const PoolingWindow w = PoolingWindow::read(in, true);
  uint8_t output_min, output_max;
  in.clamp_bounds(&output_min, &output_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_max_pooling2d_nhwc_u8, w.padding_top, w.padding_right,
                          w.padding_bottom, w.padding_left, w.pooling_height, w.pooling_width,
                          w.stride_height, w.stride_width, w.dilation_height, w.dilation_width,
                          w.channels, output_min, output_max, flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_pooling(in, op, w, create,
                    [](qnnp_operator_t o, size_t batch, size_t ih, size_t iw, const uint8_t* x,
                       size_t xs, uint8_t* y, size_t ys) {
                      return Q8NN_FUZZ_CALL(qnnp_setup_max_pooling2d_nhwc_u8, o, batch, ih, iw, x,
                                            xs, y, ys, nullptr);
                    });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_global_average_pooling(FuzzInput& in) {
  const size_t channels = in.size(1, 64);
  const uint8_t input_zero_point = in.zero_point();
  const float input_scale = in.scale();
  const uint8_t output_zero_point = in.zero_point();
  const float output_scale = in.scale();
  uint8_t output_min, output_max;
  in.clamp_bounds(&output_min, &output_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_global_average_pooling_nwc_q8, channels, input_zero_point,
                          input_scale, output_zero_point, output_scale, output_min, output_max,
                          flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  const int setups = in.one_in(4) ? 2 : 1;
  size_t batch = 0, width = 0, input_stride = 0, output_stride = 0;
  for (int i = 0; i < setups; i++) {
    // A second setup describes the same tensors again (new buffers: a cached
    // indirection buffer meets another input pointer) or new ones.
    if (i == 0 || !in.one_in(2)) {
      batch = in.one_in(16) ? 0 : in.size(1, 4);
      width = in.size(1, 64);
      input_stride = in.stride(channels);
      output_stride = in.stride(channels);
    }
    TensorPlan plan;
    plan.batch_nonzero = batch != 0;
    plan.input_bytes = span(Size(batch) * width, input_stride, channels);
    plan.output_bytes = span(Size(batch), output_stride, channels);
    plan.work = double(batch) * double(width) * double(channels);
    setup_and_run(in, op, plan, create,
                  [&](qnnp_operator_t o, const uint8_t* x, const uint8_t*, uint8_t* y) {
                    return Q8NN_FUZZ_CALL(qnnp_setup_global_average_pooling_nwc_q8, o, batch, width,
                                          x, input_stride, y, output_stride);
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
      fuzz_average_pooling(in);
      break;
    case 1:
      fuzz_max_pooling(in);
      break;
    default:
      fuzz_global_average_pooling(in);
      break;
  }
  return 0;
}
