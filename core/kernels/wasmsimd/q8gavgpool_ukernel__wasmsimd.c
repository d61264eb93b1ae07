#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 channels at a time down all rows. The rows are summed in 16-bit lanes,
// 256 rows at a time (256 * 255 < 2^16), then widened to int32 once. Channels
// left after the blocks of 16: one more block ending at the last channel if
// there are at least 16 (the overlap is written again with the same bytes),
// else partial loads of the 1..15 channels of every row.

static inline v128_t gavgpool_block(size_t rows, size_t n, const uint8_t* x, size_t input_stride,
                                    v128_t vbias, v128_t vscale,
                                    const struct q8nn_wasmsimd_misc_output* o) {
  v128_t acc[4] = {vbias, vbias, vbias, vbias};
  for (size_t r0 = 0; r0 < rows; r0 += 256) {
    const size_t r1 = rows - r0 > 256 ? r0 + 256 : rows;
    v128_t lo = wasm_i16x8_const_splat(0), hi = wasm_i16x8_const_splat(0);
    if (n == 16) {
      for (size_t r = r0; r < r1; r++, x += input_stride) {
        q8nn_wasmsimd_misc_sum16(wasm_v128_load(x), &lo, &hi);
      }
    } else {
      for (size_t r = r0; r < r1; r++, x += input_stride) {
        q8nn_wasmsimd_misc_sum16(q8nn_wasmsimd_misc_load_partial(x, n), &lo, &hi);
      }
    }
    q8nn_wasmsimd_misc_widen_add(lo, hi, acc);
  }
  return q8nn_wasmsimd_misc_requantize16(acc[0], acc[1], acc[2], acc[3], vscale, o);
}

void q8gavgpool_ukernel__wasmsimd(size_t rows, size_t channels, const uint8_t* input,
                                  size_t input_stride, const uint8_t* zero, uint8_t* output,
                                  const struct q8nn_avgpool_params* params) {
  (void)zero;
  const v128_t vbias = wasm_i32x4_splat(params->bias);
  const v128_t vscale = wasm_f32x4_splat(params->scale);
  const struct q8nn_wasmsimd_misc_output o = q8nn_wasmsimd_misc_output_init(&params->output);
  size_t c = 0;
  for (; c + 16 <= channels; c += 16) {
    wasm_v128_store(output + c,
                    gavgpool_block(rows, 16, input + c, input_stride, vbias, vscale, &o));
  }
  if (c < channels) {
    if (channels >= 16) {
      c = channels - 16;
      wasm_v128_store(output + c,
                      gavgpool_block(rows, 16, input + c, input_stride, vbias, vscale, &o));
    } else {
      q8nn_wasmsimd_misc_store_partial(
          output, gavgpool_block(rows, channels, input, input_stride, vbias, vscale, &o), channels);
    }
  }
}
