// qnnp_run_operator: splits each operator's output into tiles across the
// thread pool. Every output element is computed by the same arithmetic
// whatever the tiling, so results do not depend on the thread count.
#include <pthreadpool.h>

#include <cstdint>

#include "operator-common.h"
#include "q8nn/math.h"

using q8nn::ConvolutionPath;
using q8nn::OperatorType;

namespace {

size_t thread_count(pthreadpool_t threadpool) {
  return threadpool == nullptr ? 1 : pthreadpool_get_threads_count(threadpool);
}

// Output channels per task of a gemm: whole rows, unless there are too few
// pixel tiles to keep every thread busy, then a multiple of NR.
size_t gemm_channel_tile(pthreadpool_t threadpool, size_t pixel_tiles, size_t channels, size_t nr) {
  const size_t threads = thread_count(threadpool);
  if (threads <= 1) return channels;
  const size_t target_tiles = threads * 5;
  if (pixel_tiles >= target_tiles) return channels;
  const size_t tiles_per_row = q8nn::divide_round_up(target_tiles, pixel_tiles);
  return q8nn::min(channels, q8nn::round_up(q8nn::divide_round_up(channels, tiles_per_row), nr));
}

// Elements per task of an elementwise operator over contiguous data.
size_t elementwise_tile(pthreadpool_t threadpool, size_t elements) {
  const size_t threads = thread_count(threadpool);
  const size_t tile = q8nn::divide_round_up(elements, threads * 4);
  return q8nn::max(q8nn::round_up(tile, 64), size_t{4096});
}

// The kernels take the pointer array as `const uint8_t**` (never writing it).
const uint8_t** indirection_at(const qnnp_operator* op, size_t index) {
  return static_cast<const uint8_t**>(op->indirection.data()) + index;
}

// Input offset of image `b` relative to where the indirection buffer points.
size_t image_input_offset(const qnnp_operator* op, size_t b) {
  return uintptr_t(op->input) - uintptr_t(op->indirection_input) +
         b * op->input_height * op->input_width * op->input_stride;
}

// --- gemm and igemm ------------------------------------------------------------

size_t packed_block_size(const qnnp_operator* op, size_t taps) {
  return q8nn_packed_gemm_size(op->gemm.packing, op->gemm.nr, taps, op->group_input_channels,
                               op->gemm.nr, op->gemm.kr);
}

// Rows per task of a gemm: several MR tiles, so that the work done once per
// call (the thread pool's and the kernel's own set-up) is shared, while
// leaving each thread ~8 tasks to balance.
size_t gemm_row_tile(pthreadpool_t threadpool, size_t rows, size_t mr) {
  constexpr size_t kMaxTiles = 16;
  const size_t threads = thread_count(threadpool);
  const size_t tiles = threads <= 1 ? kMaxTiles : q8nn::divide_round_up(rows, mr) / (threads * 8);
  return mr * q8nn::max(size_t{1}, q8nn::min(tiles, kMaxTiles));
}

// gemm over m_count rows of A (a_stride apart), MR at a time, into rows of
// the output; w = the packed weights of the first column block.
void gemm_rows(const qnnp_operator* op, size_t m_count, size_t n_count, size_t kc, const uint8_t* a,
               size_t a_stride, const uint8_t* w, uint8_t* c) {
  const size_t mr = op->gemm.mr;
  for (size_t m = 0; m < m_count; m += mr) {
    op->gemm.gemm(q8nn::min(mr, m_count - m), n_count, kc, a + m * a_stride, a_stride, w,
                  c + m * op->output_stride, op->output_stride, &op->conv_params);
  }
}

void compute_gemm(void* context, size_t group, size_t m_start, size_t n_start, size_t m_count,
                  size_t n_count) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t gic = op->group_input_channels, goc = op->group_output_channels;
  const auto* w = static_cast<const uint8_t*>(op->packed_weights.data()) +
                  group * op->packed_group_size + n_start / op->gemm.nr * packed_block_size(op, 1);
  gemm_rows(op, m_count, n_count, gic, op->input + m_start * op->input_stride + group * gic,
            op->input_stride, w, op->output + m_start * op->output_stride + group * goc + n_start);
}

