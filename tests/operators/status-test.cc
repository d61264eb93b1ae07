// Bad parameters and life-cycle errors: every call returns a status, nothing
// crashes.
#include <cstdlib>
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

// Runs create(&op), expects `expected`, and deletes what was created.
template <class Create>
void ExpectCreate(qnnp_status expected, Create create) {
  qnnp_operator_t op = nullptr;
  EXPECT_EQ(expected, create(&op));
  if (expected != qnnp_status_success) {
    EXPECT_EQ(nullptr, op);
  }
  if (op != nullptr) {
    EXPECT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  }
}

struct ConvArgs {
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
  uint8_t omin = 0, omax = 255;
  uint32_t flags = 0;
  bool null_out = false;

  qnnp_status Convolution(qnnp_operator_t* op) const {
    return qnnp_create_convolution2d_nhwc_q8(pt, pr, pb, pl, kh, kw, sh, sw, dh, dw, groups, gic,
                                             goc, izp, is, kzp, ks, kernel, bias, ozp, os, omin,
                                             omax, flags, null_out ? nullptr : op);
  }
  // Deconvolution with adjustment 0 and the subsampling as stride.
  qnnp_status Deconvolution(qnnp_operator_t* op) const {
    return qnnp_create_deconvolution2d_nhwc_q8(pt, pr, pb, pl, 0, 0, kh, kw, sh, sw, dh, dw, groups,
                                               gic, goc, izp, is, kzp, ks, kernel, bias, ozp, os,
                                               omin, omax, flags, null_out ? nullptr : op);
  }
  qnnp_status FullyConnected(qnnp_operator_t* op) const {
    return qnnp_create_fully_connected_nc_q8(gic, goc, izp, is, kzp, ks, kernel, bias, ozp, os,
                                             omin, omax, flags, null_out ? nullptr : op);
  }
};

// Every invalid variant of the convolution-like parameters, applied with `f`.
template <class F>
void ForEachInvalidConvArgs(F f, bool fully_connected) {
  auto check = [&](const char* what, ConvArgs a) {
    SCOPED_TRACE(what);
    f(a);
  };
  ConvArgs a;
  if (!fully_connected) {
    a = ConvArgs(), a.kh = 0, check("kernel height 0", a);
    a = ConvArgs(), a.kw = 0, check("kernel width 0", a);
    a = ConvArgs(), a.sh = 0, check("subsampling height 0", a);
    a = ConvArgs(), a.sw = 0, check("subsampling width 0", a);
    a = ConvArgs(), a.dh = 0, check("dilation height 0", a);
    a = ConvArgs(), a.dw = 0, check("dilation width 0", a);
    a = ConvArgs(), a.groups = 0, check("groups 0", a);
  }
  a = ConvArgs(), a.gic = 0, check("input channels 0", a);
  a = ConvArgs(), a.goc = 0, check("output channels 0", a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    a = ConvArgs(), a.is = s, check("input scale", a);
    a = ConvArgs(), a.ks = s, check("kernel scale", a);
    a = ConvArgs(), a.os = s, check("output scale", a);
  }
  a = ConvArgs(), a.omin = 200, a.omax = 100, check("output min > max", a);
  a = ConvArgs(), a.kernel = nullptr, check("null kernel", a);
  a = ConvArgs(), a.null_out = true, check("null operator pointer", a);
  for (uint32_t flags : kBadFlags) a = ConvArgs(), a.flags = flags, check("unknown flags", a);
}

}  // namespace

// --- create -----------------------------------------------------------------

TEST(ConvolutionStatus, create_valid) {
  ExpectCreate(qnnp_status_success, [](qnnp_operator_t* op) { return ConvArgs().Convolution(op); });
  ConvArgs a;
  a.bias = nullptr;
  ExpectCreate(qnnp_status_success, [&](qnnp_operator_t* op) { return a.Convolution(op); });
}

