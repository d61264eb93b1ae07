// ISA tables, dispatch and the library-wide entry points of qnnpack.h / q8nn.h.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>

#include "error.h"
#include "isa-configs.h"
#include "q8nn.h"
#include "q8nn/config.h"
#include "qnnpack.h"

#if Q8NN_HAVE_CPUINFO
#include <cpuinfo.h>
#endif

namespace {

bool cpu_detected() {
#if Q8NN_HAVE_CPUINFO
  return cpuinfo_initialize();
#else
  return true;
#endif
}

bool always_supported() {
  return true;
}

struct IsaEntry {
  const q8nn_config& (*config)();
  bool (*supported)();  // called only after cpu_detected() succeeded
};

// Every ISA of this build, best last. An ISA gets its line once its kernels
// exist (configs start from the scalar table and override what they have).
const IsaEntry kIsas[] = {
    {q8nn::scalar_config, always_supported},
#if Q8NN_ARCH_X86_64
    {q8nn::sse2_config, q8nn::sse2_supported},
    {q8nn::avx2_config, q8nn::avx2_supported},
    {q8nn::avx512vnni_config, q8nn::avx512vnni_supported},
#endif
#if Q8NN_ARCH_ARM64 || Q8NN_ARCH_ARM32
    {q8nn::neon_config, q8nn::neon_supported},
#endif
#if Q8NN_ARCH_ARM64
    {q8nn::neondot_config, q8nn::neondot_supported},
#endif
#if Q8NN_ARCH_WASMSIMD
    {q8nn::wasmsimd_config, always_supported},
#endif
};
constexpr size_t kIsaCount = sizeof(kIsas) / sizeof(kIsas[0]);

std::mutex g_init_mutex;
std::atomic<const q8nn_config*> g_active_config{nullptr};

const IsaEntry* find_isa(const char* name) {
  if (name == nullptr) return nullptr;
  for (const IsaEntry& entry : kIsas) {
    if (std::strcmp(entry.config().isa, name) == 0) return &entry;
  }
  return nullptr;
}

bool cpu_runs(const IsaEntry& entry) {
  return cpu_detected() && entry.supported();
}

// Picks and activates an ISA: the named one, or the best supported.
qnnp_status activate(const char* name) {
  std::lock_guard<std::mutex> lock(g_init_mutex);
  if (!cpu_detected()) {
    return q8nn::fail(qnnp_status_unsupported_hardware, "cpuinfo cannot identify this CPU");
  }
  if (name != nullptr) {
    const IsaEntry* entry = find_isa(name);
    if (entry == nullptr) {
      return q8nn::fail(qnnp_status_invalid_parameter, "'%s' is not an ISA of this build", name);
    }
    if (!entry->supported()) {
      return q8nn::fail(qnnp_status_unsupported_hardware, "this CPU cannot run the %s kernels",
                        name);
    }
    g_active_config.store(&entry->config());
    return qnnp_status_success;
  }
  for (size_t i = kIsaCount; i-- > 0;) {
    if (kIsas[i].supported()) {
      g_active_config.store(&kIsas[i].config());
      return qnnp_status_success;
    }
  }
  return q8nn::fail(qnnp_status_unsupported_hardware, "this CPU runs none of the build's ISAs");
}

}  // namespace

extern "C" {

const q8nn_config* q8nn_active_config(void) {
  return g_active_config.load();
}

const q8nn_config* q8nn_config_for_isa(const char* isa) {
  const IsaEntry* entry = find_isa(isa);
  return entry != nullptr && cpu_runs(*entry) ? &entry->config() : nullptr;
}

size_t q8nn_isa_count(void) {
  return kIsaCount;
}

const char* q8nn_isa_name(size_t index) {
  return index < kIsaCount ? kIsas[index].config().isa : nullptr;
}

bool q8nn_isa_supported(const char* isa) {
  return q8nn_config_for_isa(isa) != nullptr;
}

enum qnnp_status qnnp_initialize(void) {
  const q8nn::ApiCall call(__func__);
  const char* forced = std::getenv("Q8NN_ISA");
  if (forced != nullptr && forced[0] == '\0') forced = nullptr;
  const qnnp_status status = activate(forced);
  if (status != qnnp_status_success && forced != nullptr) {
    // The status alone would not say that the environment is at fault.
    std::fprintf(
        stderr, "q8nn: Q8NN_ISA=%s: %s\n", forced,
        status == qnnp_status_invalid_parameter ? "unknown ISA" : "not supported by this CPU");
  }
  return status;
}

enum qnnp_status qnnp_deinitialize(void) {
  g_active_config.store(nullptr);
  return qnnp_status_success;
}

enum qnnp_status q8nn_initialize_isa(const char* isa) {
  const q8nn::ApiCall call(__func__);
  if (isa == nullptr) return q8nn::fail(qnnp_status_invalid_parameter, "isa is NULL");
  return activate(isa);
}

const char* q8nn_isa(void) {
  const q8nn_config* config = g_active_config.load();
  return config != nullptr ? config->isa : nullptr;
}

uint32_t q8nn_version(void) {
  return Q8NN_VERSION_MAJOR * 10000 + Q8NN_VERSION_MINOR * 100 + Q8NN_VERSION_PATCH;
}

#define Q8NN_STRINGIFY_(x) #x
#define Q8NN_STRINGIFY(x) Q8NN_STRINGIFY_(x)

const char* q8nn_version_string(void) {
  return Q8NN_STRINGIFY(Q8NN_VERSION_MAJOR) "." Q8NN_STRINGIFY(
      Q8NN_VERSION_MINOR) "." Q8NN_STRINGIFY(Q8NN_VERSION_PATCH);
}

const char* q8nn_status_string(enum qnnp_status status) {
  switch (status) {
    case qnnp_status_success:
      return "success";
    case qnnp_status_uninitialized:
      return "uninitialized";
    case qnnp_status_invalid_parameter:
      return "invalid_parameter";
    case qnnp_status_unsupported_parameter:
      return "unsupported_parameter";
    case qnnp_status_unsupported_hardware:
      return "unsupported_hardware";
    case qnnp_status_out_of_memory:
      return "out_of_memory";
  }
  return "unknown status";
}

}  // extern "C"
