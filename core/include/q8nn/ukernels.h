// Microkernel families: one signature per family, implemented by every ISA.
// Names say family, tile and ISA: q8gemm_ukernel_<MR>x<NR>[c<KR>]__<isa>.
//
// Conventions shared by all families:
// - Sizes are in elements (= bytes for 8-bit data); strides are in bytes.
// - Indirect kernels (igemm, dwconv, avgpool, maxpool) read input rows through
//   arrays of pointers. A pointer equal to `zero` is used as it is; any other
//   pointer is moved by `input_offset` bytes first. This lets one indirection
//   buffer, built for one image at setup, serve every image of a batch and
//   any later input pointer with the same shape. Where the `zero` row is
//   read by a convolution or average pooling it holds the input zero point
//   (padding contributes nothing); max pooling and gavgpool use zeros.
// - Elementwise kernels (vadd, clamp, lut, lut32norm) accept outputs that
//   alias an input exactly (y == x, y == a or y == b); no other overlap.
// - Kernels never read outside the caller's rows (a row of a user tensor may
//   end at the end of its allocation). Buffers the operators own (packed
//   weights, zero vectors, lookup tables) carry Q8NN_EXTRA_BYTES of readable
//   slack at their end, so vector loads may run past their last element.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "q8nn/params.h"

#define Q8NN_EXTRA_BYTES 64

