// q8nn against XNNPACK on MobileNetV2 1.0, layer by layer and end to end, in
// one run, with identical weights and quantization.
//
// The network is the one of build/bench/mobilenet_v2 (bench::mobilenet_v2(),
// built and calibrated by bench::Q8nnNetwork with the same seed). XNNPACK
// builds the same layers from the same parameters with its qu8 (uint8)
// operators and, unless --no-qs8, with its qs8 (int8) operators: an int8
// tensor holds q - 128 and zero point - 128, weights w - 128 with zero point
// 0 (q8nn's kernel zero point is 128), so the accumulators are the same.
//
// Per layer: median times of each library, the ratio xnnpack_ms / q8nn_ms
// (> 1: q8nn is faster) and the largest difference between the outputs of
// both libraries computed from the same input (q8nn's). Then the whole
// network, timed end to end.
//
// Usage: xnnpack_compare [--threads N] [--runs N] [--warmup N] [--isa NAME] [--no-qs8]

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <xnnpack.h>

#include "bench-utils.h"
#include "models.h"
#include "q8nn-network.h"
#include "q8nn.h"
#include "qnnpack.h"

namespace {

using bench::Layer;
using bench::LayerKind;
using bench::Model;
using bench::Quantization;
using bench::Shape;

struct Options : bench::RunOptions {
  bool qs8 = true;
};

Options parse_options(int argc, char** argv) {
  const bench::Usage usage{
      argv[0], "[--threads N] [--runs N] [--warmup N] [--isa NAME] [--no-qs8]",
      "  --threads N  threads of both libraries (a pthreadpool when N > 1; default 1)\n"
      "  --runs N     timed runs of each layer and of the network (N >= 1; default 50)\n"
      "  --warmup N   untimed runs before them (default 5)\n"
      "  --isa NAME   force q8nn's instruction set (as Q8NN_ISA does), e.g. scalar\n"
      "  --no-qs8     compare with XNNPACK's qu8 operators only\n"};
  Options options;
  static_cast<bench::RunOptions&>(options) =
      bench::parse_run_options(argc, argv, usage, [&options](const std::string& arg) {
        if (arg != "--no-qs8") return false;
        options.qs8 = false;
        return true;
      });
  return options;
}

const char* xnn_status_string(xnn_status status) {
  switch (status) {
    case xnn_status_success:
      return "success";
    case xnn_status_uninitialized:
      return "uninitialized";
    case xnn_status_invalid_parameter:
      return "invalid_parameter";
    case xnn_status_invalid_state:
      return "invalid_state";
    case xnn_status_unsupported_parameter:
      return "unsupported_parameter";
    case xnn_status_unsupported_hardware:
      return "unsupported_hardware";
    case xnn_status_out_of_memory:
      return "out_of_memory";
  }
  return "unknown";
}

void check_xnn(xnn_status status, const std::string& what) {
  if (status != xnn_status_success) {
    std::fprintf(stderr, "error: %s failed: %s\n", what.c_str(), xnn_status_string(status));
    std::exit(1);
  }
}

enum class XnnType { kQU8, kQS8 };

// The layers of a Q8nnNetwork built from XNNPACK operators with the same
// parameters, over buffers of its own (planned the same way). qs8 tensors
// hold the uint8 values minus 128.
class XnnNetwork {
 public:
  XnnNetwork(const bench::Q8nnNetwork& reference, XnnType type, pthreadpool_t threadpool)
      : reference_(reference),
        model_(reference.model()),
        type_(type),
        threadpool_(threadpool),
        plan_(bench::plan_buffers(model_)) {
    // XNNPACK may read (never write) up to XNN_EXTRA_BYTES past a tensor.
    for (size_t size : plan_.buffer_size) buffers_.emplace_back(size + XNN_EXTRA_BYTES, 0);
    for (size_t t = 0; t < model_.tensor_count(); t++) {
      const int tensor = static_cast<int>(t);
      if (model_.is_input(tensor)) load(tensor, reference_.data(tensor));
    }
    for (size_t i = 0; i < model_.layers().size(); i++) operators_.push_back(create_operator(i));
  }
  ~XnnNetwork() {
    for (xnn_operator_t op : operators_) xnn_delete_operator(op);
  }
  XnnNetwork(const XnnNetwork&) = delete;
  XnnNetwork& operator=(const XnnNetwork&) = delete;

