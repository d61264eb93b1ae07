// Bad parameters and life-cycle errors: every call returns a status, nothing
// crashes.
#include <cstdlib>
#include <functional>
#include <limits>
#include <string>

#include "operators/operator-test-utils.h"

namespace {

const float kBadScales[] = {0.0f,
                            -0.0f,
                            -1.0f,
                            std::numeric_limits<float>::quiet_NaN(),
                            std::numeric_limits<float>::infinity(),
                            -std::numeric_limits<float>::infinity()};
const uint32_t kBadFlags[] = {1u, 0x80000000u};

// Large enough for every tensor below.
std::vector<uint8_t>& Buffer(size_t index) {
  static std::vector<uint8_t> buffers[3] = {std::vector<uint8_t>(4096, 128),
                                            std::vector<uint8_t>(4096, 128),
                                            std::vector<uint8_t>(4096, 128)};
  return buffers[index];
}
const uint8_t* kKernel() {
  return Buffer(0).data();
}
const int32_t* kBias() {
  static const std::vector<int32_t> bias(256, 7);
  return bias.data();
}

// Every call that fails says why. Sets q8nn_last_error() to a known message
// (a failing call that changes nothing else), runs `call`, and when it fails
// checks that the message is new and starts with the name of a function of
// `prefix` ("qnnp_create_", "qnnp_setup_", ...).
template <class Call>
qnnp_status ExplainedCall(const char* prefix, Call call) {
  EXPECT_EQ(qnnp_status_invalid_parameter, q8nn_initialize_isa("no-such-isa"));
  const std::string sentinel = q8nn_last_error();
  const qnnp_status status = call();
  if (status != qnnp_status_success) {
    const std::string message = q8nn_last_error();
    EXPECT_NE(sentinel, message) << "a failing call left q8nn_last_error() unchanged";
    EXPECT_EQ(0u, message.rfind(prefix, 0)) << "message: " << message;
    EXPECT_GT(message.size(), std::string(prefix).size() + 20) << "message: " << message;
  }
  return status;
}

// Runs create(&op), expects `expected`, and deletes what was created.
template <class Create>
void ExpectCreate(qnnp_status expected, Create create) {
  qnnp_operator_t op = nullptr;
  EXPECT_EQ(expected, ExplainedCall("qnnp_create_", [&] { return create(&op); }));
  if (expected != qnnp_status_success) {
    EXPECT_EQ(nullptr, op);
  }
  if (op != nullptr) {
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

// The arguments every create function ends with: output range, flags, and the
// operator pointer (null with null_out).
struct OutputArgs {
  uint8_t omin = 0, omax = 255;
  uint32_t flags = 0;
  bool null_out = false;

  qnnp_operator_t* out(qnnp_operator_t* op) const { return null_out ? nullptr : op; }
};

// Checks the statuses of create(args, &op) for arguments `Args` (OutputArgs
// and the operator's own, valid by default), each time with the default
// arguments changed in one way.
template <class Args, class Create>
class CreateChecker {
 public:
  explicit CreateChecker(Create create) : create_(create) {}

  // create returns `expected` after change(args).
  template <class Change>
  void Expect(qnnp_status expected, Change change) const {
    Args a;
    change(a);
    ExpectCreate(expected, [&](qnnp_operator_t* op) { return std::invoke(create_, a, op); });
  }
  void ExpectValid() const {
    Expect(qnnp_status_success, [](Args&) {});
  }
  // Invalid with each of `fields` 0 (the others at their defaults).
  template <class... Fields>
  void ExpectZeroInvalid(Fields... fields) const {
    size_t index = 0;
    (
        [&] {
          SCOPED_TRACE(testing::Message() << "field " << index++ << " of the list 0");
          Expect(qnnp_status_invalid_parameter, [&](Args& a) { a.*fields = 0; });
        }(),
        ...);
  }
  // Invalid with each of `scales` (or other positive finite values) set to
  // each of kBadScales.
  void ExpectBadScalesInvalid(std::initializer_list<float Args::*> scales) const {
    for (float s : kBadScales) {
      SCOPED_TRACE(testing::Message() << "value " << s);
      for (float Args::*scale : scales) {
        Expect(qnnp_status_invalid_parameter, [&](Args& a) { a.*scale = s; });
      }
    }
  }
  // Invalid with an output min above the output max.
  void ExpectEmptyRangeInvalid(uint8_t omin, uint8_t omax) const {
    Expect(qnnp_status_invalid_parameter, [&](Args& a) { a.omin = omin, a.omax = omax; });
  }
  // Invalid with unknown flags or a null operator pointer.
  void ExpectBadFlagsAndOutInvalid() const {
    for (uint32_t flags : kBadFlags) {
      Expect(qnnp_status_invalid_parameter, [&](Args& a) { a.flags = flags; });
    }
    Expect(qnnp_status_invalid_parameter, [](Args& a) { a.null_out = true; });
  }

 private:
  Create create_;
};

template <class Args, class Create>
CreateChecker<Args, Create> MakeCreateChecker(Create create) {
  return CreateChecker<Args, Create>(create);
}

struct ConvArgs : OutputArgs {
  uint32_t pt = 1, pr = 1, pb = 1, pl = 1, kh = 3, kw = 3, sh = 1, sw = 1, dh = 1, dw = 1;
  uint32_t groups = 2;
  size_t gic = 3, goc = 4;
  uint8_t izp = 128;
  float is = 0.5f;
  uint8_t kzp = 127;
  float ks = 0.01f;
  const uint8_t* kernel = kKernel();
  const int32_t* bias = kBias();
  uint8_t ozp = 128;
  float os = 0.2f;

  qnnp_status Convolution(qnnp_operator_t* op) const {
    return qnnp_create_convolution2d_nhwc_q8(pt, pr, pb, pl, kh, kw, sh, sw, dh, dw, groups, gic,
                                             goc, izp, is, kzp, ks, kernel, bias, ozp, os, omin,
                                             omax, flags, out(op));
  }
  // Deconvolution with adjustment 0 and the subsampling as stride.
  qnnp_status Deconvolution(qnnp_operator_t* op) const {
    return qnnp_create_deconvolution2d_nhwc_q8(pt, pr, pb, pl, 0, 0, kh, kw, sh, sw, dh, dw, groups,
                                               gic, goc, izp, is, kzp, ks, kernel, bias, ozp, os,
                                               omin, omax, flags, out(op));
  }
  qnnp_status FullyConnected(qnnp_operator_t* op) const {
    return qnnp_create_fully_connected_nc_q8(gic, goc, izp, is, kzp, ks, kernel, bias, ozp, os,
                                             omin, omax, flags, out(op));
  }
};

using ConvCreate = qnnp_status (ConvArgs::*)(qnnp_operator_t*) const;

// Every invalid variant of the convolution-like parameters.
void ExpectInvalidConvArgs(ConvCreate create, bool fully_connected) {
  const auto check = MakeCreateChecker<ConvArgs>(create);
  if (!fully_connected) {
    // Kernel size, subsampling, dilation, groups.
    check.ExpectZeroInvalid(&ConvArgs::kh, &ConvArgs::kw, &ConvArgs::sh, &ConvArgs::sw,
                            &ConvArgs::dh, &ConvArgs::dw, &ConvArgs::groups);
  }
  check.ExpectZeroInvalid(&ConvArgs::gic, &ConvArgs::goc);
  check.ExpectBadScalesInvalid({&ConvArgs::is, &ConvArgs::ks, &ConvArgs::os});
  check.ExpectEmptyRangeInvalid(200, 100);
  check.Expect(qnnp_status_invalid_parameter, [](ConvArgs& a) { a.kernel = nullptr; });
  check.ExpectBadFlagsAndOutInvalid();
}

// Scales whose product with the input and kernel scales is too large or too
// small for the requantization.
void ExpectUnsupportedConvScales(ConvCreate create) {
  const auto check = MakeCreateChecker<ConvArgs>(create);
  check.Expect(qnnp_status_unsupported_parameter, [](ConvArgs& a) { a.is = 1e30f, a.ks = 1e30f; });
  check.Expect(qnnp_status_unsupported_parameter,
               [](ConvArgs& a) { a.is = 1e-30f, a.ks = 1e-30f, a.os = 1.0f; });
}

}  // namespace

// --- create -----------------------------------------------------------------

TEST(ConvolutionStatus, create_valid) {
  const auto check = MakeCreateChecker<ConvArgs>(&ConvArgs::Convolution);
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](ConvArgs& a) { a.bias = nullptr; });
}

