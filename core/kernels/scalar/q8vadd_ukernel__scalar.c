#include <stddef.h>
#include <stdint.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

void q8vadd_ukernel__scalar(size_t n, const uint8_t* a, const uint8_t* b, uint8_t* y,
                            const struct q8nn_add_params* params) {
  const int32_t azp = params->a_zero_point;
  const int32_t bzp = params->b_zero_point;
  const float am = params->a_multiplier;
  const float bm = params->b_multiplier;

  for (size_t i = 0; i < n; i++) {
    // Two rounded products, then their rounded sum (the build forbids FMA contraction).
    const float fa = (float)((int32_t)a[i] - azp) * am;
    const float fb = (float)((int32_t)b[i] - bzp) * bm;
    y[i] = q8nn_fp32_output_round(fa + fb, &params->output);
  }
}
