// Tests of the max pooling microkernels against a plain-loop reference.
//
// To test a kernel of another ISA, declare it in q8nn/ukernels.h and add one
// line to kKernels (inside #if for the architectures that compile it):
//   {"sse2", u8maxpool_ukernel__sse2, "sse2"},
// Its tests are skipped on CPUs where q8nn_isa_supported(isa) is false.
#include <gtest/gtest.h>

#include <ostream>

#include "kernels/maxpool-microkernel-tester.h"
#include "q8nn.h"
#include "q8nn/ukernels.h"

namespace {

struct MaxPoolKernel {
  const char* name;
  q8nn_maxpool_ukernel_fn fn;
  const char* isa;
};

// Names the kernel in gtest failure messages.
void PrintTo(const MaxPoolKernel& kernel, std::ostream* os) {
  *os << kernel.name;
}

const MaxPoolKernel kKernels[] = {
    {"scalar", u8maxpool_ukernel__scalar, "scalar"},
};

class U8MaxPoolTest : public testing::TestWithParam<MaxPoolKernel> {
 protected:
  void SetUp() override {
    if (!q8nn_isa_supported(GetParam().isa)) GTEST_SKIP() << GetParam().isa << " unsupported";
  }
  void Test(const MaxPoolMicrokernelTester& tester) const { tester.Test(GetParam().fn); }
};

TEST_P(U8MaxPoolTest, kernel_size_channels) {
  for (size_t kernel_size = 1; kernel_size <= 30; kernel_size++) {
    for (size_t channels = 1; channels <= 70; channels += (channels < 18 ? 1 : 13)) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(channels)
               .input_max(kernel_size % 2 == 0 ? 255 : 100)
               .iterations(1));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, many_channels) {
  for (size_t kernel_size : {1, 4, 9, 25}) {
    for (size_t channels : {127, 128, 129, 300}) {
      Test(MaxPoolMicrokernelTester().kernel_size(kernel_size).channels(channels).input_max(200));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, multipixel) {
  for (size_t kernel_size : {2, 4, 9, 10}) {
    for (size_t channels : {1, 3, 8, 9, 17, 70}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(channels)
               .output_pixels(5)
               .input_max(150));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, step) {
  for (size_t step : {1, 2, 5}) {
    Test(MaxPoolMicrokernelTester().kernel_size(9).channels(19).output_pixels(5).step(step));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, input_row_stride) {
  for (size_t channels : {1, 5, 16, 33}) {
    Test(MaxPoolMicrokernelTester()
             .kernel_size(9)
             .channels(channels)
             .output_pixels(3)
             .input_row_stride(channels + 11));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, output_increment) {
  for (size_t channels : {1, 5, 16, 33, 70}) {
    for (size_t increment : {1, 7}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(4)
               .channels(channels)
               .output_pixels(4)
               .output_increment(increment));
      if (HasFatalFailure()) return;
    }
  }
}

// Small inputs: a zero pointer that was wrongly offset reads larger bytes.
TEST_P(U8MaxPoolTest, zero_pointers) {
  for (double fraction : {0.0, 0.5, 0.9, 1.0}) {
    for (size_t kernel_size : {3, 9, 20}) {
      Test(MaxPoolMicrokernelTester()
               .kernel_size(kernel_size)
               .channels(21)
               .output_pixels(3)
               .zero_fraction(fraction)
               .input_max(20));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(U8MaxPoolTest, qmin) {
  for (uint8_t qmin : {1, 50, 128, 255}) {
    Test(MaxPoolMicrokernelTester().kernel_size(4).channels(31).output_pixels(3).qmin(qmin));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, qmax) {
  for (uint8_t qmax : {0, 50, 128, 254}) {
    Test(MaxPoolMicrokernelTester().kernel_size(4).channels(31).output_pixels(3).qmax(qmax));
    if (HasFatalFailure()) return;
  }
}

TEST_P(U8MaxPoolTest, qmin_qmax) {
  Test(MaxPoolMicrokernelTester().kernel_size(3).channels(40).output_pixels(3).qmin(60).qmax(190));
}

INSTANTIATE_TEST_SUITE_P(Kernels, U8MaxPoolTest, testing::ValuesIn(kKernels),
                         [](const testing::TestParamInfo<MaxPoolKernel>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