TEST(ConvolutionStatus, create_invalid) {
  ForEachInvalidConvArgs(
      [](const ConvArgs& a) {
        ExpectCreate(qnnp_status_invalid_parameter,
                     [&](qnnp_operator_t* op) { return a.Convolution(op); });
      },
      false);
}

TEST(ConvolutionStatus, create_unsupported_scale) {
  ConvArgs a;
  a.is = 1e30f, a.ks = 1e30f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Convolution(op); });
  a.is = 1e20f, a.ks = 1e20f, a.os = 1e30f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Convolution(op); });
  a.is = 1e-30f, a.ks = 1e-30f, a.os = 1.0f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Convolution(op); });
  // Depthwise shapes take another path through create.
  a.groups = 8, a.gic = 1, a.goc = 1;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Convolution(op); });
}

TEST(DeconvolutionStatus, create_valid) {
  ExpectCreate(qnnp_status_success,
               [](qnnp_operator_t* op) { return ConvArgs().Deconvolution(op); });
}

TEST(DeconvolutionStatus, create_invalid) {
  ForEachInvalidConvArgs(
      [](const ConvArgs& a) {
        ExpectCreate(qnnp_status_invalid_parameter,
                     [&](qnnp_operator_t* op) { return a.Deconvolution(op); });
      },
      false);
}

TEST(DeconvolutionStatus, create_unsupported_scale) {
  ConvArgs a;
  a.is = 1e30f, a.ks = 1e30f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Deconvolution(op); });
  a.is = 1e-30f, a.ks = 1e-30f, a.os = 1.0f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.Deconvolution(op); });
}

TEST(FullyConnectedStatus, create_valid) {
  ExpectCreate(qnnp_status_success,
               [](qnnp_operator_t* op) { return ConvArgs().FullyConnected(op); });
}

TEST(FullyConnectedStatus, create_invalid) {
  ForEachInvalidConvArgs(
      [](const ConvArgs& a) {
        ExpectCreate(qnnp_status_invalid_parameter,
                     [&](qnnp_operator_t* op) { return a.FullyConnected(op); });
      },
      true);
}

TEST(FullyConnectedStatus, create_unsupported_scale) {
  ConvArgs a;
  a.is = 1e30f, a.ks = 1e30f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.FullyConnected(op); });
  a.is = 1e-30f, a.ks = 1e-30f, a.os = 1.0f;
  ExpectCreate(qnnp_status_unsupported_parameter,
               [&](qnnp_operator_t* op) { return a.FullyConnected(op); });
}

