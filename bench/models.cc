#include "models.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace bench {

const char* kind_name(LayerKind kind) {
  switch (kind) {
    case LayerKind::kConvolution:
      return "conv";
    case LayerKind::kDepthwise:
      return "dwconv";
    case LayerKind::kAdd:
      return "add";
    case LayerKind::kGlobalAveragePooling:
      return "gavgpool";
    case LayerKind::kFullyConnected:
      return "fc";
  }
  return "?";
}

int Model::input(Shape shape) {
  tensors_.push_back(shape);
  return static_cast<int>(tensors_.size() - 1);
}

int Model::add_layer(Layer layer, Shape output) {
  for (const Layer& other : layers_) {
    if (other.name == layer.name) throw std::invalid_argument("duplicate layer name " + layer.name);
  }
  layer.output = input(output);
  layers_.push_back(std::move(layer));
  return layers_.back().output;
}

int Model::convolution(const std::string& name, int x, uint32_t kernel, uint32_t stride,
                       size_t output_channels, bool relu6) {
  const Shape& in = shape(x);
  const uint32_t padding = (kernel - 1) / 2;
  const Shape out{(in.height + 2 * padding - kernel) / stride + 1,
                  (in.width + 2 * padding - kernel) / stride + 1, output_channels};
  return add_layer(Layer{name, LayerKind::kConvolution, {x}, -1, kernel, stride, padding, relu6},
                   out);
}

int Model::depthwise(const std::string& name, int x, uint32_t kernel, uint32_t stride, bool relu6) {
  const Shape& in = shape(x);
  const uint32_t padding = (kernel - 1) / 2;
  const Shape out{(in.height + 2 * padding - kernel) / stride + 1,
                  (in.width + 2 * padding - kernel) / stride + 1, in.channels};
  return add_layer(Layer{name, LayerKind::kDepthwise, {x}, -1, kernel, stride, padding, relu6},
                   out);
}

int Model::add(const std::string& name, int a, int b) {
  if (!(shape(a) == shape(b))) throw std::invalid_argument(name + ": add of different shapes");
  return add_layer(Layer{name, LayerKind::kAdd, {a, b}, -1}, shape(a));
}

int Model::global_average_pooling(const std::string& name, int x) {
  return add_layer(Layer{name, LayerKind::kGlobalAveragePooling, {x}, -1},
                   Shape{1, 1, shape(x).channels});
}

int Model::fully_connected(const std::string& name, int x, size_t outputs) {
  return add_layer(Layer{name, LayerKind::kFullyConnected, {x}, -1}, Shape{1, 1, outputs});
}

bool Model::is_input(int tensor) const {
  return std::none_of(layers_.begin(), layers_.end(),
                      [&](const Layer& layer) { return layer.output == tensor; });
}

double Model::macs(const Layer& layer) const {
  const Shape& in = shape(layer.inputs[0]);
  const Shape& out = shape(layer.output);
  const double taps = static_cast<double>(layer.kernel) * layer.kernel;
  switch (layer.kind) {
    case LayerKind::kConvolution:
      return static_cast<double>(out.size()) * taps * static_cast<double>(in.channels);
    case LayerKind::kDepthwise:
      return static_cast<double>(out.size()) * taps;
    case LayerKind::kFullyConnected:
      return static_cast<double>(in.size()) * static_cast<double>(out.channels);
    case LayerKind::kAdd:
    case LayerKind::kGlobalAveragePooling:
      return 0.0;
  }
  return 0.0;
}

double Model::macs() const {
  double total = 0.0;
  for (const Layer& layer : layers_) total += macs(layer);
  return total;
}

size_t Model::count(LayerKind kind) const {
  return static_cast<size_t>(std::count_if(layers_.begin(), layers_.end(),
                                           [&](const Layer& layer) { return layer.kind == kind; }));
}

std::string Model::label(const Layer& layer) const {
  const Shape& in = shape(layer.inputs[0]);
  const Shape& out = shape(layer.output);
  const std::string hwc = std::to_string(in.height) + "x" + std::to_string(in.width) + "x" +
                          std::to_string(in.channels);
  const std::string window = std::to_string(layer.kernel) + "x" + std::to_string(layer.kernel) +
                             (layer.stride == 1 ? "" : "_s" + std::to_string(layer.stride));
  switch (layer.kind) {
    case LayerKind::kConvolution:
      return "conv_" + window + "/" + hwc + "->" + std::to_string(out.channels);
    case LayerKind::kDepthwise:
      return "dw_" + window + "/" + hwc;
    case LayerKind::kAdd:
      return "add/" + hwc;
    case LayerKind::kGlobalAveragePooling:
      return "gavgpool/" + hwc;
    case LayerKind::kFullyConnected:
      return "fc/" + std::to_string(in.size()) + "->" + std::to_string(out.channels);
  }
  return "?";
}

Model Model::single_layer(size_t index) const {
  Layer layer = layers_.at(index);
  Model model(name_);
  for (int& tensor : layer.inputs) tensor = model.input(shape(tensor));
  model.add_layer(layer, shape(layer.output));
  return model;
}