void compute_igemm(void* context, size_t image_group, size_t m_start, size_t n_start,
                   size_t m_count, size_t n_count) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t gic = op->group_input_channels, goc = op->group_output_channels;
  const size_t taps = op->window.taps();
  const size_t b = image_group / op->groups, group = image_group % op->groups;
  const size_t output_pixels = op->output_height * op->output_width;
  const auto* w = static_cast<const uint8_t*>(op->packed_weights.data()) +
                  group * op->packed_group_size +
                  n_start / op->gemm.nr * packed_block_size(op, taps);
  uint8_t* c =
      op->output + (b * output_pixels + m_start) * op->output_stride + group * goc + n_start;
  const size_t input_offset = image_input_offset(op, b) + group * gic;
  const auto* zero = static_cast<const uint8_t*>(op->zero.data());
  const size_t mr = op->gemm.mr;
  // m_start and the pointer tiles are multiples of MR.
  for (size_t m = 0; m < m_count; m += mr) {
    op->gemm.igemm(q8nn::min(mr, m_count - m), n_count, gic, taps,
                   indirection_at(op, (m_start + m) * taps), w, c + m * op->output_stride,
                   op->output_stride, input_offset, zero, &op->conv_params);
  }
}

// im2col: each task gathers its pixels' rows, then multiplies them while
// they are in cache, all output channels at once (so no two tasks gather
// the same rows).
void compute_im2col(void* context, size_t image, size_t m_start, size_t m_count) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  q8nn::im2col_rows(op, image, m_start, m_count);
  const size_t row = image * op->output_height * op->output_width + m_start;
  gemm_rows(op, m_count, op->group_output_channels, op->window.taps() * op->group_input_channels,
            static_cast<const uint8_t*>(op->im2col.data()) + row * op->im2col_stride,
            op->im2col_stride, static_cast<const uint8_t*>(op->packed_weights.data()),
            op->output + row * op->output_stride);
}

void run_gemm(const qnnp_operator* op, pthreadpool_t threadpool) {
  const size_t mr = op->gemm.mr;
  const size_t goc = op->group_output_channels;
  auto* context = const_cast<qnnp_operator*>(op);
  if (op->path == ConvolutionPath::im2col) {
    const size_t pixels = op->output_height * op->output_width;
    pthreadpool_parallelize_2d_tile_1d(threadpool, compute_im2col, context, op->batch_size, pixels,
                                       gemm_row_tile(threadpool, op->batch_size * pixels, mr), 0);
    return;
  }
  // gemm (1x1 stride-1 unpadded): every pixel of every image is one row of A.
  const bool gemm = op->path == ConvolutionPath::gemm;
  const size_t outer = gemm ? op->groups : op->batch_size * op->groups;
  const size_t rows = gemm ? op->batch_size * op->input_height * op->input_width
                           : op->output_height * op->output_width;
  const size_t m_tile = gemm_row_tile(threadpool, outer * rows, mr);
  const size_t nc_tile =
      gemm_channel_tile(threadpool, outer * q8nn::divide_round_up(rows, m_tile), goc, op->gemm.nr);
  pthreadpool_parallelize_3d_tile_2d(threadpool, gemm ? compute_gemm : compute_igemm, context,
                                     outer, rows, goc, m_tile, nc_tile, 0);
}

// --- window operators computed one output row at a time -----------------------

// Shared arguments of the dwconv, avgpool and maxpool kernels for output row
// (b, oy): where its pointers, output and input offset are.
struct RowArguments {
  const uint8_t** input;
  uint8_t* output;
  size_t input_offset;
  size_t input_stride;      // bytes between the pointers of two output pixels
  size_t output_increment;  // bytes from one output pixel's end to the next one's start
};

