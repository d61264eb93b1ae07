// The q8nn.h extensions: version, ISA queries and selection, status names.
#include <cstdio>
#include <cstdlib>
#include <set>

#include "operators/convolution-operator-tester.h"

TEST(Q8nnApi, version) {
  EXPECT_EQ(uint32_t(Q8NN_VERSION_MAJOR * 10000 + Q8NN_VERSION_MINOR * 100 + Q8NN_VERSION_PATCH),
            q8nn_version());
  char expected[32];
  std::snprintf(expected, sizeof(expected), "%d.%d.%d", Q8NN_VERSION_MAJOR, Q8NN_VERSION_MINOR,
                Q8NN_VERSION_PATCH);
  ASSERT_NE(nullptr, q8nn_version_string());
  EXPECT_STREQ(expected, q8nn_version_string());
}

TEST(Q8nnApi, isa_list) {
  ASSERT_NE(nullptr, q8nn_isa());
  ASSERT_GE(q8nn_isa_count(), 1u);
  std::set<std::string> names;
  for (size_t i = 0; i < q8nn_isa_count(); i++) {
    const char* name = q8nn_isa_name(i);
    ASSERT_NE(nullptr, name);
    EXPECT_TRUE(names.insert(name).second) << "duplicate " << name;
  }
  EXPECT_EQ(1u, names.count("scalar"));
  EXPECT_TRUE(q8nn_isa_supported("scalar"));
  EXPECT_FALSE(q8nn_isa_supported("bogus"));
  // The active ISA is one of the list and supported.
  EXPECT_EQ(1u, names.count(q8nn_isa())) << q8nn_isa();
  EXPECT_TRUE(q8nn_isa_supported(q8nn_isa()));
}

TEST(Q8nnApi, initialize_isa) {
  const std::string initial = q8nn_isa();
  EXPECT_EQ(qnnp_status_invalid_parameter, q8nn_initialize_isa("bogus"));
  EXPECT_EQ(qnnp_status_invalid_parameter, q8nn_initialize_isa(nullptr));
  EXPECT_EQ(qnnp_status_invalid_parameter, q8nn_initialize_isa(""));
  EXPECT_STREQ(initial.c_str(), q8nn_isa()) << "a failed q8nn_initialize_isa changed the ISA";
  for (size_t i = 0; i < q8nn_isa_count(); i++) {
    const char* name = q8nn_isa_name(i);
    SCOPED_TRACE(name);
    if (q8nn_isa_supported(name)) {
      EXPECT_EQ(qnnp_status_success, q8nn_initialize_isa(name));
      ASSERT_NE(nullptr, q8nn_isa());
      EXPECT_STREQ(name, q8nn_isa());
    } else {
      EXPECT_EQ(qnnp_status_unsupported_hardware, q8nn_initialize_isa(name));
    }
  }
  EXPECT_EQ(qnnp_status_success, q8nn_initialize_isa("scalar"));
  EXPECT_STREQ("scalar", q8nn_isa());
  EXPECT_EQ(qnnp_status_success, q8nn_initialize_isa(initial.c_str()));
  EXPECT_STREQ(initial.c_str(), q8nn_isa());
}

TEST(Q8nnApi, operators_keep_their_isa) {
  // An operator created under one ISA still runs correctly after another
  // was selected: run the checks with operators created before the switch.
  const std::string initial = q8nn_isa();
  qnnp_operator_t op = nullptr;
  std::vector<uint8_t> kernel(4 * 3 * 3 * 4, 3), input(5 * 5 * 4, 1), output(5 * 5 * 4, 0);
  for (size_t i = 0; i < kernel.size(); i++) kernel[i] = uint8_t(i * 7 + 1);
  for (size_t i = 0; i < input.size(); i++) input[i] = uint8_t(i * 13 + 5);
  ASSERT_EQ(qnnp_status_success, qnnp_create_convolution2d_nhwc_q8(
                                     1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 1, 4, 4, 128, 1.0f, 128, 1.0f,
                                     kernel.data(), nullptr, 128, 400.0f, 0, 255, 0, &op));
  ASSERT_EQ(qnnp_status_success, qnnp_setup_convolution2d_nhwc_q8(op, 1, 5, 5, input.data(), 4,
                                                                  output.data(), 4, nullptr));
  ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  const std::vector<uint8_t> before = output;
  ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa("scalar"));
  std::fill(output.begin(), output.end(), 0);
  ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  EXPECT_EQ(before, output);
  // Setup again under the new ISA too.
  ASSERT_EQ(qnnp_status_success, qnnp_setup_convolution2d_nhwc_q8(op, 1, 5, 5, input.data(), 4,
                                                                  output.data(), 4, nullptr));
  std::fill(output.begin(), output.end(), 0);
  ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
  EXPECT_EQ(before, output);
  ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
  ASSERT_EQ(qnnp_status_success, q8nn_initialize_isa(initial.c_str()));
}

