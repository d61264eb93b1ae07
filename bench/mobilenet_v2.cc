// MobileNetV2 1.0 (224x224x3, batch 1, 1000 classes) built from q8nn's
// QNNPACK-compatible public API, with random weights, timed over whole
// inferences.
//
// The weights are random (fixed seed), so the "classes" mean nothing; the
// quantization parameters are calibrated once, layer by layer, on the real
// intermediate data, so that activations spread over the uint8 range instead
// of saturating to a constant. Every operator is created and set up once;
// the timed loop only calls qnnp_run_operator.
//
// Usage: mobilenet_v2 [--threads N] [--runs N] [--warmup N] [--isa NAME] [--verbose]

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include <pthreadpool.h>

#include "q8nn.h"
#include "qnnpack.h"

namespace {

struct Options {
  size_t threads = 1;
  size_t runs = 50;
  size_t warmup = 5;
  const char* isa = nullptr;
  bool verbose = false;
};

[[noreturn]] void usage(const char* argv0, const char* problem) {
  if (problem != nullptr) std::fprintf(stderr, "%s: %s\n", argv0, problem);
  std::fprintf(stderr,
               "usage: %s [--threads N] [--runs N] [--warmup N] [--isa NAME] [--verbose]\n"
               "  --threads N  threads (N >= 1; a pthreadpool is used when N > 1; default 1)\n"
               "  --runs N     timed inferences (N >= 1; default 50)\n"
               "  --warmup N   untimed inferences before them (default 5)\n"
               "  --isa NAME   force an instruction set (as Q8NN_ISA does), e.g. scalar\n"
               "  --verbose    print the output statistics of every layer\n",
               argv0);
  std::exit(2);
}

size_t parse_count(const char* argv0, const char* option, const char* text, size_t min,
                   size_t max) {
  if (text == nullptr) usage(argv0, (std::string(option) + " needs a value").c_str());
  char* end = nullptr;
  errno = 0;
  const unsigned long long value = std::strtoull(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || end == text || *end != '\0' || errno != 0 ||
      value < min || value > max) {
    usage(argv0, (std::string("bad value for ") + option + ": '" + text + "'").c_str());
  }
  return static_cast<size_t>(value);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    const char* next = i + 1 < argc ? argv[i + 1] : nullptr;
    if (arg == "--threads") {
      options.threads = parse_count(argv[0], "--threads", next, 1, 1024);
      i++;
    } else if (arg == "--runs") {
      options.runs = parse_count(argv[0], "--runs", next, 1, 1000000);
      i++;
    } else if (arg == "--warmup") {
      options.warmup = parse_count(argv[0], "--warmup", next, 0, 1000000);
      i++;
    } else if (arg == "--isa") {
      if (next == nullptr || next[0] == '\0') usage(argv[0], "--isa needs a value");
      options.isa = next;
      i++;
    } else if (arg == "--verbose") {
      options.verbose = true;
    } else if (arg == "--help" || arg == "-h") {
      usage(argv[0], nullptr);
    } else {
      usage(argv[0], ("unknown option '" + arg + "'").c_str());
    }
  }
  return options;
}

void check(qnnp_status status, const std::string& what) {
  if (status != qnnp_status_success) {
    std::fprintf(stderr, "error: %s failed: %s\n", what.c_str(), q8nn_status_string(status));
    std::exit(1);
  }
}

// Deterministic on every platform and standard library (unlike std::*_distribution).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
  }
  uint8_t byte() { return static_cast<uint8_t>(next() >> 56); }
  // Uniform in [-bound, bound].
  int32_t symmetric(int32_t bound) {
    return static_cast<int32_t>(next() % (2 * static_cast<uint64_t>(bound) + 1)) - bound;
  }

 private:
  uint64_t state_;
};