TEST(ConvolutionStatus, create_invalid) {
  ExpectInvalidConvArgs(&ConvArgs::Convolution, false);
}

TEST(ConvolutionStatus, create_unsupported_scale) {
  ExpectUnsupportedConvScales(&ConvArgs::Convolution);
  const auto check = MakeCreateChecker<ConvArgs>(&ConvArgs::Convolution);
  check.Expect(qnnp_status_unsupported_parameter,
               [](ConvArgs& a) { a.is = 1e20f, a.ks = 1e20f, a.os = 1e30f; });
  // Depthwise shapes take another path through create.
  check.Expect(qnnp_status_unsupported_parameter, [](ConvArgs& a) {
    a.is = 1e-30f, a.ks = 1e-30f, a.os = 1.0f;
    a.groups = 8, a.gic = 1, a.goc = 1;
  });
}

TEST(DeconvolutionStatus, create_valid) {
  MakeCreateChecker<ConvArgs>(&ConvArgs::Deconvolution).ExpectValid();
}

TEST(DeconvolutionStatus, create_invalid) {
  ExpectInvalidConvArgs(&ConvArgs::Deconvolution, false);
}

TEST(DeconvolutionStatus, create_unsupported_scale) {
  ExpectUnsupportedConvScales(&ConvArgs::Deconvolution);
}

