// Weight packing into the layouts the microkernels read (see ukernels.h).
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Bytes of one group's packed gemm/igemm weights: for each of round_up(nc, nr)
// / nr blocks, nr int32 biases and ks * round_up(kc, kr) * nr weight bytes.
size_t q8nn_packed_gemm_size(size_t nc, size_t ks, size_t kc, uint32_t nr, uint32_t kr);

// Packs kernel[groups][nc][ks][kc] (convolution and fully-connected layout)
// and bias[groups][nc] (NULL means zeros) into `packed`, groups *
// q8nn_packed_gemm_size(...) bytes. Padding weights are kernel_zero_point.
void q8nn_pack_gemm_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                            uint32_t kr, const uint8_t* kernel, const int32_t* bias,
                            uint8_t kernel_zero_point, void* packed);

// The same for the deconvolution layout kernel[groups][kc][ks][nc].
void q8nn_pack_deconv_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                              uint32_t kr, const uint8_t* kernel, const int32_t* bias,
                              uint8_t kernel_zero_point, void* packed);

// Bytes of packed depthwise weights: round_up(channels, cr) / cr blocks of
// cr int32 biases and ks * cr weight bytes.
size_t q8nn_packed_dwconv_size(size_t channels, size_t ks, uint32_t cr);

// Packs kernel[channels][ks] and bias[channels] (NULL means zeros).
void q8nn_pack_dwconv_weights(size_t channels, size_t ks, uint32_t cr, const uint8_t* kernel,
                              const int32_t* bias, uint8_t kernel_zero_point, void* packed);

#ifdef __cplusplus
}  // extern "C"
#endif
