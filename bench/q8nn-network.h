// A model (models.h) built from q8nn operators through the public C API,
// with random weights and calibrated quantization: the one builder of q8nn
// operators for the benchmarks. Its weights and quantization parameters are
// kept so that other libraries can build the very same network.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <pthreadpool.h>

#include "bench-utils.h"
#include "models.h"
#include "qnnpack.h"

namespace bench {

// The weights of build/bench/mobilenet_v2 (whose output checksum is
// f34e0fcf7bc83e5c) and of the other benchmarks.
constexpr uint64_t kDefaultSeed = UINT64_C(0x5EED0F0B11E7F2);

// real = scale * (q - zero_point), uint8 q.
struct Quantization {
  uint8_t zero_point = 0;
  float scale = 1.0f;
};

// What the operator of one layer is created with, besides the quantization of
// its input tensors (Q8nnNetwork::quantization).
struct LayerParams {
  Quantization kernel;  // convolutions and fully connected
  Quantization output;
  uint8_t output_min = 0, output_max = 255;
  // Convolutions: [output channels][kernel][kernel][input channels per group];
  // fully connected: [outputs][inputs]. uint8 with kernel.zero_point.
  std::vector<uint8_t> weights;
  std::vector<int32_t> bias;  // one per output channel
};

class Q8nnNetwork {
 public:
  // Creates and sets up the operators of every layer, in order, and runs each
  // once: the weights are drawn from a splitmix64 stream of `seed`, and the
  // quantization of each layer is calibrated on the real output of the layers
  // before it (model inputs are random bytes, zero point 128, scale 1/128) so
  // that activations spread over the uint8 range. `verbose` prints a "# layer"
  // line with the output statistics of each layer.
  Q8nnNetwork(Model model, uint64_t seed, pthreadpool_t threadpool, bool verbose = false);
  ~Q8nnNetwork();
  Q8nnNetwork(const Q8nnNetwork&) = delete;
  Q8nnNetwork& operator=(const Q8nnNetwork&) = delete;

  void run();                    // every layer, in order
  void run_layer(size_t index);  // qnnp_run_operator of one layer

  const Model& model() const { return model_; }
  const LayerParams& params(size_t layer) const { return params_.at(layer); }
  const Quantization& quantization(int tensor) const {
    return quantization_.at(static_cast<size_t>(tensor));
  }
  // A tensor's data (valid while no later layer reused its buffer).
  const uint8_t* data(int tensor) const;
  // The output of the last layer.
  const uint8_t* output() const { return data(model_.layers().back().output); }
  size_t output_size() const { return model_.shape(model_.layers().back().output).size(); }

 private:
  uint8_t* mutable_data(int tensor);
  void calibrate(size_t index);
  qnnp_operator_t create_operator(size_t index);
  void report(size_t index) const;

  Model model_;
  pthreadpool_t threadpool_;
  Random random_;
  BufferPlan plan_;
  std::vector<ActivationBuffer> buffers_;
  std::vector<Quantization> quantization_;  // per tensor
  std::vector<LayerParams> params_;         // per layer
  std::vector<qnnp_operator_t> operators_;  // per layer
};

}  // namespace bench