// Root mean square of (x - zero_point) over n bytes.
double rms(const uint8_t* data, size_t n, uint8_t zero_point) {
  double sum = 0.0;
  for (size_t i = 0; i < n; i++) {
    const double d = static_cast<double>(data[i]) - zero_point;
    sum += d * d;
  }
  return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

size_t count_distinct(const uint8_t* data, size_t n) {
  bool seen[256] = {};
  size_t count = 0;
  for (size_t i = 0; i < n; i++) {
    if (!seen[data[i]]) {
      seen[data[i]] = true;
      count++;
    }
  }
  return count;
}

uint64_t fnv1a(const uint8_t* data, size_t n) {
  uint64_t hash = UINT64_C(0xCBF29CE484222325);
  for (size_t i = 0; i < n; i++) {
    hash ^= data[i];
    hash *= UINT64_C(0x100000001B3);
  }
  return hash;
}

// A quantized NHWC activation tensor of batch 1 living in one of the network's buffers.
struct Tensor {
  int buffer;  // index into Network::buffers_, or -1 for the network input
  uint8_t* data;
  size_t height, width, channels;
  uint8_t zero_point;
  float scale;
  size_t size() const { return height * width * channels; }
};

// Calibration targets: real-valued standard deviation of a layer's output
// before its activation, and the quantization of each kind of output.
constexpr float kReluTargetStd = 2.0f;        // ReLU6 clamps at 3 sigma
constexpr float kReluOutputScale = 6.0f / 255.0f;  // [0, 6] -> [0, 255], zero point 0
constexpr float kLinearTargetStd = 1.0f;
constexpr float kLinearOutputScale = 1.0f / 32.0f;  // +-4 sigma around zero point 128
constexpr uint8_t kLinearZeroPoint = 128;
constexpr uint8_t kKernelZeroPoint = 128;

class Network {
 public:
  Network(pthreadpool_t threadpool, bool verbose, uint64_t seed)
      : threadpool_(threadpool), verbose_(verbose), random_(seed) {}

  ~Network() {
    for (auto& layer : layers_) qnnp_delete_operator(layer.op);
  }

  void build() {
    // The largest activation is 112x112x96 (the expansion of the second block).
    for (auto& buffer : buffers_) buffer.assign(kBufferSize, 0);

    input_.assign(224 * 224 * 3, 0);
    for (auto& x : input_) x = random_.byte();
    Tensor x{-1, input_.data(), 224, 224, 3, 128, 1.0f / 128.0f};

    x = convolution("conv0", x, 3, 2, 1, 32, true, pick({}));

    struct Group {
      size_t t, c, n, s;
    };
    const Group groups[] = {{1, 16, 1, 1},  {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                            {6, 96, 3, 1},  {6, 160, 3, 2}, {6, 320, 1, 1}};
    size_t block = 0;
    for (const Group& group : groups) {
      for (size_t i = 0; i < group.n; i++) {
        x = inverted_residual("block" + std::to_string(++block), x, group.t, group.c,
                              i == 0 ? group.s : 1);
      }
    }
    x = convolution("conv_last", x, 1, 1, 1, 1280, true, pick({x.buffer}));
    x = global_average_pooling("gavgpool", x);
    fully_connected("fc", x, 1000);
  }

  void run() {
    for (const auto& layer : layers_) {
      check(qnnp_run_operator(layer.op, threadpool_), "qnnp_run_operator(" + layer.name + ")");
    }
  }

  const std::vector<uint8_t>& output() const { return logits_; }
  double macs() const { return macs_; }
  size_t layer_count() const { return layers_.size(); }
  size_t count(const char* kind) const {
    return static_cast<size_t>(std::count_if(layers_.begin(), layers_.end(), [&](const Layer& l) {
      return l.kind == kind;
    }));
  }

 private:
  static constexpr size_t kBufferCount = 3;
  static constexpr size_t kBufferSize = 112 * 112 * 96;

  struct Layer {
    std::string name;
    std::string kind;
    qnnp_operator_t op;
  };

  // The lowest-numbered activation buffer that holds none of the live tensors.
  int pick(std::initializer_list<int> live) const {
    for (int b = 0; b < static_cast<int>(kBufferCount); b++) {
      if (std::find(live.begin(), live.end(), b) == live.end()) return b;
    }
    std::fprintf(stderr, "error: out of activation buffers\n");
    std::exit(1);
  }

  Tensor make_output(const std::string& name, int buffer, size_t h, size_t w, size_t c,
                     uint8_t zero_point, float scale) {
    if (h * w * c > kBufferSize) {
      std::fprintf(stderr, "error: %s: output of %zux%zux%zu does not fit a buffer\n",
                   name.c_str(), h, w, c);
      std::exit(1);
    }
    return Tensor{buffer, buffers_[buffer].data(), h, w, c, zero_point, scale};
  }

  // Adds a created and set-up operator, runs it once (the calibration pass of
  // the layers after it needs its output) and reports it when verbose.
  void add_layer(const std::string& name, const char* kind, qnnp_operator_t op,
                 const uint8_t* output, size_t output_size, double layer_macs) {
    layers_.push_back(Layer{name, kind, op});
    check(qnnp_run_operator(op, threadpool_), "qnnp_run_operator(" + name + ")");
    macs_ += layer_macs;
    if (verbose_) {
      double mean = 0.0;
      uint8_t lo = 255, hi = 0;
      for (size_t i = 0; i < output_size; i++) {
        mean += output[i];
        lo = std::min(lo, output[i]);
        hi = std::max(hi, output[i]);
      }
      mean /= static_cast<double>(output_size);
      std::printf("# layer %-18s %-9s MACs=%10.0f out: min=%3u max=%3u mean=%6.2f distinct=%zu\n",
                  name.c_str(), kind, layer_macs, lo, hi, mean,
                  count_distinct(output, output_size));
    }
  }

  Tensor convolution(const std::string& name, const Tensor& in, uint32_t kernel, uint32_t stride,
                     size_t groups, size_t output_channels, bool relu6, int output_buffer) {
    const uint32_t padding = (kernel - 1) / 2;
    const size_t out_h = (in.height + 2 * padding - kernel) / stride + 1;
    const size_t out_w = (in.width + 2 * padding - kernel) / stride + 1;
    const size_t group_input_channels = in.channels / groups;
    const size_t group_output_channels = output_channels / groups;
    const size_t k = static_cast<size_t>(kernel) * kernel * group_input_channels;

    std::vector<uint8_t> weights(output_channels * k);
    for (auto& w : weights) w = random_.byte();

    // Expected spread of the accumulators: rms(x - zx) * rms(w - zw) * sqrt(K),
    // measured on the real input data and on the weights.
    const double acc_rms = std::max(rms(in.data, in.size(), in.zero_point), 0.5) *
                           std::max(rms(weights.data(), weights.size(), kKernelZeroPoint), 0.5) *
                           std::sqrt(static_cast<double>(k));
    std::vector<int32_t> bias(output_channels);
    const int32_t bias_bound = std::max<int32_t>(1, static_cast<int32_t>(acc_rms / 4.0));
    for (auto& b : bias) b = random_.symmetric(bias_bound);

    const float target_std = relu6 ? kReluTargetStd : kLinearTargetStd;
    const float kernel_scale = static_cast<float>(target_std / (in.scale * acc_rms));
    const uint8_t zero_point = relu6 ? 0 : kLinearZeroPoint;
    const float output_scale = relu6 ? kReluOutputScale : kLinearOutputScale;
    const uint8_t output_min = relu6 ? zero_point : 0;
    const uint8_t output_max =
        relu6 ? static_cast<uint8_t>(std::min<long>(255, zero_point + std::lrint(6.0f / output_scale)))
              : 255;

    Tensor out = make_output(name, output_buffer, out_h, out_w, output_channels, zero_point,
                             output_scale);
    qnnp_operator_t op = nullptr;
    check(qnnp_create_convolution2d_nhwc_q8(
              padding, padding, padding, padding, kernel, kernel, stride, stride, 1, 1,
              static_cast<uint32_t>(groups), group_input_channels, group_output_channels,
              in.zero_point, in.scale, kKernelZeroPoint, kernel_scale, weights.data(),
              bias.data(), out.zero_point, out.scale, output_min, output_max, 0, &op),
          "qnnp_create_convolution2d_nhwc_q8(" + name + ")");
    const auto setup_status = qnnp_setup_convolution2d_nhwc_q8(
        op, 1, in.height, in.width, in.data, in.channels, out.data, out.channels, threadpool_);
    if (setup_status != qnnp_status_success) qnnp_delete_operator(op);
    check(setup_status, "qnnp_setup_convolution2d_nhwc_q8(" + name + ")");
    add_layer(name, groups == 1 ? "conv" : "dwconv", op, out.data, out.size(),
              static_cast<double>(out_h * out_w * output_channels * k));
    return out;
  }

  Tensor add(const std::string& name, const Tensor& a, const Tensor& b, int output_buffer) {
    const double a_std = rms(a.data, a.size(), a.zero_point) * a.scale;
    const double b_std = rms(b.data, b.size(), b.zero_point) * b.scale;
    const double sum_std = std::max(std::sqrt(a_std * a_std + b_std * b_std), 1e-3);
    Tensor out = make_output(name, output_buffer, a.height, a.width, a.channels, kLinearZeroPoint,
                             static_cast<float>(sum_std * kLinearOutputScale / kLinearTargetStd));
    qnnp_operator_t op = nullptr;
    check(qnnp_create_add_nc_q8(a.channels, a.zero_point, a.scale, b.zero_point, b.scale,
                                out.zero_point, out.scale, 0, 255, 0, &op),
          "qnnp_create_add_nc_q8(" + name + ")");
    const auto setup_status = qnnp_setup_add_nc_q8(op, a.height * a.width, a.data, a.channels,
                                                   b.data, b.channels, out.data, out.channels);
    if (setup_status != qnnp_status_success) qnnp_delete_operator(op);
    check(setup_status, "qnnp_setup_add_nc_q8(" + name + ")");
    add_layer(name, "add", op, out.data, out.size(), 0.0);
    return out;
  }

  Tensor inverted_residual(const std::string& name, const Tensor& in, size_t expansion,
                           size_t channels, uint32_t stride) {
    Tensor x = in;
    if (expansion != 1) {
      x = convolution(name + ".expand", x, 1, 1, 1, in.channels * expansion, true,
                      pick({in.buffer}));
    }
    x = convolution(name + ".dw", x, 3, stride, x.channels, x.channels, true,
                    pick({in.buffer, x.buffer}));
    x = convolution(name + ".project", x, 1, 1, 1, channels, false, pick({in.buffer, x.buffer}));
    if (stride == 1 && in.channels == channels) {
      x = add(name + ".add", in, x, pick({in.buffer, x.buffer}));
    }
    return x;
  }

  Tensor global_average_pooling(const std::string& name, const Tensor& in) {
    // Calibrate on the real data: the largest channel mean maps to 255.
    const size_t pixels = in.height * in.width;
    double largest = 0.0;
    for (size_t c = 0; c < in.channels; c++) {
      double sum = 0.0;
      for (size_t p = 0; p < pixels; p++) {
        sum += static_cast<double>(in.data[p * in.channels + c]) - in.zero_point;
      }
      largest = std::max(largest, std::fabs(sum / static_cast<double>(pixels)));
    }
    const float output_scale =
        static_cast<float>(std::max(largest, 1.0) * in.scale / 255.0);
    pooled_.assign(in.channels, 0);
    Tensor out{-1, pooled_.data(), 1, 1, in.channels, 0, output_scale};
    qnnp_operator_t op = nullptr;
    check(qnnp_create_global_average_pooling_nwc_q8(in.channels, in.zero_point, in.scale,
                                                    out.zero_point, out.scale, 0, 255, 0, &op),
          "qnnp_create_global_average_pooling_nwc_q8(" + name + ")");
    const auto setup_status = qnnp_setup_global_average_pooling_nwc_q8(
        op, 1, pixels, in.data, in.channels, out.data, out.channels);
    if (setup_status != qnnp_status_success) qnnp_delete_operator(op);
    check(setup_status, "qnnp_setup_global_average_pooling_nwc_q8(" + name + ")");
    add_layer(name, "gavgpool", op, out.data, out.size(), 0.0);
    return out;
  }

  void fully_connected(const std::string& name, const Tensor& in, size_t outputs) {
    const size_t k = in.channels;
    std::vector<uint8_t> weights(outputs * k);
    for (auto& w : weights) w = random_.byte();
    const double acc_rms = std::max(rms(in.data, in.size(), in.zero_point), 0.5) *
                           std::max(rms(weights.data(), weights.size(), kKernelZeroPoint), 0.5) *
                           std::sqrt(static_cast<double>(k));
    std::vector<int32_t> bias(outputs);
    const int32_t bias_bound = std::max<int32_t>(1, static_cast<int32_t>(acc_rms / 4.0));
    for (auto& b : bias) b = random_.symmetric(bias_bound);
    const float kernel_scale = static_cast<float>(kLinearTargetStd / (in.scale * acc_rms));

    logits_.assign(outputs, 0);
    qnnp_operator_t op = nullptr;
    check(qnnp_create_fully_connected_nc_q8(k, outputs, in.zero_point, in.scale,
                                            kKernelZeroPoint, kernel_scale, weights.data(),
                                            bias.data(), kLinearZeroPoint, kLinearOutputScale,
                                            0, 255, 0, &op),
          "qnnp_create_fully_connected_nc_q8(" + name + ")");
    const auto setup_status =
        qnnp_setup_fully_connected_nc_q8(op, 1, in.data, k, logits_.data(), outputs);
    if (setup_status != qnnp_status_success) qnnp_delete_operator(op);
    check(setup_status, "qnnp_setup_fully_connected_nc_q8(" + name + ")");
    add_layer(name, "fc", op, logits_.data(), outputs, static_cast<double>(k * outputs));
  }

  pthreadpool_t threadpool_;
  bool verbose_;
  Random random_;
  std::vector<Layer> layers_;
  std::vector<uint8_t> buffers_[kBufferCount];
  std::vector<uint8_t> input_;
  std::vector<uint8_t> pooled_;
  std::vector<uint8_t> logits_;
  double macs_ = 0.0;
};

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);

  if (options.isa != nullptr) {
    check(q8nn_initialize_isa(options.isa), std::string("q8nn_initialize_isa(") + options.isa + ")");
  } else {
    check(qnnp_initialize(), "qnnp_initialize");
  }

  pthreadpool_t threadpool = nullptr;
  if (options.threads > 1) {
    threadpool = pthreadpool_create(options.threads);
    if (threadpool == nullptr) {
      std::fprintf(stderr, "error: pthreadpool_create(%zu) failed\n", options.threads);
      return 1;
    }
  }

  int exit_code = 0;
  {
    Network network(threadpool, options.verbose, UINT64_C(0x5EED0F0B11E7F2));
    network.build();  // creates, sets up and runs every layer once (calibration)

    for (size_t i = 0; i < options.warmup; i++) network.run();
    std::vector<double> times_ms;
    times_ms.reserve(options.runs);
    for (size_t i = 0; i < options.runs; i++) {
      const auto start = std::chrono::steady_clock::now();
      network.run();
      const auto end = std::chrono::steady_clock::now();
      times_ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
    }
    std::vector<double> sorted = times_ms;
    std::sort(sorted.begin(), sorted.end());
    const size_t n = sorted.size();
    const double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    const double min = sorted.front();

    const std::vector<uint8_t>& out = network.output();
    std::vector<size_t> order(out.size());
    for (size_t i = 0; i < order.size(); i++) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return out[a] > out[b]; });
    const size_t distinct = count_distinct(out.data(), out.size());

    std::printf("# q8nn %s, isa %s\n", q8nn_version_string(), q8nn_isa());
    std::printf("# model: MobileNetV2 1.0, 224x224x3 input, batch 1, 1000 classes, random weights\n");
    std::printf("# layers: %zu operators (%zu conv, %zu depthwise conv, %zu add, %zu global avgpool, %zu fully connected)\n",
                network.layer_count(), network.count("conv"), network.count("dwconv"),
                network.count("add"), network.count("gavgpool"), network.count("fc"));
    std::printf("# MACs: %.1f M\n", network.macs() / 1e6);
    std::printf("# threads: %zu, warm-up runs: %zu, timed runs: %zu\n", options.threads,
                options.warmup, options.runs);
    std::printf("# top-5 (class:score):");
    for (size_t i = 0; i < 5 && i < order.size(); i++) {
      std::printf(" %zu:%u", order[i], out[order[i]]);
    }
    std::printf("\n");
    std::printf("# output: %zu distinct values among %zu, min %u, max %u\n", distinct, out.size(),
                out[order.back()], out[order.front()]);
    std::printf("# checksum (FNV-1a 64 of the output): %016" PRIx64 "\n",
                fnv1a(out.data(), out.size()));
    std::printf("# throughput: %.2f GMAC/s (median)\n", network.macs() / (median * 1e6));
    std::printf("q8nn-q8 mobilenet_v2 threads=%zu median_ms=%.3f min_ms=%.3f\n", options.threads,
                median, min);
    if (distinct < 2) {
      std::fprintf(stderr, "error: the network output is constant\n");
      exit_code = 1;
    }
  }

  if (threadpool != nullptr) pthreadpool_destroy(threadpool);
  check(qnnp_deinitialize(), "qnnp_deinitialize");
  return exit_code;
}
