// The unipass depthwise kernel of channel tile 16, shared by every tap count.
// Reads q8nn_dwconv_packing_i16_pairs weights: (w - kernel_zero_point) as
// int16 tap pairs and the input zero point folded into the biases, so the
// inner loop only interleaves two taps' input bytes, zero-extends them and
// forms x_t * w_t + x_t1 * w_t1 with pmaddwd (exact in each int32 lane).
#pragma once

#include "sse2-common.h"

#define Q8NN_DW16_CR 16

// Loads channels [c, c + n) (n in [1, 16]) of a row that ends at c + n.
static inline __m128i q8nn_sse2_dw16_load(const uint8_t* row, size_t c, size_t n) {
  if (n == Q8NN_DW16_CR) return _mm_loadu_si128((const __m128i*)(row + c));
  if (n <= 8) return q8nn_sse2_load_tail(row + c, n, c);
  return _mm_unpacklo_epi64(q8nn_sse2_load8(row + c),
                            q8nn_sse2_load_tail(row + c + 8, n - 8, c + 8));
}

// acc0..acc3 (channels 0-3, 4-7, 8-11, 12-15) += x0 * w_t + x1 * w_t1 with
// the 64 bytes of int16 pairs at wp. Named accumulators, not an array: GCC
// keeps arrays indexed in loops in memory.
#define Q8NN_DW16_PAIR(x0, x1, wp)                                                         \
  do {                                                                                     \
    const __m128i vlo = _mm_unpacklo_epi8(x0, x1);                                         \
    const __m128i vhi = _mm_unpackhi_epi8(x0, x1);                                         \
    acc0 = _mm_add_epi32(acc0, _mm_madd_epi16(_mm_unpacklo_epi8(vlo, vzero),               \
                                              _mm_loadu_si128((const __m128i*)(wp))));     \
    acc1 = _mm_add_epi32(acc1, _mm_madd_epi16(_mm_unpackhi_epi8(vlo, vzero),               \
                                              _mm_loadu_si128((const __m128i*)(wp) + 1))); \
    acc2 = _mm_add_epi32(acc2, _mm_madd_epi16(_mm_unpacklo_epi8(vhi, vzero),               \
                                              _mm_loadu_si128((const __m128i*)(wp) + 2))); \
    acc3 = _mm_add_epi32(acc3, _mm_madd_epi16(_mm_unpackhi_epi8(vhi, vzero),               \
                                              _mm_loadu_si128((const __m128i*)(wp) + 3))); \
  } while (0)

// Q8NN_DW16_PAIR on 16 full channels at p0 and p1, in intrinsics: the
// readable, tested reference of Q8NN_DW16_PAIR_FULL_ASM (same arithmetic).
#define Q8NN_DW16_PAIR_FULL_INTRINSICS(p0, p1, wp) \
  Q8NN_DW16_PAIR(_mm_loadu_si128((const __m128i*)(p0)), _mm_loadu_si128((const __m128i*)(p1)), wp)