TEST(FullyConnectedStatus, create_valid) {
  MakeCreateChecker<ConvArgs>(&ConvArgs::FullyConnected).ExpectValid();
}

TEST(FullyConnectedStatus, create_invalid) {
  ExpectInvalidConvArgs(&ConvArgs::FullyConnected, true);
}

TEST(FullyConnectedStatus, create_unsupported_scale) {
  ExpectUnsupportedConvScales(&ConvArgs::FullyConnected);
}

TEST(AveragePoolingStatus, create) {
  struct Args : OutputArgs {
    uint32_t ph = 3, pw = 3, sh = 2, sw = 2;
    size_t channels = 8;
    float is = 1.0f, os = 1.0f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_average_pooling2d_nhwc_q8(1, 1, 1, 1, a.ph, a.pw, a.sh, a.sw, a.channels,
                                                 128, a.is, 128, a.os, a.omin, a.omax, a.flags,
                                                 a.out(op));
  });
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](Args& a) { a.ph = 1, a.pw = 1, a.sh = 1, a.sw = 1; });
  check.ExpectZeroInvalid(&Args::ph, &Args::pw, &Args::sh, &Args::sw, &Args::channels);
  check.ExpectBadScalesInvalid({&Args::is, &Args::os});
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(MaxPoolingStatus, create) {
  struct Args : OutputArgs {
    uint32_t ph = 3, pw = 3, sh = 2, sw = 2, dh = 1, dw = 1;
    size_t channels = 8;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_max_pooling2d_nhwc_u8(1, 1, 1, 1, a.ph, a.pw, a.sh, a.sw, a.dh, a.dw,
                                             a.channels, a.omin, a.omax, a.flags, a.out(op));
  });
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](Args& a) { a.ph = 1, a.pw = 1, a.sh = 1, a.sw = 1; });
  check.ExpectZeroInvalid(&Args::ph, &Args::pw, &Args::sh, &Args::sw, &Args::dh, &Args::dw,
                          &Args::channels);
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(GlobalAveragePoolingStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
    float is = 1.0f, os = 1.0f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_global_average_pooling_nwc_q8(a.channels, 128, a.is, 128, a.os, a.omin,
                                                     a.omax, a.flags, a.out(op));
  });
  check.ExpectValid();
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectBadScalesInvalid({&Args::is, &Args::os});
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(ChannelShuffleStatus, create) {
  struct Args : OutputArgs {
    size_t groups = 2, group_channels = 3;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_channel_shuffle_nc_x8(a.groups, a.group_channels, a.flags, a.out(op));
  });
  check.ExpectValid();
  check.ExpectZeroInvalid(&Args::groups, &Args::group_channels);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(AddStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
    float as = 1.0f, bs = 1.0f, ss = 1.0f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_add_nc_q8(a.channels, 128, a.as, 128, a.bs, 128, a.ss, a.omin, a.omax,
                                 a.flags, a.out(op));
  });
  check.ExpectValid();
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectBadScalesInvalid({&Args::as, &Args::bs, &Args::ss});
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(ClampStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_clamp_nc_u8(a.channels, a.omin, a.omax, a.flags, a.out(op));
  });
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](Args& a) { a.omin = 9, a.omax = 9; });
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectEmptyRangeInvalid(10, 9);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(SigmoidStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
    float is = 0.1f, os = 1.0f / 256.0f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_sigmoid_nc_q8(a.channels, 128, a.is, 0, a.os, a.omin, a.omax, a.flags,
                                     a.out(op));
  });
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](Args& a) { a.os = 0.01f; });
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectBadScalesInvalid({&Args::is, &Args::os});
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(LeakyReLUStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
    float slope = 0.1f, is = 0.1f, os = 0.1f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_leaky_relu_nc_q8(a.channels, a.slope, 128, a.is, 128, a.os, a.omin, a.omax,
                                        a.flags, a.out(op));
  });
  check.ExpectValid();
  check.Expect(qnnp_status_success, [](Args& a) { a.slope = 1.0f; });
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectBadScalesInvalid({&Args::slope, &Args::is, &Args::os});
  check.ExpectEmptyRangeInvalid(1, 0);
  check.ExpectBadFlagsAndOutInvalid();
}