TEST(Q8nnApi, isa_results_identical) {
  // Every ISA computes the same bytes (the fp32 rule is exact).
  std::vector<uint8_t> reference;
  q8nn_test::ForEachIsa([&] {
    std::mt19937 rng(42);
    std::vector<uint8_t> kernel(3 * 5 * 3 * 3 * 7), input(2 * 6 * 7 * 21), output(2 * 6 * 7 * 15);
    q8nn_test::FillRandom(kernel, rng);
    q8nn_test::FillRandom(input, rng);
    qnnp_operator_t op = nullptr;
    ASSERT_EQ(qnnp_status_success, qnnp_create_convolution2d_nhwc_q8(
                                       1, 1, 1, 1, 3, 3, 1, 1, 1, 1, 3, 7, 5, 127, 0.5f, 130, 0.02f,
                                       kernel.data(), nullptr, 120, 1.5f, 0, 255, 0, &op));
    ASSERT_EQ(qnnp_status_success, qnnp_setup_convolution2d_nhwc_q8(op, 2, 6, 7, input.data(), 21,
                                                                    output.data(), 15, nullptr));
    ASSERT_EQ(qnnp_status_success, qnnp_run_operator(op, nullptr));
    ASSERT_EQ(qnnp_status_success, qnnp_delete_operator(op));
    if (reference.empty()) {
      reference = output;
    } else {
      EXPECT_EQ(reference, output);
    }
  });
}

TEST(Q8nnApi, status_string) {
  EXPECT_STREQ("success", q8nn_status_string(qnnp_status_success));
  EXPECT_STREQ("uninitialized", q8nn_status_string(qnnp_status_uninitialized));
  EXPECT_STREQ("invalid_parameter", q8nn_status_string(qnnp_status_invalid_parameter));
  EXPECT_STREQ("unsupported_parameter", q8nn_status_string(qnnp_status_unsupported_parameter));
  EXPECT_STREQ("unsupported_hardware", q8nn_status_string(qnnp_status_unsupported_hardware));
  EXPECT_STREQ("out_of_memory", q8nn_status_string(qnnp_status_out_of_memory));
  // Unknown values still get a string.
  EXPECT_NE(nullptr, q8nn_status_string(static_cast<qnnp_status>(99)));
}

TEST(Q8nnApi, isa_from_environment) {
  // qnnp_initialize takes the ISA named by $Q8NN_ISA.
  const std::string initial = q8nn_isa();
  const char* previous = std::getenv("Q8NN_ISA");
  const std::string saved = previous != nullptr ? previous : "";
  ASSERT_EQ(0, setenv("Q8NN_ISA", "scalar", 1));
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
  ASSERT_EQ(qnnp_status_success, qnnp_initialize());
  ASSERT_NE(nullptr, q8nn_isa());
  EXPECT_STREQ("scalar", q8nn_isa());
  if (previous != nullptr) {
    ASSERT_EQ(0, setenv("Q8NN_ISA", saved.c_str(), 1));
  } else {
    ASSERT_EQ(0, unsetenv("Q8NN_ISA"));
  }
  ASSERT_EQ(qnnp_status_success, qnnp_deinitialize());
  ASSERT_EQ(qnnp_status_success, qnnp_initialize());
  EXPECT_STREQ(initial.c_str(), q8nn_isa());
}
