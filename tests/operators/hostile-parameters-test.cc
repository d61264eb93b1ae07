// Parameters that the C API accepts in type but that no tensor can have:
// sizes whose arithmetic overflows size_t, tensors larger than memory,
// accumulators that could overflow, windows wider than the input with an
// empty batch. Each case is one that fuzzing found crashing, corrupting
// memory or computing garbage; each must now give a clear status and message
// (q8nn_last_error) and leave the library usable.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "operators/operator-test-utils.h"

namespace {

constexpr size_t kSizeMax = std::numeric_limits<size_t>::max();
// The largest tensor the library handles (q8nn::kMaxBytes): 2^47 bytes on
// 64-bit hosts, PTRDIFF_MAX on 32-bit ones.
const size_t kMaxBytes = size_t(std::min<uint64_t>(uint64_t{1} << 47, PTRDIFF_MAX));

// Expects `status` from a call and a message of q8nn_last_error() that
// contains every one of `words`.
void ExpectRejected(qnnp_status expected, qnnp_status status,
                    std::initializer_list<const char*> words) {
  EXPECT_EQ(expected, status) << q8nn_last_error();
  const std::string message = q8nn_last_error();
  for (const char* word : words) {
    EXPECT_NE(std::string::npos, message.find(word)) << "'" << word << "' not in: " << message;
  }
}

// A 3x3 convolution (or depthwise with `depthwise`) of 4 -> 4 channels with
// weights 1 and bias 0, or a stem of 3 -> 4 channels (the im2col path).
qnnp_operator_t CreateConvolution(uint32_t groups, size_t input_channels, size_t output_channels) {
  static const std::vector<uint8_t> kernel(9 * 64, 1);
  static const std::vector<int32_t> bias(64, 0);
  qnnp_operator_t op = nullptr;
  EXPECT_EQ(qnnp_status_success,
            qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, groups, input_channels,
                                              output_channels, 0, 1.0f, 0, 1.0f, kernel.data(),
                                              bias.data(), 0, 16.0f, 0, 255, 0, &op));
  return op;
}

// Batch, height and width whose product, or whose product with the pixel
// stride, overflows size_t; a stride that puts the last pixel past 2^47 bytes;
// a tensor that would wrap around the address space. Every convolution path,
// deconvolution and both poolings.
TEST(HostileParameters, setup_sizes_that_overflow) {
  std::vector<uint8_t> buffer(4096, 1);
  const uint8_t* in = buffer.data();
  uint8_t* out = buffer.data();
  struct Case {
    const char* name;
    qnnp_operator_t op;
    size_t channels;
  };
  std::vector<Case> cases = {
      {"igemm", CreateConvolution(1, 8, 8), 8},
      {"depthwise", CreateConvolution(8, 1, 1), 8},
      {"im2col stem", CreateConvolution(1, 3, 4), 4},
  };
  {
    qnnp_operator_t op = nullptr;
    static const std::vector<uint8_t> kernel(4 * 8 * 8, 1);
    EXPECT_EQ(qnnp_status_success, qnnp_create_deconvolution2d_nhwc_q8(
                                       0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 1, 8, 8, 0, 1.0f, 0,
                                       1.0f, kernel.data(), nullptr, 0, 16.0f, 0, 255, 0, &op));
    cases.push_back({"deconvolution", op, 8});
  }
  {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_max_pooling2d_nhwc_u8(1, 1, 1, 1, 3, 3, 2, 2, 1, 1, 8, 0, 255, 0, &op));
    cases.push_back({"max pooling", op, 8});
  }
  {
    qnnp_operator_t op = nullptr;
    EXPECT_EQ(qnnp_status_success,
              qnnp_create_average_pooling2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 8, 0, 1.0f, 0, 1.0f, 0,
                                                    255, 0, &op));
    cases.push_back({"average pooling", op, 8});
  }
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    ASSERT_NE(nullptr, c.op);
    const bool deconvolution = std::string(c.name) == "deconvolution";
    const bool pooling = std::string(c.name).find("pooling") != std::string::npos;
    auto setup = [&](size_t batch, size_t h, size_t w, const uint8_t* input, size_t stride) {
      if (deconvolution) {
        return qnnp_setup_deconvolution2d_nhwc_q8(c.op, batch, h, w, input, stride, out, c.channels,
                                                  nullptr);
      }
      if (pooling && std::string(c.name) == "max pooling") {
        return qnnp_setup_max_pooling2d_nhwc_u8(c.op, batch, h, w, input, stride, out, c.channels,
                                                nullptr);
      }
      if (pooling) {
        return qnnp_setup_average_pooling2d_nhwc_q8(c.op, batch, h, w, input, stride, out,
                                                    c.channels, nullptr);
      }
      return qnnp_setup_convolution2d_nhwc_q8(c.op, batch, h, w, input, stride, out, c.channels,
                                              nullptr);
    };
    const size_t ch = c.channels;
    // batch * height * width overflows.
    ExpectRejected(qnnp_status_invalid_parameter, setup(kSizeMax / 2 + 1, 4, 4, in, ch),
                   {"qnnp_setup_", "overflows"});
    ExpectRejected(qnnp_status_invalid_parameter, setup(1 << 20, 1 << 22, 1 << 22, in, ch),
                   {"input"});
    // A pixel stride near 2^63: the second pixel is out of any address space.
    ExpectRejected(qnnp_status_invalid_parameter, setup(1, 4, 4, in, kSizeMax / 2),
                   {"input_pixel_stride", "more than"});
    // Strides within the limit whose pixels together span more than it.
    ExpectRejected(qnnp_status_invalid_parameter, setup(4, 4, 4, in, kMaxBytes / 32),
                   {"input_pixel_stride", "span more than"});
    // One pixel: a stride over the limit is rejected all the same (kernels
    // step a pointer one pixel past the last; found by fuzzing).
    const qnnp_status one_pixel = setup(1, 1, 1, in, kMaxBytes + 1);
    EXPECT_EQ(qnnp_status_invalid_parameter, one_pixel) << q8nn_last_error();
    // Heights and widths near SIZE_MAX: the padded size or the output overflows.
    const qnnp_status huge = setup(1, kSizeMax - 1, 1, in, ch);
    EXPECT_TRUE(huge == qnnp_status_invalid_parameter || huge == qnnp_status_unsupported_parameter)
        << q8nn_last_error();
    // A tensor whose bytes would wrap around the end of the address space.
    const auto* end = reinterpret_cast<const uint8_t*>(std::numeric_limits<uintptr_t>::max() - 16);
    const qnnp_status wrap = setup(1, 4, 4, end, ch);
    ExpectRejected(qnnp_status_invalid_parameter, wrap, {"wrap"});
    // Still usable.
    ASSERT_EQ(qnnp_status_success, setup(1, 4, 4, in, ch));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(c.op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(c.op));
  }
}

