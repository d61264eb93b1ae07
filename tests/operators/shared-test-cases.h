// Test cases that several operator tests run with the same parameters on
// their own testers. Each takes the tester's test method (TestQ8, TestU8) and,
// for the operators on rows, a `base` tester holding the operator's own
// settings (e.g. an output range).
#pragma once

#include <functional>
#include <initializer_list>
#include <utility>

#include "operators/operator-test-utils.h"

namespace q8nn_test {

template <class Tester>
using TestMethod = void (Tester::*)() const;

// Calls f(value) for each of `values`, traced as `name`.
template <class T, class F>
void ForEach(const char* name, std::initializer_list<T> values, F f) {
  for (const T& value : values) {
    SCOPED_TRACE(testing::Message() << name << " " << value);
    f(value);
  }
}

// --- sweeps over one parameter of a `base` tester ----------------------------

template <class Tester>
void TestBatchSizes(TestMethod<Tester> test, const Tester& base,
                    std::initializer_list<size_t> batch_sizes) {
  ForEach("batch", batch_sizes,
          [&](size_t batch) { std::invoke(test, Tester(base).batch_size(batch)); });
}

// Channel counts, each run seeded with the count.
template <class Tester>
void TestSeededChannels(TestMethod<Tester> test, const Tester& base,
                        std::initializer_list<size_t> channel_counts) {
  ForEach("channels", channel_counts, [&](size_t channels) {
    std::invoke(test, Tester(base).channels(channels).seed(uint32_t(channels)));
  });
}

// Input widths 1 to max_width of `height` rows, each run seeded with the width.
template <class Tester>
void TestInputWidths(TestMethod<Tester> test, const Tester& base, size_t height, size_t max_width) {
  for (size_t w = 1; w <= max_width; w++) {
    SCOPED_TRACE(testing::Message() << "width " << w);
    std::invoke(test, Tester(base).input_size(height, w).seed(uint32_t(w)));
  }
}

// Each pair of input and output channel counts per group, each run seeded
// with ic * 100 + oc.
template <class Tester>
void TestGroupChannels(TestMethod<Tester> test, const Tester& base,
                       std::initializer_list<size_t> input_channels,
                       std::initializer_list<size_t> output_channels) {
  ForEach("ic", input_channels, [&](size_t ic) {
    ForEach("oc", output_channels, [&](size_t oc) {
      std::invoke(test, Tester(base).group_input_channels(ic).group_output_channels(oc).seed(
                            uint32_t(ic * 100 + oc)));
    });
  });
}

// Each of the window sizes {height, width}; with `half_padding`, padded by
// half the window on each side.
template <class Tester>
void TestWindowSizes(TestMethod<Tester> test, const Tester& base,
                     std::initializer_list<std::pair<uint32_t, uint32_t>> sizes,
                     bool half_padding) {
  for (const auto& k : sizes) {
    SCOPED_TRACE(testing::Message() << "window " << k.first << "x" << k.second);
    Tester tester = Tester(base).kernel_size(k.first, k.second);
    if (half_padding) tester.padding(k.first / 2, k.second / 2, k.first / 2, k.second / 2);
    std::invoke(test, tester);
  }
}

// --- average and max pooling ------------------------------------------------

template <class Tester>
void TestPool1x1(TestMethod<Tester> test) {
  std::invoke(test, Tester().input_size(4, 5).pooling_size(1).channels(7));
  std::invoke(test, Tester().input_size(6, 5).pooling_size(1).stride(2).channels(3));
}

// 3x3 windows, padding 1, output widths 1 to 11.
template <class Tester>
void TestPoolOutputWidths(TestMethod<Tester> test) {
  TestInputWidths(test, Tester().pooling_size(3).padding(1).channels(5), 3, 11);
}

// Padded 3x3 windows, stride 2, with pixel strides.
template <class Tester>
void TestPoolPixelStrides(TestMethod<Tester> test, size_t height, size_t width, size_t channels,
                          size_t input_pixel_stride, size_t output_pixel_stride) {
  std::invoke(test, Tester()
                        .input_size(height, width)
                        .pooling_size(3)
                        .stride(2)
                        .padding(1)
                        .channels(channels)
                        .input_pixel_stride(input_pixel_stride)
                        .output_pixel_stride(output_pixel_stride)
                        .batch_size(2));
}

template <class Tester>
void TestPoolSetupSequence() {
  Tester()
      .input_size(6, 5)
      .pooling_size(3)
      .stride(2)
      .padding(1)
      .channels(7)
      .input_pixel_stride(9)
      .batch_size(2)
      .TestSetupSequence(9, 4);
}

// With thread pools: padded 3x3 windows, `other`, then a setup sequence.
template <class Tester>
void TestPoolMultithreaded(TestMethod<Tester> test, const Tester& other) {
  MultithreadedScope multithreaded;
  std::invoke(
      test,
      Tester().input_size(10, 11).pooling_size(3).stride(2).padding(1).channels(19).batch_size(3));
  std::invoke(test, other);
  Tester().input_size(6, 5).pooling_size(2).stride(2).channels(8).batch_size(2).TestSetupSequence(
      4, 9);
}

// --- operators on rows of channels (nc) ---------------------------------------

// Batch 3, for each of the channel counts.
template <class Tester>
void TestRowChannels(TestMethod<Tester> test, Tester base,
                     std::initializer_list<size_t> channel_counts) {
  ForEach("channels", channel_counts, [&](size_t channels) {
    std::invoke(test, Tester(base).channels(channels).batch_size(3));
  });
}

// 13 channels, batches 0, 1, 3 and 7.
template <class Tester>
void TestRowBatches(TestMethod<Tester> test, Tester base) {
  TestBatchSizes(test, base.channels(13), {0, 1, 3, 7});
}

template <class Tester>
void TestRowStrides(TestMethod<Tester> test, Tester base) {
  std::invoke(test, base.channels(17).input_stride(20).output_stride(23).batch_size(4));
}

// Wider strides, more channels, as all ISAs run them.
template <class Tester>
void TestRowWideStrides(TestMethod<Tester> test, Tester base) {
  std::invoke(test, base.channels(33).input_stride(35).output_stride(40).batch_size(3));
}

template <class Tester>
void TestRowInPlace(TestMethod<Tester> test, Tester base) {
  std::invoke(test, Tester(base).channels(17).batch_size(5).in_place(true));
  std::invoke(test, Tester(base).channels(9).input_stride(12).batch_size(3).in_place(true));
}

template <class Tester>
void TestRowMultithreaded(TestMethod<Tester> test, Tester base) {
  MultithreadedScope multithreaded;
  std::invoke(test, Tester(base).channels(19).batch_size(37));
  std::invoke(test, Tester(base).channels(19).input_stride(23).output_stride(21).batch_size(37));
}

// One operator of `channels` channels created with create(&op), set up with
// other batch sizes, strides and pointers; ref as for TestNcOperator.
template <class Create, class Ref>
void TestRowSetupAgain(Create create, NcSetupFn setup, size_t channels, const Ref& ref,
                       double tolerance) {
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success, create(&op));
  std::mt19937 rng(7);
  const size_t cases[][3] = {{3, channels, channels},
                             {7, 20, channels + 2},
                             {0, channels, channels},
                             {1, channels, channels + 1},
                             {5, channels, channels}};
  for (const auto& c : cases) {
    SCOPED_TRACE(testing::Message() << "batch " << c[0] << " strides " << c[1] << " " << c[2]);
    TestNcOperator(op, setup, channels, c[0], c[1], c[2], false, rng, ref, tolerance, false);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}

}  // namespace q8nn_test
