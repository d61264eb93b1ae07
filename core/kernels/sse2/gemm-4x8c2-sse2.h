// The 4x8c2 tile shared by the SSE2 gemm and igemm kernels (x86-64 only: the
// main loops are inline assembly, with their intrinsics versions kept beside
// them as tested references; Q8NN_NO_INLINE_ASM builds use those everywhere). Weights are
// q8nn_gemm_packing_u8_izp_folded: the input zero point term is in the biases, so the inner loop
// multiplies zero-extended a and w
//   acc = packed_bias + sum_k a[k] * w[k] - kernel_zero_point * sum_k a[k]
// where sum_k a[k] of each row (over the blocks of 8 k) is computed once per
// call with psadbw, so the main loop never subtracts a zero point; the last
// kc % 8 k subtract kzp from the weights instead. pmaddwd sums pairs of k
// exactly (|a * w| <= 255 * 255); int32 lanes wrap like the packed biases.
#pragma once

#include "gemm-4x4c2-sse2.h"

// Sum of the first kc & ~7 bytes of row a (the part the main loop reads),
// added to vsum (two 64-bit halves).
static inline __m128i q8nn_sse2_row_sum(__m128i vsum, const uint8_t* a, size_t kc) {
  const __m128i vzero = _mm_setzero_si128();
  size_t k = kc & ~(size_t)7;
  for (; k >= 16; k -= 16, a += 16) {
    vsum = _mm_add_epi64(vsum, _mm_sad_epu8(_mm_loadu_si128((const __m128i*)a), vzero));
  }
  if (k != 0) vsum = _mm_add_epi64(vsum, _mm_sad_epu8(q8nn_sse2_load8(a), vzero));
  return vsum;
}

// -kernel_zero_point * sum, broadcast (wrapping like the accumulators).
static inline __m128i q8nn_sse2_zp_correction(__m128i vsum, const struct q8nn_conv_params* p) {
  // psadbw of 16 bytes leaves two 64-bit sums.
  const uint32_t sum = (uint32_t)_mm_cvtsi128_si32(_mm_add_epi64(vsum, _mm_srli_si128(vsum, 8)));
  return _mm_set1_epi32((int32_t)(0u - (uint32_t)p->kernel_zero_point * sum));
}

#if !defined(Q8NN_NO_INLINE_ASM)
// The main loop (n8 blocks of 8 k) in assembly: the tile needs exactly the
// 16 xmm registers (8 accumulators, 4 rows of A, 2 weight vectors, the
// broadcast pair and a product), which GCC does not find by itself (it spills
// accumulators). xmm15 is re-zeroed before each widening, then reused.
#define Q8NN_X8C2_ROW(va, accl, acch, imm) \
  "pshufd $" #imm ", %%" va                \
  ", %%xmm14\n\t"                          \
  "movdqa %%xmm14, %%xmm15\n\t"            \
  "pmaddwd %%xmm12, %%xmm14\n\t"           \
  "paddd %%xmm14, %%" accl                 \
  "\n\t"                                   \
  "pmaddwd %%xmm13, %%xmm15\n\t"           \
  "paddd %%xmm15, %%" acch "\n\t"

// The last row multiplies into the weight vectors themselves (their last use).
#define Q8NN_X8C2_LAST_ROW(va, accl, acch, imm) \
  "pshufd $" #imm ", %%" va                     \
  ", %%xmm14\n\t"                               \
  "pmaddwd %%xmm14, %%xmm12\n\t"                \
  "paddd %%xmm12, %%" accl                      \
  "\n\t"                                        \
  "pmaddwd %%xmm14, %%xmm13\n\t"                \
  "paddd %%xmm13, %%" acch "\n\t"

// Zero-extended weights of one group into xmm12/xmm13; z holds zeros.
#define Q8NN_X8C2_WEIGHTS_Z(off, z) \
  "movdqu " #off                    \
  "(%[w]), %%xmm12\n\t"             \
  "movdqa %%xmm12, %%xmm13\n\t"     \
  "punpcklbw %%" z                  \
  ", %%xmm12\n\t"                   \
  "punpckhbw %%" z ", %%xmm13\n\t"

#define Q8NN_X8C2_WEIGHTS(off) "pxor %%xmm15, %%xmm15\n\t" Q8NN_X8C2_WEIGHTS_Z(off, "xmm15")

#define Q8NN_X8C2_GROUP4(off, imm)            \
  Q8NN_X8C2_WEIGHTS(off)                      \
  Q8NN_X8C2_ROW("xmm8", "xmm0", "xmm1", imm)  \
  Q8NN_X8C2_ROW("xmm9", "xmm2", "xmm3", imm)  \
  Q8NN_X8C2_ROW("xmm10", "xmm4", "xmm5", imm) \
  Q8NN_X8C2_LAST_ROW("xmm11", "xmm6", "xmm7", imm)

#define Q8NN_X8C2_LOAD_A(reg, ptr) \
  "movq (%[" ptr "]), %%" reg      \
  "\n\t"                           \
  "punpcklbw %%xmm15, %%" reg      \
  "\n\t"                           \
  "add $8, %[" ptr "]\n\t"

