/* q8nn extensions to the QNNPACK API (qnnpack.h). */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "qnnpack.h"

#ifdef __cplusplus
extern "C" {
#endif

#define Q8NN_VERSION_MAJOR 0
#define Q8NN_VERSION_MINOR 1
#define Q8NN_VERSION_PATCH 0

/* MAJOR * 10000 + MINOR * 100 + PATCH of the library that is linked. */
uint32_t q8nn_version(void);
/* "MAJOR.MINOR.PATCH" of the library that is linked. */
const char* q8nn_version_string(void);

/* Name of the instruction set whose kernels the operators use ("scalar",
 * "sse2", ...), or NULL before qnnp_initialize succeeded. Chosen as the best
 * the CPU supports unless the environment variable Q8NN_ISA names another. */
const char* q8nn_isa(void);

/* Initializes (or re-initializes) the library with the kernels of one ISA.
 * Operators created earlier keep the kernels they were created with.
 * Returns invalid_parameter for a NULL or unknown name and
 * unsupported_hardware when this CPU cannot run that ISA. */
enum qnnp_status q8nn_initialize_isa(const char* isa);

/* Number and names of the ISAs this build has kernels for (whether or not
 * this CPU runs them), and whether this CPU runs one. */
size_t q8nn_isa_count(void);
const char* q8nn_isa_name(size_t index);
bool q8nn_isa_supported(const char* isa);

/* A constant, human-readable name of a status ("success", "invalid_parameter", ...). */
const char* q8nn_status_string(enum qnnp_status status);

#ifdef __cplusplus
}  // extern "C"
#endif