TEST(AveragePoolingStatus, create) {
  struct Args {
    uint32_t ph = 3, pw = 3, sh = 2, sw = 2;
    size_t channels = 8;
    float is = 1.0f, os = 1.0f;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_average_pooling2d_nhwc_q8(1, 1, 1, 1, a.ph, a.pw, a.sh, a.sw, a.channels,
                                                   128, a.is, 128, a.os, a.omin, a.omax, a.flags,
                                                   a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.ph = 1, a.pw = 1, a.sh = 1, a.sw = 1, expect(qnnp_status_success, a);
  a = Args(), a.ph = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.pw = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.sh = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.sw = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    a = Args(), a.is = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.os = s, expect(qnnp_status_invalid_parameter, a);
  }
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(MaxPoolingStatus, create) {
  struct Args {
    uint32_t ph = 3, pw = 3, sh = 2, sw = 2, dh = 1, dw = 1;
    size_t channels = 8;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_max_pooling2d_nhwc_u8(1, 1, 1, 1, a.ph, a.pw, a.sh, a.sw, a.dh, a.dw,
                                               a.channels, a.omin, a.omax, a.flags,
                                               a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.ph = 1, a.pw = 1, a.sh = 1, a.sw = 1, expect(qnnp_status_success, a);
  a = Args(), a.ph = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.pw = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.sh = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.sw = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.dh = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.dw = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(GlobalAveragePoolingStatus, create) {
  struct Args {
    size_t channels = 8;
    float is = 1.0f, os = 1.0f;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_global_average_pooling_nwc_q8(a.channels, 128, a.is, 128, a.os, a.omin,
                                                       a.omax, a.flags, a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    a = Args(), a.is = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.os = s, expect(qnnp_status_invalid_parameter, a);
  }
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(ChannelShuffleStatus, create) {
  auto expect = [](qnnp_status expected, size_t groups, size_t group_channels, uint32_t flags,
                   bool null_out) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_channel_shuffle_nc_x8(groups, group_channels, flags,
                                               null_out ? nullptr : op);
    });
  };
  expect(qnnp_status_success, 2, 3, 0, false);
  expect(qnnp_status_invalid_parameter, 0, 3, 0, false);
  expect(qnnp_status_invalid_parameter, 2, 0, 0, false);
  for (uint32_t flags : kBadFlags) expect(qnnp_status_invalid_parameter, 2, 3, flags, false);
  expect(qnnp_status_invalid_parameter, 2, 3, 0, true);
}

TEST(AddStatus, create) {
  struct Args {
    size_t channels = 8;
    float as = 1.0f, bs = 1.0f, ss = 1.0f;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_add_nc_q8(a.channels, 128, a.as, 128, a.bs, 128, a.ss, a.omin, a.omax,
                                   a.flags, a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    a = Args(), a.as = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.bs = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.ss = s, expect(qnnp_status_invalid_parameter, a);
  }
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(ClampStatus, create) {
  auto expect = [](qnnp_status expected, size_t channels, uint8_t omin, uint8_t omax,
                   uint32_t flags, bool null_out) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_clamp_nc_u8(channels, omin, omax, flags, null_out ? nullptr : op);
    });
  };
  expect(qnnp_status_success, 8, 0, 255, 0, false);
  expect(qnnp_status_success, 8, 9, 9, 0, false);
  expect(qnnp_status_invalid_parameter, 0, 0, 255, 0, false);
  expect(qnnp_status_invalid_parameter, 8, 10, 9, 0, false);
  for (uint32_t flags : kBadFlags) expect(qnnp_status_invalid_parameter, 8, 0, 255, flags, false);
  expect(qnnp_status_invalid_parameter, 8, 0, 255, 0, true);
}

TEST(SigmoidStatus, create) {
  struct Args {
    size_t channels = 8;
    float is = 0.1f, os = 1.0f / 256.0f;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_sigmoid_nc_q8(a.channels, 128, a.is, 0, a.os, a.omin, a.omax, a.flags,
                                       a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.os = 0.01f, expect(qnnp_status_success, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    a = Args(), a.is = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.os = s, expect(qnnp_status_invalid_parameter, a);
  }
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(LeakyReLUStatus, create) {
  struct Args {
    size_t channels = 8;
    float slope = 0.1f, is = 0.1f, os = 0.1f;
    uint8_t omin = 0, omax = 255;
    uint32_t flags = 0;
    bool null_out = false;
  };
  auto expect = [](qnnp_status expected, const Args& a) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_leaky_relu_nc_q8(a.channels, a.slope, 128, a.is, 128, a.os, a.omin, a.omax,
                                          a.flags, a.null_out ? nullptr : op);
    });
  };
  Args a;
  expect(qnnp_status_success, a);
  a = Args(), a.slope = 1.0f, expect(qnnp_status_success, a);
  a = Args(), a.channels = 0, expect(qnnp_status_invalid_parameter, a);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "value " << s);
    a = Args(), a.slope = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.is = s, expect(qnnp_status_invalid_parameter, a);
    a = Args(), a.os = s, expect(qnnp_status_invalid_parameter, a);
  }
  a = Args(), a.omin = 1, a.omax = 0, expect(qnnp_status_invalid_parameter, a);
  for (uint32_t flags : kBadFlags)
    a = Args(), a.flags = flags, expect(qnnp_status_invalid_parameter, a);
  a = Args(), a.null_out = true, expect(qnnp_status_invalid_parameter, a);
}

TEST(SoftArgMaxStatus, create) {
  auto expect = [](qnnp_status expected, size_t channels, float is, uint8_t ozp, float os,
                   uint32_t flags, bool null_out) {
    ExpectCreate(expected, [&](qnnp_operator_t* op) {
      return qnnp_create_softargmax_nc_q8(channels, is, ozp, os, flags, null_out ? nullptr : op);
    });
  };
  const float os = 1.0f / 256.0f;
  expect(qnnp_status_success, 8, 0.1f, 0, os, 0, false);
  expect(qnnp_status_invalid_parameter, 0, 0.1f, 0, os, 0, false);
  for (float s : kBadScales) {
    SCOPED_TRACE(testing::Message() << "scale " << s);
    expect(qnnp_status_invalid_parameter, 8, s, 0, os, 0, false);
  }
  expect(qnnp_status_unsupported_parameter, 8, 0.1f, 0, 1.0f / 255.0f, 0, false);
  expect(qnnp_status_unsupported_parameter, 8, 0.1f, 0, 0.5f, 0, false);
  expect(qnnp_status_unsupported_parameter, 8, 0.1f, 1, os, 0, false);
  for (uint32_t flags : kBadFlags)
    expect(qnnp_status_invalid_parameter, 8, 0.1f, 0, os, flags, false);
  expect(qnnp_status_invalid_parameter, 8, 0.1f, 0, os, 0, true);
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

// Calls the setup function of `type` on `op` with valid arguments for that
// type (batch 2, 4x4 pixels of 8 channels, dense strides).
qnnp_status SetupAs(OpType type, qnnp_operator_t op) {
  const uint8_t* in = Buffer(0).data();
  const uint8_t* in2 = Buffer(1).data();
  uint8_t* out = Buffer(2).data();
  switch (type) {
    case kConvolution:
    case kDepthwise:
      return qnnp_setup_convolution2d_nhwc_q8(op, 2, 4, 4, in, 8, out, 8, nullptr);
    case kDeconvolution:
      return qnnp_setup_deconvolution2d_nhwc_q8(op, 2, 4, 4, in, 8, out, 8, nullptr);
    case kFullyConnected:
      return qnnp_setup_fully_connected_nc_q8(op, 2, in, 8, out, 8);
    case kAveragePooling:
      return qnnp_setup_average_pooling2d_nhwc_q8(op, 2, 4, 4, in, 8, out, 8, nullptr);
    case kMaxPooling:
      return qnnp_setup_max_pooling2d_nhwc_u8(op, 2, 4, 4, in, 8, out, 8, nullptr);
    case kGlobalAveragePooling:
      return qnnp_setup_global_average_pooling_nwc_q8(op, 2, 16, in, 8, out, 8);
    case kChannelShuffle:
      return qnnp_setup_channel_shuffle_nc_x8(op, 2, in, 8, out, 8);
    case kAdd:
      return qnnp_setup_add_nc_q8(op, 2, in, 8, in2, 8, out, 8);
    case kClamp:
      return qnnp_setup_clamp_nc_u8(op, 2, in, 8, out, 8);
    case kSigmoid:
      return qnnp_setup_sigmoid_nc_q8(op, 2, in, 8, out, 8);
    case kLeakyReLU:
      return qnnp_setup_leaky_relu_nc_q8(op, 2, in, 8, out, 8);
    case kSoftArgMax:
      return qnnp_setup_softargmax_nc_q8(op, 2, in, 8, out, 8);
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
      EXPECT_EQ(expected, SetupAs(OpType(s), op));
    }
    // The failed setups left the operator usable.
    EXPECT_EQ(qnnp_status_success, SetupAs(OpType(t), op));
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
    ASSERT_EQ(qnnp_status_success, SetupAs(OpType(t), op));
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
    EXPECT_EQ(qnnp_status_invalid_parameter, SetupAs(OpType(s), nullptr));
  }
}

TEST(OperatorStatus, empty_batch_with_null_pointers) {
  const uint8_t* no_in = nullptr;
  uint8_t* no_out = nullptr;
  for (int t = 0; t < kOpTypeCount; t++) {
    SCOPED_TRACE(kOpTypeNames[t]);
    qnnp_operator_t op = CreateOp(OpType(t));
    ASSERT_NE(nullptr, op);
    qnnp_status status = qnnp_status_invalid_parameter;
    switch (OpType(t)) {
      case kConvolution:
      case kDepthwise:
        status = qnnp_setup_convolution2d_nhwc_q8(op, 0, 4, 4, no_in, 8, no_out, 8, nullptr);
        break;
      case kDeconvolution:
        status = qnnp_setup_deconvolution2d_nhwc_q8(op, 0, 4, 4, no_in, 8, no_out, 8, nullptr);
        break;
      case kFullyConnected:
        status = qnnp_setup_fully_connected_nc_q8(op, 0, no_in, 8, no_out, 8);
        break;
      case kAveragePooling:
        status = qnnp_setup_average_pooling2d_nhwc_q8(op, 0, 4, 4, no_in, 8, no_out, 8, nullptr);
        break;
      case kMaxPooling:
        status = qnnp_setup_max_pooling2d_nhwc_u8(op, 0, 4, 4, no_in, 8, no_out, 8, nullptr);
        break;
      case kGlobalAveragePooling:
        status = qnnp_setup_global_average_pooling_nwc_q8(op, 0, 16, no_in, 8, no_out, 8);
        break;
      case kChannelShuffle:
        status = qnnp_setup_channel_shuffle_nc_x8(op, 0, no_in, 8, no_out, 8);
        break;
      case kAdd:
        status = qnnp_setup_add_nc_q8(op, 0, no_in, 8, no_in, 8, no_out, 8);
        break;
      case kClamp:
        status = qnnp_setup_clamp_nc_u8(op, 0, no_in, 8, no_out, 8);
        break;
      case kSigmoid:
        status = qnnp_setup_sigmoid_nc_q8(op, 0, no_in, 8, no_out, 8);
        break;
      case kLeakyReLU:
        status = qnnp_setup_leaky_relu_nc_q8(op, 0, no_in, 8, no_out, 8);
        break;
      case kSoftArgMax:
        status = qnnp_setup_softargmax_nc_q8(op, 0, no_in, 8, no_out, 8);
        break;
      default:
        break;
    }
    EXPECT_EQ(qnnp_status_success, status);
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
      switch (t) {
        case kConvolution:
        case kDepthwise:
          return qnnp_setup_convolution2d_nhwc_q8(op, batch, h, w, input, input_stride, output,
                                                  output_stride, nullptr);
        case kDeconvolution:
          return qnnp_setup_deconvolution2d_nhwc_q8(op, batch, h, w, input, input_stride, output,
                                                    output_stride, nullptr);
        case kAveragePooling:
          return qnnp_setup_average_pooling2d_nhwc_q8(op, batch, h, w, input, input_stride, output,
                                                      output_stride, nullptr);
        default:
          return qnnp_setup_max_pooling2d_nhwc_u8(op, batch, h, w, input, input_stride, output,
                                                  output_stride, nullptr);
      }
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
      switch (t) {
        case kFullyConnected:
          return qnnp_setup_fully_connected_nc_q8(op, batch, input, input_stride, output,
                                                  output_stride);
        case kGlobalAveragePooling:
          return qnnp_setup_global_average_pooling_nwc_q8(op, batch, 5, input, input_stride, output,
                                                          output_stride);
        case kChannelShuffle:
          return qnnp_setup_channel_shuffle_nc_x8(op, batch, input, input_stride, output,
                                                  output_stride);
        case kClamp:
          return qnnp_setup_clamp_nc_u8(op, batch, input, input_stride, output, output_stride);
        case kSigmoid:
          return qnnp_setup_sigmoid_nc_q8(op, batch, input, input_stride, output, output_stride);
        case kLeakyReLU:
          return qnnp_setup_leaky_relu_nc_q8(op, batch, input, input_stride, output, output_stride);
        default:
          return qnnp_setup_softargmax_nc_q8(op, batch, input, input_stride, output, output_stride);
      }
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
