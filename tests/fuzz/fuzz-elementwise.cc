// libFuzzer target: create -> setup -> run of the operators on rows of
// channels: add, clamp, sigmoid, leaky ReLU, softargmax and channel shuffle
// (qnnpack.h), parameters read from the input (fuzz-input.h), contracts
// checked by fuzz-harness.h.
//
// Input layout: ISA byte, operator byte, the create parameters, then per
// setup (one or two) its parameters; the bytes left fill the input tensors.
#include <cstddef>
#include <cstdint>

#include "fuzz-harness.h"
#include "fuzz-input.h"

using namespace q8nn_fuzz;

namespace {

// One or two setups of an operator on `channels` per row: `setup_function(op,
// batch, x, x_stride, y, y_stride)`. Add passes `two_inputs` and gets the
// second input and its stride through `b` / `b_stride`.
template <typename Create, typename SetupFunction>
void setups_of_rows(FuzzInput& in, Operator& op, Size channels, double cost_per_element,
                    Create create, SetupFunction setup_function, bool two_inputs = false) {
  const int setups = in.one_in(4) ? 2 : 1;
  size_t batch = 0, input_stride = 0, input2_stride = 0, output_stride = 0;
  for (int i = 0; i < setups; i++) {
    // A second setup describes the same tensors again (new buffers: a cached
    // indirection buffer meets another input pointer) or new ones.
    if (i == 0 || !in.one_in(2)) {
      batch = in.one_in(16) ? 0 : in.size(1, 16);
      input_stride = in.stride(channels.value);
      input2_stride = two_inputs ? in.stride(channels.value) : 0;
      output_stride = in.stride(channels.value);
    }
    TensorPlan plan;
    plan.batch_nonzero = batch != 0;
    if (!channels.valid) plan.invalid = "the channels overflow size_t";
    plan.has_input2 = two_inputs;
    plan.input_bytes = span(Size(batch), input_stride, channels);
    plan.input2_bytes = span(Size(batch), input2_stride, channels);
    plan.output_bytes = span(Size(batch), output_stride, channels);
    plan.work = double(batch) * double(channels.value) * cost_per_element;
    setup_and_run(in, op, plan, create,
                  [&](qnnp_operator_t o, const uint8_t* a, const uint8_t* b, uint8_t* y) {
                    return setup_function(o, batch, a, input_stride, b, input2_stride, y,
                                          output_stride);
                  });
  }
}

void fuzz_add(FuzzInput& in) {
  const size_t channels = in.size(1, 64);
  const uint8_t a_zero_point = in.zero_point();
  const float a_scale = in.scale();
  const uint8_t b_zero_point = in.zero_point();
  const float b_scale = in.scale();
  const uint8_t sum_zero_point = in.zero_point();
  const float sum_scale = in.scale();
  uint8_t sum_min, sum_max;
  in.clamp_bounds(&sum_min, &sum_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_add_nc_q8, channels, a_zero_point, a_scale, b_zero_point,
                          b_scale, sum_zero_point, sum_scale, sum_min, sum_max, flags, out);
  };
  auto setup = [](qnnp_operator_t o, size_t batch, const uint8_t* a, size_t as, const uint8_t* b,
                  size_t bs, uint8_t* y, size_t ys) {
    return Q8NN_FUZZ_CALL(qnnp_setup_add_nc_q8, o, batch, a, as, b, bs, y, ys);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(channels), 1.0, create, setup, /*two_inputs=*/true);
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_clamp(FuzzInput& in) {
  const size_t channels = in.size(1, 64);
  uint8_t output_min, output_max;
  if (in.one_in(2)) {
    in.clamp_bounds(&output_min, &output_max);
  } else {
    output_min = in.byte();
    output_max = in.byte();
  }
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_clamp_nc_u8, channels, output_min, output_max, flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(channels), 1.0, create,
                 [](qnnp_operator_t o, size_t batch, const uint8_t* x, size_t xs, const uint8_t*,
                    size_t, uint8_t* y, size_t ys) {
                   return Q8NN_FUZZ_CALL(qnnp_setup_clamp_nc_u8, o, batch, x, xs, y, ys);
                 });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_sigmoid(FuzzInput& in) {
  const size_t channels = in.size(1, 64);
  const uint8_t input_zero_point = in.zero_point();
  const float input_scale = in.scale();
  const uint8_t output_zero_point = in.byte() < 224 ? 0 : in.byte();
  const float output_scale = in.scale_usually(0x1.0p-8f);
  uint8_t output_min, output_max;
  in.clamp_bounds(&output_min, &output_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_sigmoid_nc_q8, channels, input_zero_point, input_scale,
                          output_zero_point, output_scale, output_min, output_max, flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(channels), 1.0, create,
                 [](qnnp_operator_t o, size_t batch, const uint8_t* x, size_t xs, const uint8_t*,
                    size_t, uint8_t* y, size_t ys) {
                   return Q8NN_FUZZ_CALL(qnnp_setup_sigmoid_nc_q8, o, batch, x, xs, y, ys);
                 });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_leaky_relu(FuzzInput& in) {
  const size_t channels = in.size(1, 64);
  const float negative_slope = in.slope();
  const uint8_t input_zero_point = in.zero_point();
  const float input_scale = in.scale();
  const uint8_t output_zero_point = in.zero_point();
  const float output_scale = in.scale();
  uint8_t output_min, output_max;
  in.clamp_bounds(&output_min, &output_max);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_leaky_relu_nc_q8, channels, negative_slope, input_zero_point,
                          input_scale, output_zero_point, output_scale, output_min, output_max,
                          flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(channels), 1.0, create,
                 [](qnnp_operator_t o, size_t batch, const uint8_t* x, size_t xs, const uint8_t*,
                    size_t, uint8_t* y, size_t ys) {
                   return Q8NN_FUZZ_CALL(qnnp_setup_leaky_relu_nc_q8, o, batch, x, xs, y, ys);
                 });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_softargmax(FuzzInput& in) {
  // Classifier heads have hundreds to thousands of classes: ordinary up to 1024.
  const size_t channels = in.size(1, 1024);
  const float input_scale = in.scale();
  const uint8_t output_zero_point = in.byte() < 224 ? 0 : in.byte();
  const float output_scale = in.scale_usually(0x1.0p-8f);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_softargmax_nc_q8, channels, input_scale, output_zero_point,
                          output_scale, flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(channels), 3.0, create,
                 [](qnnp_operator_t o, size_t batch, const uint8_t* x, size_t xs, const uint8_t*,
                    size_t, uint8_t* y, size_t ys) {
                   return Q8NN_FUZZ_CALL(qnnp_setup_softargmax_nc_q8, o, batch, x, xs, y, ys);
                 });
  probe_misuse(in, op.get(), /*channel_shuffle=*/false);
}

void fuzz_channel_shuffle(FuzzInput& in) {
  const size_t groups = in.size(2, 8);
  const size_t group_channels = in.size(1, 32);
  const uint32_t flags = in.flags();
  auto create = [&](qnnp_operator_t* out) {
    return Q8NN_FUZZ_CALL(qnnp_create_channel_shuffle_nc_x8, groups, group_channels, flags, out);
  };
  Operator op;
  if (!create_operator(op, create)) return;
  setups_of_rows(in, op, Size(groups) * group_channels, 1.0, create,
                 [](qnnp_operator_t o, size_t batch, const uint8_t* x, size_t xs, const uint8_t*,
                    size_t, uint8_t* y, size_t ys) {
                   return Q8NN_FUZZ_CALL(qnnp_setup_channel_shuffle_nc_x8, o, batch, x, xs, y, ys);
                 });
  probe_misuse(in, op.get(), /*channel_shuffle=*/true);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzInput in(data, size);
  select_isa(in);
  switch (in.byte() % 6) {
    case 0:
      fuzz_add(in);
      break;
    case 1:
      fuzz_clamp(in);
      break;
    case 2:
      fuzz_sigmoid(in);
      break;
    case 3:
      fuzz_leaky_relu(in);
      break;
    case 4:
      fuzz_softargmax(in);
      break;
    default:
      fuzz_channel_shuffle(in);
      break;
  }
  return 0;
}
