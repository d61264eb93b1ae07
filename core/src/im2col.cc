// The im2col path's gathering (operator-common.h): one contiguous row of
// taps * channels bytes per output pixel, read by the gemm kernels.
#include <cstring>

#include "operator-common.h"
#include "q8nn/math.h"

namespace q8nn {

namespace {

// Copies n >= 1 bytes with overlapping 8- or 4-byte moves: the runs here are
// a few bytes long, too short for a memcpy call to pay off.
inline void copy_short(uint8_t* dst, const uint8_t* src, size_t n) {
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) std::memcpy(dst + i, src + i, 8);
    std::memcpy(dst + n - 8, src + n - 8, 8);
  } else if (n >= 4) {
    std::memcpy(dst, src, 4);
    std::memcpy(dst + n - 4, src + n - 4, 4);
  } else {
    for (size_t i = 0; i < n; i++) dst[i] = src[i];
  }
}

// Copies `pixels` runs of n bytes, src_step and dst_step apart. Split out so
// that the common short runs (8 to 16 bytes: RGB 3x3 and 5x5 kernel rows)
// are two moves each.
void copy_runs(uint8_t* dst, size_t dst_step, const uint8_t* src, size_t src_step, size_t pixels,
               size_t n) {
  if (n >= 8 && n <= 16) {
    for (size_t i = 0; i < pixels; i++, dst += dst_step, src += src_step) {
      std::memcpy(dst, src, 8);
      std::memcpy(dst + n - 8, src + n - 8, 8);
    }
  } else {
    for (size_t i = 0; i < pixels; i++, dst += dst_step, src += src_step) copy_short(dst, src, n);
  }
}

}  // namespace

void im2col_rows(const qnnp_operator* op, size_t image, size_t first_pixel, size_t count) {
  const Window& w = op->window;
  const size_t channels = op->group_input_channels;
  const size_t tap_row_bytes = w.kernel_width * channels;
  const size_t ih = op->input_height, iw = op->input_width, ow = op->output_width;
  const size_t pixel_stride = op->input_stride, row_stride = op->im2col_stride;
  const uint8_t zero_point = op->quantization.input_zero_point;
  const uint8_t* input = op->input + image * ih * iw * pixel_stride;
  // Output columns whose kernel rows lie inside the input: [inside_begin, inside_end).
  const size_t span = size_t{w.kernel_width - 1} * w.dilation_width;
  const size_t inside_begin = divide_round_up(size_t{w.padding_left}, size_t{w.stride_width});
  const size_t inside_end =
      iw + w.padding_left > span ? (iw + w.padding_left - span - 1) / w.stride_width + 1 : 0;
  // Their taps are one contiguous run when pixels are.
  const bool dense = w.dilation_width == 1 && pixel_stride == channels;

  uint8_t* rows = static_cast<uint8_t*>(op->im2col.data()) +
                  (image * op->output_height * ow + first_pixel) * row_stride;
  // One output row (or part of one) at a time: [ox_first, ox_last) of row oy.
  for (size_t pixel = first_pixel, done = 0; done < count;) {
    const size_t oy = pixel / ow, ox_first = pixel % ow;
    const size_t ox_last = min(ow, ox_first + (count - done));
    uint8_t* row0 = rows + done * row_stride - ox_first * row_stride;  // row of ox = 0
    for (size_t ky = 0; ky < w.kernel_height; ky++) {
      uint8_t* dst0 = row0 + ky * tap_row_bytes;
      const size_t iy = oy * w.stride_height + ky * w.dilation_height - w.padding_top;
      if (iy >= ih) {  // unsigned wrap-around: rows above the input too
        for (size_t ox = ox_first; ox < ox_last; ox++) {
          std::memset(dst0 + ox * row_stride, zero_point, tap_row_bytes);
        }
        continue;
      }
      const uint8_t* src = input + iy * iw * pixel_stride;
      const size_t begin = dense ? max(ox_first, min(inside_begin, ox_last)) : ox_last;
      const size_t end = dense ? max(begin, min(inside_end, ox_last)) : ox_last;
      if (begin < end) {
        copy_runs(dst0 + begin * row_stride, row_stride,
                  src + (begin * w.stride_width - w.padding_left) * channels,
                  w.stride_width * channels, end - begin, tap_row_bytes);
      }
      // The other columns tap by tap, padding with the zero point.
      for (size_t ox = ox_first; ox < ox_last; ox++) {
        if (ox == begin) ox = end;
        if (ox >= ox_last) break;
        uint8_t* dst = dst0 + ox * row_stride;
        for (size_t kx = 0; kx < w.kernel_width; kx++, dst += channels) {
          const size_t ix = ox * w.stride_width + kx * w.dilation_width - w.padding_left;
          if (ix < iw) {
            copy_short(dst, src + ix * pixel_stride, channels);
          } else {
            std::memset(dst, zero_point, channels);
          }
        }
      }
    }
    done += ox_last - ox_first;
    pixel += ox_last - ox_first;
  }
}

}  // namespace q8nn