  const char* name() const { return type_ == XnnType::kQU8 ? "xnnpack-qu8" : "xnnpack-qs8"; }

  void run() {
    for (size_t i = 0; i < operators_.size(); i++) run_layer(i);
  }
  void run_layer(size_t index) {
    check_xnn(xnn_run_operator(operators_[index], threadpool_),
              std::string("xnn_run_operator(") + model_.layers()[index].name + ")");
  }

  // Sets a tensor to uint8 data (converted for qs8).
  void load(int tensor, const uint8_t* data) {
    uint8_t* x = buffer(tensor);
    const uint8_t flip = type_ == XnnType::kQS8 ? 0x80 : 0;
    for (size_t i = 0; i < model_.shape(tensor).size(); i++) x[i] = data[i] ^ flip;
  }
  // A tensor as uint8 data (converted back for qs8).
  std::vector<uint8_t> read(int tensor) const {
    const uint8_t* x = buffers_[plan_.tensor_buffer[static_cast<size_t>(tensor)]].data();
    const uint8_t flip = type_ == XnnType::kQS8 ? 0x80 : 0;
    std::vector<uint8_t> data(model_.shape(tensor).size());
    for (size_t i = 0; i < data.size(); i++) data[i] = x[i] ^ flip;
    return data;
  }

 private:
  uint8_t* buffer(int tensor) {
    return buffers_[plan_.tensor_buffer[static_cast<size_t>(tensor)]].data();
  }
  int8_t* sbuffer(int tensor) { return reinterpret_cast<int8_t*>(buffer(tensor)); }
  static int8_t s8(uint8_t q) { return static_cast<int8_t>(static_cast<int>(q) - 128); }

