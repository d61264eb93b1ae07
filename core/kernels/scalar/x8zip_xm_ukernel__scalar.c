#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

void x8zip_xm_ukernel__scalar(size_t n, size_t m, const uint8_t* x, uint8_t* y) {
  // Writes y in order; the reads stride through the m groups.
  for (size_t k = 0; k < n; k++) {
    const uint8_t* xk = x + k;
    for (size_t g = 0; g < m; g++) *y++ = xk[g * n];
  }
}