#ifdef __cplusplus
extern "C" {
#endif

// ---------------------------------------------------------------------------
// gemm: C[mr][nc] = requantize(A[mr][kc] x W[kc][nc] + bias).
// mr in [1, MR], nc >= 1 (any), kc >= 1. Row i of A is a + i * a_stride; row i
// of C is c + i * cm_stride, columns contiguous.
// Packed weights `w`: for each block of NR output channels (the last block
// padded): NR int32 biases, then round_up(kc, KR) / KR groups of NR x KR
// weights (group g, channel n, lane j = k index g * KR + j), one byte each,
// or two (int16 w - kernel_zero_point) for q8nn_gemm_packing_i16_izp_folded.
// Padding weights equal kernel_zero_point (0 when pre-subtracted) and padding
// biases are 0 (see pack.h for what each packing folds into the biases).
typedef void (*q8nn_gemm_ukernel_fn)(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                     size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                     const struct q8nn_conv_params* params);

// igemm (indirect gemm, convolution): like gemm, but the rows of A come through
// `a`: ks groups of MR pointers, a[p * MR + i] is row i's input for tap p
// (kc bytes each). Entries for rows i >= mr follow the same rules (equal to
// `zero`, or readable after adding input_offset); kernels may read, never use, them.
// Packed weights: for each block of NR output channels: NR int32 biases, then
// for each tap p: round_up(kc, KR) / KR groups of NR x KR bytes.
typedef void (*q8nn_igemm_ukernel_fn)(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                      const void* w, uint8_t* c, size_t cm_stride,
                                      size_t input_offset, const uint8_t* zero,
                                      const struct q8nn_conv_params* params);

// dwconv unipass (fixed tap count T, e.g. 9 for 3x3, 25 for 5x5): for each of
// output_width pixels, input[0..T) are the tap pointers (each row has
// `channels` bytes); y[c] = requantize(bias[c] + sum_t (x_t[c] - izp) *
// (w_t[c] - kzp)). After each pixel, `input` advances by input_stride bytes and
// `output` by channels + output_increment bytes.
// Packed weights: for each block of CR channels (the last block padded): CR
// int32 biases, then T x CR weight bytes (tap-major).
typedef void (*q8nn_dwconv_up_ukernel_fn)(size_t channels, size_t output_width,
                                          const uint8_t** input, const void* weights,
                                          uint8_t* output, size_t input_stride,
                                          size_t output_increment, size_t input_offset,
                                          const uint8_t* zero,
                                          const struct q8nn_conv_params* params);

// dwconv multipass: any tap count `kernel_size`, same weight layout with
// T = kernel_size. Kernels go over the taps in passes, keeping 32-bit sums of
// a chunk of channels on their own stack (no caller-provided buffer).
typedef void (*q8nn_dwconv_mp_ukernel_fn)(size_t channels, size_t output_width, size_t kernel_size,
                                          const uint8_t** input, const void* weights,
                                          uint8_t* output, size_t input_stride,
                                          size_t output_increment, size_t input_offset,
                                          const uint8_t* zero,
                                          const struct q8nn_conv_params* params);

// avgpool: for each of output_pixels pixels, kernel_size tap pointers;
// y[c] = requantize(params->bias + sum_t x_t[c], params->scale). Pointer
// stepping as in dwconv. `zero` is a row filled with the input zero point.
typedef void (*q8nn_avgpool_ukernel_fn)(size_t output_pixels, size_t kernel_size, size_t channels,
                                        const uint8_t** input, size_t input_offset,
                                        const uint8_t* zero, uint8_t* output, size_t input_stride,
                                        size_t output_increment,
                                        const struct q8nn_avgpool_params* params);

// gavgpool: y[c] = requantize(params->bias + sum_{r < rows} input[r * input_stride + c]).
// `zero` is a row of `channels` zero bytes a kernel may read in place of
// missing rows (it adds nothing to the sums).
typedef void (*q8nn_gavgpool_ukernel_fn)(size_t rows, size_t channels, const uint8_t* input,
                                         size_t input_stride, const uint8_t* zero, uint8_t* output,
                                         const struct q8nn_avgpool_params* params);

// maxpool: y[c] = clamp(max_t x_t[c]). Pointer stepping as in dwconv. `zero`
// is a row of zero bytes, which never raises a maximum of uint8 values.
typedef void (*q8nn_maxpool_ukernel_fn)(size_t output_pixels, size_t kernel_size, size_t channels,
                                        const uint8_t** input, size_t input_offset,
                                        const uint8_t* zero, uint8_t* output, size_t input_stride,
                                        size_t output_increment,
                                        const struct q8nn_clamp_params* params);

// vadd: y[i] = add rule of params.h over n elements (n >= 1).
typedef void (*q8nn_vadd_ukernel_fn)(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                                     const struct q8nn_add_params* params);

// clamp: y[i] = min(max(x[i], min), max).
typedef void (*q8nn_clamp_ukernel_fn)(size_t n, const uint8_t* x, uint8_t* y,
                                      const struct q8nn_clamp_params* params);

// lut: y[i] = table[x[i]] (table has 256 entries plus the slack of an
// operator-owned buffer: kernels may read a few bytes past entry 255). x and
// y may alias.
typedef void (*q8nn_lut_ukernel_fn)(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y);

// rmax: returns max_i x[i] (n >= 1).
typedef uint8_t (*q8nn_rmax_ukernel_fn)(size_t n, const uint8_t* x);

// lut32norm (softargmax): sum = sum_i t[x[i]], with 0 < sum <= UINT32_MAX by
// the caller's choice of t (the row maximum maps to t's largest entry, >= 1); y[i] = min(255, (256
// * t[x[i]] + sum / 2) / sum) computed exactly in 64-bit integers.
typedef void (*q8nn_lut32norm_ukernel_fn)(size_t n, const uint8_t* x, const uint32_t* t,
                                          uint8_t* y);

// zipc (channel shuffle with a fixed group count M = 2, 3 or 4): x holds M
// groups of n bytes; y[k * M + g] = x[g * n + k].
typedef void (*q8nn_zipc_ukernel_fn)(size_t n, const uint8_t* x, uint8_t* y);

// zipv: the same for any group count m >= 4.
typedef void (*q8nn_zipv_ukernel_fn)(size_t n, size_t m, const uint8_t* x, uint8_t* y);

// ---------------------------------------------------------------------------
// Scalar (reference) kernels: portable C, every target.
void q8gemm_ukernel_2x4__scalar(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params);
void q8igemm_ukernel_2x4__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up2x9__scalar(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up2x25__scalar(size_t channels, size_t output_width, const uint8_t** input,
                                     const void* weights, uint8_t* output, size_t input_stride,
                                     size_t output_increment, size_t input_offset,
                                     const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp2x8__scalar(size_t channels, size_t output_width, size_t kernel_size,
                                    const uint8_t** input, const void* weights, uint8_t* output,
                                    size_t input_stride, size_t output_increment,
                                    size_t input_offset, const uint8_t* zero,
                                    const struct q8nn_conv_params* params);
void q8avgpool_ukernel__scalar(size_t output_pixels, size_t kernel_size, size_t channels,
                               const uint8_t** input, size_t input_offset, const uint8_t* zero,
                               uint8_t* output, size_t input_stride, size_t output_increment,
                               const struct q8nn_avgpool_params* params);
void q8gavgpool_ukernel__scalar(size_t rows, size_t channels, const uint8_t* input,
                                size_t input_stride, const uint8_t* zero, uint8_t* output,
                                const struct q8nn_avgpool_params* params);
void u8maxpool_ukernel__scalar(size_t output_pixels, size_t kernel_size, size_t channels,
                               const uint8_t** input, size_t input_offset, const uint8_t* zero,
                               uint8_t* output, size_t input_stride, size_t output_increment,
                               const struct q8nn_clamp_params* params);
void q8vadd_ukernel__scalar(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                            const struct q8nn_add_params* params);
void u8clamp_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y,
                             const struct q8nn_clamp_params* params);
void x8lut_ukernel__scalar(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y);
uint8_t u8rmax_ukernel__scalar(size_t n, const uint8_t* x);
void u8lut32norm_ukernel__scalar(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y);
void x8zip_x2_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x3_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x4_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_xm_ukernel__scalar(size_t n, size_t m, const uint8_t* x, uint8_t* y);

// ---------------------------------------------------------------------------
// AVX-512 VNNI kernels (x86-64). gemm/igemm read q8nn_gemm_packing_s8_folded weights.
void q8gemm_ukernel_8x32c4__avx512vnni(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                       size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                       const struct q8nn_conv_params* params);
void q8igemm_ukernel_8x32c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks,
                                        const uint8_t** a, const void* w, uint8_t* c,
                                        size_t cm_stride, size_t input_offset, const uint8_t* zero,
                                        const struct q8nn_conv_params* params);
void q8gemm_ukernel_4x64c4__avx512vnni(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                       size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                       const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x64c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks,
                                        const uint8_t** a, const void* w, uint8_t* c,
                                        size_t cm_stride, size_t input_offset, const uint8_t* zero,
                                        const struct q8nn_conv_params* params);
void q8gemm_ukernel_7x16c4__avx512vnni(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                       size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                       const struct q8nn_conv_params* params);
void q8igemm_ukernel_7x16c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks,
                                        const uint8_t** a, const void* w, uint8_t* c,
                                        size_t cm_stride, size_t input_offset, const uint8_t* zero,
                                        const struct q8nn_conv_params* params);