  xnn_operator_t create_operator(size_t index) {
    const Layer& layer = model_.layers()[index];
    const bench::LayerParams& p = reference_.params(index);
    const Shape& in = model_.shape(layer.inputs[0]);
    const Shape& out = model_.shape(layer.output);
    const Quantization& xq = reference_.quantization(layer.inputs[0]);
    const int x = layer.inputs[0];
    const int y = layer.output;
    const bool qs8 = type_ == XnnType::kQS8;
    if (qs8 && !p.weights.empty() && p.kernel.zero_point != 128) {
      std::fprintf(stderr, "error: %s: qs8 needs a kernel zero point of 128\n", layer.name.c_str());
      std::exit(1);
    }
    std::vector<int8_t> weights(p.weights.size());
    for (size_t i = 0; i < weights.size(); i++) weights[i] = s8(p.weights[i]);

    xnn_operator_t op = nullptr;
    xnn_status status = xnn_status_success;
    std::string what;
    switch (layer.kind) {
      case LayerKind::kConvolution:
      case LayerKind::kDepthwise: {
        const bool depthwise = layer.kind == LayerKind::kDepthwise;
        const uint32_t groups = depthwise ? static_cast<uint32_t>(in.channels) : 1;
        const uint32_t k = layer.kernel, s = layer.stride, pad = layer.padding;
        if (qs8) {
          what = "xnn_create_convolution2d_nhwc_qs8";
          status = xnn_create_convolution2d_nhwc_qs8(
              pad, pad, pad, pad, k, k, s, s, 1, 1, groups, in.channels / groups,
              out.channels / groups, in.channels, out.channels, s8(xq.zero_point), xq.scale,
              p.kernel.scale, weights.data(), p.bias.data(), s8(p.output.zero_point),
              p.output.scale, s8(p.output_min), s8(p.output_max), 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_convolution2d_nhwc_qs8";
            status = xnn_setup_convolution2d_nhwc_qs8(op, 1, in.height, in.width, sbuffer(x),
                                                      sbuffer(y), threadpool_);
          }
        } else {
          what = "xnn_create_convolution2d_nhwc_qu8";
          status = xnn_create_convolution2d_nhwc_qu8(
              pad, pad, pad, pad, k, k, s, s, 1, 1, groups, in.channels / groups,
              out.channels / groups, in.channels, out.channels, xq.zero_point, xq.scale,
              p.kernel.zero_point, p.kernel.scale, p.weights.data(), p.bias.data(),
              p.output.zero_point, p.output.scale, p.output_min, p.output_max, 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_convolution2d_nhwc_qu8";
            status = xnn_setup_convolution2d_nhwc_qu8(op, 1, in.height, in.width, buffer(x),
                                                      buffer(y), threadpool_);
          }
        }
        break;
      }
      case LayerKind::kAdd: {
        const int b = layer.inputs[1];
        const Quantization& bq = reference_.quantization(b);
        const size_t shape[2] = {in.pixels(), in.channels};
        if (qs8) {
          what = "xnn_create_add_nd_qs8";
          status = xnn_create_add_nd_qs8(s8(xq.zero_point), xq.scale, s8(bq.zero_point), bq.scale,
                                         s8(p.output.zero_point), p.output.scale, s8(p.output_min),
                                         s8(p.output_max), 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_add_nd_qs8";
            status = xnn_setup_add_nd_qs8(op, 2, shape, 2, shape, sbuffer(x), sbuffer(b),
                                          sbuffer(y), threadpool_);
          }
        } else {
          what = "xnn_create_add_nd_qu8";
          status = xnn_create_add_nd_qu8(xq.zero_point, xq.scale, bq.zero_point, bq.scale,
                                         p.output.zero_point, p.output.scale, p.output_min,
                                         p.output_max, 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_add_nd_qu8";
            status = xnn_setup_add_nd_qu8(op, 2, shape, 2, shape, buffer(x), buffer(b), buffer(y),
                                          threadpool_);
          }
        }
        break;
      }
      case LayerKind::kGlobalAveragePooling:
        if (qs8) {
          what = "xnn_create_global_average_pooling_nwc_qs8";
          status = xnn_create_global_average_pooling_nwc_qs8(
              in.channels, in.channels, out.channels, s8(xq.zero_point), xq.scale,
              s8(p.output.zero_point), p.output.scale, s8(p.output_min), s8(p.output_max), 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_global_average_pooling_nwc_qs8";
            status = xnn_setup_global_average_pooling_nwc_qs8(op, 1, in.pixels(), sbuffer(x),
                                                              sbuffer(y), threadpool_);
          }
        } else {
          what = "xnn_create_global_average_pooling_nwc_qu8";
          status = xnn_create_global_average_pooling_nwc_qu8(
              in.channels, in.channels, out.channels, xq.zero_point, xq.scale, p.output.zero_point,
              p.output.scale, p.output_min, p.output_max, 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_global_average_pooling_nwc_qu8";
            status = xnn_setup_global_average_pooling_nwc_qu8(op, 1, in.pixels(), buffer(x),
                                                              buffer(y), threadpool_);
          }
        }
        break;
      case LayerKind::kFullyConnected:
        if (qs8) {
          what = "xnn_create_fully_connected_nc_qs8";
          status = xnn_create_fully_connected_nc_qs8(
              in.size(), out.channels, in.size(), out.channels, s8(xq.zero_point), xq.scale,
              p.kernel.scale, weights.data(), p.bias.data(), s8(p.output.zero_point),
              p.output.scale, s8(p.output_min), s8(p.output_max), 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_fully_connected_nc_qs8";
            status = xnn_setup_fully_connected_nc_qs8(op, 1, sbuffer(x), sbuffer(y), threadpool_);
          }
        } else {
          what = "xnn_create_fully_connected_nc_qu8";
          status = xnn_create_fully_connected_nc_qu8(
              in.size(), out.channels, in.size(), out.channels, xq.zero_point, xq.scale,
              p.kernel.zero_point, p.kernel.scale, p.weights.data(), p.bias.data(),
              p.output.zero_point, p.output.scale, p.output_min, p.output_max, 0, &op);
          if (status == xnn_status_success) {
            what = "xnn_setup_fully_connected_nc_qu8";
            status = xnn_setup_fully_connected_nc_qu8(op, 1, buffer(x), buffer(y), threadpool_);
          }
        }
        break;
    }
    if (status != xnn_status_success) xnn_delete_operator(op);
    check_xnn(status, what + "(" + layer.name + ")");
    return op;
  }