static inline void q8nn_sse2_4x8c2_loop(__m128i acc[8], const uint8_t** a0, const uint8_t** a1,
                                        const uint8_t** a2, const uint8_t** a3, size_t n8,
                                        const uint8_t** w) {
  const uint8_t *p0 = *a0, *p1 = *a1, *p2 = *a2, *p3 = *a3, *pw = *w;
  // The accumulators stay in registers across the call (no memory round trip).
  register __m128i v0 __asm__("xmm0") = acc[0];
  register __m128i v1 __asm__("xmm1") = acc[1];
  register __m128i v2 __asm__("xmm2") = acc[2];
  register __m128i v3 __asm__("xmm3") = acc[3];
  register __m128i v4 __asm__("xmm4") = acc[4];
  register __m128i v5 __asm__("xmm5") = acc[5];
  register __m128i v6 __asm__("xmm6") = acc[6];
  register __m128i v7 __asm__("xmm7") = acc[7];
  __asm__ volatile(
      "1:\n\t"
      "pxor %%xmm15, %%xmm15\n\t"
      Q8NN_X8C2_LOAD_A("xmm8", "a0") Q8NN_X8C2_LOAD_A("xmm9", "a1")
      Q8NN_X8C2_LOAD_A("xmm10", "a2") Q8NN_X8C2_LOAD_A("xmm11", "a3")
      Q8NN_X8C2_GROUP4(0, 0x00) Q8NN_X8C2_GROUP4(16, 0x55)
      Q8NN_X8C2_GROUP4(32, 0xAA) Q8NN_X8C2_GROUP4(48, 0xFF)
      "add $64, %[w]\n\t"
      "dec %[n]\n\t"
      "jnz 1b\n\t"
      : "+x"(v0), "+x"(v1), "+x"(v2), "+x"(v3), "+x"(v4), "+x"(v5), "+x"(v6), "+x"(v7),
        [a0] "+r"(p0), [a1] "+r"(p1), [a2] "+r"(p2), [a3] "+r"(p3), [w] "+r"(pw), [n] "+r"(n8)
      :
      : "cc", "memory", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
  acc[0] = v0, acc[1] = v1, acc[2] = v2, acc[3] = v3;
  acc[4] = v4, acc[5] = v5, acc[6] = v6, acc[7] = v7;
  *a0 = p0, *a1 = p1, *a2 = p2, *a3 = p3, *w = pw;
}

// The same loop with A read from a buffer of pre-broadcast pairs
// ([block of 8 k][group][row], 256 bytes per block): loads replace the
// pshufd of every (row, group), which gemm would repeat for each block of 8
// columns.
// The buffer is 16-byte aligned: pmaddwd reads the pairs from memory, and
// the last row multiplies into the weight vectors (their last use).
#define Q8NN_X8C2_BROW(off, accl, acch) \
  "movdqa %%xmm12, %%xmm14\n\t"         \
  "pmaddwd " #off                       \
  "(%[ab]), %%xmm14\n\t"                \
  "paddd %%xmm14, %%" accl              \
  "\n\t"                                \
  "movdqa %%xmm13, %%xmm15\n\t"         \
  "pmaddwd " #off                       \
  "(%[ab]), %%xmm15\n\t"                \
  "paddd %%xmm15, %%" acch "\n\t"
#define Q8NN_X8C2_BLAST_ROW(off, accl, acch) \
  "pmaddwd " #off                            \
  "(%[ab]), %%xmm12\n\t"                     \
  "paddd %%xmm12, %%" accl                   \
  "\n\t"                                     \
  "pmaddwd " #off                            \
  "(%[ab]), %%xmm13\n\t"                     \
  "paddd %%xmm13, %%" acch "\n\t"
// xmm8 holds zeros (A is not in registers here).
#define Q8NN_X8C2_BGROUP(woff, r0, r1, r2, r3) \
  Q8NN_X8C2_WEIGHTS_Z(woff, "xmm8")            \
  Q8NN_X8C2_BROW(r0, "xmm0", "xmm1")           \
  Q8NN_X8C2_BROW(r1, "xmm2", "xmm3")           \
  Q8NN_X8C2_BROW(r2, "xmm4", "xmm5")           \
  Q8NN_X8C2_BLAST_ROW(r3, "xmm6", "xmm7")

static inline void q8nn_sse2_4x8c2_bloop(__m128i acc[8], const __m128i* ab, size_t n8,
                                         const uint8_t** w) {
  const uint8_t* pw = *w;
  // The accumulators stay in registers across the call (no memory round trip).
  register __m128i v0 __asm__("xmm0") = acc[0];
  register __m128i v1 __asm__("xmm1") = acc[1];
  register __m128i v2 __asm__("xmm2") = acc[2];
  register __m128i v3 __asm__("xmm3") = acc[3];
  register __m128i v4 __asm__("xmm4") = acc[4];
  register __m128i v5 __asm__("xmm5") = acc[5];
  register __m128i v6 __asm__("xmm6") = acc[6];
  register __m128i v7 __asm__("xmm7") = acc[7];
  __asm__ volatile(
      "pxor %%xmm8, %%xmm8\n\t"
      "1:\n\t"
      Q8NN_X8C2_BGROUP(0, 0, 16, 32, 48) Q8NN_X8C2_BGROUP(16, 64, 80, 96, 112)
      Q8NN_X8C2_BGROUP(32, 128, 144, 160, 176) Q8NN_X8C2_BGROUP(48, 192, 208, 224, 240)
      "add $64, %[w]\n\t"
      "add $256, %[ab]\n\t"
      "dec %[n]\n\t"
      "jnz 1b\n\t"
      : "+x"(v0), "+x"(v1), "+x"(v2), "+x"(v3), "+x"(v4), "+x"(v5), "+x"(v6), "+x"(v7),
        [ab] "+r"(ab), [w] "+r"(pw), [n] "+r"(n8)
      :
      : "cc", "memory", "xmm8", "xmm12", "xmm13", "xmm14", "xmm15");
  acc[0] = v0, acc[1] = v1, acc[2] = v2, acc[3] = v3;
  acc[4] = v4, acc[5] = v5, acc[6] = v6, acc[7] = v7;
  *w = pw;
}

#endif  // !defined(Q8NN_NO_INLINE_ASM)

// acc[2 * r] += vs * vbl, acc[2 * r + 1] += vs * vbh for the broadcast pair vs
// of row r (the asm loops' pshufd/movdqa + pmaddwd + paddd).
#define Q8NN_X8C2_IMADD(r, vs)                                        \
  do {                                                                \
    const __m128i vs_ = (vs);                                         \
    vacc##r##l = _mm_add_epi32(vacc##r##l, _mm_madd_epi16(vs_, vbl)); \
    vacc##r##h = _mm_add_epi32(vacc##r##h, _mm_madd_epi16(vs_, vbh)); \
  } while (0)

// The zero-extended weights of group g (16 bytes at pw + 16 * g), no kzp.
#define Q8NN_X8C2_IWEIGHTS(g)                                          \
  const __m128i vb = _mm_loadu_si128((const __m128i*)(pw + 16 * (g))); \
  const __m128i vbl = _mm_unpacklo_epi8(vb, vzero);                    \
  const __m128i vbh = _mm_unpackhi_epi8(vb, vzero)

#define Q8NN_X8C2_IGROUP(g)                               \
  do {                                                    \
    Q8NN_X8C2_IWEIGHTS(g);                                \
    Q8NN_X8C2_IMADD(0, _mm_shuffle_epi32(va0, (g)*0x55)); \
    Q8NN_X8C2_IMADD(1, _mm_shuffle_epi32(va1, (g)*0x55)); \
    Q8NN_X8C2_IMADD(2, _mm_shuffle_epi32(va2, (g)*0x55)); \
    Q8NN_X8C2_IMADD(3, _mm_shuffle_epi32(va3, (g)*0x55)); \
  } while (0)

#define Q8NN_X8C2_IBGROUP(g)             \
  do {                                   \
    Q8NN_X8C2_IWEIGHTS(g);               \
    Q8NN_X8C2_IMADD(0, ab[4 * (g)]);     \
    Q8NN_X8C2_IMADD(1, ab[4 * (g) + 1]); \
    Q8NN_X8C2_IMADD(2, ab[4 * (g) + 2]); \
    Q8NN_X8C2_IMADD(3, ab[4 * (g) + 3]); \
  } while (0)

// q8nn_sse2_4x8c2_loop in intrinsics (same inputs, outputs and arithmetic):
// the readable reference of the asm loop, and the loop of Q8NN_NO_INLINE_ASM
// builds. n8 >= 1.
static inline void q8nn_sse2_4x8c2_loop_intrinsics(__m128i acc[8], const uint8_t** a0,
                                                   const uint8_t** a1, const uint8_t** a2,
                                                   const uint8_t** a3, size_t n8,
                                                   const uint8_t** w) {
  const uint8_t *p0 = *a0, *p1 = *a1, *p2 = *a2, *p3 = *a3, *pw = *w;
  const __m128i vzero = _mm_setzero_si128();
  __m128i vacc0l = acc[0], vacc0h = acc[1], vacc1l = acc[2], vacc1h = acc[3];
  __m128i vacc2l = acc[4], vacc2h = acc[5], vacc3l = acc[6], vacc3h = acc[7];
  do {
    const __m128i va0 = _mm_unpacklo_epi8(q8nn_sse2_load8(p0), vzero);
    const __m128i va1 = _mm_unpacklo_epi8(q8nn_sse2_load8(p1), vzero);
    const __m128i va2 = _mm_unpacklo_epi8(q8nn_sse2_load8(p2), vzero);
    const __m128i va3 = _mm_unpacklo_epi8(q8nn_sse2_load8(p3), vzero);
    p0 += 8, p1 += 8, p2 += 8, p3 += 8;
    Q8NN_X8C2_IGROUP(0);
    Q8NN_X8C2_IGROUP(1);
    Q8NN_X8C2_IGROUP(2);
    Q8NN_X8C2_IGROUP(3);
    pw += 64;
  } while (--n8 != 0);
  acc[0] = vacc0l, acc[1] = vacc0h, acc[2] = vacc1l, acc[3] = vacc1h;
  acc[4] = vacc2l, acc[5] = vacc2h, acc[6] = vacc3l, acc[7] = vacc3h;
  *a0 = p0, *a1 = p1, *a2 = p2, *a3 = p3, *w = pw;
}

// q8nn_sse2_4x8c2_bloop in intrinsics (ab: [block][group][row] broadcast
// pairs, 16 vectors per block). n8 >= 1.
static inline void q8nn_sse2_4x8c2_bloop_intrinsics(__m128i acc[8], const __m128i* ab, size_t n8,
                                                    const uint8_t** w) {
  const uint8_t* pw = *w;
  const __m128i vzero = _mm_setzero_si128();
  __m128i vacc0l = acc[0], vacc0h = acc[1], vacc1l = acc[2], vacc1h = acc[3];
  __m128i vacc2l = acc[4], vacc2h = acc[5], vacc3l = acc[6], vacc3h = acc[7];
  do {
    Q8NN_X8C2_IBGROUP(0);
    Q8NN_X8C2_IBGROUP(1);
    Q8NN_X8C2_IBGROUP(2);
    Q8NN_X8C2_IBGROUP(3);
    pw += 64, ab += 16;
  } while (--n8 != 0);
  acc[0] = vacc0l, acc[1] = vacc0h, acc[2] = vacc1l, acc[3] = vacc1h;
  acc[4] = vacc2l, acc[5] = vacc2h, acc[6] = vacc3l, acc[7] = vacc3h;
  *w = pw;
}

#undef Q8NN_X8C2_IBGROUP
#undef Q8NN_X8C2_IGROUP
#undef Q8NN_X8C2_IWEIGHTS
#undef Q8NN_X8C2_IMADD

// The main loops of the dispatch-table kernels.
#if defined(Q8NN_NO_INLINE_ASM)
#define Q8NN_SSE2_4X8C2_LOOP q8nn_sse2_4x8c2_loop_intrinsics
#define Q8NN_SSE2_4X8C2_BLOOP q8nn_sse2_4x8c2_bloop_intrinsics
#else
#define Q8NN_SSE2_4X8C2_LOOP q8nn_sse2_4x8c2_loop
#define Q8NN_SSE2_4X8C2_BLOOP q8nn_sse2_4x8c2_bloop
#endif

// Blocks of 8 k of gemm's A the broadcast buffer holds at most (30 KiB of
// stack; kc <= 960 covers MobileNet's 1x1 layers). Longer rows use the pshufd loop.
#define Q8NN_X8C2_MAX_BLOCKS 120

// Taps of igemm's short-row broadcast buffer (16 KiB).
#define Q8NN_X8C2_MAX_TAPS 64

// igemm with short rows (kc < 8, e.g. a first layer's 3 input channels) and
// several blocks of columns: A is broadcast once per call for all blocks, as
// pairs in the order the blocks consume them. For odd kc, the half-empty
// last pairs of taps t and t + 1 ((a_t[kc - 1], 0) and (a_t1[kc - 1], 0))
// are merged into one pair (a_t[kc - 1], a_t1[kc - 1]), and their weights
// likewise, so that no pmaddwd multiplies padding (3 input channels and 9
// taps: 14 pairs instead of 18). The kernel zero point is not subtracted
// from the weights: -kzp * sum_k a_r[k] is in vsum (lanes past kc are zero,
// and the packing's padding weights then multiply zeros).
//
// Fills buf ([tap pair][full pairs of t][full pairs of t + 1][merged pair]
// x 4 rows) and adds each row's byte sum over every tap to vsum[r].
static inline __attribute__((always_inline)) void q8nn_sse2_x8c2_short_broadcast_kc(
    __m128i* buf, __m128i vsum[4], const uint8_t** a, size_t kc, size_t ks, size_t input_offset,
    const uint8_t* zero) {
  const __m128i vzero = _mm_setzero_si128();
  const size_t full = kc / 2;
  for (size_t t = 0; t < ks; t += 2) {
    const int two = t + 1 < ks;
    __m128i* b1 = buf + 4 * full;                     // pairs of tap t + 1
    __m128i* bm = buf + (two ? 8 * full : 4 * full);  // merged pair
    for (size_t r = 0; r < 4; r++) {
      const __m128i vr =
          q8nn_sse2_load_tail(q8nn_sse2_indirect_row(a[t * 4 + r], input_offset, zero), kc, 0);
      vsum[r] = _mm_add_epi64(vsum[r], _mm_sad_epu8(vr, vzero));
      const __m128i va = _mm_unpacklo_epi8(vr, vzero);
      __m128i va1 = vzero;
      if (two) {
        const __m128i vr1 = q8nn_sse2_load_tail(
            q8nn_sse2_indirect_row(a[t * 4 + 4 + r], input_offset, zero), kc, 0);
        vsum[r] = _mm_add_epi64(vsum[r], _mm_sad_epu8(vr1, vzero));
        va1 = _mm_unpacklo_epi8(vr1, vzero);
      }
      // Pair g of each row in every 32-bit lane (kc < 8: at most 4 pairs).
      __m128i vs[4], vs1[4];
      vs[0] = _mm_shuffle_epi32(va, 0x00), vs1[0] = _mm_shuffle_epi32(va1, 0x00);
      vs[1] = _mm_shuffle_epi32(va, 0x55), vs1[1] = _mm_shuffle_epi32(va1, 0x55);
      vs[2] = _mm_shuffle_epi32(va, 0xAA), vs1[2] = _mm_shuffle_epi32(va1, 0xAA);
      vs[3] = _mm_shuffle_epi32(va, 0xFF), vs1[3] = _mm_shuffle_epi32(va1, 0xFF);
      for (size_t g = 0; g < full; g++) buf[4 * g + r] = vs[g];
      if (two) {
        for (size_t g = 0; g < full; g++) b1[4 * g + r] = vs1[g];
      }
      // Pair `full` holds (a_t[kc - 1], 0): merge a_t1[kc - 1] into its zero.
      if (kc & 1) bm[r] = _mm_or_si128(vs[full], _mm_slli_epi32(vs1[full], 16));
    }
    buf = bm + ((kc & 1) ? 4 : 0);
  }
}

// acc[2 * r] += vs[r] * (low 4 columns of the pairs vb), acc[2 * r + 1] the
// high 4, for the 4 rows' broadcast pairs vs[0..3].
#define Q8NN_X8C2_SHORT_MADD_INTRINSICS(vb, vs)                   \
  do {                                                            \
    const __m128i vbl = _mm_unpacklo_epi8(vb, vzero);             \
    const __m128i vbh = _mm_unpackhi_epi8(vb, vzero);             \
    vacc0l = _mm_add_epi32(vacc0l, _mm_madd_epi16((vs)[0], vbl)); \
    vacc0h = _mm_add_epi32(vacc0h, _mm_madd_epi16((vs)[0], vbh)); \
    vacc1l = _mm_add_epi32(vacc1l, _mm_madd_epi16((vs)[1], vbl)); \
    vacc1h = _mm_add_epi32(vacc1h, _mm_madd_epi16((vs)[1], vbh)); \
    vacc2l = _mm_add_epi32(vacc2l, _mm_madd_epi16((vs)[2], vbl)); \
    vacc2h = _mm_add_epi32(vacc2h, _mm_madd_epi16((vs)[2], vbh)); \
    vacc3l = _mm_add_epi32(vacc3l, _mm_madd_epi16((vs)[3], vbl)); \
    vacc3h = _mm_add_epi32(vacc3h, _mm_madd_epi16((vs)[3], vbh)); \
  } while (0)

#if defined(Q8NN_NO_INLINE_ASM)
#define Q8NN_X8C2_SHORT_MADD_ASM Q8NN_X8C2_SHORT_MADD_INTRINSICS
#else
// The same in assembly: GCC reassociates the intrinsics' sums across pairs
// and spills accumulators. pmaddwd reads the (aligned) buffer from memory.
#define Q8NN_X8C2_SHORT_ROW(off, accl, acch) \
  "movdqa %[wl], %[t]\n\t"                   \
  "pmaddwd " #off                            \
  "(%[s]), %[t]\n\t"                         \
  "paddd %[t], %[" accl                      \
  "]\n\t"                                    \
  "movdqa %[wh], %[t]\n\t"                   \
  "pmaddwd " #off                            \
  "(%[s]), %[t]\n\t"                         \
  "paddd %[t], %[" acch "]\n\t"
#define Q8NN_X8C2_SHORT_MADD_ASM(vb, vs)                                                    \
  do {                                                                                      \
    __m128i vwl = (vb), vwh, vt;                                                            \
    __asm__(                                                                              \
        "movdqa %[wl], %[wh]\n\t"                                                         \
        "punpcklbw %[z], %[wl]\n\t"                                                       \
        "punpckhbw %[z], %[wh]\n\t"                                                       \
        Q8NN_X8C2_SHORT_ROW(0, "a0l", "a0h")                                              \
        Q8NN_X8C2_SHORT_ROW(16, "a1l", "a1h")                                             \
        Q8NN_X8C2_SHORT_ROW(32, "a2l", "a2h")                                             \
        "pmaddwd 48(%[s]), %[wl]\n\t"                                                     \
        "paddd %[wl], %[a3l]\n\t"                                                         \
        "pmaddwd 48(%[s]), %[wh]\n\t"                                                     \
        "paddd %[wh], %[a3h]\n\t"                                                         \
        : [a0l] "+x"(vacc0l), [a0h] "+x"(vacc0h), [a1l] "+x"(vacc1l), [a1h] "+x"(vacc1h), \
          [a2l] "+x"(vacc2l), [a2h] "+x"(vacc2h), [a3l] "+x"(vacc3l), [a3h] "+x"(vacc3h), \
          [wl] "+x"(vwl), [wh] "=&x"(vwh), [t] "=&x"(vt)                                  \
        : [s] "r"(vs), [z] "x"(vzero)                                                     \
        : "memory"); \
  } while (0)
#endif

// The asm or the intrinsics form (use_asm, a constant).
#define Q8NN_X8C2_SHORT_MADD(vb, vs)           \
  do {                                         \
    if (use_asm) {                             \
      Q8NN_X8C2_SHORT_MADD_ASM(vb, vs);        \
    } else {                                   \
      Q8NN_X8C2_SHORT_MADD_INTRINSICS(vb, vs); \
    }                                          \
  } while (0)

// Adds one block of 8 columns over the buffer of
// q8nn_sse2_x8c2_short_broadcast (weights not less kzp); returns the end of
// the block's panel.
static inline __attribute__((always_inline)) const uint8_t* q8nn_sse2_x8c2_short_block_kc(
    __m128i acc[8], const __m128i* buf, const uint8_t* w, size_t kc, size_t ks, int use_asm) {
  const __m128i vzero = _mm_setzero_si128();
  const __m128i vlow = _mm_set1_epi16(0x00FF);
  const size_t full = kc / 2;
  const size_t tap_bytes = (kc + 1) / 2 * 16;
  __m128i vacc0l = acc[0], vacc0h = acc[1], vacc1l = acc[2], vacc1h = acc[3];
  __m128i vacc2l = acc[4], vacc2h = acc[5], vacc3l = acc[6], vacc3h = acc[7];
  for (size_t t = 0; t < ks; t += 2) {
    const int two = t + 1 < ks;
    for (size_t g = 0; g < full; g++, buf += 4) {
      Q8NN_X8C2_SHORT_MADD(_mm_loadu_si128((const __m128i*)(w + 16 * g)), buf);
    }
    if (two) {
      for (size_t g = 0; g < full; g++, buf += 4) {
        Q8NN_X8C2_SHORT_MADD(_mm_loadu_si128((const __m128i*)(w + tap_bytes + 16 * g)), buf);
      }
    }
    if (kc & 1) {
      // Pairs [w_t, padding] of tap t and t + 1: [w_t, w_t1] (or the padding
      // alone, which multiplies zeros, for a last tap without a partner).
      __m128i vb = _mm_loadu_si128((const __m128i*)(w + 16 * full));
      if (two) {
        const __m128i vb1 = _mm_loadu_si128((const __m128i*)(w + tap_bytes + 16 * full));
        vb = _mm_or_si128(_mm_and_si128(vb, vlow), _mm_slli_epi16(vb1, 8));
      }
      Q8NN_X8C2_SHORT_MADD(vb, buf);
      buf += 4;
    }
    w += two ? 2 * tap_bytes : tap_bytes;
  }
  acc[0] = vacc0l, acc[1] = vacc0h, acc[2] = vacc1l, acc[3] = vacc1h;
  acc[4] = vacc2l, acc[5] = vacc2h, acc[6] = vacc3l, acc[7] = vacc3h;
  return w;
}

#undef Q8NN_X8C2_SHORT_MADD
#undef Q8NN_X8C2_SHORT_MADD_ASM
#undef Q8NN_X8C2_SHORT_ROW
#undef Q8NN_X8C2_SHORT_MADD_INTRINSICS

// The two functions above with kc a constant (unrolled pair loops, fixed-size loads).
#define Q8NN_X8C2_SHORT_KC(call) \
  switch (kc) {                  \
    case 1:                      \
      call(1);                   \
      break;                     \
    case 2:                      \
      call(2);                   \
      break;                     \
    case 3:                      \
      call(3);                   \
      break;                     \
    case 4:                      \
      call(4);                   \
      break;                     \
    case 5:                      \
      call(5);                   \
      break;                     \
    case 6:                      \
      call(6);                   \
      break;                     \
    default:                     \
      call(7);                   \
      break;                     \
  }

static inline void q8nn_sse2_x8c2_short_broadcast(__m128i* buf, __m128i vsum[4], const uint8_t** a,
                                                  size_t kc, size_t ks, size_t input_offset,
                                                  const uint8_t* zero) {
#define Q8NN_X8C2_SHORT_CALL(k) \
  q8nn_sse2_x8c2_short_broadcast_kc(buf, vsum, a, k, ks, input_offset, zero)
  Q8NN_X8C2_SHORT_KC(Q8NN_X8C2_SHORT_CALL)
#undef Q8NN_X8C2_SHORT_CALL
}

static inline __attribute__((always_inline)) const uint8_t* q8nn_sse2_x8c2_short_block(
    __m128i acc[8], const __m128i* buf, const uint8_t* w, size_t kc, size_t ks, int use_asm) {
#define Q8NN_X8C2_SHORT_CALL(k) w = q8nn_sse2_x8c2_short_block_kc(acc, buf, w, k, ks, use_asm)
  Q8NN_X8C2_SHORT_KC(Q8NN_X8C2_SHORT_CALL)
#undef Q8NN_X8C2_SHORT_CALL
  return w;
}

#undef Q8NN_X8C2_SHORT_KC

// Fills buf with the broadcast pairs of the n8 blocks of rows a0..a3.
static inline void q8nn_sse2_x8c2_broadcast(__m128i* buf, const uint8_t* a0, const uint8_t* a1,
                                            const uint8_t* a2, const uint8_t* a3, size_t n8) {
  const __m128i vzero = _mm_setzero_si128();
  const uint8_t* rows[4] = {a0, a1, a2, a3};
  for (size_t b = 0; b < n8; b++, buf += 16) {
    for (size_t r = 0; r < 4; r++) {
      const __m128i va = _mm_unpacklo_epi8(q8nn_sse2_load8(rows[r] + 8 * b), vzero);
      buf[r] = _mm_shuffle_epi32(va, 0x00);
      buf[4 + r] = _mm_shuffle_epi32(va, 0x55);
      buf[8 + r] = _mm_shuffle_epi32(va, 0xAA);
      buf[12 + r] = _mm_shuffle_epi32(va, 0xFF);
    }
  }
}

#define Q8NN_X8C2_MADD(r, g)                                         \
  do {                                                               \
    const __m128i vs = _mm_shuffle_epi32(va##r, (g)*0x55);           \
    vacc##r##l = _mm_add_epi32(vacc##r##l, _mm_madd_epi16(vs, vbl)); \
    vacc##r##h = _mm_add_epi32(vacc##r##h, _mm_madd_epi16(vs, vbh)); \
  } while (0)

// One group of 2 k for 8 channels: 16 weight bytes at wg.
#define Q8NN_X8C2_GROUP(g, wg)                                             \
  do {                                                                     \
    const __m128i vb = _mm_loadu_si128((const __m128i*)(wg));              \
    const __m128i vbl = _mm_sub_epi16(_mm_unpacklo_epi8(vb, vzero), vkzp); \
    const __m128i vbh = _mm_sub_epi16(_mm_unpackhi_epi8(vb, vzero), vkzp); \
    Q8NN_X8C2_MADD(0, g);                                                  \
    Q8NN_X8C2_MADD(1, g);                                                  \
    Q8NN_X8C2_MADD(2, g);                                                  \
    Q8NN_X8C2_MADD(3, g);                                                  \
  } while (0)

// The last k % 8 (1..7) of rows that have `before` bytes before a_r:
// acc += sum_k a_r[k] * (w[k] - kzp) (so the row sums only cover blocks of
// 8 k); returns the end of the panel.
static inline const uint8_t* q8nn_sse2_x8c2_tail(__m128i acc[8], const uint8_t* a0,
                                                 const uint8_t* a1, const uint8_t* a2,
                                                 const uint8_t* a3, size_t k, size_t before,
                                                 const uint8_t* w, __m128i vkzp) {
  const __m128i vzero = _mm_setzero_si128();
  __m128i vacc0l = acc[0], vacc0h = acc[1], vacc1l = acc[2], vacc1h = acc[3];
  __m128i vacc2l = acc[4], vacc2h = acc[5], vacc3l = acc[6], vacc3h = acc[7];
  // Lanes past k read zeros (and padding weights are kzp).
  const __m128i va0 = _mm_unpacklo_epi8(q8nn_sse2_load_tail(a0, k, before), vzero);
  const __m128i va1 = _mm_unpacklo_epi8(q8nn_sse2_load_tail(a1, k, before), vzero);
  const __m128i va2 = _mm_unpacklo_epi8(q8nn_sse2_load_tail(a2, k, before), vzero);
  const __m128i va3 = _mm_unpacklo_epi8(q8nn_sse2_load_tail(a3, k, before), vzero);
  Q8NN_X8C2_GROUP(0, w);
  if (k > 2) {
    Q8NN_X8C2_GROUP(1, w + 16);
    if (k > 4) {
      Q8NN_X8C2_GROUP(2, w + 32);
      if (k > 6) Q8NN_X8C2_GROUP(3, w + 48);
    }
  }
  acc[0] = vacc0l, acc[1] = vacc0h, acc[2] = vacc1l, acc[3] = vacc1h;
  acc[4] = vacc2l, acc[5] = vacc2h, acc[6] = vacc3l, acc[7] = vacc3h;
  return w + (k + 1) / 2 * 16;
}

#undef Q8NN_X8C2_GROUP
#undef Q8NN_X8C2_MADD

// Biases plus each row's zero point correction.
static inline const uint8_t* q8nn_sse2_x8_init(__m128i acc[8], const uint8_t* w,
                                               const __m128i vcorr[4]) {
  const __m128i vbl = _mm_loadu_si128((const __m128i*)w);
  const __m128i vbh = _mm_loadu_si128((const __m128i*)(w + 16));
  for (int r = 0; r < 4; r++) {
    acc[2 * r] = _mm_add_epi32(vbl, vcorr[r]);
    acc[2 * r + 1] = _mm_add_epi32(vbh, vcorr[r]);
  }
  return w + 32;
}

// Requantizes and stores the first n (<= 8) columns of rows 3 down to 0
// (inlined with the next function: once per block of 8 columns, measured
// ~0.5% faster on MobileNetV2).
static inline __attribute__((always_inline)) void q8nn_sse2_x8_store(
    const __m128i acc[8], size_t n, uint8_t* c0, uint8_t* c1, uint8_t* c2, uint8_t* c3,
    const struct q8nn_sse2_conv* p) {
  __m128i vq[8];
  for (int i = 0; i < 8; i++) vq[i] = q8nn_sse2_u8_round(acc[i], p->scale, &p->u8);
  const __m128i vout01 = q8nn_sse2_u8_pack8(q8nn_sse2_u8_pack16(vq[0], vq[1], &p->u8),
                                            q8nn_sse2_u8_pack16(vq[2], vq[3], &p->u8), &p->u8);
  const __m128i vout23 = q8nn_sse2_u8_pack8(q8nn_sse2_u8_pack16(vq[4], vq[5], &p->u8),
                                            q8nn_sse2_u8_pack16(vq[6], vq[7], &p->u8), &p->u8);
  if (n == 8) {
    _mm_storel_epi64((__m128i*)c3, _mm_srli_si128(vout23, 8));
    _mm_storel_epi64((__m128i*)c2, vout23);
    _mm_storel_epi64((__m128i*)c1, _mm_srli_si128(vout01, 8));
    _mm_storel_epi64((__m128i*)c0, vout01);
  } else {
    q8nn_sse2_store_tail(c3, _mm_srli_si128(vout23, 8), n);
    q8nn_sse2_store_tail(c2, vout23, n);
    q8nn_sse2_store_tail(c1, _mm_srli_si128(vout01, 8), n);
    q8nn_sse2_store_tail(c0, vout01, n);
  }
}

// Stores the next block of up to 8 columns and moves past it.
static inline __attribute__((always_inline)) void q8nn_sse2_x8_store_next(
    const __m128i acc[8], size_t* nc, uint8_t** c0, uint8_t** c1, uint8_t** c2, uint8_t** c3,
    const struct q8nn_sse2_conv* p) {
  const size_t n = *nc < 8 ? *nc : 8;
  q8nn_sse2_x8_store(acc, n, *c0, *c1, *c2, *c3, p);
  *c0 += 8, *c1 += 8, *c2 += 8, *c3 += 8;
  *nc -= n;
}

// acc_l/acc_h += pair g of va (broadcast) times the 8 columns of the
// zero-extended weight bytes vb, less vkzp.
#define Q8NN_X1C2_GROUP(g, vb, vkzp)                                       \
  do {                                                                     \
    const __m128i vs = _mm_shuffle_epi32(va, (g)*0x55);                    \
    const __m128i vbl = _mm_sub_epi16(_mm_unpacklo_epi8(vb, vzero), vkzp); \
    const __m128i vbh = _mm_sub_epi16(_mm_unpackhi_epi8(vb, vzero), vkzp); \
    vaccl = _mm_add_epi32(vaccl, _mm_madd_epi16(vs, vbl));                 \
    vacch = _mm_add_epi32(vacch, _mm_madd_epi16(vs, vbh));                 \
  } while (0)

// gemm with mr = 1 (e.g. a batch-1 fully connected layer): one row, so no
// work for the 3 duplicated rows of the 4x8 tile. vcorr is the row's zero
// point correction (its byte sum over the blocks of 8 k).
static inline void q8nn_sse2_gemm_1x8c2(size_t nc, size_t kc, const uint8_t* a, const uint8_t* w,
                                        uint8_t* c, __m128i vcorr, const struct q8nn_sse2_conv* p) {
  const __m128i vzero = _mm_setzero_si128();
  const size_t k8 = kc & ~(size_t)7;
  const size_t kt = kc - k8;
  while (nc != 0) {
    __m128i vaccl = _mm_add_epi32(_mm_loadu_si128((const __m128i*)w), vcorr);
    __m128i vacch = _mm_add_epi32(_mm_loadu_si128((const __m128i*)(w + 16)), vcorr);
    w += 32;
    for (size_t k = 0; k < k8; k += 8, w += 64) {
      const __m128i va = _mm_unpacklo_epi8(q8nn_sse2_load8(a + k), vzero);
      Q8NN_X1C2_GROUP(0, _mm_loadu_si128((const __m128i*)w), vzero);
      Q8NN_X1C2_GROUP(1, _mm_loadu_si128((const __m128i*)(w + 16)), vzero);
      Q8NN_X1C2_GROUP(2, _mm_loadu_si128((const __m128i*)(w + 32)), vzero);
      Q8NN_X1C2_GROUP(3, _mm_loadu_si128((const __m128i*)(w + 48)), vzero);
    }
    if (kt != 0) {
      // Lanes past kt read zeros; these weights are less kzp (vcorr skips them).
      const __m128i va = _mm_unpacklo_epi8(q8nn_sse2_load_tail(a + k8, kt, k8), vzero);
      Q8NN_X1C2_GROUP(0, _mm_loadu_si128((const __m128i*)w), p->kzp);
      if (kt > 2) Q8NN_X1C2_GROUP(1, _mm_loadu_si128((const __m128i*)(w + 16)), p->kzp);
      if (kt > 4) Q8NN_X1C2_GROUP(2, _mm_loadu_si128((const __m128i*)(w + 32)), p->kzp);
      if (kt > 6) Q8NN_X1C2_GROUP(3, _mm_loadu_si128((const __m128i*)(w + 48)), p->kzp);
      w += (kt + 1) / 2 * 16;
    }
    const __m128i vq = q8nn_sse2_u8_pack16(q8nn_sse2_u8_round(vaccl, p->scale, &p->u8),
                                           q8nn_sse2_u8_round(vacch, p->scale, &p->u8), &p->u8);
    const __m128i vout = q8nn_sse2_u8_pack8(vq, vq, &p->u8);
    if (nc >= 8) {
      _mm_storel_epi64((__m128i*)c, vout);
      c += 8, nc -= 8;
    } else {
      q8nn_sse2_store_tail(c, vout, nc);
      nc = 0;
    }
  }
}

#undef Q8NN_X1C2_GROUP

// The kernel bodies, instantiated by each kernel file with the main loops
// `loop` and `bloop` and short_asm (1: the asm pairs of igemm's short-row
// path) (Q8NN_SSE2_4X8C2_LOOP/BLOOP and 1 for the dispatch-table kernels,
// the _intrinsics loops and 0 for the _ref ones): defines
// q8nn_sse2_x8c2_accumulate_<variant>, q8nn_sse2_gemm_4x8c2_<variant> and
// q8nn_sse2_igemm_4x8c2_<variant> (a kernel file uses one of the two; both are
// marked unused for clang's -Wunused-function).
#define Q8NN_SSE2_4X8C2_DEFINE(variant, loop, bloop, short_asm)                                   \
  /* acc[2 * r] holds channels 0-3 of row r, acc[2 * r + 1] channels 4-7; adds */                 \
  /* sum_k a_r[k] * w[k] over the blocks of 8 k and sum_k a_r[k] * (w[k] - kzp) */                \
  /* over the last kc % 8, and returns the end of the panel. */                                   \
  static inline const uint8_t* q8nn_sse2_x8c2_accumulate_##variant(                               \
      __m128i acc[8], const uint8_t* a0, const uint8_t* a1, const uint8_t* a2, const uint8_t* a3, \
      size_t kc, const uint8_t* w, __m128i vkzp) {                                                \
    if (kc >= 8) loop(acc, &a0, &a1, &a2, &a3, kc / 8, &w);                                       \
    if (kc % 8 != 0)                                                                              \
      w = q8nn_sse2_x8c2_tail(acc, a0, a1, a2, a3, kc % 8, kc & ~(size_t)7, w, vkzp);             \
    return w;                                                                                     \
  }                                                                                               \
                                                                                                  \
  __attribute__((unused)) static inline void q8nn_sse2_gemm_4x8c2_##variant(                      \
      size_t mr, size_t nc, size_t kc, const uint8_t* a, size_t a_stride, const void* w,          \
      uint8_t* c, size_t cm_stride, const struct q8nn_conv_params* params) {                      \
    const struct q8nn_sse2_conv p = q8nn_sse2_conv_init(params);                                  \
    /* Missing rows duplicate the row above (same reads, same stores). */                         \
    const uint8_t* a0 = a;                                                                        \
    const uint8_t* a1 = mr > 1 ? a0 + a_stride : a0;                                              \
    const uint8_t* a2 = mr > 2 ? a1 + a_stride : a1;                                              \
    const uint8_t* a3 = mr > 3 ? a2 + a_stride : a2;                                              \
    uint8_t* c0 = c;                                                                              \
    uint8_t* c1 = mr > 1 ? c0 + cm_stride : c0;                                                   \
    uint8_t* c2 = mr > 2 ? c1 + cm_stride : c1;                                                   \
    uint8_t* c3 = mr > 3 ? c2 + cm_stride : c2;                                                   \
    const __m128i vzero = _mm_setzero_si128();                                                    \
    __m128i vcorr[4];                                                                             \
    vcorr[0] = q8nn_sse2_zp_correction(q8nn_sse2_row_sum(vzero, a0, kc), params);                 \
    if (mr == 1) {                                                                                \
      q8nn_sse2_gemm_1x8c2(nc, kc, a0, (const uint8_t*)w, c0, vcorr[0], &p);                      \
      return;                                                                                     \
    }                                                                                             \
    vcorr[1] = q8nn_sse2_zp_correction(q8nn_sse2_row_sum(vzero, a1, kc), params);                 \
    vcorr[2] = q8nn_sse2_zp_correction(q8nn_sse2_row_sum(vzero, a2, kc), params);                 \
    vcorr[3] = q8nn_sse2_zp_correction(q8nn_sse2_row_sum(vzero, a3, kc), params);                 \
    const uint8_t* wp = (const uint8_t*)w;                                                        \
    const size_t n8 = kc / 8;                                                                     \
    if (nc > 8 && n8 != 0 && n8 <= Q8NN_X8C2_MAX_BLOCKS) {                                        \
      /* Several blocks of columns: broadcast A once for all of them. */                          \
      __m128i buf[Q8NN_X8C2_MAX_BLOCKS * 16];                                                     \
      q8nn_sse2_x8c2_broadcast(buf, a0, a1, a2, a3, n8);                                          \
      const size_t k8 = n8 * 8;                                                                   \
      while (nc != 0) {                                                                           \
        __m128i acc[8];                                                                           \
        wp = q8nn_sse2_x8_init(acc, wp, vcorr);                                                   \
        bloop(acc, buf, n8, &wp);                                                                 \
        if (kc != k8) {                                                                           \
          wp = q8nn_sse2_x8c2_tail(acc, a0 + k8, a1 + k8, a2 + k8, a3 + k8, kc - k8, k8, wp,      \
                                   p.kzp);                                                        \
        }                                                                                         \
        q8nn_sse2_x8_store_next(acc, &nc, &c0, &c1, &c2, &c3, &p);                                \
      }                                                                                           \
      return;                                                                                     \
    }                                                                                             \
    while (nc != 0) {                                                                             \
      __m128i acc[8];                                                                             \
      wp = q8nn_sse2_x8_init(acc, wp, vcorr);                                                     \
      wp = q8nn_sse2_x8c2_accumulate_##variant(acc, a0, a1, a2, a3, kc, wp, p.kzp);               \
      q8nn_sse2_x8_store_next(acc, &nc, &c0, &c1, &c2, &c3, &p);                                  \
    }                                                                                             \
  }                                                                                               \
                                                                                                  \
  __attribute__((unused)) static inline void q8nn_sse2_igemm_4x8c2_##variant(                     \
      size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a, const void* w, uint8_t* c,   \
      size_t cm_stride, size_t input_offset, const uint8_t* zero,                                 \
      const struct q8nn_conv_params* params) {                                                    \
    const struct q8nn_sse2_conv p = q8nn_sse2_conv_init(params);                                  \
    uint8_t* c0 = c;                                                                              \
    uint8_t* c1 = mr > 1 ? c0 + cm_stride : c0;                                                   \
    uint8_t* c2 = mr > 2 ? c1 + cm_stride : c1;                                                   \
    uint8_t* c3 = mr > 3 ? c2 + cm_stride : c2;                                                   \
    /* Rows past mr are readable (ukernels.h); their sums are never stored. */                    \
    const __m128i vzero = _mm_setzero_si128();                                                    \
    __m128i vsum[4] = {vzero, vzero, vzero, vzero};                                               \
    __m128i vcorr[4];                                                                             \
    const uint8_t* wp = (const uint8_t*)w;                                                        \
    if (kc < 8 && nc > 8 && ks <= Q8NN_X8C2_MAX_TAPS) {                                           \
      /* Short rows (e.g. 3 input channels) and several blocks of columns: */                     \
      /* broadcast A once for all blocks, with merged pairs for odd kc. */                        \
      __m128i buf[Q8NN_X8C2_MAX_TAPS * 16];                                                       \
      q8nn_sse2_x8c2_short_broadcast(buf, vsum, a, kc, ks, input_offset, zero);                   \
      for (int r = 0; r < 4; r++) vcorr[r] = q8nn_sse2_zp_correction(vsum[r], params);            \
      while (nc != 0) {                                                                           \
        __m128i acc[8];                                                                           \
        wp = q8nn_sse2_x8_init(acc, wp, vcorr);                                                   \
        wp = q8nn_sse2_x8c2_short_block(acc, buf, wp, kc, ks, short_asm);                         \
        q8nn_sse2_x8_store_next(acc, &nc, &c0, &c1, &c2, &c3, &p);                                \
      }                                                                                           \
      return;                                                                                     \
    }                                                                                             \
    for (size_t t = 0; t < ks; t++) {                                                             \
      const uint8_t* const* at = a + t * 4;                                                       \
      for (int r = 0; r < 4; r++) {                                                               \
        vsum[r] =                                                                                 \
            q8nn_sse2_row_sum(vsum[r], q8nn_sse2_indirect_row(at[r], input_offset, zero), kc);    \
      }                                                                                           \
    }                                                                                             \
    for (int r = 0; r < 4; r++) vcorr[r] = q8nn_sse2_zp_correction(vsum[r], params);              \
    while (nc != 0) {                                                                             \
      __m128i acc[8];                                                                             \
      wp = q8nn_sse2_x8_init(acc, wp, vcorr);                                                     \
      for (size_t t = 0; t < ks; t++) {                                                           \
        const uint8_t* const* at = a + t * 4;                                                     \
        const uint8_t* a0 = q8nn_sse2_indirect_row(at[0], input_offset, zero);                    \
        const uint8_t* a1 = q8nn_sse2_indirect_row(at[1], input_offset, zero);                    \
        const uint8_t* a2 = q8nn_sse2_indirect_row(at[2], input_offset, zero);                    \
        const uint8_t* a3 = q8nn_sse2_indirect_row(at[3], input_offset, zero);                    \
        wp = q8nn_sse2_x8c2_accumulate_##variant(acc, a0, a1, a2, a3, kc, wp, p.kzp);             \
      }                                                                                           \
      q8nn_sse2_x8_store_next(acc, &nc, &c0, &c1, &c2, &c3, &p);                                  \
    }                                                                                             \
  }
