#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "q8nn/scalar-math.h"
#include "q8nn/ukernels.h"

// The offset may span unrelated allocations: apply it on integers, not pointers.
static inline const uint8_t* input_row(const uint8_t* row, size_t input_offset,
                                       const uint8_t* zero) {
  return row == zero ? row : (const uint8_t*)((uintptr_t)row + input_offset);
}

void q8igemm_ukernel_2x4__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t** a,
                                 const void* w, uint8_t* c, size_t cm_stride, size_t input_offset,
                                 const uint8_t* zero, const struct q8nn_conv_params* params) {
  uint8_t* c0 = c;
  // With one row, row 1 duplicates row 0 (same reads, same stores): no branch in the k loop.
  uint8_t* c1 = mr > 1 ? c0 + cm_stride : c0;

  const int32_t izp = params->input_zero_point;
  const int32_t kzp = params->kernel_zero_point;
  const float scale = params->scale;
  const uint8_t* wp = (const uint8_t*)w;

  while (nc != 0) {
    int32_t bias[4];
    memcpy(bias, wp, sizeof(bias));  // no alignment assumption on the packed buffer
    wp += sizeof(bias);

    int32_t acc00 = bias[0], acc01 = bias[1], acc02 = bias[2], acc03 = bias[3];
    int32_t acc10 = bias[0], acc11 = bias[1], acc12 = bias[2], acc13 = bias[3];
    for (size_t p = 0; p < ks; p++) {
      const uint8_t* a0 = input_row(a[p * 2], input_offset, zero);
      const uint8_t* a1 = mr > 1 ? input_row(a[p * 2 + 1], input_offset, zero) : a0;

      for (size_t k = 0; k < kc; k++) {
        const int32_t va0 = (int32_t)a0[k] - izp;
        const int32_t va1 = (int32_t)a1[k] - izp;
        const int32_t vb0 = (int32_t)wp[0] - kzp;
        const int32_t vb1 = (int32_t)wp[1] - kzp;
        const int32_t vb2 = (int32_t)wp[2] - kzp;
        const int32_t vb3 = (int32_t)wp[3] - kzp;
        wp += 4;
        acc00 += va0 * vb0;
        acc01 += va0 * vb1;
        acc02 += va0 * vb2;
        acc03 += va0 * vb3;
        acc10 += va1 * vb0;
        acc11 += va1 * vb1;
        acc12 += va1 * vb2;
        acc13 += va1 * vb3;
      }
    }

    const uint8_t y0[4] = {
        q8nn_requantize_fp32(acc00, scale, &params->output),
        q8nn_requantize_fp32(acc01, scale, &params->output),
        q8nn_requantize_fp32(acc02, scale, &params->output),
        q8nn_requantize_fp32(acc03, scale, &params->output),
    };
    const uint8_t y1[4] = {
        q8nn_requantize_fp32(acc10, scale, &params->output),
        q8nn_requantize_fp32(acc11, scale, &params->output),
        q8nn_requantize_fp32(acc12, scale, &params->output),
        q8nn_requantize_fp32(acc13, scale, &params->output),
    };
    const size_t n = nc < 4 ? nc : 4;
    for (size_t j = 0; j < n; j++) {
      c1[j] = y1[j];
      c0[j] = y0[j];
    }
    c0 += 4;
    c1 += 4;
    nc -= n;
  }
}
