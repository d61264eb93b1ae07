#include "operators/global-average-pooling-operator-tester.h"
#include "operators/shared-test-cases.h"

using q8nn_test::GlobalAveragePoolingOperatorTester;

TEST(GlobalAveragePooling, channels) {
  q8nn_test::TestSeededChannels(&GlobalAveragePoolingOperatorTester::TestQ8,
                                GlobalAveragePoolingOperatorTester().width(9).batch_size(3),
                                {1, 3, 8, 16, 17, 33, 100});
}

TEST(GlobalAveragePooling, widths) {
  // Below, at and above the row counts the kernels take in one pass.
  for (size_t width : {1, 2, 5, 7, 8, 9, 13, 14, 15, 49, 100}) {
    SCOPED_TRACE(testing::Message() << "width " << width);
    GlobalAveragePoolingOperatorTester()
        .channels(11)
        .width(width)
        .batch_size(2)
        .seed(uint32_t(width))
        .TestQ8();
  }
}

TEST(GlobalAveragePooling, strides) {
  GlobalAveragePoolingOperatorTester()
      .channels(19)
      .width(10)
      .input_stride(23)
      .output_stride(21)
      .batch_size(3)
      .iterations(2)
      .TestQ8();
}

TEST(GlobalAveragePooling, batch) {
  q8nn_test::TestBatchSizes(
      &GlobalAveragePoolingOperatorTester::TestQ8,
      GlobalAveragePoolingOperatorTester().channels(8).width(12).output_stride(10), {0, 1, 3, 7});
}

TEST(GlobalAveragePooling, qmin_qmax) {
  GlobalAveragePoolingOperatorTester().channels(17).width(7).batch_size(3).qmin(128).TestQ8();
  GlobalAveragePoolingOperatorTester().channels(17).width(7).batch_size(3).qmax(128).TestQ8();
}

TEST(GlobalAveragePooling, all_isas) {
  q8nn_test::ForEachIsa([] {
    GlobalAveragePoolingOperatorTester()
        .channels(33)
        .width(7)
        .input_stride(40)
        .output_stride(35)
        .batch_size(3)
        .TestQ8();
    GlobalAveragePoolingOperatorTester().channels(5).width(49).batch_size(2).TestQ8();
  });
}

TEST(GlobalAveragePooling, multithreaded) {
  q8nn_test::MultithreadedScope multithreaded;
  GlobalAveragePoolingOperatorTester().channels(19).width(13).batch_size(17).TestQ8();
  GlobalAveragePoolingOperatorTester()
      .channels(100)
      .width(49)
      .batch_size(3)
      .output_stride(101)
      .TestQ8();
}

TEST(GlobalAveragePooling, setup_again) {
  // One operator set up with other batch sizes, widths, strides and pointers.
  qnnp_operator_t op = nullptr;
  ASSERT_EQ(qnnp_status_success,
            qnnp_create_global_average_pooling_nwc_q8(11, 125, 1.0f, 130, 0.25f, 0, 255, 0, &op));
  std::mt19937 rng(7);
  const size_t cases[][4] = {
      {3, 7, 11, 11}, {2, 20, 13, 12}, {0, 7, 11, 11}, {1, 1, 11, 14}, {4, 9, 11, 11}};
  for (const auto& c : cases) {
    const size_t batch = c[0], width = c[1], is = c[2], os = c[3];
    SCOPED_TRACE(testing::Message()
                 << "batch " << batch << " width " << width << " strides " << is << " " << os);
    std::vector<uint8_t> input(q8nn_test::TensorSize(batch * width, 11, is));
    std::vector<uint8_t> output(q8nn_test::TensorSize(batch, 11, os), q8nn_test::kSentinel);
    q8nn_test::FillRandom(input, rng);
    ASSERT_EQ(qnnp_status_success, qnnp_setup_global_average_pooling_nwc_q8(
                                       op, batch, width, input.data(), is, output.data(), os));
    ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    q8nn_test::CheckOutput(
        output, batch, 11, os,
        [&](size_t i, size_t ch) {
          double sum = 0;
          for (size_t x = 0; x < width; x++)
            sum += double(input[(i * width + x) * is + ch]) - 125.0;
          const double y = sum / double(width) * 4.0 + 130.0;
          return std::min(std::max(y, 0.0), 255.0);
        },
        0.6);
  }
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
}
