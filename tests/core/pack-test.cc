// Weight packing: every layout the kernels read gives back the weights and
// biases, and the folded packings keep the accumulator identities their
// kernels rely on (see q8nn/pack.h).
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <vector>

#include "q8nn/pack.h"

namespace {

struct Shape {
  size_t groups, nc, ks, kc;
  uint32_t nr, kr;
};

const Shape kShapes[] = {
    {1, 1, 1, 1, 1, 1},    {1, 5, 1, 3, 4, 1},    {2, 7, 9, 5, 4, 2},
    {3, 17, 4, 13, 16, 4}, {1, 33, 1, 70, 16, 4}, {2, 3, 25, 1, 8, 8},
};

int32_t bias_at(const std::vector<uint8_t>& packed, size_t offset) {
  int32_t b;
  std::memcpy(&b, packed.data() + offset, sizeof(b));
  return b;
}

// Value of the packed weight at offset: a byte, or an int16 (i16_izp_folded).
int32_t weight_at(const std::vector<uint8_t>& packed, size_t offset, size_t weight_bytes) {
  if (weight_bytes == 1) return packed[offset];
  int16_t w;
  std::memcpy(&w, packed.data() + offset, sizeof(w));
  return w;
}

// Calls check(g, n, p, k, packed_weight_value) for every real weight and
// check_bias(g, n, packed_bias) for every real output channel, and checks
// that padding holds `padding` (weights) and 0 (biases), and the size.
template <typename Check, typename CheckBias>
void walk(const Shape& s, q8nn_gemm_packing packing, const std::vector<uint8_t>& packed,
          int32_t padding, Check check, CheckBias check_bias) {
  const size_t weight_bytes = q8nn_gemm_packing_weight_bytes(packing);
  const size_t kc_padded = (s.kc + s.kr - 1) / s.kr * s.kr;
  size_t offset = 0;
  for (size_t g = 0; g < s.groups; g++) {
    for (size_t n0 = 0; n0 < s.nc; n0 += s.nr) {
      for (size_t n = 0; n < s.nr; n++, offset += 4) {
        if (n0 + n < s.nc) {
          check_bias(g, n0 + n, bias_at(packed, offset));
        } else {
          EXPECT_EQ(bias_at(packed, offset), 0);
        }
      }
      for (size_t p = 0; p < s.ks; p++) {
        for (size_t k0 = 0; k0 < kc_padded; k0 += s.kr) {
          for (size_t n = 0; n < s.nr; n++) {
            for (size_t j = 0; j < s.kr; j++, offset += weight_bytes) {
              const int32_t w = weight_at(packed, offset, weight_bytes);
              if (n0 + n < s.nc && k0 + j < s.kc) {
                check(g, n0 + n, p, k0 + j, w);
              } else {
                EXPECT_EQ(w, padding);
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(offset, s.groups * q8nn_packed_gemm_size(packing, s.nc, s.ks, s.kc, s.nr, s.kr));
}

class PackTest : public testing::TestWithParam<Shape> {};

TEST_P(PackTest, u8_gemm_and_deconv_layouts) {
  const Shape& s = GetParam();
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> u8(0, 255);
  std::vector<uint8_t> kernel(s.groups * s.nc * s.ks * s.kc);
  for (auto& w : kernel) w = uint8_t(u8(rng));
  std::vector<int32_t> bias(s.groups * s.nc);
  for (auto& b : bias) b = int32_t(rng()) >> 8;
  const uint8_t kzp = 77;
  std::vector<uint8_t> packed(
      s.groups * q8nn_packed_gemm_size(q8nn_gemm_packing_u8, s.nc, s.ks, s.kc, s.nr, s.kr));

  q8nn_pack_gemm_weights(s.groups, s.nc, s.ks, s.kc, s.nr, s.kr, q8nn_gemm_packing_u8, 9, kzp,
                         kernel.data(), bias.data(), packed.data());
  walk(
      s, q8nn_gemm_packing_u8, packed, kzp,
      [&](size_t g, size_t n, size_t p, size_t k, int32_t w) {
        EXPECT_EQ(w, kernel[((g * s.nc + n) * s.ks + p) * s.kc + k]);
      },
      [&](size_t g, size_t n, int32_t b) { EXPECT_EQ(b, bias[g * s.nc + n]); });

  // Deconvolution reads kernel[g][k][p][n].
  q8nn_pack_deconv_weights(s.groups, s.nc, s.ks, s.kc, s.nr, s.kr, q8nn_gemm_packing_u8, 9, kzp,
                           kernel.data(), nullptr, packed.data());
  walk(
      s, q8nn_gemm_packing_u8, packed, kzp,
      [&](size_t g, size_t n, size_t p, size_t k, int32_t w) {
        EXPECT_EQ(w, kernel[((g * s.kc + k) * s.ks + p) * s.nc + n]);
      },
      [&](size_t, size_t, int32_t b) { EXPECT_EQ(b, 0); });

  // The same layout with i16_izp_folded: int16 w - kzp, biases folded with
  // the input zero point 9.
  std::vector<uint8_t> packed16(s.groups * q8nn_packed_gemm_size(q8nn_gemm_packing_i16_izp_folded,
                                                                 s.nc, s.ks, s.kc, s.nr, s.kr));
  q8nn_pack_deconv_weights(s.groups, s.nc, s.ks, s.kc, s.nr, s.kr, q8nn_gemm_packing_i16_izp_folded,
                           9, kzp, kernel.data(), bias.data(), packed16.data());
  walk(
      s, q8nn_gemm_packing_i16_izp_folded, packed16, 0,
      [&](size_t g, size_t n, size_t p, size_t k, int32_t w) {
        EXPECT_EQ(w, int32_t{kernel[((g * s.kc + k) * s.ks + p) * s.nc + n]} - kzp);
      },
      [&](size_t g, size_t n, int32_t b) {
        int64_t expected = bias[g * s.nc + n];
        for (size_t p = 0; p < s.ks; p++) {
          for (size_t k = 0; k < s.kc; k++) {
            expected -= 9 * (int64_t{kernel[((g * s.kc + k) * s.ks + p) * s.nc + n]} - kzp);
          }
        }
        EXPECT_EQ(b, int32_t(expected));
      });
}

// For every pair of zero points: packs random weights with a folded packing,
// rebuilds each accumulator from the packed bytes only (packed bias + sum of
// a * weight_value(packed value) + row_sum_multiplier(kzp) * sum a) and checks
// it equals the qu8 dot product bias + sum (a - izp) * (w - kzp) modulo 2^32.
// check_weight(kernel_value, packed_value, kzp) checks each stored weight.
template <typename WeightValue, typename RowSumMultiplier, typename Padding, typename CheckWeight>
void CheckFoldedAccumulator(const Shape& s, q8nn_gemm_packing packing, unsigned seed,
                            WeightValue weight_value, RowSumMultiplier row_sum_multiplier,
                            Padding padding, CheckWeight check_weight) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> u8(0, 255);
  for (uint8_t izp : {0, 1, 128, 255}) {
    for (uint8_t kzp : {0, 100, 128, 255}) {
      std::vector<uint8_t> kernel(s.groups * s.nc * s.ks * s.kc);
      for (auto& w : kernel) w = uint8_t(u8(rng));
      std::vector<int32_t> bias(s.groups * s.nc);
      for (auto& b : bias) b = int32_t(rng()) >> 12;
      std::vector<uint8_t> a(s.ks * s.kc);
      for (auto& v : a) v = uint8_t(u8(rng));
      std::vector<uint8_t> packed(s.groups *
                                  q8nn_packed_gemm_size(packing, s.nc, s.ks, s.kc, s.nr, s.kr));
      q8nn_pack_gemm_weights(s.groups, s.nc, s.ks, s.kc, s.nr, s.kr, packing, izp, kzp,
                             kernel.data(), bias.data(), packed.data());

      // What a kernel computes, from the packed bytes only.
      const size_t n_total = s.groups * s.nc;
      std::vector<int64_t> folded(n_total, 0);
      walk(
          s, packing, packed, padding(kzp),
          [&](size_t g, size_t n, size_t p, size_t k, int32_t w) {
            check_weight(kernel[(g * s.nc + n) * s.ks * s.kc + p * s.kc + k], w, kzp);
            folded[g * s.nc + n] += int64_t{a[p * s.kc + k]} * weight_value(w);
          },
          [&](size_t g, size_t n, int32_t b) { folded[g * s.nc + n] += b; });
      int64_t a_sum = 0;
      for (uint8_t v : a) a_sum += v;
      for (size_t gn = 0; gn < n_total; gn++) {
        int64_t expected = bias[gn];
        for (size_t i = 0; i < s.ks * s.kc; i++) {
          expected += (int64_t{a[i]} - izp) * (int64_t{kernel[gn * s.ks * s.kc + i]} - kzp);
        }
        const int64_t got = folded[gn] + row_sum_multiplier(kzp) * a_sum;
        EXPECT_EQ(int32_t(uint32_t(uint64_t(got))), int32_t(uint32_t(uint64_t(expected))))
            << "output channel " << gn << ", izp " << int(izp) << ", kzp " << int(kzp);
      }
    }
  }
}

// s8_folded: weights stored as int8 w - 128; kernels add (128 - kzp) * sum a.
TEST_P(PackTest, s8_folded_keeps_the_accumulator) {
  CheckFoldedAccumulator(
      GetParam(), q8nn_gemm_packing_s8_folded, 2, [](int32_t w) { return int64_t{int8_t(w)}; },
      [](uint8_t kzp) { return 128 - int64_t{kzp}; },
      [](uint8_t kzp) { return int32_t{uint8_t(kzp ^ 0x80)}; }, [](uint8_t, int32_t, uint8_t) {});
}

// u8_izp_folded: weights unchanged, and bias + sum a * w - kzp * sum a from
// the packed values equals the qu8 dot product.
TEST_P(PackTest, u8_izp_folded_keeps_the_accumulator) {
  CheckFoldedAccumulator(
      GetParam(), q8nn_gemm_packing_u8_izp_folded, 4, [](int32_t w) { return int64_t{w}; },
      [](uint8_t kzp) { return -int64_t{kzp}; }, [](uint8_t kzp) { return int32_t{kzp}; },
      [](uint8_t original, int32_t stored, uint8_t) { EXPECT_EQ(stored, original); });
}

// i16_izp_folded: weights stored as int16 w - kzp (padding 0), and bias +
// sum a * (w - kzp) from the packed values alone (no row sums) equals the qu8
// dot product.
TEST_P(PackTest, i16_izp_folded_keeps_the_accumulator) {
  CheckFoldedAccumulator(
      GetParam(), q8nn_gemm_packing_i16_izp_folded, 5, [](int32_t w) { return int64_t{w}; },
      [](uint8_t) { return int64_t{0}; }, [](uint8_t) { return int32_t{0}; },
      [](uint8_t original, int32_t stored, uint8_t kzp) {
        EXPECT_EQ(stored, int32_t{original} - int32_t{kzp});
      });
}

// Sizes: i16_izp_folded stores two bytes per weight, the others one.
TEST(PackGemmSize, weight_bytes) {
  EXPECT_EQ(q8nn_packed_gemm_size(q8nn_gemm_packing_u8, 9, 9, 27, 8, 2), 16u * (4 + 9 * 28));
  EXPECT_EQ(q8nn_packed_gemm_size(q8nn_gemm_packing_i16_izp_folded, 9, 9, 27, 8, 2),
            16u * (4 + 9 * 28 * 2));
}

INSTANTIATE_TEST_SUITE_P(Shapes, PackTest, testing::ValuesIn(kShapes));

// The i16_pairs depthwise layout: the accumulator from the packed values only
// (bias + sum_t x_t * pair weight) equals the qu8 dot product.
TEST(PackDwconv, i16_pairs_keeps_the_accumulator) {
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> u8(0, 255);
  for (size_t channels : {1, 15, 16, 17, 40}) {
    for (size_t ks : {1, 2, 9, 25}) {
      for (uint32_t cr : {8u, 16u}) {
        const uint8_t izp = uint8_t(u8(rng)), kzp = uint8_t(u8(rng));
        std::vector<uint8_t> kernel(channels * ks), x(ks);
        for (auto& w : kernel) w = uint8_t(u8(rng));
        for (auto& v : x) v = uint8_t(u8(rng));
        std::vector<int32_t> bias(channels);
        for (auto& b : bias) b = int32_t(rng()) >> 12;
        const size_t size =
            q8nn_packed_dwconv_size(q8nn_dwconv_packing_i16_pairs, channels, ks, cr);
        ASSERT_EQ(size, (channels + cr - 1) / cr * cr * (4 + (ks + 1) / 2 * 4));
        std::vector<uint8_t> packed(size);
        q8nn_pack_dwconv_weights(q8nn_dwconv_packing_i16_pairs, channels, ks, cr, kernel.data(),
                                 bias.data(), izp, kzp, packed.data());
        const size_t block = cr * (4 + (ks + 1) / 2 * 4);
        for (size_t c = 0; c < channels; c++) {
          const uint8_t* b = packed.data() + c / cr * block;
          int32_t got;
          std::memcpy(&got, b + c % cr * 4, 4);
          for (size_t t = 0; t < ks; t++) {
            int16_t w;
            std::memcpy(&w, b + cr * 4 + (t / 2) * cr * 4 + c % cr * 4 + t % 2 * 2, 2);
            got = int32_t(uint32_t(got) + uint32_t(int32_t{x[t]} * w));
          }
          int64_t expected = bias[c];
          for (size_t t = 0; t < ks; t++) {
            expected += (int64_t{x[t]} - izp) * (int64_t{kernel[c * ks + t]} - kzp);
          }
          EXPECT_EQ(got, int32_t(expected)) << "channel " << c << ", ks " << ks << ", cr " << cr;
        }
      }
    }
  }
}

// The s8_quads depthwise layout: the accumulator from the packed values only
// (bias + sum_t x_t * (w_t - 128) + (128 - kzp) * sum_t x_t, a lone last tap
// times its whole quad instead) equals the qu8 dot product.
TEST(PackDwconv, s8_quads_keeps_the_accumulator) {
  std::mt19937 rng(4);
  std::uniform_int_distribution<int> u8(0, 255);
  for (size_t channels : {1, 15, 16, 17, 40, 64, 65, 130}) {
    for (size_t ks : {1, 2, 3, 4, 5, 9, 25}) {
      for (uint32_t cr : {64u, 128u}) {
        const uint8_t izp = uint8_t(u8(rng));
        // 0 and 255: corrections 128 and -127, the ends of what two bytes hold.
        const uint8_t kzp = ks == 5 ? 0 : ks == 1 ? 255 : uint8_t(u8(rng));
        std::vector<uint8_t> kernel(channels * ks), x(ks);
        for (auto& w : kernel) w = uint8_t(u8(rng));
        for (auto& v : x) v = uint8_t(u8(rng));
        std::vector<int32_t> bias(channels);
        for (auto& b : bias) b = int32_t(rng()) >> 12;
        const size_t size = q8nn_packed_dwconv_size(q8nn_dwconv_packing_s8_quads, channels, ks, cr);
        ASSERT_EQ(size, (channels + cr - 1) / cr * cr * (4 + (ks + 3) / 4 * 4));
        std::vector<uint8_t> packed(size);
        q8nn_pack_dwconv_weights(q8nn_dwconv_packing_s8_quads, channels, ks, cr, kernel.data(),
                                 bias.data(), izp, kzp, packed.data());
        const size_t block = cr * (4 + (ks + 3) / 4 * 4);
        for (size_t c = 0; c < channels; c++) {
          const uint8_t* b = packed.data() + c / cr * block;
          const size_t cc = c % cr;
          const size_t pos = cc / 64 * 64 + cc % 16 / 4 * 16 + cc % 64 / 16 * 4 + cc % 4;
          int32_t got;
          std::memcpy(&got, b + pos * 4, 4);
          int32_t x_sum = 0;
          // 9 taps: column quads (taps 3g..3g+2); otherwise quads of
          // consecutive taps, and a lone last tap carries its own correction.
          const bool columns = ks == 9;
          const size_t lone = !columns && ks % 4 == 1 ? ks - 1 : ks;
          for (size_t t = 0; t < ks; t++) {
            const size_t quad_index = columns ? t / 3 : t / 4;
            const size_t byte = columns ? t % 3 : t % 4;
            const uint8_t* quad = b + cr * 4 + quad_index * cr * 4 + pos * 4;
            if (columns && t % 3 == 0) {
              EXPECT_EQ(quad[3], 0);
            }
            if (t == lone) {
              for (size_t j = 0; j < 3; j++) {
                got = int32_t(uint32_t(got) + uint32_t(int32_t{x[t]} * int8_t(quad[j])));
              }
              EXPECT_EQ(quad[3], 0);
              continue;
            }
            got = int32_t(uint32_t(got) + uint32_t(int32_t{x[t]} * int8_t(quad[byte])));
            x_sum += x[t];
          }
          got = int32_t(uint32_t(got) + uint32_t((128 - int32_t{kzp}) * x_sum));
          int64_t expected = bias[c];
          for (size_t t = 0; t < ks; t++) {
            expected += (int64_t{x[t]} - izp) * (int64_t{kernel[c * ks + t]} - kzp);
          }
          EXPECT_EQ(got, int32_t(expected)) << "channel " << c << ", ks " << ks << ", cr " << cr;
        }
      }
    }
  }
}

}  // namespace
