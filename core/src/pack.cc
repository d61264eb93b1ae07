#include "q8nn/pack.h"

#include <cstring>

#include "q8nn/checked-size.h"
#include "q8nn/math.h"

namespace {

// One packer for both layouts: weight(g, n, p, k) reads the caller's array.
template <typename WeightAt>
void pack_gemm(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr, uint32_t kr,
               q8nn_gemm_packing packing, uint8_t input_zero_point, uint8_t kernel_zero_point,
               const int32_t* bias, void* packed, WeightAt weight) {
  const size_t kc_padded = q8nn::round_up(kc, kr);
  // Both folded packings move the input zero point term into the biases.
  const bool folded = packing != q8nn_gemm_packing_u8;
  // s8_folded weights are w - 128 as int8, the same bits as w ^ 0x80.
  const uint8_t weight_xor = packing == q8nn_gemm_packing_s8_folded ? 0x80 : 0x00;
  const bool i16 = packing == q8nn_gemm_packing_i16_izp_folded;
  auto* out = static_cast<uint8_t*>(packed);
  for (size_t g = 0; g < groups; g++) {
    for (size_t n0 = 0; n0 < nc; n0 += nr) {
      const size_t n_block = q8nn::min(nc - n0, size_t{nr});
      for (size_t n = 0; n < nr; n++) {
        int64_t b = (bias != nullptr && n < n_block) ? bias[g * nc + n0 + n] : 0;
        if (folded && n < n_block) {
          int64_t weight_sum = 0;
          for (size_t p = 0; p < ks; p++) {
            for (size_t k = 0; k < kc; k++) {
              weight_sum += int32_t{weight(g, n0 + n, p, k)} - int32_t{kernel_zero_point};
            }
          }
          b -= int64_t{input_zero_point} * weight_sum;
        }
        // Wraps modulo 2^32 like the kernels' accumulators.
        const uint32_t bits = uint32_t(uint64_t(b));
        std::memcpy(out, &bits, sizeof(bits));
        out += sizeof(bits);
      }
      for (size_t p = 0; p < ks; p++) {
        for (size_t k0 = 0; k0 < kc_padded; k0 += kr) {
          for (size_t n = 0; n < nr; n++) {
            for (size_t j = 0; j < kr; j++) {
              const size_t k = k0 + j;
              const uint8_t w =
                  (n < n_block && k < kc) ? weight(g, n0 + n, p, k) : kernel_zero_point;
              if (i16) {
                const int16_t v = int16_t(int32_t{w} - int32_t{kernel_zero_point});
                std::memcpy(out, &v, sizeof(v));
                out += sizeof(v);
              } else {
                *out++ = w ^ weight_xor;
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace

extern "C" {

size_t q8nn_gemm_packing_weight_bytes(enum q8nn_gemm_packing packing) {
  return packing == q8nn_gemm_packing_i16_izp_folded ? sizeof(int16_t) : 1;
}

size_t q8nn_packed_gemm_size(enum q8nn_gemm_packing packing, size_t nc, size_t ks, size_t kc,
                             uint32_t nr, uint32_t kr) {
  using q8nn::CheckedSize;
  const CheckedSize size =
      CheckedSize(nc).rounded_up(nr) *
      (CheckedSize(ks) * CheckedSize(kc).rounded_up(kr) * q8nn_gemm_packing_weight_bytes(packing) +
       sizeof(int32_t));
  return size.valid() ? size.value() : SIZE_MAX;
}

void q8nn_pack_gemm_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                            uint32_t kr, enum q8nn_gemm_packing packing, uint8_t input_zero_point,
                            uint8_t kernel_zero_point, const uint8_t* kernel, const int32_t* bias,
                            void* packed) {
  pack_gemm(groups, nc, ks, kc, nr, kr, packing, input_zero_point, kernel_zero_point, bias, packed,
            [=](size_t g, size_t n, size_t p, size_t k) {
              return kernel[((g * nc + n) * ks + p) * kc + k];
            });
}

void q8nn_pack_deconv_weights(size_t groups, size_t nc, size_t ks, size_t kc, uint32_t nr,
                              uint32_t kr, enum q8nn_gemm_packing packing, uint8_t input_zero_point,
                              uint8_t kernel_zero_point, const uint8_t* kernel, const int32_t* bias,
                              void* packed) {
  pack_gemm(groups, nc, ks, kc, nr, kr, packing, input_zero_point, kernel_zero_point, bias, packed,
            [=](size_t g, size_t n, size_t p, size_t k) {
              return kernel[((g * kc + k) * ks + p) * nc + n];
            });
}

}  // extern "C"

namespace {

void pack_dwconv_u8(size_t channels, size_t ks, uint32_t cr, const uint8_t* kernel,
                    const int32_t* bias, uint8_t kernel_zero_point, void* packed) {
  auto* out = static_cast<uint8_t*>(packed);
  for (size_t c0 = 0; c0 < channels; c0 += cr) {
    const size_t c_block = q8nn::min(channels - c0, size_t{cr});
    for (size_t c = 0; c < cr; c++) {
      const int32_t b = (bias != nullptr && c < c_block) ? bias[c0 + c] : 0;
      std::memcpy(out, &b, sizeof(b));
      out += sizeof(b);
    }
    for (size_t p = 0; p < ks; p++) {
      for (size_t c = 0; c < cr; c++) {
        *out++ = c < c_block ? kernel[(c0 + c) * ks + p] : kernel_zero_point;
      }
    }
  }
}

}  // namespace

extern "C" {

size_t q8nn_packed_dwconv_size(enum q8nn_dwconv_packing packing, size_t channels, size_t ks,
                               uint32_t cr) {
  using q8nn::CheckedSize;
  CheckedSize weights = CheckedSize(ks).rounded_up(2) * sizeof(int16_t);  // i16_pairs
  if (packing == q8nn_dwconv_packing_u8) weights = ks;
  if (packing == q8nn_dwconv_packing_s8_quads) weights = CheckedSize(ks).rounded_up(4);
  const CheckedSize size = CheckedSize(channels).rounded_up(cr) * (weights + sizeof(int32_t));
  return size.valid() ? size.value() : SIZE_MAX;
}

void q8nn_pack_dwconv_weights(enum q8nn_dwconv_packing packing, size_t channels, size_t ks,
                              uint32_t cr, const uint8_t* kernel, const int32_t* bias,
                              uint8_t input_zero_point, uint8_t kernel_zero_point, void* packed) {
  if (packing == q8nn_dwconv_packing_u8) {
    pack_dwconv_u8(channels, ks, cr, kernel, bias, kernel_zero_point, packed);
    return;
  }
  if (packing == q8nn_dwconv_packing_s8_quads) {
    auto* out = static_cast<uint8_t*>(packed);
    // Position of channel c (of a block) in the block's order.
    const auto pos = [](size_t c) -> size_t {
      return c / 64 * 64 + c % 16 / 4 * 16 + c % 64 / 16 * 4 + c % 4;
    };
    for (size_t c0 = 0; c0 < channels; c0 += cr) {
      const size_t c_block = q8nn::min(channels - c0, size_t{cr});
      for (size_t c = 0; c < cr; c++) {
        int64_t b = 0;
        if (c < c_block) {
          b = bias != nullptr ? bias[c0 + c] : 0;
          int64_t weight_sum = 0;
          for (size_t p = 0; p < ks; p++) {
            weight_sum += int32_t{kernel[(c0 + c) * ks + p]} - int32_t{kernel_zero_point};
          }
          b -= int64_t{input_zero_point} * weight_sum;
        }
        const uint32_t bits = uint32_t(uint64_t(b));  // wraps like the accumulators
        std::memcpy(out + pos(c) * sizeof(bits), &bits, sizeof(bits));
      }
      out += cr * sizeof(int32_t);
      // A lone last tap carries the zero-point correction of its own input in
      // its quad's free bytes (see pack.h). 9 taps: quad g holds taps 3g..3g+2,
      // column g of a 3x3 window in the operators' column-major tap order.
      const int32_t correction = 128 - int32_t{kernel_zero_point};
      const int32_t correction_lo = correction >> 1;
      const bool columns = ks == 9;
      for (size_t p = 0; p < ks; p += 4) {
        const bool lone = !columns && p + 1 == ks && ks % 4 == 1;
        for (size_t c = 0; c < cr; c++) {
          for (size_t j = 0; j < 4; j++) {
            const size_t t = columns ? 3 * (p / 4) + j : p + j;
            int32_t v = 0;
            if (c < c_block && (columns ? j < 3 : t < ks)) {
              v = int32_t{kernel[(c0 + c) * ks + t]} - 128;
            } else if (c < c_block && lone && j != 3) {
              v = j == 1 ? correction_lo : correction - correction_lo;
            }
            out[pos(c) * 4 + j] = uint8_t(v);
          }
        }
        out += cr * 4;
      }
    }
    return;
  }
  auto* out = static_cast<uint8_t*>(packed);
  const auto w = [&](size_t c, size_t p) -> int16_t {
    return int16_t(int32_t{kernel[c * ks + p]} - int32_t{kernel_zero_point});
  };
  for (size_t c0 = 0; c0 < channels; c0 += cr) {
    const size_t c_block = q8nn::min(channels - c0, size_t{cr});
    for (size_t c = 0; c < cr; c++) {
      int64_t b = 0;
      if (c < c_block) {
        b = bias != nullptr ? bias[c0 + c] : 0;
        int64_t weight_sum = 0;
        for (size_t p = 0; p < ks; p++) weight_sum += w(c0 + c, p);
        b -= int64_t{input_zero_point} * weight_sum;
      }
      const uint32_t bits = uint32_t(uint64_t(b));  // wraps like the accumulators
      std::memcpy(out, &bits, sizeof(bits));
      out += sizeof(bits);
    }
    for (size_t p = 0; p < ks; p += 2) {
      for (size_t c = 0; c < cr; c++) {
        const int16_t pair[2] = {c < c_block ? w(c0 + c, p) : int16_t{0},
                                 c < c_block && p + 1 < ks ? w(c0 + c, p + 1) : int16_t{0}};
        std::memcpy(out, pair, sizeof(pair));
        out += sizeof(pair);
      }
    }
  }
}

}  // extern "C"
