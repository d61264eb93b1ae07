// Weight packing into the layouts the microkernels read (see ukernels.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// How gemm/igemm weights are stored; chosen per ISA (q8nn_gemm_config.packing).
enum q8nn_gemm_packing {
  // Weights as given; kernels subtract both zero points.
  q8nn_gemm_packing_u8 = 0,
  // For u8 x s8 dot products (vpdpbusd): weights stored as int8 w - 128
  // (padding: kernel_zero_point - 128), biases as
  // bias - input_zero_point * sum_{taps, k < kc} (w - kernel_zero_point), wrapping
  // modulo 2^32. Kernels then compute
  //   acc = packed_bias + sum_k a[k] * (w[k] - 128) + (128 - kernel_zero_point) * sum_k a[k]
  // which equals bias + sum_k (a[k] - input_zero_point) * (w[k] - kernel_zero_point).
  q8nn_gemm_packing_s8_folded = 1,
  // For kernels that multiply zero-extended a and w (SSE2): weights as given
  // (padding: kernel_zero_point), biases as in s8_folded,
  // bias - input_zero_point * sum_{taps, k < kc} (w - kernel_zero_point), wrapping
  // modulo 2^32. Kernels then compute
  //   acc = packed_bias + sum_k a[k] * w[k] - kernel_zero_point * sum_k a[k].
  q8nn_gemm_packing_u8_izp_folded = 2,
  // For kernels that multiply zero-extended a by 16-bit weights (pmaddwd,
  // i32x4.dot_i16x8_s): weights stored as int16 w - kernel_zero_point in the
  // same [k group][n][kr] order, two bytes each (padding: 0), biases as in
  // s8_folded, bias - input_zero_point * sum_{taps, k < kc} (w - kernel_zero_point),
  // wrapping modulo 2^32. Kernels then compute
  //   acc = packed_bias + sum_k a[k] * (w[k] - kernel_zero_point)
  // with no row sums (|a * (w - kzp)| * 2 <= 255 * 255 * 2 fits an int32 lane).
  q8nn_gemm_packing_i16_izp_folded = 3,
};

// Bytes of one weight in a packing (2 for i16_izp_folded, else 1).
size_t q8nn_gemm_packing_weight_bytes(enum q8nn_gemm_packing packing);

// Bytes of one group's packed gemm/igemm weights: for each of round_up(nc, nr)
// / nr blocks, nr int32 biases and ks * round_up(kc, kr) * nr weights of
// q8nn_gemm_packing_weight_bytes(packing) bytes. With nc = nr, the size of
// one block. SIZE_MAX when the size overflows size_t.
size_t q8nn_packed_gemm_size(enum q8nn_gemm_packing packing, size_t nc, size_t ks, size_t kc,
                             uint32_t nr, uint32_t kr);

// Packs kernel[groups][nc][ks][kc] (convolution and fully-connected layout)
// and bias[groups][nc] (NULL means zeros) into `packed`, groups *
// q8nn_packed_gemm_size(...) bytes. Padding weights equal kernel_zero_point
// (before the packing's transformation).
void q8nn_pack_gemm_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                            uint32_t kr, enum q8nn_gemm_packing packing, uint8_t input_zero_point,
                            uint8_t kernel_zero_point, const uint8_t* kernel, const int32_t* bias,
                            void* packed);

// The same for the deconvolution layout kernel[groups][kc][ks][nc].
void q8nn_pack_deconv_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                              uint32_t kr, enum q8nn_gemm_packing packing, uint8_t input_zero_point,
                              uint8_t kernel_zero_point, const uint8_t* kernel, const int32_t* bias,
                              void* packed);

// How depthwise weights are stored; chosen per ISA (q8nn_dwconv_*_config.packing).
enum q8nn_dwconv_packing {
  // [C/cr][cr int32 biases, ks x cr weight bytes] (ukernels.h).
  q8nn_dwconv_packing_u8 = 0,
  // For 16-bit pair dot products (vpmaddwd, vpdpwssd): per block of cr channels,
  // cr int32 biases bias - input_zero_point * sum_t (w_t - kernel_zero_point)
  // (wrapping modulo 2^32), then round_up(ks, 2) / 2 tap pairs of cr x 2 int16
  // (w_t - kernel_zero_point, w_{t+1} - kernel_zero_point), channel-major; a
  // missing odd tap and padding channels are 0. Kernels then compute
  //   acc = packed_bias + sum_t x_t * (w_t - kernel_zero_point).
  q8nn_dwconv_packing_i16_pairs = 1,
  // For 8-bit quad dot products (vpdpbusd, inputs unsigned), cr a multiple of
  // 64: per block of cr channels, cr int32 biases bias - input_zero_point *
  // sum_t (w_t - kernel_zero_point) (wrapping modulo 2^32), then
  // round_up(ks, 4) / 4 tap quads of cr x 4 int8 (w_t - 128, ..., w_{t+3} -
  // 128); a missing tap and padding channels are 0. Within each 64 channels,
  // channel 16k + 4q + i (k, q < 4, i < 4) is stored at position 16q + 4k + i
  // (the order of vpunpck{l,h}bw then vpunpck{l,h}wd on 128-bit lanes).
  // Kernels then compute acc = packed_bias + sum_t x_t * (w_t - 128)
  //   + (128 - kernel_zero_point) * sum_t x_t.
  // When ks % 4 == 1 the last quad holds (w_last - 128, c1, c2, 0) with
  // c1 + c2 = 128 - kernel_zero_point (c1 = floor(half)): a kernel multiplies
  // it by (x_last, x_last, x_last, 0) and leaves x_last out of the sum above.
  // Except for ks == 9: quad g = (w_3g - 128, w_3g+1 - 128, w_3g+2 - 128, 0),
  // which is column g of a 3x3 window in the column-major tap order the
  // depthwise operators use, so that a pixel can reuse the quads of its
  // neighbour's columns.
  q8nn_dwconv_packing_s8_quads = 2,
};

// Bytes of packed depthwise weights: round_up(channels, cr) / cr blocks of
// cr int32 biases and the packing's weights for ks taps. SIZE_MAX when the
// size overflows size_t.
size_t q8nn_packed_dwconv_size(enum q8nn_dwconv_packing packing, size_t channels, size_t ks,
                               uint32_t cr);

// Packs kernel[channels][ks] and bias[channels] (NULL means zeros).
void q8nn_pack_dwconv_weights(enum q8nn_dwconv_packing packing, size_t channels, size_t ks,
                              uint32_t cr, const uint8_t* kernel, const int32_t* bias,
                              uint8_t input_zero_point, uint8_t kernel_zero_point, void* packed);

#ifdef __cplusplus
}  // extern "C"
#endif
