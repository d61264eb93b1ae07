#include "neon-common.h"
#include "q8nn/ukernels.h"

#if defined(__aarch64__)
// AArch64: the 256-byte table in 16 q registers; TBL on the first 64 entries
// (indices >= 64 give 0), then TBX on the next three 64-byte quarters with the
// index lowered by 64 each time (TBX leaves out-of-range lanes unchanged).
void x8lut_ukernel__neon(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y) {
  const uint8x16x4_t t0 = vld1q_u8_x4(table);
  const uint8x16x4_t t1 = vld1q_u8_x4(table + 64);
  const uint8x16x4_t t2 = vld1q_u8_x4(table + 128);
  const uint8x16x4_t t3 = vld1q_u8_x4(table + 192);
  const uint8x16_t v64 = vdupq_n_u8(64);
  for (; n != 0;) {
    const size_t chunk = n < 16 ? n : 16;
    uint8x16_t vx = chunk == 16 ? vld1q_u8(x) : q8nn_neon_load_tail16(x, chunk);
    uint8x16_t vy = vqtbl4q_u8(t0, vx);
    vx = vsubq_u8(vx, v64);
    vy = vqtbx4q_u8(vy, t1, vx);
    vx = vsubq_u8(vx, v64);
    vy = vqtbx4q_u8(vy, t2, vx);
    vx = vsubq_u8(vx, v64);
    vy = vqtbx4q_u8(vy, t3, vx);
    if (chunk == 16) {
      vst1q_u8(y, vy);
    } else {
      q8nn_neon_store_tail16(y, vy, chunk);
    }
    x += chunk;
    y += chunk;
    n -= chunk;
  }
}
#else
// AArch32: VTBL/VTBX index tables of at most 32 bytes (4 d registers), so 256
// entries would take 8 lookups and 7 subtractions per 8 bytes with the whole
// table in all 32 d registers (nothing left for the data): slower than one
// byte load per element. A plain loop, 4 elements per step.
void x8lut_ukernel__neon(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y) {
  for (; n >= 4; n -= 4) {
    const uint8_t y0 = table[x[0]], y1 = table[x[1]], y2 = table[x[2]], y3 = table[x[3]];
    x += 4;
    y[0] = y0;
    y[1] = y1;
    y[2] = y2;
    y[3] = y3;
    y += 4;
  }
  for (; n != 0; n--) *y++ = table[*x++];
}
#endif