TEST(SoftArgMaxStatus, create) {
  struct Args : OutputArgs {
    size_t channels = 8;
    float is = 0.1f;
    uint8_t ozp = 0;
    float os = 1.0f / 256.0f;
  };
  const auto check = MakeCreateChecker<Args>([](const Args& a, qnnp_operator_t* op) {
    return qnnp_create_softargmax_nc_q8(a.channels, a.is, a.ozp, a.os, a.flags, a.out(op));
  });
  check.ExpectValid();
  check.ExpectZeroInvalid(&Args::channels);
  check.ExpectBadScalesInvalid({&Args::is});
  // Only the output quantization of QNNPACK (scale 1/256, zero point 0).
  check.Expect(qnnp_status_unsupported_parameter, [](Args& a) { a.os = 1.0f / 255.0f; });
  check.Expect(qnnp_status_unsupported_parameter, [](Args& a) { a.os = 0.5f; });
  check.Expect(qnnp_status_unsupported_parameter, [](Args& a) { a.ozp = 1; });
  check.ExpectBadFlagsAndOutInvalid();
}

// --- setup and run ----------------------------------------------------------

namespace {

// One operator of each type, with 8 channels in and out wherever it matters.
enum OpType {
  kConvolution,
  kDepthwise,
  kDeconvolution,
  kFullyConnected,
  kAveragePooling,
  kMaxPooling,
  kGlobalAveragePooling,
  kChannelShuffle,
  kAdd,
  kClamp,
  kSigmoid,
  kLeakyReLU,
  kSoftArgMax,
  kOpTypeCount
};

const char* const kOpTypeNames[] = {"convolution",
                                    "depthwise",
                                    "deconvolution",
                                    "fully connected",
                                    "average pooling",
                                    "max pooling",
                                    "global average pooling",
                                    "channel shuffle",
                                    "add",
                                    "clamp",
                                    "sigmoid",
                                    "leaky relu",
                                    "softargmax"};

qnnp_operator_t CreateOp(OpType type) {
  qnnp_operator_t op = nullptr;
  qnnp_status status = qnnp_status_invalid_parameter;
  switch (type) {
    case kConvolution:
      status =
          qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 8, 8, 128, 0.5f, 128,
                                            0.01f, kKernel(), kBias(), 128, 0.2f, 0, 255, 0, &op);
      break;
    case kDepthwise:
      status =
          qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 8, 1, 1, 128, 0.5f, 128,
                                            0.01f, kKernel(), kBias(), 128, 0.2f, 0, 255, 0, &op);
      break;
    case kDeconvolution:
      status = qnnp_create_deconvolution2d_nhwc_q8(1, 1, 1, 1, 0, 0, 3, 3, 1, 1, 1, 1, 1, 8, 8, 128,
                                                   0.5f, 128, 0.01f, kKernel(), kBias(), 128, 0.2f,
                                                   0, 255, 0, &op);
      break;
    case kFullyConnected:
      status = qnnp_create_fully_connected_nc_q8(8, 8, 128, 0.5f, 128, 0.01f, kKernel(), kBias(),
                                                 128, 0.2f, 0, 255, 0, &op);
      break;
    case kAveragePooling:
      status = qnnp_create_average_pooling2d_nhwc_q8(0, 0, 0, 0, 2, 2, 2, 2, 8, 128, 1.0f, 128,
                                                     1.0f, 0, 255, 0, &op);
      break;
    case kMaxPooling:
      status = qnnp_create_max_pooling2d_nhwc_u8(0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 8, 0, 255, 0, &op);
      break;
    case kGlobalAveragePooling:
      status = qnnp_create_global_average_pooling_nwc_q8(8, 128, 1.0f, 128, 1.0f, 0, 255, 0, &op);
      break;
    case kChannelShuffle:
      status = qnnp_create_channel_shuffle_nc_x8(2, 4, 0, &op);
      break;
    case kAdd:
      status = qnnp_create_add_nc_q8(8, 128, 1.0f, 128, 1.0f, 128, 1.0f, 0, 255, 0, &op);
      break;
    case kClamp:
      status = qnnp_create_clamp_nc_u8(8, 10, 200, 0, &op);
      break;
    case kSigmoid:
      status = qnnp_create_sigmoid_nc_q8(8, 128, 0.1f, 0, 1.0f / 256.0f, 0, 255, 0, &op);
      break;
    case kLeakyReLU:
      status = qnnp_create_leaky_relu_nc_q8(8, 0.1f, 128, 0.1f, 128, 0.1f, 0, 255, 0, &op);
      break;
    case kSoftArgMax:
      status = qnnp_create_softargmax_nc_q8(8, 0.1f, 0, 1.0f / 256.0f, 0, &op);
      break;
    default:
      break;
  }
  EXPECT_EQ(qnnp_status_success, status) << kOpTypeNames[type];
  return op;
}