// Row operators: the same limits on their rows (global average pooling
// stepped past a single row with a huge stride; found by fuzzing).
TEST(HostileParameters, row_strides_over_the_limit) {
  std::vector<uint8_t> buffer(64, 1);
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_global_average_pooling_nwc_q8(4, 0, 1.0f, 0, 1.0f, 0, 255, 0, &op));
  ExpectRejected(qnnp_status_invalid_parameter,
                 qnnp_setup_global_average_pooling_nwc_q8(op, 1, 1, buffer.data(), kMaxBytes + 1,
                                                          buffer.data() + 32, 4),
                 {"input_stride", "more than"});
  ExpectRejected(qnnp_status_invalid_parameter,
                 qnnp_setup_global_average_pooling_nwc_q8(op, 2, 3, buffer.data(), kMaxBytes / 4,
                                                          buffer.data() + 32, 4),
                 {"input_stride", "span more than"});
  EXPECT_EQ(qnnp_status_success, qnnp_setup_global_average_pooling_nwc_q8(
                                     op, 1, 1, buffer.data(), 4, buffer.data() + 32, 4));
  EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));

  ASSERT_EQ(qnnp_status_success, qnnp_create_clamp_nc_u8(4, 0, 255, 0, &op));
  ExpectRejected(qnnp_status_invalid_parameter,
                 qnnp_setup_clamp_nc_u8(op, 1, buffer.data(), 4, buffer.data(), kSizeMax),
                 {"output_stride", "more than"});
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));

  ASSERT_EQ(qnnp_status_success,
            qnnp_create_add_nc_q8(4, 0, 1.0f, 0, 1.0f, 0, 1.0f, 0, 255, 0, &op));
  ExpectRejected(
      qnnp_status_invalid_parameter,
      qnnp_setup_add_nc_q8(op, 3, buffer.data(), 4, buffer.data(), kSizeMax / 2, buffer.data(), 4),
      {"b_stride", "more than"});
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}

