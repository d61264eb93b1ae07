#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 16 channels at a time; the running maximum starts at output_min (the lower
// clamp). Channels left after the blocks of 16: one more block ending at the
// last channel if the row has at least 16 (the overlap is written again with
// the same bytes; output never aliases the input), else partial loads.

static inline v128_t maxpool_block(const uint8_t** input, size_t kernel_size, size_t input_offset,
                                   const uint8_t* zero, size_t c, size_t n, v128_t vmin,
                                   v128_t vmax) {
  v128_t vacc = vmin;
  if (n == 16) {
    for (size_t t = 0; t < kernel_size; t++) {
      const uint8_t* x = q8nn_wasmsimd_misc_row(input[t], input_offset, zero) + c;
      vacc = wasm_u8x16_max(vacc, wasm_v128_load(x));
    }
  } else {
    for (size_t t = 0; t < kernel_size; t++) {
      const uint8_t* x = q8nn_wasmsimd_misc_row(input[t], input_offset, zero) + c;
      vacc = wasm_u8x16_max(vacc, q8nn_wasmsimd_misc_load_partial(x, n));
    }
  }
  return wasm_u8x16_min(vacc, vmax);
}

void u8maxpool_ukernel_16__wasmsimd(size_t output_pixels, size_t kernel_size, size_t channels,
                                    const uint8_t** input, size_t input_offset, const uint8_t* zero,
                                    uint8_t* output, size_t input_stride, size_t output_increment,
                                    const struct q8nn_clamp_params* params) {
  const v128_t vmin = wasm_u8x16_splat(params->output_min);
  const v128_t vmax = wasm_u8x16_splat(params->output_max);
  for (; output_pixels != 0; output_pixels--) {
    size_t c = 0;
    for (; c + 16 <= channels; c += 16) {
      wasm_v128_store(output + c,
                      maxpool_block(input, kernel_size, input_offset, zero, c, 16, vmin, vmax));
    }
    if (c < channels) {
      if (channels >= 16) {
        wasm_v128_store(output + channels - 16, maxpool_block(input, kernel_size, input_offset,
                                                              zero, channels - 16, 16, vmin, vmax));
      } else {
        q8nn_wasmsimd_misc_store_partial(
            output, maxpool_block(input, kernel_size, input_offset, zero, 0, channels, vmin, vmax),
            channels);
      }
    }
    input = (const uint8_t**)((uintptr_t)input + input_stride);
    output += channels + output_increment;
  }
}