// Arguments of the setup functions, valid by default for the operators of
// CreateOp: batch 2, 4x4 pixels (16 for global average pooling) of 8 channels,
// dense strides.
struct SetupArgs {
  size_t batch = 2;
  size_t height = 4, width = 4;
  size_t pooled_width = 16;  // global average pooling
  const uint8_t* input = Buffer(0).data();
  size_t input_stride = 8;
  const uint8_t* input2 = Buffer(1).data();  // add
  size_t input2_stride = 8;
  uint8_t* output = Buffer(2).data();
  size_t output_stride = 8;
};

qnnp_status SetupOpUnexplained(OpType type, qnnp_operator_t op, const SetupArgs& a);

// Calls the setup function of `type` on `op` (which must explain a failure).
qnnp_status SetupOp(OpType type, qnnp_operator_t op, const SetupArgs& a = SetupArgs()) {
  return ExplainedCall("qnnp_setup_", [&] { return SetupOpUnexplained(type, op, a); });
}

qnnp_status SetupOpUnexplained(OpType type, qnnp_operator_t op, const SetupArgs& a) {
  switch (type) {
    case kConvolution:
    case kDepthwise:
      return qnnp_setup_convolution2d_nhwc_q8(op, a.batch, a.height, a.width, a.input,
                                              a.input_stride, a.output, a.output_stride, nullptr);
    case kDeconvolution:
      return qnnp_setup_deconvolution2d_nhwc_q8(op, a.batch, a.height, a.width, a.input,
                                                a.input_stride, a.output, a.output_stride, nullptr);
    case kFullyConnected:
      return qnnp_setup_fully_connected_nc_q8(op, a.batch, a.input, a.input_stride, a.output,
                                              a.output_stride);
    case kAveragePooling:
      return qnnp_setup_average_pooling2d_nhwc_q8(op, a.batch, a.height, a.width, a.input,
                                                  a.input_stride, a.output, a.output_stride,
                                                  nullptr);
    case kMaxPooling:
      return qnnp_setup_max_pooling2d_nhwc_u8(op, a.batch, a.height, a.width, a.input,
                                              a.input_stride, a.output, a.output_stride, nullptr);
    case kGlobalAveragePooling:
      return qnnp_setup_global_average_pooling_nwc_q8(op, a.batch, a.pooled_width, a.input,
                                                      a.input_stride, a.output, a.output_stride);
    case kChannelShuffle:
      return qnnp_setup_channel_shuffle_nc_x8(op, a.batch, a.input, a.input_stride, a.output,
                                              a.output_stride);
    case kAdd:
      return qnnp_setup_add_nc_q8(op, a.batch, a.input, a.input_stride, a.input2, a.input2_stride,
                                  a.output, a.output_stride);
    case kClamp:
      return qnnp_setup_clamp_nc_u8(op, a.batch, a.input, a.input_stride, a.output,
                                    a.output_stride);
    case kSigmoid:
      return qnnp_setup_sigmoid_nc_q8(op, a.batch, a.input, a.input_stride, a.output,
                                      a.output_stride);
    case kLeakyReLU:
      return qnnp_setup_leaky_relu_nc_q8(op, a.batch, a.input, a.input_stride, a.output,
                                         a.output_stride);
    case kSoftArgMax:
      return qnnp_setup_softargmax_nc_q8(op, a.batch, a.input, a.input_stride, a.output,
                                         a.output_stride);
    default:
      return qnnp_status_invalid_parameter;
  }
}

bool SameSetupFunction(OpType a, OpType b) {
  auto family = [](OpType t) { return t == kDepthwise ? kConvolution : t; };
  return family(a) == family(b);
}

}  // namespace

