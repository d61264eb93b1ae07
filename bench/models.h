// Network descriptions shared by the benchmarks: which layers, with which
// shapes, connected how. No weights and no quantization here (see
// q8nn-network.h); the same description is built by q8nn
// (bench/q8nn-network.cc) and by XNNPACK (bench/xnnpack_compare.cc).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace bench {

// A batch-1 NHWC tensor shape (NC tensors have height = width = 1).
struct Shape {
  size_t height = 1, width = 1, channels = 1;
  size_t pixels() const { return height * width; }
  size_t size() const { return height * width * channels; }
  bool operator==(const Shape& other) const {
    return height == other.height && width == other.width && channels == other.channels;
  }
};

enum class LayerKind { kConvolution, kDepthwise, kAdd, kGlobalAveragePooling, kFullyConnected };

// "conv", "dwconv", "add", "gavgpool", "fc".
const char* kind_name(LayerKind kind);

struct Layer {
  std::string name;  // unique within the model, e.g. "block2.expand"
  LayerKind kind;
  std::vector<int> inputs;  // tensor ids (two for add, one otherwise)
  int output;               // tensor id
  // Convolutions: square kernel, stride and padding ((kernel - 1) / 2 on every side).
  uint32_t kernel = 1, stride = 1, padding = 0;
  // Output activation of convolutions: ReLU6 when true, linear otherwise.
  // Add, pooling and fully-connected outputs are linear.
  bool relu6 = false;
};

// A graph of layers over tensors. Tensors that no layer produces are the
// model's inputs. Layers are in execution order.
class Model {
 public:
  explicit Model(std::string name) : name_(std::move(name)) {}

  // Building: each returns the id of the new tensor.
  int input(Shape shape);
  int convolution(const std::string& name, int x, uint32_t kernel, uint32_t stride,
                  size_t output_channels, bool relu6);
  int depthwise(const std::string& name, int x, uint32_t kernel, uint32_t stride, bool relu6);
  int add(const std::string& name, int a, int b);
  int global_average_pooling(const std::string& name, int x);
  int fully_connected(const std::string& name, int x, size_t outputs);

  const std::string& name() const { return name_; }
  const std::vector<Layer>& layers() const { return layers_; }
  const Shape& shape(int tensor) const { return tensors_.at(static_cast<size_t>(tensor)); }
  size_t tensor_count() const { return tensors_.size(); }
  bool is_input(int tensor) const;

  // Multiply-accumulates of one layer (0 for add and pooling) and of the model.
  double macs(const Layer& layer) const;
  double macs() const;
  size_t count(LayerKind kind) const;

  // What a layer computes, without its name, e.g. "conv_1x1/112x112x32->16",
  // "dw_3x3_s2/112x112x64", "add/56x56x24", "gavgpool/7x7x1280", "fc/1280->1000".
  // Layers with equal labels do the same work.
  std::string label(const Layer& layer) const;

  // A model of one layer of this one, fed by fresh input tensors of its shapes.
  Model single_layer(size_t index) const;

 private:
  int add_layer(Layer layer, Shape output);

  std::string name_;
  std::vector<Shape> tensors_;
  std::vector<Layer> layers_;
};

// Where each tensor lives: model inputs get buffers of their own, layer
// outputs share buffers whose contents are dead (greedy, lowest index first),
// as an inference runtime's activation arena would.
struct BufferPlan {
  std::vector<size_t> tensor_buffer;  // buffer index of each tensor
  std::vector<size_t> buffer_size;    // bytes of each buffer
};
BufferPlan plan_buffers(const Model& model);

// The distinct layers of a model (first of each label) and how often each occurs.
struct DistinctLayer {
  size_t index;
  size_t count;
};
std::vector<DistinctLayer> distinct_layers(const Model& model);

// MobileNet v1 1.0 224 (28 layers: conv, 13 depthwise + pointwise pairs, global
// average pooling, fc) and MobileNetV2 1.0 224 (64 operators), 1000 classes.
Model mobilenet_v1();
Model mobilenet_v2();

// Depthwise layers beyond MobileNets: the 5x5 (and large 3x3) depthwise
// shapes of EfficientNet-lite0 and MnasNet-A1, one model of one layer each,
// named after the network, e.g. "efficientnet_lite0".
std::vector<Model> extra_depthwise_layers();

}  // namespace bench
