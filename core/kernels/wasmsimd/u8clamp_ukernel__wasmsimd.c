#include "misc-wasmsimd.h"
#include "q8nn/ukernels.h"

// 32, then 16 bytes at a time; the last 1..15 with partial loads (read
// before the store, so y may alias x).
void u8clamp_ukernel__wasmsimd(size_t n, const uint8_t* x, uint8_t* y,
                               const struct q8nn_clamp_params* params) {
  const v128_t vmin = wasm_u8x16_splat(params->output_min);
  const v128_t vmax = wasm_u8x16_splat(params->output_max);
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    const v128_t v0 = wasm_v128_load(x + i);
    const v128_t v1 = wasm_v128_load(x + i + 16);
    wasm_v128_store(y + i, wasm_u8x16_min(wasm_u8x16_max(v0, vmin), vmax));
    wasm_v128_store(y + i + 16, wasm_u8x16_min(wasm_u8x16_max(v1, vmin), vmax));
  }
  if (i + 16 <= n) {
    const v128_t v = wasm_v128_load(x + i);
    wasm_v128_store(y + i, wasm_u8x16_min(wasm_u8x16_max(v, vmin), vmax));
    i += 16;
  }
  if (i < n) {
    const v128_t v = q8nn_wasmsimd_misc_load_partial(x + i, n - i);
    q8nn_wasmsimd_misc_store_partial(y + i, wasm_u8x16_min(wasm_u8x16_max(v, vmin), vmax), n - i);
  }
}