TEST(OperatorStatus, setup_with_the_setup_of_another_type) {
  for (int t = 0; t < kOpTypeCount; t++) {
    qnnp_operator_t op = CreateOp(OpType(t));
    ASSERT_NE(nullptr, op);
    for (int s = 0; s < kOpTypeCount; s++) {
      SCOPED_TRACE(testing::Message() << kOpTypeNames[t] << " set up as " << kOpTypeNames[s]);
      const qnnp_status expected = SameSetupFunction(OpType(t), OpType(s))
                                       ? qnnp_status_success
                                       : qnnp_status_invalid_parameter;
      EXPECT_EQ(expected, SetupOp(OpType(s), op));
    }
    // The failed setups left the operator usable.
    EXPECT_EQ(qnnp_status_success, SetupOp(OpType(t), op));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

TEST(OperatorStatus, run_before_setup) {
  for (int t = 0; t < kOpTypeCount; t++) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(OpType(t));
    ASSERT_NE(nullptr, op);
    EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

TEST(OperatorStatus, run_twice_and_with_threads) {
  for (int t = 0; t < kOpTypeCount; t++) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(OpType(t));
    ASSERT_NE(nullptr, op);
    ASSERT_EQ(qnnp_status_success, SetupOp(OpType(t), op));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, q8nn_test::ThreadPool(2)));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, q8nn_test::ThreadPool(4)));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

TEST(OperatorStatus, null_operator) {
  EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_run_operator(nullptr, nullptr));
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(nullptr));
  for (int s = 0; s < kOpTypeCount; s++) {
    SCOPED_TRACE(kOpTypeNames[s]);
    EXPECT_EQ(qnnp_status_invalid_parameter, SetupOp(OpType(s), nullptr));
  }
}

TEST(OperatorStatus, empty_batch_with_null_pointers) {
  SetupArgs empty;
  empty.batch = 0;
  empty.input = nullptr;
  empty.input2 = nullptr;
  empty.output = nullptr;
  for (int t = 0; t < kOpTypeCount; t++) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(OpType(t));
    ASSERT_NE(nullptr, op);
    EXPECT_EQ(qnnp_status_success, SetupOp(OpType(t), op, empty));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, q8nn_test::ThreadPool(2)));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

// Bad setup arguments for the operators with spatial inputs.
TEST(OperatorStatus, setup_invalid_nhwc) {
  const uint8_t* in = Buffer(0).data();
  uint8_t* out = Buffer(2).data();
  for (OpType t : {kConvolution, kDepthwise, kDeconvolution, kAveragePooling, kMaxPooling}) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(t);
    ASSERT_NE(nullptr, op);
    auto setup = [&](size_t batch, size_t h, size_t w, const uint8_t* input, size_t input_stride,
                     uint8_t* output, size_t output_stride) {
      SetupArgs a;
      a.batch = batch, a.height = h, a.width = w;
      a.input = input, a.input_stride = input_stride;
      a.output = output, a.output_stride = output_stride;
      return SetupOp(t, op, a);
    };
    EXPECT_EQ(qnnp_status_success, setup(1, 4, 4, in, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 0, 4, in, 8, out, 8)) << "height 0";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 0, in, 8, out, 8)) << "width 0";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 4, nullptr, 8, out, 8)) << "null input";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 4, in, 8, nullptr, 8)) << "null output";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 4, in, 7, out, 8)) << "input stride 7";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 4, in, 8, out, 7)) << "output stride 7";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(1, 4, 4, in, 0, out, 8)) << "input stride 0";
    // Still usable after failed setups.
    EXPECT_EQ(qnnp_status_success, setup(2, 3, 5, in, 9, out, 10));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

