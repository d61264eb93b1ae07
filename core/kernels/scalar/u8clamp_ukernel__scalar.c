#include <stddef.h>
#include <stdint.h>

#include "q8nn/ukernels.h"

void u8clamp_ukernel__scalar(size_t n, const uint8_t* x, uint8_t* y,
                             const struct q8nn_clamp_params* params) {
  const uint8_t ymin = params->output_min;
  const uint8_t ymax = params->output_max;
  for (size_t i = 0; i < n; i++) {
    const uint8_t v = x[i] < ymin ? ymin : x[i];
    y[i] = v > ymax ? ymax : v;
  }
}
