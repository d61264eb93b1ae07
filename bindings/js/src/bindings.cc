// Embind bindings of q8nn's public C API (qnnpack.h, q8nn.h) for the npm
// package. This layer is deliberately thin: every function forwards to one
// qnnp_* / q8nn_* call and returns its status (or its result) as a number.
// Pointers (tensor data, operator handles, C strings) travel as wasm32
// addresses in JS numbers; the JavaScript API (bindings/js/lib/api.mjs)
// validates every argument before it calls in here, copies typed arrays into
// wasm memory, turns statuses into exceptions carrying q8nn_last_error() and
// decodes C strings itself.
//
// Create functions write the new operator into `*out` (an address the caller
// owns) so that the status stays the return value; q8nn_window_output_size
// writes its two sizes the same way.
//
// Nothing here may throw or abort: with exceptions disabled (Emscripten's
// default) a C++ throw reaches JavaScript as a bare number and leaks the
// exception object, and an abort() kills the module. So no function takes or
// returns std::string (Embind would allocate for it, and libc++ throws or
// aborts when that fails): strings come back as the addresses of the core's
// NUL-terminated constants, and every argument is a number.

#include <emscripten/bind.h>
#include <malloc.h>

#include <cstdint>
#include <cstdlib>

#include "q8nn.h"
#include "qnnpack.h"