RowArguments row_arguments(const qnnp_operator* op, size_t b, size_t oy, size_t channels) {
  const size_t first_pixel = oy * op->output_width;
  return {indirection_at(op, oy * op->indirection_row_step),
          op->output + (b * op->output_height * op->output_width + first_pixel) * op->output_stride,
          image_input_offset(op, b), op->indirection_pixel_step * sizeof(void*),
          op->output_stride - channels};
}

void compute_dwconv_row(void* context, size_t b, size_t oy) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t channels = op->groups;
  const RowArguments r = row_arguments(op, b, oy, channels);
  const auto* zero = static_cast<const uint8_t*>(op->zero.data());
  if (op->path == ConvolutionPath::dwconv_up) {
    op->dwconv_up.ukernel(channels, op->output_width, r.input, op->packed_weights.data(), r.output,
                          r.input_stride, r.output_increment, r.input_offset, zero,
                          &op->conv_params);
  } else {
    op->dwconv_mp.ukernel(channels, op->output_width, op->window.taps(), r.input,
                          op->packed_weights.data(), r.output, r.input_stride, r.output_increment,
                          r.input_offset, zero, &op->conv_params);
  }
}

void compute_avgpool_row(void* context, size_t b, size_t oy) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t channels = op->group_input_channels;
  const RowArguments r = row_arguments(op, b, oy, channels);
  op->config->avgpool(op->output_width, op->window.taps(), channels, r.input, r.input_offset,
                      static_cast<const uint8_t*>(op->zero.data()), r.output, r.input_stride,
                      r.output_increment, &op->avgpool_params);
}

void compute_maxpool_row(void* context, size_t b, size_t oy) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t channels = op->group_input_channels;
  const RowArguments r = row_arguments(op, b, oy, channels);
  op->config->maxpool(op->output_width, op->window.taps(), channels, r.input, r.input_offset,
                      static_cast<const uint8_t*>(op->zero.data()), r.output, r.input_stride,
                      r.output_increment, &op->clamp_params);
}

// --- row operators ---------------------------------------------------------------

void compute_gavgpool(void* context, size_t b, size_t c_start, size_t c_count) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  op->config->gavgpool(op->input_width, c_count,
                       op->input + b * op->input_width * op->input_stride + c_start,
                       op->input_stride, static_cast<const uint8_t*>(op->zero.data()),
                       op->output + b * op->output_stride + c_start, &op->avgpool_params);
}

// Calls `apply(op, input_offset, input2_offset, output_offset, n)` over the
// rows of an elementwise operator: as one long vector in tiles when the rows
// are contiguous, row by row otherwise.
template <void (*Apply)(const qnnp_operator*, size_t, size_t, size_t, size_t)>
void run_elementwise(const qnnp_operator* op, pthreadpool_t threadpool) {
  const size_t channels = op->group_input_channels;
  const bool contiguous = op->input_stride == channels && op->output_stride == channels &&
                          (op->type != OperatorType::add || op->input2_stride == channels);
  auto* context = const_cast<qnnp_operator*>(op);
  if (contiguous) {
    const size_t elements = op->batch_size * channels;
    pthreadpool_parallelize_1d_tile_1d(
        threadpool,
        [](void* ctx, size_t start, size_t count) {
          Apply(static_cast<const qnnp_operator*>(ctx), start, start, start, count);
        },
        context, elements, elementwise_tile(threadpool, elements), 0);
  } else {
    pthreadpool_parallelize_1d(
        threadpool,
        [](void* ctx, size_t row) {
          const auto* o = static_cast<const qnnp_operator*>(ctx);
          Apply(o, row * o->input_stride, row * o->input2_stride, row * o->output_stride,
                o->group_input_channels);
        },
        context, op->batch_size, 0);
  }
}

void apply_add(const qnnp_operator* op, size_t a, size_t b, size_t y, size_t n) {
  op->config->vadd(n, op->input + a, op->input2 + b, op->output + y, &op->add_params);
}

void apply_clamp(const qnnp_operator* op, size_t x, size_t, size_t y, size_t n) {
  op->config->clamp(n, op->input + x, op->output + y, &op->clamp_params);
}

