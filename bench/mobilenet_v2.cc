// MobileNetV2 1.0 (224x224x3, batch 1, 1000 classes) built from q8nn's
// QNNPACK-compatible public API, with random weights, timed over whole
// inferences.
//
// The network is bench::mobilenet_v2() (models.cc), built by
// bench::Q8nnNetwork (q8nn-network.cc): the weights are random (fixed seed),
// so the "classes" mean nothing; the quantization parameters are calibrated
// once, layer by layer, on the real intermediate data, so that activations
// spread over the uint8 range instead of saturating to a constant. Every
// operator is created and set up once; the timed loop only calls
// qnnp_run_operator.
//
// Usage: mobilenet_v2 [--threads N] [--runs N] [--warmup N] [--isa NAME] [--verbose]

#include <algorithm>
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "bench-utils.h"
#include "models.h"
#include "q8nn-network.h"
#include "q8nn.h"
#include "qnnpack.h"

namespace {

struct Options : bench::RunOptions {
  bool verbose = false;
};

Options parse_options(int argc, char** argv) {
  const bench::Usage usage{
      argv[0], "[--threads N] [--runs N] [--warmup N] [--isa NAME] [--verbose]",
      "  --threads N  threads (N >= 1; a pthreadpool is used when N > 1; default 1)\n"
      "  --runs N     timed inferences (N >= 1; default 50)\n"
      "  --warmup N   untimed inferences before them (default 5)\n"
      "  --isa NAME   force an instruction set (as Q8NN_ISA does), e.g. scalar\n"
      "  --verbose    print the output statistics of every layer\n"};
  Options options;
  static_cast<bench::RunOptions&>(options) =
      bench::parse_run_options(argc, argv, usage, [&options](const std::string& arg) {
        if (arg != "--verbose") return false;
        options.verbose = true;
        return true;
      });
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);

  if (options.isa != nullptr) {
    bench::check(q8nn_initialize_isa(options.isa),
                 std::string("q8nn_initialize_isa(") + options.isa + ")");
  } else {
    bench::check(qnnp_initialize(), "qnnp_initialize");
  }

  int exit_code = 0;
  {
    const bench::Threadpool threadpool = bench::create_threadpool(options.threads);
    // Creates, sets up and runs every layer once (calibration).
    bench::Q8nnNetwork network(bench::mobilenet_v2(), bench::kDefaultSeed, threadpool.get(),
                               options.verbose);
    const bench::Model& model = network.model();

    const bench::Timing timing =
        bench::time_runs([&] { network.run(); }, options.warmup, options.runs);

    const uint8_t* out = network.output();
    const size_t out_size = network.output_size();
    std::vector<size_t> order(out_size);
    for (size_t i = 0; i < order.size(); i++) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return out[a] > out[b]; });
    const size_t distinct = bench::count_distinct(out, out_size);

    std::printf("# q8nn %s, isa %s\n", q8nn_version_string(), q8nn_isa());
    std::printf(
        "# model: MobileNetV2 1.0, 224x224x3 input, batch 1, 1000 classes, random weights\n");
    std::printf(
        "# layers: %zu operators (%zu conv, %zu depthwise conv, %zu add, %zu global avgpool, %zu "
        "fully connected)\n",
        model.layers().size(), model.count(bench::LayerKind::kConvolution),
        model.count(bench::LayerKind::kDepthwise), model.count(bench::LayerKind::kAdd),
        model.count(bench::LayerKind::kGlobalAveragePooling),
        model.count(bench::LayerKind::kFullyConnected));
    std::printf("# MACs: %.1f M\n", model.macs() / 1e6);
    std::printf("# threads: %zu, warm-up runs: %zu, timed runs: %zu\n", options.threads,
                options.warmup, options.runs);
    std::printf("# top-5 (class:score):");
    for (size_t i = 0; i < 5 && i < order.size(); i++) {
      std::printf(" %zu:%u", order[i], out[order[i]]);
    }
    std::printf("\n");
    std::printf("# output: %zu distinct values among %zu, min %u, max %u\n", distinct, out_size,
                out[order.back()], out[order.front()]);
    std::printf("# checksum (FNV-1a 64 of the output): %016" PRIx64 "\n",
                bench::fnv1a(out, out_size));
    std::printf("# throughput: %.2f GMAC/s (median)\n", model.macs() / (timing.median_ms * 1e6));
    std::printf("q8nn-q8 mobilenet_v2 threads=%zu median_ms=%.3f min_ms=%.3f\n", options.threads,
                timing.median_ms, timing.min_ms);
    if (distinct < 2) {
      std::fprintf(stderr, "error: the network output is constant\n");
      exit_code = 1;
    }
  }

  bench::check(qnnp_deinitialize(), "qnnp_deinitialize");
  return exit_code;
}
