#include <stdio.h>

#include <qnnpack.h>

int main(void) {
  /* A 4x4 one-channel image (NHWC, batch 1) and a 3x3 box filter: with all
   * weights 1 (kernel zero point 0) and output scale 9, each output pixel is
   * the rounded mean of its 3x3 neighbourhood (zero padding at the borders). */
  const uint8_t input[4 * 4] = {0,   16,  32,  48,  64,  80,  96,  112,
                                128, 144, 160, 176, 192, 208, 224, 240};
  const uint8_t kernel[3 * 3] = {1, 1, 1, 1, 1, 1, 1, 1, 1};
  const int32_t bias[1] = {0};
  uint8_t output[4 * 4];

  if (qnnp_initialize() != qnnp_status_success) return 1;

  qnnp_operator_t conv = NULL;
  enum qnnp_status status = qnnp_create_convolution2d_nhwc_q8(
      1, 1, 1, 1,   /* padding: top, right, bottom, left */
      3, 3,         /* kernel height, width */
      1, 1,         /* subsampling (stride) */
      1, 1,         /* dilation */
      1, 1, 1,      /* groups, input and output channels per group */
      0, 1.0f,      /* input zero point, scale */
      0, 1.0f,      /* kernel zero point, scale */
      kernel, bias, /* weights [out][kh][kw][in], int32 bias */
      0, 9.0f,      /* output zero point, scale */
      0, 255,       /* output min, max */
      0, &conv);
  if (status == qnnp_status_success) {
    /* batch 1, 4x4 input; pixel strides are in elements (here 1 channel) */
    status = qnnp_setup_convolution2d_nhwc_q8(conv, 1, 4, 4, input, 1, output, 1,
                                              NULL /* no thread pool */);
  }
  if (status == qnnp_status_success) {
    status = qnnp_run_operator(conv, NULL);
  }
  qnnp_delete_operator(conv);
  qnnp_deinitialize();
  if (status != qnnp_status_success) {
    fprintf(stderr, "convolution failed: status %d\n", (int) status);
    return 1;
  }

  for (int y = 0; y < 4; y++) {
    for (int x = 0; x < 4; x++) printf("%4d", output[y * 4 + x]);
    printf("\n");
  }
  return 0;
}
