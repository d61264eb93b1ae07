#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

// (256 * t + sum / 2) / sum, saturated to 255; never overflows 64 bits (t, sum < 2^32).
static inline uint8_t normalize(uint32_t t, uint64_t sum) {
  const uint64_t q = (((uint64_t)t << 8) + (sum >> 1)) / sum;
  return q > 255 ? (uint8_t)255 : (uint8_t)q;
}

// The caller guarantees 0 < sum_i t[x[i]] <= UINT32_MAX.
void u8lut32norm_ukernel__scalar(size_t n, const uint8_t* x, const uint32_t* t, uint8_t* y) {
  uint32_t sum = 0;
  for (size_t i = 0; i < n; i++) sum += t[x[i]];

  if (n > 256) {
    // Normalize the 256 entries once rather than divide for every element.
    uint8_t table[256];
    for (size_t v = 0; v < 256; v++) table[v] = normalize(t[v], sum);
    for (size_t i = 0; i < n; i++) y[i] = table[x[i]];
  } else {
    for (size_t i = 0; i < n; i++) y[i] = normalize(t[x[i]], sum);
  }
}