TEST(OperatorStatus, setup_input_smaller_than_window) {
  const uint8_t* in = Buffer(0).data();
  uint8_t* out = Buffer(2).data();
  {
    // 3x3 without padding on a 2x2 input: no output pixel.
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success, qnnp_create_convolution2d_nhwc_q8(
                                       0, 0, 0, 0, 3, 3, 1, 1, 1, 1, 1, 4, 4, 128, 0.5f, 128, 0.01f,
                                       kKernel(), kBias(), 128, 0.2f, 0, 255, 0, &op));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_convolution2d_nhwc_q8(op, 1, 2, 2, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_convolution2d_nhwc_q8(op, 1, 3, 2, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success,
              qnnp_setup_convolution2d_nhwc_q8(op, 1, 3, 3, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    // Dilated 3x3 (a 5x5 window) with padding 1 on a 2x2 input.
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success, qnnp_create_convolution2d_nhwc_q8(
                                       1, 1, 1, 1, 3, 3, 1, 1, 2, 2, 4, 1, 1, 128, 0.5f, 128, 0.01f,
                                       kKernel(), kBias(), 128, 0.2f, 0, 255, 0, &op));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_convolution2d_nhwc_q8(op, 1, 2, 2, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    // Deconvolution whose padding exceeds its output: 1x1 input, 3x3 kernel,
    // padding 2 on each side.
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success, qnnp_create_deconvolution2d_nhwc_q8(
                                       2, 2, 2, 2, 0, 0, 3, 3, 1, 1, 1, 1, 1, 4, 4, 128, 0.5f, 128,
                                       0.01f, kKernel(), kBias(), 128, 0.2f, 0, 255, 0, &op));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_deconvolution2d_nhwc_q8(op, 1, 1, 1, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success,
              qnnp_create_max_pooling2d_nhwc_u8(0, 0, 0, 0, 3, 3, 1, 1, 1, 1, 4, 0, 255, 0, &op));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_max_pooling2d_nhwc_u8(op, 1, 2, 2, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success,
              qnnp_create_average_pooling2d_nhwc_q8(0, 0, 0, 0, 3, 3, 1, 1, 4, 128, 1.0f, 128, 1.0f,
                                                    0, 255, 0, &op));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_average_pooling2d_nhwc_q8(op, 1, 2, 2, in, 4, out, 4, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

// Bad setup arguments for the operators on rows of channels.
TEST(OperatorStatus, setup_invalid_nc) {
  const uint8_t* in = Buffer(0).data();
  const uint8_t* in2 = Buffer(1).data();
  uint8_t* out = Buffer(2).data();
  for (OpType t : {kFullyConnected, kGlobalAveragePooling, kChannelShuffle, kClamp, kSigmoid,
                   kLeakyReLU, kSoftArgMax}) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(t);
    ASSERT_NE(nullptr, op);
    auto setup = [&](size_t batch, const uint8_t* input, size_t input_stride, uint8_t* output,
                     size_t output_stride) {
      SetupArgs a;
      a.batch = batch, a.pooled_width = 5;
      a.input = input, a.input_stride = input_stride;
      a.output = output, a.output_stride = output_stride;
      return SetupOp(t, op, a);
    };
    EXPECT_EQ(qnnp_status_success, setup(3, in, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(3, nullptr, 8, out, 8)) << "null input";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(3, in, 8, nullptr, 8)) << "null output";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(3, in, 7, out, 8)) << "input stride 7";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(3, in, 8, out, 7)) << "output stride 7";
    EXPECT_EQ(qnnp_status_invalid_parameter, setup(3, in, 0, out, 0)) << "strides 0";
    EXPECT_EQ(qnnp_status_success, setup(3, in, 11, out, 9));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    SCOPED_TRACE("global average pooling width 0");
    qnnp_operator_t op = CreateOp(kGlobalAveragePooling);
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_global_average_pooling_nwc_q8(op, 2, 0, in, 8, out, 8));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
  {
    SCOPED_TRACE("add");
    qnnp_operator_t op = CreateOp(kAdd);
    EXPECT_EQ(qnnp_status_success, qnnp_setup_add_nc_q8(op, 3, in, 8, in2, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_add_nc_q8(op, 3, nullptr, 8, in2, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_add_nc_q8(op, 3, in, 8, nullptr, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter,
              qnnp_setup_add_nc_q8(op, 3, in, 8, in2, 8, nullptr, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_setup_add_nc_q8(op, 3, in, 7, in2, 8, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_setup_add_nc_q8(op, 3, in, 8, in2, 7, out, 8));
    EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_setup_add_nc_q8(op, 3, in, 8, in2, 8, out, 7));
    EXPECT_EQ(qnnp_status_success, qnnp_setup_add_nc_q8(op, 3, in, 9, in2, 10, out, 11));
    EXPECT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

// --- initialization ---------------------------------------------------------

TEST(InitializationStatus, calls_before_initialize) {
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
  qnnp_operator_t op = nullptr;
  const qnnp_status u = qnnp_status_uninitialized;
  EXPECT_EQ(u, ConvArgs().Convolution(&op));
  EXPECT_EQ(u, ConvArgs().Deconvolution(&op));
  EXPECT_EQ(u, ConvArgs().FullyConnected(&op));
  EXPECT_EQ(u, qnnp_create_average_pooling2d_nhwc_q8(0, 0, 0, 0, 2, 2, 2, 2, 8, 128, 1.0f, 128,
                                                     1.0f, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_max_pooling2d_nhwc_u8(0, 0, 0, 0, 2, 2, 2, 2, 1, 1, 8, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_global_average_pooling_nwc_q8(8, 128, 1.0f, 128, 1.0f, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_channel_shuffle_nc_x8(2, 4, 0, &op));
  EXPECT_EQ(u, qnnp_create_add_nc_q8(8, 128, 1.0f, 128, 1.0f, 128, 1.0f, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_clamp_nc_u8(8, 10, 200, 0, &op));
  EXPECT_EQ(u, qnnp_create_sigmoid_nc_q8(8, 128, 0.1f, 0, 1.0f / 256.0f, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_leaky_relu_nc_q8(8, 0.1f, 128, 0.1f, 128, 0.1f, 0, 255, 0, &op));
  EXPECT_EQ(u, qnnp_create_softargmax_nc_q8(8, 0.1f, 0, 1.0f / 256.0f, 0, &op));
  EXPECT_EQ(nullptr, op);
  ASSERT_EQ(qnnp_status_success, qnnp_initialize());
  // Works again after re-initialization.
  ExpectCreate(qnnp_status_success, [](qnnp_operator_t* o) { return ConvArgs().Convolution(o); });
}

TEST(InitializationStatus, initialize_twice) {
  EXPECT_EQ(qnnp_status_success, qnnp_initialize());
  EXPECT_EQ(qnnp_status_success, qnnp_initialize());
  ExpectCreate(qnnp_status_success, [](qnnp_operator_t* o) { return ConvArgs().Convolution(o); });
}

TEST(InitializationStatus, operator_outlives_deinitialize) {
  // An operator created before qnnp_deinitialize can still be deleted.
  qnnp_operator_t op = CreateOp(kConvolution);
  ASSERT_NE(nullptr, op);
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
  EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  ASSERT_EQ(qnnp_status_success, qnnp_initialize());
}

// --- documented limits (docs/NOTES.md) ----------------------------------------

TEST(LimitStatus, dot_product_length) {
  // More than 33025 terms could overflow the int32 accumulator.
  std::vector<uint8_t> kernel(33026 * 2, 128);
  ExpectCreate(qnnp_status_success, [&](qnnp_operator_t* op) {
    return qnnp_create_fully_connected_nc_q8(33025, 2, 128, 0.5f, 128, 0.01f, kernel.data(),
                                             nullptr, 128, 100.0f, 0, 255, 0, op);
  });
  ExpectCreate(qnnp_status_unsupported_parameter, [&](qnnp_operator_t* op) {
    return qnnp_create_fully_connected_nc_q8(33026, 2, 128, 0.5f, 128, 0.01f, kernel.data(),
                                             nullptr, 128, 100.0f, 0, 255, 0, op);
  });
  // 3x3 taps of 3670 channels: 33030 terms.
  std::vector<uint8_t> conv_kernel(9 * 3670, 128);
  ExpectCreate(qnnp_status_unsupported_parameter, [&](qnnp_operator_t* op) {
    return qnnp_create_convolution2d_nhwc_q8(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 3670, 1, 128, 0.5f,
                                             128, 0.01f, conv_kernel.data(), nullptr, 128, 100.0f,
                                             0, 255, 0, op);
  });
}

TEST(LimitStatus, requantization_scale_range) {
  // Scales of 2^24 or more saturate every non-zero input: unsupported.
  ConvArgs a;
  a.is = 1.0f, a.ks = 1.0f, a.os = 1.0f / 16777216.0f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Convolution(op); });
  a.os = 1.0f / 8388608.0f;
  ExpectCreate(qnnp_status_success, [&](qnnp_operator_t* op) { return a.Convolution(op); });
  ExpectCreate(qnnp_status_unsupported_parameter, [](qnnp_operator_t* op) {
    return qnnp_create_add_nc_q8(8, 128, 1.0f, 128, 1.0f, 128, 1.0f / 16777216.0f, 0, 255, 0, op);
  });
  ExpectCreate(qnnp_status_unsupported_parameter, [](qnnp_operator_t* op) {
    return qnnp_create_add_nc_q8(8, 128, 1e-30f, 128, 1.0f, 128, 1e30f, 0, 255, 0, op);
  });
}

TEST(InitializationStatus, unknown_isa_in_environment) {
  const char* previous = std::getenv("Q8NN_ISA");
  const std::string saved = previous != nullptr ? previous : "";
  ASSERT_EQ(0, setenv("Q8NN_ISA", "bogus", 1));
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
  EXPECT_EQ(qnnp_status_invalid_parameter, qnnp_initialize());
  if (previous != nullptr) {
    ASSERT_EQ(0, setenv("Q8NN_ISA", saved.c_str(), 1));
  } else {
    ASSERT_EQ(0, unsetenv("Q8NN_ISA"));
  }
  ASSERT_EQ(qnnp_status_success, qnnp_initialize());
}