BufferPlan plan_buffers(const Model& model) {
  constexpr size_t kNever = std::numeric_limits<size_t>::max();
  const std::vector<Layer>& layers = model.layers();
  const size_t tensors = model.tensor_count();

  // Last layer reading each tensor; tensors nobody reads (the model's
  // outputs) stay alive to the end.
  std::vector<size_t> last_use(tensors, kNever);
  for (size_t i = 0; i < layers.size(); i++) {
    for (int t : layers[i].inputs) last_use[static_cast<size_t>(t)] = i;
  }
  BufferPlan plan;
  plan.tensor_buffer.assign(tensors, kNever);
  for (size_t t = 0; t < tensors; t++) {
    if (model.is_input(static_cast<int>(t))) {
      plan.tensor_buffer[t] = plan.buffer_size.size();
      plan.buffer_size.push_back(model.shape(static_cast<int>(t)).size());
    }
  }
  const size_t input_buffers = plan.buffer_size.size();
  for (size_t i = 0; i < layers.size(); i++) {
    std::vector<bool> busy(plan.buffer_size.size(), false);
    for (size_t t = 0; t < tensors; t++) {
      if (plan.tensor_buffer[t] != kNever && last_use[t] >= i) busy[plan.tensor_buffer[t]] = true;
    }
    size_t buffer = input_buffers;
    while (buffer < busy.size() && busy[buffer]) buffer++;
    if (buffer == plan.buffer_size.size()) plan.buffer_size.push_back(0);
    const size_t output = static_cast<size_t>(layers[i].output);
    plan.tensor_buffer[output] = buffer;
    plan.buffer_size[buffer] =
        std::max(plan.buffer_size[buffer], model.shape(layers[i].output).size());
  }
  return plan;
}

std::vector<DistinctLayer> distinct_layers(const Model& model) {
  std::vector<DistinctLayer> distinct;
  std::vector<std::string> labels;
  const std::vector<Layer>& layers = model.layers();
  for (size_t i = 0; i < layers.size(); i++) {
    const std::string label = model.label(layers[i]);
    const auto it = std::find(labels.begin(), labels.end(), label);
    if (it == labels.end()) {
      labels.push_back(label);
      distinct.push_back(DistinctLayer{i, 1});
    } else {
      distinct[static_cast<size_t>(it - labels.begin())].count++;
    }
  }
  return distinct;
}

Model mobilenet_v1() {
  Model model("mobilenet_v1");
  int x = model.input(Shape{224, 224, 3});
  x = model.convolution("conv0", x, 3, 2, 32, true);
  struct Block {
    uint32_t stride;
    size_t channels;
  };
  const Block blocks[] = {{1, 64},  {2, 128}, {1, 128}, {2, 256}, {1, 256},  {2, 512}, {1, 512},
                          {1, 512}, {1, 512}, {1, 512}, {1, 512}, {2, 1024}, {1, 1024}};
  size_t index = 0;
  for (const Block& block : blocks) {
    const std::string name = "block" + std::to_string(++index);
    x = model.depthwise(name + ".dw", x, 3, block.stride, true);
    x = model.convolution(name + ".pw", x, 1, 1, block.channels, true);
  }
  x = model.global_average_pooling("gavgpool", x);
  model.fully_connected("fc", x, 1000);
  return model;
}

Model mobilenet_v2() {
  Model model("mobilenet_v2");
  int x = model.input(Shape{224, 224, 3});
  x = model.convolution("conv0", x, 3, 2, 32, true);
  struct Group {
    size_t expansion, channels, repeats;
    uint32_t stride;
  };
  const Group groups[] = {{1, 16, 1, 1}, {6, 24, 2, 2},  {6, 32, 3, 2}, {6, 64, 4, 2},
                          {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}};
  size_t block = 0;
  for (const Group& group : groups) {
    for (size_t i = 0; i < group.repeats; i++) {
      // Inverted residual: 1x1 expansion, 3x3 depthwise, linear 1x1 projection,
      // and a shortcut when the shape is kept.
      const std::string name = "block" + std::to_string(++block);
      const int in = x;
      const size_t in_channels = model.shape(in).channels;
      if (group.expansion != 1) {
        x = model.convolution(name + ".expand", x, 1, 1, in_channels * group.expansion, true);
      }
      const uint32_t stride = i == 0 ? group.stride : 1;
      x = model.depthwise(name + ".dw", x, 3, stride, true);
      x = model.convolution(name + ".project", x, 1, 1, group.channels, false);
      if (stride == 1 && in_channels == group.channels) x = model.add(name + ".add", in, x);
    }
  }
  x = model.convolution("conv_last", x, 1, 1, 1280, true);
  x = model.global_average_pooling("gavgpool", x);
  model.fully_connected("fc", x, 1000);
  return model;
}

std::vector<Model> extra_depthwise_layers() {
  struct Depthwise {
    const char* network;
    size_t size, channels;
    uint32_t kernel, stride;
  };
  // The depthwise layers of EfficientNet-lite0 and MnasNet-A1 that MobileNets lack.
  const Depthwise layers[] = {
      {"efficientnet_lite0", 56, 144, 5, 2}, {"efficientnet_lite0", 28, 240, 5, 1},
      {"efficientnet_lite0", 28, 240, 3, 2}, {"efficientnet_lite0", 14, 480, 3, 1},
      {"efficientnet_lite0", 14, 480, 5, 1}, {"efficientnet_lite0", 14, 672, 5, 1},
      {"efficientnet_lite0", 14, 672, 5, 2}, {"efficientnet_lite0", 7, 1152, 5, 1},
      {"efficientnet_lite0", 7, 1152, 3, 1}, {"mnasnet_a1", 56, 72, 5, 2},
      {"mnasnet_a1", 28, 120, 5, 1},         {"mnasnet_a1", 7, 960, 5, 1},
  };
  std::vector<Model> models;
  for (const Depthwise& layer : layers) {
    Model model(layer.network);
    const int x = model.input(Shape{layer.size, layer.size, layer.channels});
    model.depthwise("dw", x, layer.kernel, layer.stride, true);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace bench