  const bench::Q8nnNetwork& reference_;
  const Model& model_;
  XnnType type_;
  pthreadpool_t threadpool_;
  bench::BufferPlan plan_;
  std::vector<bench::ActivationBuffer> buffers_;
  std::vector<xnn_operator_t> operators_;
};

// How far apart two outputs are.
struct Difference {
  int max_abs = 0;
  size_t count = 0;  // elements that differ
  size_t size = 0;
  std::string str() const {
    if (max_abs == 0) return "0";
    char text[64];
    std::snprintf(text, sizeof(text), "%d:%.1f%%", max_abs,
                  100.0 * static_cast<double>(count) / static_cast<double>(size));
    return text;
  }
};

Difference compare(const uint8_t* a, const std::vector<uint8_t>& b) {
  Difference difference;
  difference.size = b.size();
  for (size_t i = 0; i < b.size(); i++) {
    const int d = std::abs(static_cast<int>(a[i]) - static_cast<int>(b[i]));
    difference.max_abs = std::max(difference.max_abs, d);
    difference.count += d != 0 ? 1 : 0;
  }
  return difference;
}

// Times of one library, per layer kind and in total.
struct Totals {
  double by_kind[5] = {};
  double total = 0.0;
  void add(LayerKind kind, double ms) {
    by_kind[static_cast<int>(kind)] += ms;
    total += ms;
  }
};

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  if (options.isa != nullptr) {
    bench::check(q8nn_initialize_isa(options.isa),
                 std::string("q8nn_initialize_isa(") + options.isa + ")");
  } else {
    bench::check(qnnp_initialize(), "qnnp_initialize");
  }
  check_xnn(xnn_initialize(nullptr), "xnn_initialize");

