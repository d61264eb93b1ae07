#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

void x8lut_ukernel__scalar(size_t n, const uint8_t* x, const uint8_t* table, uint8_t* y) {
  // Element by element, each read before its write: safe when x and y alias.
  for (size_t i = 0; i < n; i++) y[i] = table[x[i]];
}
