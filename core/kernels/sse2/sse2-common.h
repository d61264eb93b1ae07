// Helpers shared by the SSE2 kernels: partial loads that never read outside a
// row, and the fp32 output rule on 4 lanes.
#pragma once

#include <emmintrin.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/params.h"

// Loads bytes p[0..n) (n in [1, 8]) into the low lanes, zeros above. `before`
// bytes before p belong to the same row: if n + before >= 8, one 8-byte load
// ending at p + n, shifted down; else a byte copy (rows shorter than 8).
static inline __m128i q8nn_sse2_load_tail(const uint8_t* p, size_t n, size_t before) {
  if (n + before >= 8) {
    const __m128i v = _mm_loadl_epi64((const __m128i*)(p + n - 8));
    return _mm_srl_epi64(v, _mm_cvtsi32_si128((int)(8 - n) * 8));
  }
  // Fixed-size loads of 4, 2 and 1 bytes (no memcpy call for a variable size).
  uint64_t bits = 0;
  unsigned shift = 0;
  if (n & 4) {
    uint32_t v;
    memcpy(&v, p, 4);
    bits = v, shift = 32, p += 4;
  }
  if (n & 2) {
    uint16_t v;
    memcpy(&v, p, 2);
    bits |= (uint64_t)v << shift, shift += 16, p += 2;
  }
  if (n & 1) bits |= (uint64_t)*p << shift;
  return _mm_cvtsi64_si128((long long)bits);
}

static inline __m128i q8nn_sse2_load8(const uint8_t* p) {
  return _mm_loadl_epi64((const __m128i*)p);
}

// Stores the low n (< 8) bytes of v.
static inline void q8nn_sse2_store_tail(uint8_t* p, __m128i v, size_t n) {
  uint64_t bits = (uint64_t)_mm_cvtsi128_si64(v);
  if (n & 4) {
    const uint32_t v4 = (uint32_t)bits;
    memcpy(p, &v4, 4);
    bits >>= 32, p += 4;
  }
  if (n & 2) {
    const uint16_t v2 = (uint16_t)bits;
    memcpy(p, &v2, 2);
    bits >>= 16, p += 2;
  }
  if (n & 1) *p = (uint8_t)bits;
}

static inline void q8nn_sse2_store4(uint8_t* p, __m128i v) {
  const int32_t bits = _mm_cvtsi128_si32(v);
  memcpy(p, &bits, sizeof(bits));
}

struct q8nn_sse2_output {
  __m128 min_lzp, max_lzp, magic;
  __m128i magic_lzp;
};

static inline struct q8nn_sse2_output q8nn_sse2_output_init(const struct q8nn_fp32_output* o) {
  struct q8nn_sse2_output r;
  r.min_lzp = _mm_set1_ps(o->min_less_zero_point);
  r.max_lzp = _mm_set1_ps(o->max_less_zero_point);
  r.magic = _mm_set1_ps(o->magic_bias);
  r.magic_lzp = _mm_set1_epi32(o->magic_bias_less_zero_point);
  return r;
}

// The output half of the fp32 rule (params.h): clamp in float, magic-bias
// rounding, zero point added; results are int32 in [output_min, output_max].
static inline __m128i q8nn_sse2_output_round(__m128 fp, const struct q8nn_sse2_output* o) {
  fp = _mm_max_ps(fp, o->min_lzp);
  fp = _mm_min_ps(fp, o->max_lzp);
  return _mm_sub_epi32(_mm_castps_si128(_mm_add_ps(fp, o->magic)), o->magic_lzp);
}

static inline __m128i q8nn_sse2_requantize(__m128i acc, __m128 scale,
                                           const struct q8nn_sse2_output* o) {
  return q8nn_sse2_output_round(_mm_mul_ps(_mm_cvtepi32_ps(acc), scale), o);
}

// The same rule for results packed to uint8, with fewer instructions: only
// the upper clamp is in float, cvtps2dq rounds as the magic bias does (MXCSR,
// half to even), the zero point is added in int16 with saturation after
// packssdw, and the lower clamp is pmaxub after packuswb. Exact: for the
// integer bound M, round(min(fp, M)) = min(round(fp), M); results below
// output_min (cvtps2dq's INT_MIN for huge negatives included) end at
// output_min.
struct q8nn_sse2_u8_output {
  __m128 max_lzp;
  __m128i zp16, min8;
};

static inline struct q8nn_sse2_u8_output q8nn_sse2_u8_output_init(
    const struct q8nn_fp32_output* o) {
  struct q8nn_sse2_u8_output r;
  r.max_lzp = _mm_set1_ps(o->max_less_zero_point);
  r.zp16 = _mm_set1_epi16((short)o->zero_point);
  r.min8 = _mm_set1_epi8((char)o->min);
  return r;
}

// Rounded acc * scale, clamped above (int32, without the zero point).
static inline __m128i q8nn_sse2_u8_round(__m128i acc, __m128 scale,
                                         const struct q8nn_sse2_u8_output* o) {
  return _mm_cvtps_epi32(_mm_min_ps(_mm_mul_ps(_mm_cvtepi32_ps(acc), scale), o->max_lzp));
}

// 8 rounded lanes to int16 plus the zero point.
static inline __m128i q8nn_sse2_u8_pack16(__m128i q0, __m128i q1,
                                          const struct q8nn_sse2_u8_output* o) {
  return _mm_adds_epi16(_mm_packs_epi32(q0, q1), o->zp16);
}

// 16 int16 results of q8nn_sse2_u8_pack16 to clamped uint8.
static inline __m128i q8nn_sse2_u8_pack8(__m128i lo, __m128i hi,
                                         const struct q8nn_sse2_u8_output* o) {
  return _mm_max_epu8(_mm_packus_epi16(lo, hi), o->min8);
}

// Sign-extends the low / high 4 int16 lanes to int32.
static inline __m128i q8nn_sse2_i16lo_to_i32(__m128i v) {
  return _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16);
}
static inline __m128i q8nn_sse2_i16hi_to_i32(__m128i v) {
  return _mm_srai_epi32(_mm_unpackhi_epi16(v, v), 16);
}

static inline const uint8_t* q8nn_sse2_indirect_row(const uint8_t* row, size_t input_offset,
                                                    const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}
