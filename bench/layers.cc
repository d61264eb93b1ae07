// Per-layer benchmarks (Google Benchmark): every distinct layer of MobileNet
// v1 and MobileNetV2 (models.cc), and the 5x5 and 3x3 depthwise layers of
// EfficientNet-lite0 and MnasNet-A1 that MobileNets lack. Each benchmark
// creates its operator once through the C API (bench::Q8nnNetwork, with
// random weights and calibrated quantization), sets it up once, and times
// qnnp_run_operator.
//
// Names are <network>/<layer>, e.g. mobilenet_v2/conv_1x1/112x112x32->16,
// mobilenet_v1/dw_3x3_s2/112x112x64, efficientnet_lite0/dw_5x5_s2/56x56x144;
// with several ISAs they are prefixed by the ISA, e.g. scalar/mobilenet_v2/...
// Counters: MACs of the layer, GOPS = 2 * MACs per second, count = how many
// layers of the network have this shape (weights to sum a network's time).
//
// Usage: layers [--threads=N] [--isa=NAME[,NAME...]|all] [--benchmark_* flags]
// The default ISA is qnnp_initialize's choice (Q8NN_ISA if set).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench-utils.h"
#include "models.h"
#include "q8nn-network.h"
#include "q8nn.h"
#include "qnnpack.h"

namespace {

void print_help() {
  benchmark::PrintDefaultHelp();
  std::fprintf(stdout,
               "          [--threads=<threads>]  (default 1: no thread pool)\n"
               "          [--isa=<name>[,<name>...]|all]  (default: Q8NN_ISA, else the best)\n");
}

void benchmark_layer(benchmark::State& state, const bench::Model& model, const std::string& isa,
                     size_t count, pthreadpool_t threadpool) {
  const char* current = q8nn_isa();
  if (current == nullptr || isa != current) {
    const qnnp_status status = q8nn_initialize_isa(isa.c_str());
    if (status != qnnp_status_success) {
      state.SkipWithError(
          ("q8nn_initialize_isa: " + std::string(q8nn_status_string(status))).c_str());
      return;
    }
  }
  bench::Q8nnNetwork network(model, bench::kDefaultSeed, threadpool);
  for (auto _ : state) network.run_layer(0);

  const bench::Layer& layer = model.layers()[0];
  const double macs = model.macs(layer);
  state.counters["count"] = static_cast<double>(count);
  if (macs != 0.0) {
    state.counters["MACs"] = macs;
    state.counters["GOPS"] =
        benchmark::Counter(2.0 * macs * 1e-9, benchmark::Counter::kIsIterationInvariantRate);
  } else {
    // Add and pooling: bytes read and written.
    size_t bytes = model.shape(layer.output).size();
    for (int input : layer.inputs) bytes += model.shape(input).size();
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  }
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return parts;
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv, print_help);

  size_t threads = 1;
  std::string isa_option;
  const bench::Usage usage{argv[0], "[--threads=N] [--isa=NAME[,NAME...]|all] [--benchmark_...]",
                           "  --threads=N  threads (a pthreadpool when N > 1; default 1)\n"
                           "  --isa=LIST   ISAs to benchmark, or all (default: Q8NN_ISA, else the "
                           "best); --help lists the --benchmark_ flags\n"};
  for (int i = 1; i < argc; i++) {
    const std::string arg = argv[i];
    if (arg.rfind("--threads=", 0) == 0) {
      threads =
          bench::parse_count(usage, "--threads", argv[i] + std::strlen("--threads="), 1, 1024);
    } else if (arg.rfind("--isa=", 0) == 0) {
      isa_option = arg.substr(std::strlen("--isa="));
    } else {
      usage.fail("unknown option '" + arg + "'");
    }
  }

  std::vector<std::string> isas;
  if (isa_option.empty()) {
    bench::check(qnnp_initialize(), "qnnp_initialize");
    isas.push_back(q8nn_isa());
  } else if (isa_option == "all") {
    for (size_t i = 0; i < q8nn_isa_count(); i++) {
      if (q8nn_isa_supported(q8nn_isa_name(i))) isas.push_back(q8nn_isa_name(i));
    }
  } else {
    isas = split(isa_option);
  }
  std::string isa_list;
  for (const std::string& isa : isas) {
    // Fails (with one line saying why) on unknown or unsupported ISAs.
    bench::check(q8nn_initialize_isa(isa.c_str()), "q8nn_initialize_isa(" + isa + ")");
    isa_list += (isa_list.empty() ? "" : ",") + isa;
  }

  const bench::Threadpool threadpool = bench::create_threadpool(threads);
  std::vector<bench::Model> networks = {bench::mobilenet_v1(), bench::mobilenet_v2()};
  // One benchmark per distinct layer shape (the extras are single layers already).
  std::vector<std::pair<bench::Model, size_t>> layers;
  for (const bench::Model& network : networks) {
    for (const bench::DistinctLayer& distinct : bench::distinct_layers(network)) {
      layers.emplace_back(network.single_layer(distinct.index), distinct.count);
    }
  }
  for (bench::Model& extra : bench::extra_depthwise_layers()) layers.emplace_back(extra, 1);

  pthreadpool_t pool = threadpool.get();
  for (const std::string& isa : isas) {
    for (const auto& layer : layers) {
      const bench::Model* model = &layer.first;
      const size_t count = layer.second;
      const std::string name = (isas.size() > 1 ? isa + "/" : "") + model->name() + "/" +
                               model->label(model->layers()[0]);
      benchmark::RegisterBenchmark(name.c_str(),
                                   [model, isa, count, pool](benchmark::State& state) {
                                     benchmark_layer(state, *model, isa, count, pool);
                                   })
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
    }
  }

  benchmark::AddCustomContext("isa", isa_list);
  benchmark::AddCustomContext("threads", std::to_string(threads));
  benchmark::AddCustomContext("q8nn", q8nn_version_string());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  bench::check(qnnp_deinitialize(), "qnnp_deinitialize");
  return 0;
}