// The size of the buffers an operator allocates for itself is bounded by
// q8nn_set_allocation_limit: a large but valid input fails cleanly.
TEST(HostileParameters, allocation_limit) {
  const size_t default_limit = q8nn_allocation_limit();
  EXPECT_GE(default_limit, size_t{1} << 30);
  q8nn_set_allocation_limit(kSizeMax);
  EXPECT_EQ(default_limit, q8nn_allocation_limit()) << "the limit is capped at the default";

  qnnp_operator_t op = CreateConvolution(1, 8, 8);
  ASSERT_NE(nullptr, op);
  std::vector<uint8_t> buffer(64 * 64 * 8, 1);
  q8nn_set_allocation_limit(4096);
  // 64x64 output pixels x 9 taps of pointers: 288 KiB of indirection buffer.
  ExpectRejected(
      qnnp_status_out_of_memory,
      qnnp_setup_convolution2d_nhwc_q8(op, 1, 64, 64, buffer.data(), 8, buffer.data(), 8, nullptr),
      {"indirection buffer", "allocation limit"});
  // Creating: the packed weights count too.
  qnnp_operator_t big = nullptr;
  std::vector<uint8_t> kernel(9 * 64 * 64, 1);
  ExpectRejected(
      qnnp_status_out_of_memory,
      qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 64, 64, 0, 1.0f, 0, 1.0f,
                                        kernel.data(), nullptr, 0, 16.0f, 0, 255, 0, &big),
      {"packed weights"});
  EXPECT_EQ(nullptr, big);
  q8nn_set_allocation_limit(default_limit);
  EXPECT_EQ(qnnp_status_success, qnnp_setup_convolution2d_nhwc_q8(op, 1, 64, 64, buffer.data(), 8,
                                                                  buffer.data(), 8, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}

// Channel counts whose products overflow, checked before the kernel is read.
TEST(HostileParameters, create_sizes_that_overflow) {
  const uint8_t kernel[16] = {1};
  qnnp_operator_t op = nullptr;
  ExpectRejected(
      qnnp_status_unsupported_parameter,
      qnnp_create_convolution2d_nhwc_q8(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0x40000000u, 1, kSizeMax / 4,
                                        0, 1.0f, 0, 1.0f, kernel, nullptr, 0, 1.0f, 0, 255, 0, &op),
      {"group_output_channels"});
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_fully_connected_nc_q8(1, kMaxBytes + 1, 0, 1.0f, 0, 1.0f, kernel,
                                                   nullptr, 0, 1.0f, 0, 255, 0, &op),
                 {"output channels"});
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_deconvolution2d_nhwc_q8(0, 0, 0, 0, 0, 0, 3, 3, 1, 1, 1, 1, 1, 3000,
                                                     kMaxBytes / 1000, 0, 1.0f, 0, 1.0f, kernel,
                                                     nullptr, 0, 1.0f, 0, 255, 0, &op),
                 {"kernel weights"});
  // Output channels that fit, but whose int32 biases do not.
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_fully_connected_nc_q8(1, kMaxBytes / 2, 0, 1.0f, 0, 1.0f, kernel,
                                                   nullptr, 0, 1.0f, 0, 255, 0, &op),
                 {"bytes of bias"});
  // More taps than pointers fit in memory.
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_max_pooling2d_nhwc_u8(0, 0, 0, 0, 0xFFFFFFFFu, 0xFFFFFFFFu, 1, 1, 1, 1,
                                                   1, 0, 255, 0, &op),
                 {"pooling_height * pooling_width"});
  // Channel shuffle: groups * group_channels overflows (accepted before, crashed at run).
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_channel_shuffle_nc_x8(2, kSizeMax / 2 + 1, 0, &op),
                 {"groups * group_channels"});
  ExpectRejected(qnnp_status_unsupported_parameter,
                 qnnp_create_channel_shuffle_nc_x8(3, kSizeMax / 2, 0, &op), {"group_channels"});
  EXPECT_EQ(nullptr, op);
}