  {
    const bench::Threadpool threadpool = bench::create_threadpool(options.threads);
    bench::Q8nnNetwork q8nn(bench::mobilenet_v2(), bench::kDefaultSeed, threadpool.get());
    const Model& model = q8nn.model();
    std::vector<std::unique_ptr<XnnNetwork>> xnn;
    xnn.push_back(std::make_unique<XnnNetwork>(q8nn, XnnType::kQU8, threadpool.get()));
    if (options.qs8) {
      xnn.push_back(std::make_unique<XnnNetwork>(q8nn, XnnType::kQS8, threadpool.get()));
    }

    std::printf("# q8nn %s, isa %s; XNNPACK %s\n", q8nn_version_string(), q8nn_isa(),
                XNNPACK_LIBRARY_PATH);
    std::printf(
        "# model: MobileNetV2 1.0, 224x224x3 input, batch 1, %zu operators, %.1f M MACs, "
        "random weights (those of bench/mobilenet_v2)\n",
        model.layers().size(), model.macs() / 1e6);
    std::printf("# threads: %zu, warm-up runs: %zu, timed runs: %zu (per layer and per network)\n",
                options.threads, options.warmup, options.runs);
    std::printf(
        "# per layer: median ms; ratio = xnnpack_ms / q8nn_ms (> 1: q8nn faster); diff = "
        "max |q8nn - xnnpack| of the outputs from the same input, ':' the share of "
        "elements that differ (0: equal)\n");
    std::printf("# %-20s %-28s %9s", "layer", "shape", "q8nn_ms");
    for (const auto& network : xnn)
      std::printf(" %14s_ms %6s %10s", network->name(), "ratio", "diff");
    std::printf("\n");

    // Layer by layer: q8nn computes the layer's input; every library runs the
    // layer on it, then each is timed.
    Totals q8nn_totals;
    std::vector<Totals> xnn_totals(xnn.size());
    std::vector<Difference> worst(xnn.size());
    for (size_t i = 0; i < model.layers().size(); i++) {
      const Layer& layer = model.layers()[i];
      q8nn.run_layer(i);
      std::vector<Difference> differences;
      for (auto& network : xnn) {
        for (int input : layer.inputs) network->load(input, q8nn.data(input));
        network->run_layer(i);
        differences.push_back(compare(q8nn.data(layer.output), network->read(layer.output)));
      }
      const bench::Timing q8nn_time =
          bench::time_runs([&] { q8nn.run_layer(i); }, options.warmup, options.runs);
      q8nn_totals.add(layer.kind, q8nn_time.median_ms);
      std::printf("layer %-20s %-28s %9.3f", layer.name.c_str(), model.label(layer).c_str(),
                  q8nn_time.median_ms);
      for (size_t n = 0; n < xnn.size(); n++) {
        const bench::Timing time =
            bench::time_runs([&] { xnn[n]->run_layer(i); }, options.warmup, options.runs);
        xnn_totals[n].add(layer.kind, time.median_ms);
        worst[n].max_abs = std::max(worst[n].max_abs, differences[n].max_abs);
        std::printf(" %17.3f %6.2f %10s", time.median_ms, time.median_ms / q8nn_time.median_ms,
                    differences[n].str().c_str());
      }
      std::printf("\n");
    }
    const LayerKind kinds[] = {LayerKind::kConvolution, LayerKind::kDepthwise, LayerKind::kAdd,
                               LayerKind::kGlobalAveragePooling, LayerKind::kFullyConnected};
    for (LayerKind kind : kinds) {
      const double q8nn_ms = q8nn_totals.by_kind[static_cast<int>(kind)];
      std::printf("# sum of %-8s (%2zu) %25s %9.3f", bench::kind_name(kind), model.count(kind), "",
                  q8nn_ms);
      for (size_t n = 0; n < xnn.size(); n++) {
        const double ms = xnn_totals[n].by_kind[static_cast<int>(kind)];
        std::printf(" %17.3f %6.2f %10s", ms, ms / q8nn_ms, "");
      }
      std::printf("\n");
    }
    std::printf("# sum of all layers %30s %9.3f", "", q8nn_totals.total);
    for (size_t n = 0; n < xnn.size(); n++) {
      std::printf(" %17.3f %6.2f %10s", xnn_totals[n].total,
                  xnn_totals[n].total / q8nn_totals.total, "");
    }
    std::printf("\n");

    // The whole network, end to end, from the same input.
    const bench::Timing q8nn_time =
        bench::time_runs([&] { q8nn.run(); }, options.warmup, options.runs);
    std::vector<bench::Timing> xnn_times;
    for (auto& network : xnn) {
      xnn_times.push_back(bench::time_runs([&] { network->run(); }, options.warmup, options.runs));
    }
    const int output = model.layers().back().output;
    std::printf("# output checksum (FNV-1a 64): q8nn %016" PRIx64,
                bench::fnv1a(q8nn.output(), q8nn.output_size()));
    for (auto& network : xnn) {
      const std::vector<uint8_t> out = network->read(output);
      std::printf(", %s %016" PRIx64, network->name(), bench::fnv1a(out.data(), out.size()));
    }
    std::printf("\n");
    for (size_t n = 0; n < xnn.size(); n++) {
      const Difference difference = compare(q8nn.output(), xnn[n]->read(output));
      std::printf("# %s vs q8nn: largest layer diff %d; network output diff %s\n", xnn[n]->name(),
                  worst[n].max_abs, difference.str().c_str());
    }
    std::printf("q8nn-q8 mobilenet_v2 threads=%zu median_ms=%.3f min_ms=%.3f\n", options.threads,
                q8nn_time.median_ms, q8nn_time.min_ms);
    for (size_t n = 0; n < xnn.size(); n++) {
      std::printf("%s mobilenet_v2 threads=%zu median_ms=%.3f min_ms=%.3f\n", xnn[n]->name(),
                  options.threads, xnn_times[n].median_ms, xnn_times[n].min_ms);
    }
    for (size_t n = 0; n < xnn.size(); n++) {
      std::printf("# ratio %s/q8nn = %.3f\n", n == 0 ? "xnnpack" : xnn[n]->name(),
                  xnn_times[n].median_ms / q8nn_time.median_ms);
    }
  }

  check_xnn(xnn_deinitialize(), "xnn_deinitialize");
  bench::check(qnnp_deinitialize(), "qnnp_deinitialize");
  return 0;
}