#if !defined(Q8NN_NO_INLINE_ASM)
// Q8NN_DW16_PAIR on 16 full channels at p0 and p1, in assembly, for 16-byte
// aligned weights (pmaddwd reads them from memory) and vzero in a register:
// 19 instructions. GCC otherwise reassociates the sums across taps and spills.
#define Q8NN_DW16_PAIR_FULL_ASM(p0, p1, wp)                                                    \
  do {                                                                                         \
    __m128i vx0, vx1, vt;                                                                      \
    __asm__(                                                                                   \
        "movdqu (%[q0]), %[x0]\n\t"                                                            \
        "movdqu (%[q1]), %[t]\n\t"                                                             \
        "movdqa %[x0], %[x1]\n\t"                                                              \
        "punpcklbw %[t], %[x0]\n\t"                                                            \
        "punpckhbw %[t], %[x1]\n\t"                                                            \
        "movdqa %[x0], %[t]\n\t"                                                               \
        "punpcklbw %[z], %[x0]\n\t"                                                            \
        "punpckhbw %[z], %[t]\n\t"                                                             \
        "pmaddwd (%[w]), %[x0]\n\t"                                                            \
        "paddd %[x0], %[a0]\n\t"                                                               \
        "pmaddwd 16(%[w]), %[t]\n\t"                                                           \
        "paddd %[t], %[a1]\n\t"                                                                \
        "movdqa %[x1], %[t]\n\t"                                                               \
        "punpcklbw %[z], %[x1]\n\t"                                                            \
        "punpckhbw %[z], %[t]\n\t"                                                             \
        "pmaddwd 32(%[w]), %[x1]\n\t"                                                          \
        "paddd %[x1], %[a2]\n\t"                                                               \
        "pmaddwd 48(%[w]), %[t]\n\t"                                                           \
        "paddd %[t], %[a3]\n\t"                                                                \
        : [a0] "+x"(acc0), [a1] "+x"(acc1), [a2] "+x"(acc2), [a3] "+x"(acc3), [x0] "=&x"(vx0), \
          [x1] "=&x"(vx1), [t] "=&x"(vt)                                                       \
        : [q0] "r"(p0), [q1] "r"(p1), [w] "r"(wp), [z] "x"(vzero)                              \
        : "memory");                                                                           \
  } while (0)

#endif  // !defined(Q8NN_NO_INLINE_ASM)

// The full-channel pair of the dispatch-table kernels when the weights are
// 16-byte aligned (as in every operator: packed weights live in an
// AlignedBuffer); other weights take the intrinsics (_ref) kernel.
#if defined(Q8NN_NO_INLINE_ASM)
#define Q8NN_DW16_PAIR_FULL_ALIGNED Q8NN_DW16_PAIR_FULL_INTRINSICS
#else
#define Q8NN_DW16_PAIR_FULL_ALIGNED Q8NN_DW16_PAIR_FULL_ASM
#endif

// The kernel body, instantiated by each kernel file with the full-channel
// pair `pair_full` (Q8NN_DW16_PAIR_FULL_ALIGNED for the dispatch-table
// kernels, Q8NN_DW16_PAIR_FULL_INTRINSICS for the _ref ones): defines
// q8nn_dwconv_up16__sse2_<variant>.
#define Q8NN_DW16_DEFINE(variant, pair_full)                                                     \
  static inline void q8nn_dwconv_up16__sse2_##variant(                                           \
      size_t taps, size_t channels, size_t output_width, const uint8_t** input,                  \
      const void* weights, uint8_t* output, size_t input_stride, size_t output_increment,        \
      size_t input_offset, const uint8_t* zero, const struct q8nn_conv_params* params) {         \
    const __m128 vscale = _mm_set1_ps(params->scale);                                            \
    const struct q8nn_sse2_u8_output out = q8nn_sse2_u8_output_init(&params->output);            \
    const size_t pairs = (taps + 1) / 2;                                                         \
    const size_t block_bytes = Q8NN_DW16_CR * (sizeof(int32_t) + pairs * 2 * sizeof(int16_t));   \
    for (; output_width != 0; output_width--) {                                                  \
      const uint8_t* i[26];                                                                      \
      for (size_t t = 0; t < taps; t++)                                                          \
        i[t] = q8nn_sse2_indirect_row(input[t], input_offset, zero);                             \
      input = (const uint8_t**)((uintptr_t)input + input_stride);                                \
                                                                                                 \
      const uint8_t* w = (const uint8_t*)weights;                                                \
      for (size_t c = 0; c < channels; c += Q8NN_DW16_CR) {                                      \
        const size_t n = channels - c < Q8NN_DW16_CR ? channels - c : Q8NN_DW16_CR;              \
        const __m128i vzero = _mm_setzero_si128();                                               \
        __m128i acc0 = _mm_loadu_si128((const __m128i*)w);                                       \
        __m128i acc1 = _mm_loadu_si128((const __m128i*)(w + 16));                                \
        __m128i acc2 = _mm_loadu_si128((const __m128i*)(w + 32));                                \
        __m128i acc3 = _mm_loadu_si128((const __m128i*)(w + 48));                                \
        const uint8_t* wp = w + 64;                                                              \
        size_t t = 0;                                                                            \
        if (n == Q8NN_DW16_CR) {                                                                 \
          for (; t + 2 <= taps; t += 2, wp += 64) pair_full(i[t] + c, i[t + 1] + c, wp);         \
          /* A missing odd tap's weights are 0: any readable input will do. */                   \
          if (t < taps) pair_full(i[t] + c, i[t] + c, wp);                                       \
        } else {                                                                                 \
          for (; t + 2 <= taps; t += 2, wp += 64) {                                              \
            Q8NN_DW16_PAIR(q8nn_sse2_dw16_load(i[t], c, n), q8nn_sse2_dw16_load(i[t + 1], c, n), \
                           wp);                                                                  \
          }                                                                                      \
          if (t < taps) {                                                                        \
            Q8NN_DW16_PAIR(q8nn_sse2_dw16_load(i[t], c, n), _mm_setzero_si128(), wp);            \
          }                                                                                      \
        }                                                                                        \
        const __m128i vq01 = q8nn_sse2_u8_pack16(q8nn_sse2_u8_round(acc0, vscale, &out),         \
                                                 q8nn_sse2_u8_round(acc1, vscale, &out), &out);  \
        const __m128i vq23 = q8nn_sse2_u8_pack16(q8nn_sse2_u8_round(acc2, vscale, &out),         \
                                                 q8nn_sse2_u8_round(acc3, vscale, &out), &out);  \
        const __m128i vout = q8nn_sse2_u8_pack8(vq01, vq23, &out);                               \
        if (n == Q8NN_DW16_CR) {                                                                 \
          _mm_storeu_si128((__m128i*)output, vout);                                              \
        } else if (n >= 8) {                                                                     \
          _mm_storel_epi64((__m128i*)output, vout);                                              \
          if (n > 8) q8nn_sse2_store_tail(output + 8, _mm_srli_si128(vout, 8), n - 8);           \
        } else {                                                                                 \
          q8nn_sse2_store_tail(output, vout, n);                                                 \
        }                                                                                        \
        output += n;                                                                             \
        w += block_bytes;                                                                        \
      }                                                                                          \
      output += output_increment;                                                                \
    }                                                                                            \
  }

