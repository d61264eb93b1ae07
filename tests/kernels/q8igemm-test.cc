// Tests of the igemm (indirect gemm) microkernels against a plain-loop reference, for every
// tile of kernels/gemm-tiles.inc.
#include <gtest/gtest.h>

#include "kernels/gemm-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using IgemmKernel = q8nn_test::GemmKernel<q8nn_igemm_ukernel_fn>;

const IgemmKernel kKernels[] = {
#define Q8NN_GEMM_TILE(name, suffix, mr, nr, kr, isa, packing) \
  {name, q8igemm_ukernel_##suffix, mr, nr, kr, isa, packing},
#include "kernels/gemm-tiles.inc"
#undef Q8NN_GEMM_TILE
};

class Q8IgemmTest : public q8nn_test::GemmKernelTest<q8nn_igemm_ukernel_fn> {};

TEST_P(Q8IgemmTest, full_tile) {
  const IgemmKernel& p = GetParam();
  for (size_t k = 1; k <= 40; k++) {
    Test(Tester().m(p.mr).n(p.nr).k(k).ks(3));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, ks) {
  const IgemmKernel& p = GetParam();
  for (size_t ks = 1; ks <= 12; ks++) {
    for (size_t k : {size_t{1}, size_t{p.kr}, size_t{5}, size_t{8}, size_t{19}}) {
      Test(Tester().m(p.mr).n(p.nr + 1).k(k).ks(ks));
      if (HasFatalFailure()) return;
    }
  }
  Test(Tester().m(p.mr).n(p.nr).k(3).ks(25));
  Test(Tester().m(p.mr).n(p.nr).k(3).ks(49));
}

TEST_P(Q8IgemmTest, large_k) {
  const IgemmKernel& p = GetParam();
  for (size_t k : {300, 517}) {
    Test(Tester().m(p.mr).n(p.nr).k(k).ks(2).iterations(2));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, subtile_m_n) {
  const IgemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
      for (size_t k : {size_t{1}, size_t{3}, size_t{p.kr}, size_t{8}, size_t{17}}) {
        Test(Tester().m(m).n(n).k(k).ks(3).iterations(1));
        if (HasFatalFailure()) return;
      }
    }
  }
}

// Row strides of the input pixels larger than k (the channel count of a group).
TEST_P(Q8IgemmTest, a_stride) {
  const IgemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    Test(Tester().m(m).n(2 * p.nr + 1).k(13).ks(4).a_stride(37));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, cm_stride) {
  const IgemmKernel& p = GetParam();
  for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(7).ks(3).cm_stride(n + 5));
      if (HasFatalFailure()) return;
    }
  }
}

// Padding taps: pointers equal to `zero` are read as they are, never offset.
TEST_P(Q8IgemmTest, zero_pointers) {
  const IgemmKernel& p = GetParam();
  for (double fraction : {0.0, 0.3, 0.7, 1.0}) {
    for (size_t m = 1; m <= p.mr; m++) {
      for (size_t ks : {1, 3, 9}) {
        Test(Tester().m(m).n(p.nr + 2).k(11).ks(ks).zero_fraction(fraction).iterations(2));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(Q8IgemmTest, zero_points) {
  const IgemmKernel& p = GetParam();
  for (uint8_t a_zero_point : {0, 127, 255}) {
    for (uint8_t b_zero_point : {0, 127, 128, 255}) {
      // One column block with short rows, and several blocks with longer ones.
      for (size_t n : {size_t{p.nr}, 2 * size_t{p.nr} - 1}) {
        for (size_t k : {3, 9}) {
          Test(Tester()
                   .m(p.mr)
                   .n(n)
                   .k(k)
                   .ks(5)
                   .a_zero_point(a_zero_point)
                   .b_zero_point(b_zero_point));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST_P(Q8IgemmTest, output_zero_point) {
  const IgemmKernel& p = GetParam();
  for (uint8_t c_zero_point : {0, 127, 255}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(6).ks(4).c_zero_point(c_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, qmin) {
  const IgemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(10).ks(3).qmin(128));
}

TEST_P(Q8IgemmTest, qmax) {
  const IgemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(10).ks(3).qmax(128));
}

TEST_P(Q8IgemmTest, rounding_ties) {
  const IgemmKernel& p = GetParam();
  for (int shift = 8; shift <= 14; shift++) {
    Test(Tester()
             .m(p.mr)
             .n(3 * p.nr + 1)
             .k(3)
             .ks(3)
             .bias_range(256)
             .scale(std::ldexp(1.0f, -shift))
             .c_zero_point(127)
             .iterations(5));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8IgemmTest, unknown_accumulator_bound) {
  const IgemmKernel& p = GetParam();
  TestUnknownAccumulatorBound(Tester().m(p.mr).n(2 * p.nr + 1).k(17).ks(3));
}

TEST_P(Q8IgemmTest, scale_at_plain_limit) {
  const IgemmKernel& p = GetParam();
  TestPlainLimit(Tester().m(p.mr).n(2 * p.nr + 1).k(17).ks(3));
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8IgemmTest, testing::ValuesIn(kKernels),
                         q8nn_test::KernelName());

}  // namespace