// A bias near INT32_MAX or INT32_MIN could overflow the int32 accumulator:
// undefined in the scalar kernels, a wrapped (wrong) output on the others.
// Create rejects it on every ISA; a bias at the exact limit still works.
TEST(HostileParameters, bias_that_could_overflow_the_accumulator) {
  const uint8_t weight = 255;
  qnnp_operator_t op = nullptr;
  for (int32_t bias : {std::numeric_limits<int32_t>::max(), std::numeric_limits<int32_t>::min(),
                       std::numeric_limits<int32_t>::max() - 255 * 255 + 1}) {
    SCOPED_TRACE(bias);
    ExpectRejected(qnnp_status_unsupported_parameter,
                   qnnp_create_fully_connected_nc_q8(1, 1, 0, 1.0f, 0, 1.0f, &weight, &bias, 0,
                                                     1.0f, 0, 255, 0, &op),
                   {"bias[0]", "int32 accumulator"});
    const uint8_t kernel9[9] = {255, 255, 255, 255, 255, 255, 255, 255, 255};
    ExpectRejected(
        qnnp_status_unsupported_parameter,
        qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, 1.0f, 0, 1.0f,
                                          kernel9, &bias, 0, 1.0f, 0, 255, 0, &op),
        {"bias[0]"});
    ExpectRejected(
        qnnp_status_unsupported_parameter,
        qnnp_create_deconvolution2d_nhwc_q8(0, 0, 0, 0, 0, 0, 3, 3, 2, 2, 1, 1, 1, 1, 1, 0, 1.0f, 0,
                                            1.0f, kernel9, &bias, 0, 1.0f, 0, 255, 0, &op),
        {"bias[0]"});
    // Depthwise (the same weights as two groups of one channel).
    const int32_t biases[2] = {0, bias};
    const uint8_t kernel18[18] = {255, 255, 255, 255, 255, 255, 255, 255, 255,
                                  255, 255, 255, 255, 255, 255, 255, 255, 255};
    ExpectRejected(
        qnnp_status_unsupported_parameter,
        qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 2, 1, 1, 0, 1.0f, 0, 1.0f,
                                          kernel18, biases, 0, 1.0f, 0, 255, 0, &op),
        {"bias[1]"});
  }
  EXPECT_EQ(nullptr, op);

  // |bias| + 255 * 255 = 2^31 - 1 exactly: accepted, and every ISA gives the
  // fp32 rule's result for the largest accumulator.
  for (int32_t bias : {std::numeric_limits<int32_t>::max() - 255 * 255,
                       -(std::numeric_limits<int32_t>::max() - 255 * 255)}) {
    SCOPED_TRACE(bias);
    const float output_scale = 2.0e7f;
    ASSERT_EQ(qnnp_status_success,
              qnnp_create_fully_connected_nc_q8(1, 1, 0, 1.0f, 0, 1.0f, &weight, &bias, 128,
                                                output_scale, 0, 255, 0, &op));
    const uint8_t input = 255;
    uint8_t output = 0;
    ASSERT_EQ(qnnp_status_success, qnnp_setup_fully_connected_nc_q8(op, 1, &input, 1, &output, 1));
    ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    const int32_t acc = bias + 255 * 255;
    EXPECT_EQ(q8nn_test::RequantizeFp32(acc, 1.0f / output_scale, 128, 0, 255), output);
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    op = nullptr;
  }
}

