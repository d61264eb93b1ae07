#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 channels at a time. The taps are summed in 16-bit lanes, 256 taps at a
// time (256 * 255 < 2^16), then widened to int32 once: two extends and two
// adds per tap and 16 channels. Channels left after the blocks of 16: if the
// row has at least 16, one more block ending at the last channel (the overlap
// is written again with the same bytes; output never aliases the input), else
// partial loads of the 1..15 channels.

// Channels c..c+16 (n = 16) or c..c+n as partial lanes (n < 16) of one pixel.
static inline v128_t avgpool_block(const uint8_t** input, size_t kernel_size, size_t input_offset,
                                   const uint8_t* zero, size_t c, size_t n, v128_t vbias,
                                   v128_t vscale, const struct q8nn_wasmsimd_misc_output* o) {
  v128_t acc[4] = {vbias, vbias, vbias, vbias};
  for (size_t t0 = 0; t0 < kernel_size; t0 += 256) {
    const size_t t1 = kernel_size - t0 > 256 ? t0 + 256 : kernel_size;
    v128_t lo = wasm_i16x8_const_splat(0), hi = wasm_i16x8_const_splat(0);
    if (n == 16) {
      for (size_t t = t0; t < t1; t++) {
        const uint8_t* x = q8nn_wasmsimd_misc_row(input[t], input_offset, zero) + c;
        q8nn_wasmsimd_misc_sum16(wasm_v128_load(x), &lo, &hi);
      }
    } else {
      for (size_t t = t0; t < t1; t++) {
        const uint8_t* x = q8nn_wasmsimd_misc_row(input[t], input_offset, zero) + c;
        q8nn_wasmsimd_misc_sum16(q8nn_wasmsimd_misc_load_partial(x, n), &lo, &hi);
      }
    }
    q8nn_wasmsimd_misc_widen_add(lo, hi, acc);
  }
  return q8nn_wasmsimd_misc_requantize16(acc[0], acc[1], acc[2], acc[3], vscale, o);
}

void q8avgpool_ukernel__wasmsimd(size_t output_pixels, size_t kernel_size, size_t channels,
                                 const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                 uint8_t* output, size_t input_stride, size_t output_increment,
                                 const struct q8nn_avgpool_params* params) {
  const v128_t vbias = wasm_i32x4_splat(params->bias);
  const v128_t vscale = wasm_f32x4_splat(params->scale);
  const struct q8nn_wasmsimd_misc_output o = q8nn_wasmsimd_misc_output_init(&params->output);
  for (; output_pixels != 0; output_pixels--) {
    size_t c = 0;
    for (; c + 16 <= channels; c += 16) {
      wasm_v128_store(output + c, avgpool_block(input, kernel_size, input_offset, zero, c, 16,
                                                vbias, vscale, &o));
    }
    if (c < channels) {
      if (channels >= 16) {
        wasm_v128_store(output + channels - 16,
                        avgpool_block(input, kernel_size, input_offset, zero, channels - 16, 16,
                                      vbias, vscale, &o));
      } else {
        q8nn_wasmsimd_misc_store_partial(
            output,
            avgpool_block(input, kernel_size, input_offset, zero, 0, channels, vbias, vscale, &o),
            channels);
      }
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += channels + output_increment;
  }
}