// The kernel for TAPS taps (asm tap pairs when the weights are 16-byte
// aligned, as the operators' packed buffers are) and its intrinsics twin,
// the tested reference of the asm loop.
#define Q8NN_DW16_DEFINE_KERNELS(TAPS)                                                             \
  Q8NN_DW16_DEFINE(aligned, Q8NN_DW16_PAIR_FULL_ALIGNED)                                           \
  Q8NN_DW16_DEFINE(ref, Q8NN_DW16_PAIR_FULL_INTRINSICS)                                            \
  void q8dwconv_ukernel_up16x##TAPS##__sse2(                                                       \
      size_t channels, size_t output_width, const uint8_t** input, const void* weights,            \
      uint8_t* output, size_t input_stride, size_t output_increment, size_t input_offset,          \
      const uint8_t* zero, const struct q8nn_conv_params* params) {                                \
    if (((uintptr_t)weights & 15) == 0) {                                                          \
      q8nn_dwconv_up16__sse2_aligned(TAPS, channels, output_width, input, weights, output,         \
                                     input_stride, output_increment, input_offset, zero, params);  \
    } else {                                                                                       \
      q8nn_dwconv_up16__sse2_ref(TAPS, channels, output_width, input, weights, output,             \
                                 input_stride, output_increment, input_offset, zero, params);      \
    }                                                                                              \
  }                                                                                                \
  void q8dwconv_ukernel_up16x##TAPS##__sse2_ref(                                                   \
      size_t channels, size_t output_width, const uint8_t** input, const void* weights,            \
      uint8_t* output, size_t input_stride, size_t output_increment, size_t input_offset,          \
      const uint8_t* zero, const struct q8nn_conv_params* params) {                                \
    q8nn_dwconv_up16__sse2_ref(TAPS, channels, output_width, input, weights, output, input_stride, \
                               output_increment, input_offset, zero, params);                      \
  }