namespace {

using Address = uintptr_t;

template <typename T>
T* at(Address address) {
  return reinterpret_cast<T*>(address);
}

qnnp_operator_t op(Address address) {
  return at<qnnp_operator>(address);
}

// --- Library -----------------------------------------------------------------

// C strings are returned as addresses (0 for NULL); the JS side decodes them.
Address address_of(const char* string) {
  return reinterpret_cast<Address>(string);
}

int initialize() {
  return qnnp_initialize();
}
Address isa() {
  return address_of(q8nn_isa());
}
size_t isa_count() {
  return q8nn_isa_count();
}
Address isa_name(size_t index) {
  return address_of(q8nn_isa_name(index));
}
uint32_t version() {
  return q8nn_version();
}
Address version_string() {
  return address_of(q8nn_version_string());
}
Address status_string(int status) {
  return address_of(q8nn_status_string(static_cast<qnnp_status>(status)));
}
// Why the last failing call failed ("" before any did): a thread-local buffer
// of the core, valid until the next failing call.
Address last_error() {
  return address_of(q8nn_last_error());
}
void set_allocation_limit(size_t bytes) {
  q8nn_set_allocation_limit(bytes);
}
size_t allocation_limit() {
  return q8nn_allocation_limit();
}

// --- Memory --------------------------------------------------------------------

// 64-byte aligned (a cache line): no SIMD load of a tensor row splits lines
// more than it must.
Address allocate(size_t size) {
  void* memory = nullptr;
  if (posix_memalign(&memory, 64, size == 0 ? 1 : size) != 0) return 0;
  return reinterpret_cast<Address>(memory);
}
void release(Address address) {
  std::free(at<void>(address));
}
// Bytes currently allocated with malloc (live allocations, dlmalloc's uordblks).
size_t heap_in_use() {
  return static_cast<size_t>(mallinfo().uordblks);
}

// --- Operators -------------------------------------------------------------------

int run_operator(Address address) {
  return qnnp_run_operator(op(address), nullptr);
}
int delete_operator(Address address) {
  return qnnp_delete_operator(op(address));
}
// Writes the output height and width into out[0] and out[1] (two size_t).
int window_output_size(Address address, size_t input_height, size_t input_width, Address out) {
  size_t* sizes = at<size_t>(out);
  return q8nn_window_output_size(op(address), input_height, input_width, &sizes[0], &sizes[1]);
}

int create_convolution(uint32_t padding_top, uint32_t padding_right, uint32_t padding_bottom,
                       uint32_t padding_left, uint32_t kernel_height, uint32_t kernel_width,
                       uint32_t stride_height, uint32_t stride_width, uint32_t dilation_height,
                       uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
                       size_t group_output_channels, uint8_t input_zero_point, float input_scale,
                       uint8_t kernel_zero_point, float kernel_scale, Address kernel, Address bias,
                       uint8_t output_zero_point, float output_scale, uint8_t output_min,
                       uint8_t output_max, Address out) {
  return qnnp_create_convolution2d_nhwc_q8(
      padding_top, padding_right, padding_bottom, padding_left, kernel_height, kernel_width,
      stride_height, stride_width, dilation_height, dilation_width, groups, group_input_channels,
      group_output_channels, input_zero_point, input_scale, kernel_zero_point, kernel_scale,
      at<const uint8_t>(kernel), at<const int32_t>(bias), output_zero_point, output_scale,
      output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_convolution(Address address, size_t batch_size, size_t input_height, size_t input_width,
                      Address input, size_t input_pixel_stride, Address output,
                      size_t output_pixel_stride) {
  return qnnp_setup_convolution2d_nhwc_q8(op(address), batch_size, input_height, input_width,
                                          at<const uint8_t>(input), input_pixel_stride,
                                          at<uint8_t>(output), output_pixel_stride, nullptr);
}

int create_deconvolution(uint32_t padding_top, uint32_t padding_right, uint32_t padding_bottom,
                         uint32_t padding_left, uint32_t adjustment_height,
                         uint32_t adjustment_width, uint32_t kernel_height, uint32_t kernel_width,
                         uint32_t stride_height, uint32_t stride_width, uint32_t dilation_height,
                         uint32_t dilation_width, uint32_t groups, size_t group_input_channels,
                         size_t group_output_channels, uint8_t input_zero_point, float input_scale,
                         uint8_t kernel_zero_point, float kernel_scale, Address kernel,
                         Address bias, uint8_t output_zero_point, float output_scale,
                         uint8_t output_min, uint8_t output_max, Address out) {
  return qnnp_create_deconvolution2d_nhwc_q8(
      padding_top, padding_right, padding_bottom, padding_left, adjustment_height, adjustment_width,
      kernel_height, kernel_width, stride_height, stride_width, dilation_height, dilation_width,
      groups, group_input_channels, group_output_channels, input_zero_point, input_scale,
      kernel_zero_point, kernel_scale, at<const uint8_t>(kernel), at<const int32_t>(bias),
      output_zero_point, output_scale, output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_deconvolution(Address address, size_t batch_size, size_t input_height, size_t input_width,
                        Address input, size_t input_pixel_stride, Address output,
                        size_t output_pixel_stride) {
  return qnnp_setup_deconvolution2d_nhwc_q8(op(address), batch_size, input_height, input_width,
                                            at<const uint8_t>(input), input_pixel_stride,
                                            at<uint8_t>(output), output_pixel_stride, nullptr);
}

int create_fully_connected(size_t input_channels, size_t output_channels, uint8_t input_zero_point,
                           float input_scale, uint8_t kernel_zero_point, float kernel_scale,
                           Address kernel, Address bias, uint8_t output_zero_point,
                           float output_scale, uint8_t output_min, uint8_t output_max,
                           Address out) {
  return qnnp_create_fully_connected_nc_q8(
      input_channels, output_channels, input_zero_point, input_scale, kernel_zero_point,
      kernel_scale, at<const uint8_t>(kernel), at<const int32_t>(bias), output_zero_point,
      output_scale, output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_fully_connected(Address address, size_t batch_size, Address input, size_t input_stride,
                          Address output, size_t output_stride) {
  return qnnp_setup_fully_connected_nc_q8(op(address), batch_size, at<const uint8_t>(input),
                                          input_stride, at<uint8_t>(output), output_stride);
}

int create_global_average_pooling(size_t channels, uint8_t input_zero_point, float input_scale,
                                  uint8_t output_zero_point, float output_scale, uint8_t output_min,
                                  uint8_t output_max, Address out) {
  return qnnp_create_global_average_pooling_nwc_q8(channels, input_zero_point, input_scale,
                                                   output_zero_point, output_scale, output_min,
                                                   output_max, 0, at<qnnp_operator_t>(out));
}

int setup_global_average_pooling(Address address, size_t batch_size, size_t width, Address input,
                                 size_t input_stride, Address output, size_t output_stride) {
  return qnnp_setup_global_average_pooling_nwc_q8(op(address), batch_size, width,
                                                  at<const uint8_t>(input), input_stride,
                                                  at<uint8_t>(output), output_stride);
}

int create_average_pooling(uint32_t padding_top, uint32_t padding_right, uint32_t padding_bottom,
                           uint32_t padding_left, uint32_t pooling_height, uint32_t pooling_width,
                           uint32_t stride_height, uint32_t stride_width, size_t channels,
                           uint8_t input_zero_point, float input_scale, uint8_t output_zero_point,
                           float output_scale, uint8_t output_min, uint8_t output_max,
                           Address out) {
  return qnnp_create_average_pooling2d_nhwc_q8(
      padding_top, padding_right, padding_bottom, padding_left, pooling_height, pooling_width,
      stride_height, stride_width, channels, input_zero_point, input_scale, output_zero_point,
      output_scale, output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_average_pooling(Address address, size_t batch_size, size_t input_height,
                          size_t input_width, Address input, size_t input_pixel_stride,
                          Address output, size_t output_pixel_stride) {
  return qnnp_setup_average_pooling2d_nhwc_q8(op(address), batch_size, input_height, input_width,
                                              at<const uint8_t>(input), input_pixel_stride,
                                              at<uint8_t>(output), output_pixel_stride, nullptr);
}

int create_max_pooling(uint32_t padding_top, uint32_t padding_right, uint32_t padding_bottom,
                       uint32_t padding_left, uint32_t pooling_height, uint32_t pooling_width,
                       uint32_t stride_height, uint32_t stride_width, uint32_t dilation_height,
                       uint32_t dilation_width, size_t channels, uint8_t output_min,
                       uint8_t output_max, Address out) {
  return qnnp_create_max_pooling2d_nhwc_u8(padding_top, padding_right, padding_bottom, padding_left,
                                           pooling_height, pooling_width, stride_height,
                                           stride_width, dilation_height, dilation_width, channels,
                                           output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_max_pooling(Address address, size_t batch_size, size_t input_height, size_t input_width,
                      Address input, size_t input_pixel_stride, Address output,
                      size_t output_pixel_stride) {
  return qnnp_setup_max_pooling2d_nhwc_u8(op(address), batch_size, input_height, input_width,
                                          at<const uint8_t>(input), input_pixel_stride,
                                          at<uint8_t>(output), output_pixel_stride, nullptr);
}

int create_channel_shuffle(size_t groups, size_t group_channels, Address out) {
  return qnnp_create_channel_shuffle_nc_x8(groups, group_channels, 0, at<qnnp_operator_t>(out));
}

int setup_channel_shuffle(Address address, size_t batch_size, Address input, size_t input_stride,
                          Address output, size_t output_stride) {
  return qnnp_setup_channel_shuffle_nc_x8(op(address), batch_size, at<const uint8_t>(input),
                                          input_stride, at<uint8_t>(output), output_stride);
}

int create_add(size_t channels, uint8_t a_zero_point, float a_scale, uint8_t b_zero_point,
               float b_scale, uint8_t sum_zero_point, float sum_scale, uint8_t sum_min,
               uint8_t sum_max, Address out) {
  return qnnp_create_add_nc_q8(channels, a_zero_point, a_scale, b_zero_point, b_scale,
                               sum_zero_point, sum_scale, sum_min, sum_max, 0,
                               at<qnnp_operator_t>(out));
}

int setup_add(Address address, size_t batch_size, Address a, size_t a_stride, Address b,
              size_t b_stride, Address sum, size_t sum_stride) {
  return qnnp_setup_add_nc_q8(op(address), batch_size, at<const uint8_t>(a), a_stride,
                              at<const uint8_t>(b), b_stride, at<uint8_t>(sum), sum_stride);
}

int create_clamp(size_t channels, uint8_t output_min, uint8_t output_max, Address out) {
  return qnnp_create_clamp_nc_u8(channels, output_min, output_max, 0, at<qnnp_operator_t>(out));
}

int setup_clamp(Address address, size_t batch_size, Address input, size_t input_stride,
                Address output, size_t output_stride) {
  return qnnp_setup_clamp_nc_u8(op(address), batch_size, at<const uint8_t>(input), input_stride,
                                at<uint8_t>(output), output_stride);
}

int create_sigmoid(size_t channels, uint8_t input_zero_point, float input_scale,
                   uint8_t output_zero_point, float output_scale, uint8_t output_min,
                   uint8_t output_max, Address out) {
  return qnnp_create_sigmoid_nc_q8(channels, input_zero_point, input_scale, output_zero_point,
                                   output_scale, output_min, output_max, 0,
                                   at<qnnp_operator_t>(out));
}

int setup_sigmoid(Address address, size_t batch_size, Address input, size_t input_stride,
                  Address output, size_t output_stride) {
  return qnnp_setup_sigmoid_nc_q8(op(address), batch_size, at<const uint8_t>(input), input_stride,
                                  at<uint8_t>(output), output_stride);
}

int create_leaky_relu(size_t channels, float negative_slope, uint8_t input_zero_point,
                      float input_scale, uint8_t output_zero_point, float output_scale,
                      uint8_t output_min, uint8_t output_max, Address out) {
  return qnnp_create_leaky_relu_nc_q8(channels, negative_slope, input_zero_point, input_scale,
                                      output_zero_point, output_scale, output_min, output_max, 0,
                                      at<qnnp_operator_t>(out));
}

int setup_leaky_relu(Address address, size_t batch_size, Address input, size_t input_stride,
                     Address output, size_t output_stride) {
  return qnnp_setup_leaky_relu_nc_q8(op(address), batch_size, at<const uint8_t>(input),
                                     input_stride, at<uint8_t>(output), output_stride);
}

int create_softargmax(size_t channels, float input_scale, uint8_t output_zero_point,
                      float output_scale, Address out) {
  return qnnp_create_softargmax_nc_q8(channels, input_scale, output_zero_point, output_scale, 0,
                                      at<qnnp_operator_t>(out));
}

int setup_softargmax(Address address, size_t batch_size, Address input, size_t input_stride,
                     Address output, size_t output_stride) {
  return qnnp_setup_softargmax_nc_q8(op(address), batch_size, at<const uint8_t>(input),
                                     input_stride, at<uint8_t>(output), output_stride);
}

}  // namespace

EMSCRIPTEN_BINDINGS(q8nn) {
  using emscripten::function;
  function("initialize", &initialize);
  function("isa", &isa);
  function("isaCount", &isa_count);
  function("isaName", &isa_name);
  function("version", &version);
  function("versionString", &version_string);
  function("statusString", &status_string);
  function("lastError", &last_error);
  function("setAllocationLimit", &set_allocation_limit);
  function("allocationLimit", &allocation_limit);

  function("allocate", &allocate);
  function("release", &release);
  function("heapInUse", &heap_in_use);

  function("runOperator", &run_operator);
  function("deleteOperator", &delete_operator);
  function("windowOutputSize", &window_output_size);
  function("createConvolution", &create_convolution);
  function("setupConvolution", &setup_convolution);
  function("createDeconvolution", &create_deconvolution);
  function("setupDeconvolution", &setup_deconvolution);
  function("createFullyConnected", &create_fully_connected);
  function("setupFullyConnected", &setup_fully_connected);
  function("createGlobalAveragePooling", &create_global_average_pooling);
  function("setupGlobalAveragePooling", &setup_global_average_pooling);
  function("createAveragePooling", &create_average_pooling);
  function("setupAveragePooling", &setup_average_pooling);
  function("createMaxPooling", &create_max_pooling);
  function("setupMaxPooling", &setup_max_pooling);
  function("createChannelShuffle", &create_channel_shuffle);
  function("setupChannelShuffle", &setup_channel_shuffle);
  function("createAdd", &create_add);
  function("setupAdd", &setup_add);
  function("createClamp", &create_clamp);
  function("setupClamp", &setup_clamp);
  function("createSigmoid", &create_sigmoid);
  function("setupSigmoid", &setup_sigmoid);
  function("createLeakyRelu", &create_leaky_relu);
  function("setupLeakyRelu", &setup_leaky_relu);
  function("createSoftargmax", &create_softargmax);
  function("setupSoftargmax", &setup_softargmax);
}