void apply_lut(const qnnp_operator* op, size_t x, size_t, size_t y, size_t n) {
  op->config->lut(n, op->input + x, static_cast<const uint8_t*>(op->lookup_table.data()),
                  op->output + y);
}

void compute_softargmax(void* context, size_t row) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t channels = op->group_input_channels;
  const uint8_t* x = op->input + row * op->input_stride;
  const uint8_t x_max = op->config->rmax(channels, x);
  const auto* table = static_cast<const uint32_t*>(op->lookup_table.data());
  op->config->lut32norm(channels, x, table + (255 - x_max), op->output + row * op->output_stride);
}

void compute_channel_shuffle(void* context, size_t row) {
  const auto* op = static_cast<const qnnp_operator*>(context);
  const size_t n = op->group_input_channels;
  const uint8_t* x = op->input + row * op->input_stride;
  uint8_t* y = op->output + row * op->output_stride;
  switch (op->groups) {
    case 2:
      op->config->zip_x2(n, x, y);
      break;
    case 3:
      op->config->zip_x3(n, x, y);
      break;
    case 4:
      op->config->zip_x4(n, x, y);
      break;
    default:
      op->config->zip_xm(n, op->groups, x, y);
      break;
  }
}

}  // namespace

extern "C" {

enum qnnp_status qnnp_run_operator(qnnp_operator_t op, pthreadpool_t threadpool) {
  const q8nn::ApiCall call(__func__);
  if (op == nullptr) return q8nn::fail(qnnp_status_invalid_parameter, "the operator is NULL");
  if (!op->is_setup) {
    return q8nn::fail(qnnp_status_invalid_parameter,
                      "the %s operator is not set up (its last setup failed or never ran)",
                      q8nn::operator_type_name(op->type));
  }
  if (op->batch_size == 0) return qnnp_status_success;
  auto* context = static_cast<void*>(op);
  switch (op->type) {
    case OperatorType::convolution:
    case OperatorType::deconvolution:
    case OperatorType::fully_connected:
      if (op->path == ConvolutionPath::dwconv_up || op->path == ConvolutionPath::dwconv_mp) {
        pthreadpool_parallelize_2d(threadpool, compute_dwconv_row, context, op->batch_size,
                                   op->output_height, 0);
      } else {
        run_gemm(op, threadpool);
      }
      break;
    case OperatorType::average_pooling:
      pthreadpool_parallelize_2d(threadpool, compute_avgpool_row, context, op->batch_size,
                                 op->output_height, 0);
      break;
    case OperatorType::max_pooling:
      pthreadpool_parallelize_2d(threadpool, compute_maxpool_row, context, op->batch_size,
                                 op->output_height, 0);
      break;
    case OperatorType::global_average_pooling: {
      const size_t channels = op->group_input_channels;
      const size_t threads = thread_count(threadpool);
      const size_t tile =
          threads <= 1 ? channels
                       : q8nn::min(channels, q8nn::round_up(
                                                 q8nn::divide_round_up(channels, threads * 2), 64));
      pthreadpool_parallelize_2d_tile_1d(threadpool, compute_gavgpool, context, op->batch_size,
                                         channels, tile, 0);
      break;
    }
    case OperatorType::add:
      run_elementwise<apply_add>(op, threadpool);
      break;
    case OperatorType::clamp:
      run_elementwise<apply_clamp>(op, threadpool);
      break;
    case OperatorType::sigmoid:
    case OperatorType::leaky_relu:
      run_elementwise<apply_lut>(op, threadpool);
      break;
    case OperatorType::softargmax:
      pthreadpool_parallelize_1d(threadpool, compute_softargmax, context, op->batch_size, 0);
      break;
    case OperatorType::channel_shuffle:
      pthreadpool_parallelize_1d(threadpool, compute_channel_shuffle, context, op->batch_size, 0);
      break;
  }
  return qnnp_status_success;
}

enum qnnp_status qnnp_delete_operator(qnnp_operator_t op) {
  delete op;
  return qnnp_status_success;
}

}  // extern "C"