// QNNPACK's MAX_POOLING_OP.zero_batch: with no image to compute, setup
// succeeds even when the window is wider than the input; so does every
// window operator.
TEST(HostileParameters, empty_batch_with_a_window_wider_than_the_input) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_max_pooling2d_nhwc_u8(0, 0, 0, 0, 5, 5, 1, 1, 1, 1, 3, 0, 255, 0, &op));
  EXPECT_EQ(qnnp_status_success,
            qnnp_setup_max_pooling2d_nhwc_u8(op, 0, 2, 2, nullptr, 3, nullptr, 3, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  // With images, the same shape has no output.
  uint8_t buffer[12] = {};
  ExpectRejected(qnnp_status_invalid_parameter,
                 qnnp_setup_max_pooling2d_nhwc_u8(op, 1, 2, 2, buffer, 3, buffer, 3, nullptr),
                 {"smaller than the kernel"});
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));

  op = CreateConvolution(1, 8, 8);
  ASSERT_NE(nullptr, op);
  EXPECT_EQ(qnnp_status_success,
            qnnp_setup_convolution2d_nhwc_q8(op, 0, 1, 1, nullptr, 8, nullptr, 8, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}

// q8nn_window_output_size: what setup computes, with checked arithmetic.
TEST(HostileParameters, window_output_size) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_max_pooling2d_nhwc_u8(1, 2, 3, 4, 3, 2, 2, 3, 2, 1, 3, 0, 255, 0, &op));
  size_t height = 0, width = 0;
  ASSERT_EQ(qnnp_status_success, q8nn_window_output_size(op, 10, 11, &height, &width));
  // (10 + 1 + 3 - ((3 - 1) * 2 + 1)) / 2 + 1 = 5; (11 + 4 + 2 - 2) / 3 + 1 = 6.
  EXPECT_EQ(5u, height);
  EXPECT_EQ(6u, width);
  ExpectRejected(qnnp_status_invalid_parameter, q8nn_window_output_size(op, 0, 11, &height, &width),
                 {"q8nn_window_output_size", "input_height = 0"});
  ExpectRejected(qnnp_status_invalid_parameter,
                 q8nn_window_output_size(op, 10, 11, nullptr, &width), {"NULL"});
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));

  // Deconvolution with an adjustment and a dilation of 2^31 (wrote outside the
  // output in WebAssembly, where size_t has 32 bits). An adjustment must be
  // smaller than the stride or the dilation.
  const uint8_t kernel[4] = {1, 1, 1, 1};
  ExpectRejected(
      qnnp_status_invalid_parameter,
      qnnp_create_deconvolution2d_nhwc_q8(0, 0, 0, 0, 0x80000000u, 0, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0,
                                          1.0f, 0, 1.0f, kernel, nullptr, 0, 1.0f, 0, 255, 0, &op),
      {"adjustment_height = 2147483648", "stride_height (2)", "dilation_height (1)"});
  ExpectRejected(
      qnnp_status_invalid_parameter,
      qnnp_create_deconvolution2d_nhwc_q8(0, 0, 0, 0, 0, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 0, 1.0f, 0,
                                          1.0f, kernel, nullptr, 0, 1.0f, 0, 255, 0, &op),
      {"adjustment_width = 1"});
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_deconvolution2d_nhwc_q8(0, 0, 0, 0, 0x80000000u, 0, 2, 2, 0xFFFFFFFFu, 1,
                                                0x80000000u, 1, 1, 1, 1, 0, 1.0f, 0, 1.0f, kernel,
                                                nullptr, 0, 1.0f, 0, 255, 0, &op));
  const qnnp_status status = q8nn_window_output_size(op, 3, 3, &height, &width);
  if (sizeof(size_t) < 8) {
    ExpectRejected(qnnp_status_unsupported_parameter, status, {"overflows"});
  } else {
    ASSERT_EQ(qnnp_status_success, status);
    EXPECT_EQ(size_t{2} * 0xFFFFFFFFu + 0x80000000u + 0x80000000u + 1, height);
  }
  // In WebAssembly its output size overflows; on 64-bit hosts its
  // indirection buffer (2^36 pixels of pointers) is over any allocation limit.
  const size_t default_limit = q8nn_allocation_limit();
  q8nn_set_allocation_limit(1 << 20);
  uint8_t buffer[64] = {};
  ExpectRejected(sizeof(size_t) < 8 ? qnnp_status_unsupported_parameter : qnnp_status_out_of_memory,
                 qnnp_setup_deconvolution2d_nhwc_q8(op, 1, 3, 3, buffer, 1, buffer, 1, nullptr),
                 {"qnnp_setup_deconvolution2d_nhwc_q8"});
  q8nn_set_allocation_limit(default_limit);
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));

  // Other operators have no window.
  ASSERT_EQ(qnnp_status_success, qnnp_create_clamp_nc_u8(4, 0, 255, 0, &op));
  ExpectRejected(qnnp_status_invalid_parameter, q8nn_window_output_size(op, 1, 1, &height, &width),
                 {"clamp"});
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}

// Messages name the function, the parameter, its value and the limit.
TEST(HostileParameters, messages_explain_the_rejection) {
  const uint8_t kernel[1] = {1};
  qnnp_operator_t op = nullptr;
  EXPECT_EQ(qnnp_status_unsupported_parameter,
            qnnp_create_convolution2d_nhwc_q8(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 40000, 1, 0, 1.0f, 0,
                                              1.0f, kernel, nullptr, 0, 1.0f, 0, 255, 0, &op));
  EXPECT_STREQ(
      "qnnp_create_convolution2d_nhwc_q8: kernel_height * kernel_width * group_input_channels = "
      "1 * 40000: a dot product of more than 33025 terms could overflow the int32 accumulator",
      q8nn_last_error());
  EXPECT_EQ(qnnp_status_invalid_parameter,
            qnnp_create_convolution2d_nhwc_q8(0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1.0f, 0,
                                              -2.0f, kernel, nullptr, 0, 1.0f, 0, 255, 0, &op));
  EXPECT_STREQ("qnnp_create_convolution2d_nhwc_q8: kernel_scale = -2: must be finite and positive",
               q8nn_last_error());
  EXPECT_EQ(qnnp_status_unsupported_parameter,
            qnnp_create_average_pooling2d_nhwc_q8(0, 0, 0, 0, 2, 2, 1, 1, 1, 0, 1.0f, 0, 1.0e-9f, 0,
                                                  255, 0, &op));
  EXPECT_NE(nullptr, std::strstr(q8nn_last_error(), "2^24")) << q8nn_last_error();
  EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_run_operator(nullptr, nullptr));
  EXPECT_STREQ("qnnp_run_operator: the operator is NULL", q8nn_last_error());
}

}  // namespace
