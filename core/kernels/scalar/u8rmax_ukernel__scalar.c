#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

uint8_t u8rmax_ukernel__scalar(size_t n, const uint8_t* x) {
  // Two independent maxima halve the dependency chain.
  uint8_t vmax0 = 0, vmax1 = 0;
  size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    vmax0 = x[i] > vmax0 ? x[i] : vmax0;
    vmax1 = x[i + 1] > vmax1 ? x[i + 1] : vmax1;
  }
  if (i < n) vmax0 = x[i] > vmax0 ? x[i] : vmax0;
  return vmax0 > vmax1 ? vmax0 : vmax1;
}
