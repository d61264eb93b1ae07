#include "dwconv-up16-sse2.h"
#include "q8nn/ukernels.h"

Q8NN_DW16_DEFINE_KERNELS(25)
