// Tests of the gemm microkernels against a plain-loop reference, for every
// tile of kernels/gemm-tiles.inc.
#include <gtest/gtest.h>

#include "kernels/gemm-microkernel-tester.h"
#include "q8nn/ukernels.h"

namespace {

using GemmKernel = q8nn_test::GemmKernel<q8nn_gemm_ukernel_fn>;

const GemmKernel kKernels[] = {
#define Q8NN_GEMM_TILE(name, suffix, mr, nr, kr, isa, packing) \
  {name, q8gemm_ukernel_##suffix, mr, nr, kr, isa, packing},
#include "kernels/gemm-tiles.inc"
#undef Q8NN_GEMM_TILE
};

class Q8GemmTest : public q8nn_test::GemmKernelTest<q8nn_gemm_ukernel_fn> {};

// k values around the kr multiples and the small sizes kernels special-case.
std::vector<size_t> SmallKs(uint32_t kr) {
  std::vector<size_t> ks;
  for (size_t k = 1; k <= 40; k++) ks.push_back(k);
  for (size_t k : {kr * 8 - 1, kr * 8, kr * 8 + 1, kr * 16 + 3}) ks.push_back(k);
  return ks;
}

TEST_P(Q8GemmTest, full_tile) {
  const GemmKernel& p = GetParam();
  for (size_t k : SmallKs(p.kr)) {
    Test(Tester().m(p.mr).n(p.nr).k(k));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, large_k) {
  const GemmKernel& p = GetParam();
  for (size_t k : {300, 301, 512, 1023}) {
    Test(Tester().m(p.mr).n(p.nr).k(k).iterations(2));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, subtile_m_n) {
  const GemmKernel& p = GetParam();
  for (size_t m = 1; m <= p.mr; m++) {
    for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
      for (size_t k : {size_t{1}, size_t{2}, size_t{3}, size_t{p.kr}, size_t{7}, size_t{16},
                       size_t{17}, size_t{33}}) {
        Test(Tester().m(m).n(n).k(k).iterations(1));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST_P(Q8GemmTest, large_n) {
  const GemmKernel& p = GetParam();
  for (size_t n : {size_t{8 * p.nr}, size_t{8 * p.nr + 1}, size_t{19 * p.nr - 1}}) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(19));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, a_stride) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 5, 16, 23, 67}) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(2 * p.nr + 1).k(k).a_stride(k + 11));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, cm_stride) {
  const GemmKernel& p = GetParam();
  for (size_t n = 1; n <= 3 * p.nr + 1; n++) {
    for (size_t m = 1; m <= p.mr; m++) {
      Test(Tester().m(m).n(n).k(13).cm_stride(n + 7));
      if (HasFatalFailure()) return;
    }
  }
}

TEST_P(Q8GemmTest, zero_points) {
  const GemmKernel& p = GetParam();
  for (uint8_t a_zero_point : {0, 127, 255}) {
    for (uint8_t b_zero_point : {0, 127, 128, 255}) {
      for (size_t k : {1, 9, 40}) {
        for (size_t n : {size_t{p.nr}, 2 * size_t{p.nr} - 1}) {
          Test(Tester().m(p.mr).n(n).k(k).a_zero_point(a_zero_point).b_zero_point(b_zero_point));
          if (HasFatalFailure()) return;
        }
      }
    }
  }
}

TEST_P(Q8GemmTest, output_zero_point) {
  const GemmKernel& p = GetParam();
  for (uint8_t c_zero_point : {0, 127, 255}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(21).c_zero_point(c_zero_point));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmin) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 8, 35}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(k).qmin(128));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmax) {
  const GemmKernel& p = GetParam();
  for (size_t k : {1, 8, 35}) {
    Test(Tester().m(p.mr).n(3 * p.nr + 1).k(k).qmax(128));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, qmin_qmax) {
  const GemmKernel& p = GetParam();
  Test(Tester().m(p.mr).n(3 * p.nr + 1).k(29).qmin(100).qmax(140).iterations(5));
}

// Power-of-two scales and small accumulators: many products land exactly
// halfway between integers (round half to even).
TEST_P(Q8GemmTest, rounding_ties) {
  const GemmKernel& p = GetParam();
  for (int shift = 6; shift <= 14; shift++) {
    Test(Tester()
             .m(p.mr)
             .n(3 * p.nr + 1)
             .k(shift < 9 ? 1 : 9)
             .bias_range(256)
             .scale(std::ldexp(1.0f, -shift))
             .c_zero_point(127)
             .iterations(5));
    if (HasFatalFailure()) return;
  }
}

// Tiny and large scales: outputs concentrate near the zero point or saturate.
TEST_P(Q8GemmTest, extreme_scales) {
  const GemmKernel& p = GetParam();
  for (float scale : {0x1.0p-24f, 0x1.0p-16f, 0.75f, 3.0f, 1000.0f}) {
    Test(Tester().m(p.mr).n(p.nr + 1).k(17).scale(scale));
    if (HasFatalFailure()) return;
  }
}

TEST_P(Q8GemmTest, unknown_accumulator_bound) {
  const GemmKernel& p = GetParam();
  TestUnknownAccumulatorBound(Tester().m(p.mr).n(2 * p.nr + 1).k(17));
}

TEST_P(Q8GemmTest, scale_at_plain_limit) {
  const GemmKernel& p = GetParam();
  TestPlainLimit(Tester().m(p.mr).n(2 * p.nr + 1).k(17));
}

INSTANTIATE_TEST_SUITE_P(Kernels, Q8GemmTest, testing::ValuesIn(kKernels), q8nn_test::KernelName());

}  // namespace
