// See pthreadpool.h: the single-threaded stand-in of the WebAssembly builds.
#include "pthreadpool.h"

#include <algorithm>
#include <cstdlib>

struct pthreadpool {
  size_t threads_count;
};

extern "C" {

pthreadpool_t pthreadpool_create(size_t threads_count) {
  // malloc: Emscripten's nothrow operator new aborts when memory runs out.
  auto* pool = static_cast<pthreadpool*>(std::malloc(sizeof(pthreadpool)));
  if (pool != nullptr) pool->threads_count = threads_count == 0 ? 1 : threads_count;
  return pool;
}

size_t pthreadpool_get_threads_count(pthreadpool_t threadpool) {
  return threadpool == nullptr ? 1 : threadpool->threads_count;
}

void pthreadpool_destroy(pthreadpool_t threadpool) {
  std::free(threadpool);
}

void pthreadpool_parallelize_1d(pthreadpool_t, pthreadpool_task_1d_t function, void* context,
                                size_t range, uint32_t) {
  for (size_t i = 0; i < range; i++) function(context, i);
}

void pthreadpool_parallelize_1d_tile_1d(pthreadpool_t, pthreadpool_task_1d_tile_1d_t function,
                                        void* context, size_t range, size_t tile, uint32_t) {
  for (size_t i = 0; i < range; i += tile) function(context, i, std::min(tile, range - i));
}

void pthreadpool_parallelize_2d(pthreadpool_t, pthreadpool_task_2d_t function, void* context,
                                size_t range_i, size_t range_j, uint32_t) {
  for (size_t i = 0; i < range_i; i++) {
    for (size_t j = 0; j < range_j; j++) function(context, i, j);
  }
}

void pthreadpool_parallelize_2d_tile_1d(pthreadpool_t, pthreadpool_task_2d_tile_1d_t function,
                                        void* context, size_t range_i, size_t range_j,
                                        size_t tile_j, uint32_t) {
  for (size_t i = 0; i < range_i; i++) {
    for (size_t j = 0; j < range_j; j += tile_j) {
      function(context, i, j, std::min(tile_j, range_j - j));
    }
  }
}

void pthreadpool_parallelize_3d_tile_2d(pthreadpool_t, pthreadpool_task_3d_tile_2d_t function,
                                        void* context, size_t range_i, size_t range_j,
                                        size_t range_k, size_t tile_j, size_t tile_k, uint32_t) {
  for (size_t i = 0; i < range_i; i++) {
    for (size_t j = 0; j < range_j; j += tile_j) {
      for (size_t k = 0; k < range_k; k += tile_k) {
        function(context, i, j, k, std::min(tile_j, range_j - j), std::min(tile_k, range_k - k));
      }
    }
  }
}

}  // extern "C"
