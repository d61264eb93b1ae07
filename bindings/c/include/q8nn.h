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

/* Why the most recent qnnp_* / q8nn_* call on this thread that did not
 * succeed failed: the function, the parameter, its value and what is allowed,
 * e.g. "qnnp_create_convolution2d_nhwc_q8: kernel_height * kernel_width *
 * group_input_channels = 40000 exceeds 33025 ...". "" while no call on this
 * thread has failed. Successful calls leave it unchanged (like errno); the
 * string stays valid until the next failing call on this thread. */
const char* q8nn_last_error(void);

/* The most bytes that one buffer an operator allocates for itself (packed
 * weights, indirection buffer, im2col rows, lookup tables) may take; a create
 * or setup that would need more fails with out_of_memory and says how much it
 * needed. Process-wide. The default, and the largest value accepted, is the
 * largest size the library handles at all: PTRDIFF_MAX, and at most 2^47 on
 * 64-bit hosts (a user address space). Setting it lower bounds what untrusted
 * parameters (e.g. from a model file) can make the library allocate. */
void q8nn_set_allocation_limit(size_t bytes);
size_t q8nn_allocation_limit(void);

/* Output height and width of a convolution, deconvolution, average or max
 * pooling operator for an input of input_height x input_width pixels: what
 * its setup would compute. invalid_parameter (with q8nn_last_error) for
 * another kind of operator, a zero size, or an input the window does not
 * fit; unsupported_parameter when the size exceeds what the library handles. */
enum qnnp_status q8nn_window_output_size(qnnp_operator_t op, size_t input_height,
                                         size_t input_width, size_t* output_height,
                                         size_t* output_width);

#ifdef __cplusplus
}  // extern "C"
#endif