// ---------------------------------------------------------------------------
// SSE2 kernels: x86-64 baseline (core/kernels/sse2).
void q8gemm_ukernel_4x4c2__sse2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x4c2__sse2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
// The SSE2 4x8c2 kernels read q8nn_gemm_packing_u8_izp_folded weights (4x4c2: u8).
void q8gemm_ukernel_4x8c2__sse2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x8c2__sse2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
// SSE2 unipass depthwise kernels: read q8nn_dwconv_packing_i16_pairs weights.
void q8dwconv_ukernel_up16x9__sse2(size_t channels, size_t output_width, const uint8_t** input,
                                   const void* weights, uint8_t* output, size_t input_stride,
                                   size_t output_increment, size_t input_offset,
                                   const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x25__sse2(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params);
// SSE2 _ref kernels: intrinsics versions of the asm main loops, kept as
// readable references and tested; not in the dispatch table. Same weights
// and results as the kernels above.
void q8gemm_ukernel_4x8c2__sse2_ref(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x8c2__sse2_ref(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                     const void* w, uint8_t* c, size_t cm_stride,
                                     size_t input_offset, const uint8_t* zero,
                                     const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x9__sse2_ref(size_t channels, size_t output_width, const uint8_t** input,
                                       const void* weights, uint8_t* output, size_t input_stride,
                                       size_t output_increment, size_t input_offset,
                                       const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x25__sse2_ref(size_t channels, size_t output_width, const uint8_t** input,
                                        const void* weights, uint8_t* output, size_t input_stride,
                                        size_t output_increment, size_t input_offset,
                                        const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp8x8__sse2(size_t channels, size_t output_width, size_t kernel_size,
                                  const uint8_t** input, const void* weights, uint8_t* output,
                                  size_t input_stride, size_t output_increment, size_t input_offset,
                                  const uint8_t* zero, const struct q8nn_conv_params* params);
void q8avgpool_ukernel__sse2(size_t output_pixels, size_t kernel_size, size_t channels,
                             const uint8_t** input, size_t input_offset, const uint8_t* zero,
                             uint8_t* output, size_t input_stride, size_t output_increment,
                             const struct q8nn_avgpool_params* params);
void q8gavgpool_ukernel__sse2(size_t rows, size_t channels, const uint8_t* input,
                              size_t input_stride, const uint8_t* zero, uint8_t* output,
                              const struct q8nn_avgpool_params* params);
void u8maxpool_ukernel_16__sse2(size_t output_pixels, size_t kernel_size, size_t channels,
                                const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                uint8_t* output, size_t input_stride, size_t output_increment,
                                const struct q8nn_clamp_params* params);
void q8vadd_ukernel__sse2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params);
// AVX-512 (64 per iteration) and AVX2 (32) vadd; tails never leave the rows.
void q8vadd_ukernel__avx512vnni(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                                const struct q8nn_add_params* params);
void q8vadd_ukernel__avx2(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params);
void u8clamp_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y,
                           const struct q8nn_clamp_params* params);
uint8_t u8rmax_ukernel__sse2(size_t n, const uint8_t* x);
void x8lut_ukernel__sse2(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y);
void u8lut32norm_ukernel__sse2(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y);
void x8zip_x2_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x3_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x4_ukernel__sse2(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_xm_ukernel__sse2(size_t n, size_t m, const uint8_t* x, uint8_t* y);
// SSE2 kernels: end.
// AVX-512 VNNI depthwise kernels: read q8nn_dwconv_packing_s8_quads weights (CR = 64).
void q8dwconv_ukernel_up64x9__avx512vnni(size_t channels, size_t output_width,
                                         const uint8_t** input, const void* weights,
                                         uint8_t* output, size_t input_stride,
                                         size_t output_increment, size_t input_offset,
                                         const uint8_t* zero,
                                         const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up64x25__avx512vnni(size_t channels, size_t output_width,
                                          const uint8_t** input, const void* weights,
                                          uint8_t* output, size_t input_stride,
                                          size_t output_increment, size_t input_offset,
                                          const uint8_t* zero,
                                          const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp64__avx512vnni(size_t channels, size_t output_width, size_t kernel_size,
                                       const uint8_t** input, const void* weights, uint8_t* output,
                                       size_t input_stride, size_t output_increment,
                                       size_t input_offset, const uint8_t* zero,
                                       const struct q8nn_conv_params* params);

// ---------------------------------------------------------------------------
// AVX2 kernels (x86-64, core/kernels/avx2): gemm/igemm read q8nn_gemm_packing_s8_folded
// weights with KR = 8; depthwise kernels read q8nn_dwconv_packing_i16_pairs.
void q8gemm_ukernel_3x8c8__avx2(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                                const void* w, uint8_t* c, size_t cm_stride,
                                const struct q8nn_conv_params* params);
void q8igemm_ukernel_3x8c8__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x9__avx2(size_t channels, size_t output_width, const uint8_t** input,
                                   const void* weights, uint8_t* output, size_t input_stride,
                                   size_t output_increment, size_t input_offset,
                                   const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x25__avx2(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp16__avx2(size_t channels, size_t output_width, size_t kernel_size,
                                 const uint8_t** input, const void* weights, uint8_t* output,
                                 size_t input_stride, size_t output_increment, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
// AVX2 kernels: end.

// ---------------------------------------------------------------------------
// WebAssembly SIMD128 kernels (core/kernels/wasmsimd): gemm, igemm, depthwise.
// gemm/igemm read q8nn_gemm_packing_i16_izp_folded weights (KR = 2); depthwise
// kernels read q8nn_dwconv_packing_i16_pairs (CR = 16).
void q8gemm_ukernel_4x8c2__wasmsimd(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x8c2__wasmsimd(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                     const void* w, uint8_t* c, size_t cm_stride,
                                     size_t input_offset, const uint8_t* zero,
                                     const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x9__wasmsimd(size_t channels, size_t output_width, const uint8_t** input,
                                       const void* weights, uint8_t* output, size_t input_stride,
                                       size_t output_increment, size_t input_offset,
                                       const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x25__wasmsimd(size_t channels, size_t output_width, const uint8_t** input,
                                        const void* weights, uint8_t* output, size_t input_stride,
                                        size_t output_increment, size_t input_offset,
                                        const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp16__wasmsimd(size_t channels, size_t output_width, size_t kernel_size,
                                     const uint8_t** input, const void* weights, uint8_t* output,
                                     size_t input_stride, size_t output_increment,
                                     size_t input_offset, const uint8_t* zero,
                                     const struct q8nn_conv_params* params);
// wasmsimd convolution kernels: end.

// WebAssembly SIMD128 kernels: the other families.
void q8avgpool_ukernel__wasmsimd(size_t output_pixels, size_t kernel_size, size_t channels,
                                 const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                 uint8_t* output, size_t input_stride, size_t output_increment,
                                 const struct q8nn_avgpool_params* params);
void q8gavgpool_ukernel__wasmsimd(size_t rows, size_t channels, const uint8_t* input,
                                  size_t input_stride, const uint8_t* zero, uint8_t* output,
                                  const struct q8nn_avgpool_params* params);
void u8maxpool_ukernel_16__wasmsimd(size_t output_pixels, size_t kernel_size, size_t channels,
                                    const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                    uint8_t* output, size_t input_stride, size_t output_increment,
                                    const struct q8nn_clamp_params* params);
void q8vadd_ukernel__wasmsimd(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                              const struct q8nn_add_params* params);
void u8clamp_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y,
                               const struct q8nn_clamp_params* params);
void x8lut_ukernel__wasmsimd(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y);
uint8_t u8rmax_ukernel__wasmsimd(size_t n, const uint8_t* x);
void u8lut32norm_ukernel__wasmsimd(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y);
void x8zip_x2_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x3_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x4_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_xm_ukernel__wasmsimd(size_t n, size_t m, const uint8_t* x, uint8_t* y);
// wasmsimd other kernels: end.

// ---------------------------------------------------------------------------
// NEON kernels (core/kernels/neon*): AArch64 and AArch32.
// gemm/igemm MRx8 (KR = 1) read q8nn_gemm_packing_u8 weights (4x8: AArch32's
// tile, 8x8: AArch64's; both build on both).
void q8gemm_ukernel_4x8__neon(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                              const void* w, uint8_t* c, size_t cm_stride,
                              const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x8__neon(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                               const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                               const uint8_t* zero, const struct q8nn_conv_params* params);
void q8gemm_ukernel_8x8__neon(size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride,
                              const void* w, uint8_t* c, size_t cm_stride,
                              const struct q8nn_conv_params* params);
void q8igemm_ukernel_8x8__neon(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                               const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                               const uint8_t* zero, const struct q8nn_conv_params* params);
// AArch64 dot product (UDOT) kernels, core/kernels/neondot: read
// q8nn_gemm_packing_u8_izp_folded weights with KR = 4.
void q8gemm_ukernel_4x16c4__neondot(size_t mr, size_t nc, size_t kc, const uint8_t* a,
                                    size_t a_stride, const void* w, uint8_t* c, size_t cm_stride,
                                    const struct q8nn_conv_params* params);
void q8igemm_ukernel_4x16c4__neondot(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                     const void* w, uint8_t* c, size_t cm_stride,
                                     size_t input_offset, const uint8_t* zero,
                                     const struct q8nn_conv_params* params);
// Depthwise 16 channels per block: read q8nn_dwconv_packing_i16_pairs weights.
void q8dwconv_ukernel_up16x9__neon(size_t channels, size_t output_width, const uint8_t** input,
                                   const void* weights, uint8_t* output, size_t input_stride,
                                   size_t output_increment, size_t input_offset,
                                   const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_up16x25__neon(size_t channels, size_t output_width, const uint8_t** input,
                                    const void* weights, uint8_t* output, size_t input_stride,
                                    size_t output_increment, size_t input_offset,
                                    const uint8_t* zero, const struct q8nn_conv_params* params);
void q8dwconv_ukernel_mp16__neon(size_t channels, size_t output_width, size_t kernel_size,
                                 const uint8_t** input, const void* weights, uint8_t* output,
                                 size_t input_stride, size_t output_increment, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params);
void q8avgpool_ukernel__neon(size_t output_pixels, size_t kernel_size, size_t channels,
                             const uint8_t** input, size_t input_offset, const uint8_t* zero,
                             uint8_t* output, size_t input_stride, size_t output_increment,
                             const struct q8nn_avgpool_params* params);
void q8gavgpool_ukernel__neon(size_t rows, size_t channels, const uint8_t* input,
                              size_t input_stride, const uint8_t* zero, uint8_t* output,
                              const struct q8nn_avgpool_params* params);
void u8maxpool_ukernel_16__neon(size_t output_pixels, size_t kernel_size, size_t channels,
                                const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                uint8_t* output, size_t input_stride, size_t output_increment,
                                const struct q8nn_clamp_params* params);
void q8vadd_ukernel__neon(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                          const struct q8nn_add_params* params);
void u8clamp_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y,
                           const struct q8nn_clamp_params* params);
// lut: vqtbl4q/vqtbx4q on AArch64; a plain loop on AArch32 (see the source).
void x8lut_ukernel__neon(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y);
uint8_t u8rmax_ukernel__neon(size_t n, const uint8_t* x);
void u8lut32norm_ukernel__neon(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y);
void x8zip_x2_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x3_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_x4_ukernel__neon(size_t n, const uint8_t* x, uint8_t* y);
void x8zip_xm_ukernel__neon(size_t n, size_t m, const uint8_t* x, uint8_t* y);
// NEON kernels: end.

#ifdef __cplusplus
}  // extern "C"
#endif
