#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

void x8zip_x4_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y) {
  const uint8_t* x0 = x;
  const uint8_t* x1 = x0 + n;
  const uint8_t* x2 = x1 + n;
  const uint8_t* x3 = x2 + n;
  for (size_t k = 0; k < n; k++) {
    y[0] = x0[k];
    y[1] = x1[k];
    y[2] = x2[k];
    y[3] = x3[k];
    y += 4;
  }
}
