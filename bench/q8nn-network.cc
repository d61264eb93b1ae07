#include "q8nn-network.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "bench-utils.h"

namespace bench {
namespace {

// Calibration targets: real-valued standard deviation of a layer's output
// before its activation, and the quantization of each kind of output.
constexpr float kReluTargetStd = 2.0f;             // ReLU6 clamps at 3 sigma
constexpr float kReluOutputScale = 6.0f / 255.0f;  // [0, 6] -> [0, 255], zero point 0
constexpr float kLinearTargetStd = 1.0f;
constexpr float kLinearOutputScale = 1.0f / 32.0f;  // +-4 sigma around zero point 128
constexpr uint8_t kLinearZeroPoint = 128;
constexpr uint8_t kKernelZeroPoint = 128;
constexpr Quantization kInputQuantization{128, 1.0f / 128.0f};

}  // namespace

Q8nnNetwork::Q8nnNetwork(Model model, uint64_t seed, pthreadpool_t threadpool, bool verbose)
    : model_(std::move(model)),
      threadpool_(threadpool),
      random_(seed),
      plan_(plan_buffers(model_)) {
  for (size_t size : plan_.buffer_size) buffers_.emplace_back(size, 0);
  quantization_.resize(model_.tensor_count());
  for (size_t t = 0; t < model_.tensor_count(); t++) {
    const int tensor = static_cast<int>(t);
    if (!model_.is_input(tensor)) continue;
    quantization_[t] = kInputQuantization;
    uint8_t* x = mutable_data(tensor);
    for (size_t i = 0; i < model_.shape(tensor).size(); i++) x[i] = random_.byte();
  }
  const size_t layers = model_.layers().size();
  params_.resize(layers);
  operators_.assign(layers, nullptr);
  for (size_t i = 0; i < layers; i++) {
    calibrate(i);
    operators_[i] = create_operator(i);
    run_layer(i);  // the calibration of the layers after it needs its output
    if (verbose) report(i);
  }
}

Q8nnNetwork::~Q8nnNetwork() {
  for (qnnp_operator_t op : operators_) qnnp_delete_operator(op);
}

void Q8nnNetwork::run() {
  for (size_t i = 0; i < operators_.size(); i++) run_layer(i);
}

void Q8nnNetwork::run_layer(size_t index) {
  check(qnnp_run_operator(operators_[index], threadpool_),
        "qnnp_run_operator(" + model_.layers()[index].name + ")");
}

const uint8_t* Q8nnNetwork::data(int tensor) const {
  return buffers_[plan_.tensor_buffer.at(static_cast<size_t>(tensor))].data();
}

uint8_t* Q8nnNetwork::mutable_data(int tensor) {
  return buffers_[plan_.tensor_buffer.at(static_cast<size_t>(tensor))].data();
}

// Draws the weights and bias of a layer and chooses its quantization from the
// data its inputs hold now.
void Q8nnNetwork::calibrate(size_t index) {
  const Layer& layer = model_.layers()[index];
  LayerParams& params = params_[index];
  const int x = layer.inputs[0];
  const Shape& in = model_.shape(x);
  const Shape& out = model_.shape(layer.output);
  const Quantization& xq = quantization_[static_cast<size_t>(x)];
  switch (layer.kind) {
    case LayerKind::kConvolution:
    case LayerKind::kDepthwise:
    case LayerKind::kFullyConnected: {
      const size_t taps = static_cast<size_t>(layer.kernel) * layer.kernel;
      const size_t k = layer.kind == LayerKind::kDepthwise     ? taps
                       : layer.kind == LayerKind::kConvolution ? taps * in.channels
                                                               : in.size();
      params.weights.resize(out.channels * k);
      for (auto& w : params.weights) w = random_.byte();

      // Expected spread of the accumulators: rms(x - zx) * rms(w - zw) * sqrt(K),
      // measured on the real input data and on the weights.
      const double acc_rms =
          std::max(rms(data(x), in.size(), xq.zero_point), 0.5) *
          std::max(rms(params.weights.data(), params.weights.size(), kKernelZeroPoint), 0.5) *
          std::sqrt(static_cast<double>(k));
      params.bias.resize(out.channels);
      const int32_t bias_bound = std::max<int32_t>(1, static_cast<int32_t>(acc_rms / 4.0));
      for (auto& b : params.bias) b = random_.symmetric(bias_bound);

      const bool relu6 = layer.relu6;
      const float target_std = relu6 ? kReluTargetStd : kLinearTargetStd;
      params.kernel =
          Quantization{kKernelZeroPoint, static_cast<float>(target_std / (xq.scale * acc_rms))};
      params.output = relu6 ? Quantization{0, kReluOutputScale}
                            : Quantization{kLinearZeroPoint, kLinearOutputScale};
      params.output_min = relu6 ? params.output.zero_point : 0;
      params.output_max =
          relu6 ? static_cast<uint8_t>(std::min<long>(
                      255, params.output.zero_point + std::lrint(6.0f / params.output.scale)))
                : 255;
      break;
    }
    case LayerKind::kAdd: {
      const Quantization& yq = quantization_[static_cast<size_t>(layer.inputs[1])];
      const double a_std = rms(data(x), in.size(), xq.zero_point) * xq.scale;
      const double b_std = rms(data(layer.inputs[1]), in.size(), yq.zero_point) * yq.scale;
      const double sum_std = std::max(std::sqrt(a_std * a_std + b_std * b_std), 1e-3);
      params.output = Quantization{
          kLinearZeroPoint, static_cast<float>(sum_std * kLinearOutputScale / kLinearTargetStd)};
      break;
    }
    case LayerKind::kGlobalAveragePooling: {
      // The largest channel mean maps to 255.
      const uint8_t* input = data(x);
      double largest = 0.0;
      for (size_t c = 0; c < in.channels; c++) {
        double sum = 0.0;
        for (size_t p = 0; p < in.pixels(); p++) {
          sum += static_cast<double>(input[p * in.channels + c]) - xq.zero_point;
        }
        largest = std::max(largest, std::fabs(sum / static_cast<double>(in.pixels())));
      }
      params.output =
          Quantization{0, static_cast<float>(std::max(largest, 1.0) * xq.scale / 255.0)};
      break;
    }
  }
  quantization_[static_cast<size_t>(layer.output)] = params.output;
}

qnnp_operator_t Q8nnNetwork::create_operator(size_t index) {
  const Layer& layer = model_.layers()[index];
  const LayerParams& p = params_[index];
  const Shape& in = model_.shape(layer.inputs[0]);
  const Shape& out = model_.shape(layer.output);
  const Quantization& xq = quantization_[static_cast<size_t>(layer.inputs[0])];
  const uint8_t* x = data(layer.inputs[0]);
  uint8_t* y = mutable_data(layer.output);

  qnnp_operator_t op = nullptr;
  qnnp_status status = qnnp_status_success;
  std::string what;
  switch (layer.kind) {
    case LayerKind::kConvolution:
    case LayerKind::kDepthwise: {
      const bool depthwise = layer.kind == LayerKind::kDepthwise;
      const uint32_t groups = depthwise ? static_cast<uint32_t>(in.channels) : 1;
      what = "qnnp_create_convolution2d_nhwc_q8";
      status = qnnp_create_convolution2d_nhwc_q8(
          layer.padding, layer.padding, layer.padding, layer.padding, layer.kernel, layer.kernel,
          layer.stride, layer.stride, 1, 1, groups, in.channels / groups, out.channels / groups,
          xq.zero_point, xq.scale, p.kernel.zero_point, p.kernel.scale, p.weights.data(),
          p.bias.data(), p.output.zero_point, p.output.scale, p.output_min, p.output_max, 0, &op);
      if (status == qnnp_status_success) {
        what = "qnnp_setup_convolution2d_nhwc_q8";
        status = qnnp_setup_convolution2d_nhwc_q8(op, 1, in.height, in.width, x, in.channels, y,
                                                  out.channels, threadpool_);
      }
      break;
    }
    case LayerKind::kAdd: {
      const Quantization& bq = quantization_[static_cast<size_t>(layer.inputs[1])];
      what = "qnnp_create_add_nc_q8";
      status = qnnp_create_add_nc_q8(in.channels, xq.zero_point, xq.scale, bq.zero_point, bq.scale,
                                     p.output.zero_point, p.output.scale, p.output_min,
                                     p.output_max, 0, &op);
      if (status == qnnp_status_success) {
        what = "qnnp_setup_add_nc_q8";
        status = qnnp_setup_add_nc_q8(op, in.pixels(), x, in.channels, data(layer.inputs[1]),
                                      in.channels, y, out.channels);
      }
      break;
    }
    case LayerKind::kGlobalAveragePooling:
      what = "qnnp_create_global_average_pooling_nwc_q8";
      status = qnnp_create_global_average_pooling_nwc_q8(in.channels, xq.zero_point, xq.scale,
                                                         p.output.zero_point, p.output.scale,
                                                         p.output_min, p.output_max, 0, &op);
      if (status == qnnp_status_success) {
        what = "qnnp_setup_global_average_pooling_nwc_q8";
        status = qnnp_setup_global_average_pooling_nwc_q8(op, 1, in.pixels(), x, in.channels, y,
                                                          out.channels);
      }
      break;
    case LayerKind::kFullyConnected:
      what = "qnnp_create_fully_connected_nc_q8";
      status = qnnp_create_fully_connected_nc_q8(
          in.size(), out.channels, xq.zero_point, xq.scale, p.kernel.zero_point, p.kernel.scale,
          p.weights.data(), p.bias.data(), p.output.zero_point, p.output.scale, p.output_min,
          p.output_max, 0, &op);
      if (status == qnnp_status_success) {
        what = "qnnp_setup_fully_connected_nc_q8";
        status = qnnp_setup_fully_connected_nc_q8(op, 1, x, in.size(), y, out.channels);
      }
      break;
  }
  if (status != qnnp_status_success) qnnp_delete_operator(op);
  check(status, what + "(" + layer.name + ")");
  return op;
}

void Q8nnNetwork::report(size_t index) const {
  const Layer& layer = model_.layers()[index];
  const uint8_t* output = data(layer.output);
  const size_t size = model_.shape(layer.output).size();
  double mean = 0.0;
  uint8_t lo = 255, hi = 0;
  for (size_t i = 0; i < size; i++) {
    mean += output[i];
    lo = std::min(lo, output[i]);
    hi = std::max(hi, output[i]);
  }
  mean /= static_cast<double>(size);
  std::printf("# layer %-18s %-9s MACs=%10.0f out: min=%3u max=%3u mean=%6.2f distinct=%zu\n",
              layer.name.c_str(), kind_name(layer.kind), model_.macs(layer), lo, hi, mean,
              count_distinct(output, size));
}

}  // namespace bench
