#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets: tests/fuzz/corpus/<target>/<seed>.

Each seed is one real layer (MobileNet depthwise and pointwise convolutions, an
RGB stem, a stride-2 deconvolution, a 1000-class softargmax, ...) or one of the
reproducers of issue 11, encoded the way tests/fuzz/fuzz-input.h reads it: the
encoder below mirrors FuzzInput (mode byte, then the value) and the read order
of fuzz-convolution.cc, fuzz-pooling.cc and fuzz-elementwise.cc. Keep them in
step: a seed that no longer decodes to its layer still runs, but seeds nothing.

Usage: make-corpus.py [output directory, default: the corpus next to this file]
"""

import os
import random
import shutil
import struct
import sys

# FuzzInput's mode thresholds (fuzz-input.h).
ORDINARY = 0  # any mode byte < 216
MEDIUM = 220  # 216 <= mode < 236
HOSTILE = 240  # mode >= 236
SIZE_MAX = 2**64 - 1


class Seed:
    """Bytes in the order FuzzInput reads them."""

    def __init__(self, isa, operator):
        self.data = bytearray([isa, operator])

    def byte(self, v):
        self.data.append(v & 0xFF)
        return self

    def u16(self, v):
        self.data += struct.pack("<H", v & 0xFFFF)
        return self

    def u32(self, v):
        self.data += struct.pack("<I", v & 0xFFFFFFFF)
        return self

    def u64(self, v):
        self.data += struct.pack("<Q", v & SIZE_MAX)
        return self

    def below(self, v, n):
        return self.byte(v) if n <= 256 else self.u32(v)

    def size(self, v, lo, hi):
        """FuzzInput::size / size32: ordinary when in [lo, hi], else medium."""
        if lo <= v <= hi:
            return self.byte(ORDINARY).below(v - lo, hi - lo + 1)
        assert lo <= v < lo + 64 * (hi + 1), (v, lo, hi)
        return self.byte(MEDIUM).u32(v - lo)

    def hostile_size(self, v):
        """FuzzInput::size with a hostile value (the random-64-bit case)."""
        return self.byte(HOSTILE).byte(15).u64(v)

    def hostile_size32(self, v):
        return self.byte(HOSTILE).byte(9).u32(v)

    def stride(self, extra=0):
        """FuzzInput::stride: channels + extra (extra <= 16)."""
        return self.byte(0) if extra == 0 else self.byte(200).byte(extra - 1)

    def hostile_stride(self, v):
        return self.byte(HOSTILE).byte(2).byte(15).u64(v)

    def scale(self, mantissa, exponent):
        """FuzzInput::scale: (1 + mantissa / 256) * 2^exponent, exponent in -12..2."""
        return self.byte(0).byte(mantissa).byte(exponent + 12)

    def scale_usually(self):
        """FuzzInput::scale_usually: the usual value."""
        return self.byte(0)

    def zero_point(self, v):
        if v == 128:
            return self.byte(0)
        if v == 0:
            return self.byte(100)
        return self.byte(200).byte(v)

    def clamp(self, lo=0, hi=255):
        if (lo, hi) == (0, 255):
            return self.byte(0)
        return self.byte(200).byte(lo).byte(hi)

    def flags(self):
        return self.byte(0)

    def yes(self):  # one_in(n) true
        return self.byte(0)

    def no(self):  # one_in(n) false (n >= 2)
        return self.byte(1)

    def tail(self, rng, n=192):
        """The bytes that fill weights, biases and tensors."""
        self.data += bytes(rng.randrange(256) for _ in range(n))
        return self


# --- fuzz_convolution ----------------------------------------------------------


def quantization(s, izp=128, iscale=(0, -6), kzp=128, kscale=(0, -7), ozp=128, oscale=(0, -4),
                 clamp=(0, 255)):
    s.zero_point(izp).scale(*iscale).zero_point(kzp).scale(*kscale)
    s.zero_point(ozp).scale(*oscale).clamp(*clamp).flags()


def window(s, shape, pad, kernel, stride, dilation, groups, gic, goc, adjustment=None):
    """Window::read; shape 0 ordinary, 5 depthwise, 7 grouped."""
    s.byte(shape)
    for p in pad:  # top, right, bottom, left
        s.size(p, 0, 2)
    if adjustment is not None:
        s.size(adjustment[0], 0, 1).size(adjustment[1], 0, 1)
    s.size(kernel[0], 1, 7).size(kernel[1], 1, 7)
    s.size(stride[0], 1, 3).size(stride[1], 1, 3)
    s.size(dilation[0], 1, 2).size(dilation[1], 1, 2)
    if shape <= 4:
        if groups == 1:
            s.no()
        else:
            s.yes().size(groups, 1, 4)
        s.size(gic, 1, 64).size(goc, 1, 64)
    elif shape <= 6:
        s.size(groups, 1, 64)
        s.no() if gic == 1 else s.yes().size(gic, 1, 2)
        s.no() if goc == 1 else s.yes().size(goc, 1, 2)
    else:
        s.size(groups, 1, 8).size(gic, 1, 16).size(goc, 1, 16)


def weights(s, bias="small", bias_value=0):
    """Weights::read: with_bias, then fill_bias (mode 0: int16 values from the tail)."""
    s.no() if bias is not None else s.yes()
    if bias == "constant":  # every channel the same value through FuzzInput::bias
        s.byte(3).byte(HOSTILE).byte({2**31 - 1: 0, -(2**31): 1}[bias_value]).byte(0)
    else:
        s.byte(0)


def threads(s, pool):
    """setup_and_run's first reads: whether the run uses 2 threads, whether it runs again."""
    return (s.yes() if pool else s.no()).no()


def window_setup(s, batch, height, width, pool=False):
    s.no() if batch != 0 else s.yes()
    if batch != 0:
        s.size(batch, 1, 2)
    s.size(height, 1, 24).size(width, 1, 24)
    s.stride().stride()
    threads(s, pool)


def convolution(isa, pad, kernel, stride, dilation, groups, gic, goc, height, width, shape=None,
                pool=False, **q):
    s = Seed(isa, 0)
    if shape is None:
        shape = 5 if gic == 1 and goc == 1 and groups > 1 else (0 if groups == 1 else 7)
    window(s, shape, pad, kernel, stride, dilation, groups, gic, goc)
    quantization(s, **q)
    weights(s)
    s.no()  # one setup
    window_setup(s, 1, height, width, pool)
    return s


def deconvolution(isa, pad, adjustment, kernel, stride, groups, gic, goc, height, width):
    s = Seed(isa, 1)
    window(s, 0 if groups == 1 else 7, pad, kernel, stride, (1, 1), groups, gic, goc, adjustment)
    quantization(s)
    weights(s)
    s.no()
    window_setup(s, 1, height, width)
    return s


def fully_connected(isa, ic, oc, batch, bias="small", bias_value=0, **q):
    s = Seed(isa, 2)
    s.size(ic, 1, 64).size(oc, 1, 64)
    quantization(s, **q)
    weights(s, bias, bias_value)
    s.no()
    s.no().size(batch, 1, 16).stride().stride()
    return threads(s, False)


def convolution_seeds(rng):
    seeds = {
        # MobileNet v1/v2 layers, at a reduced resolution.
        "mobilenet-dw3x3-s1": convolution(0, (1, 1, 1, 1), (3, 3), (1, 1), (1, 1), 32, 1, 1, 16, 16,
                                          pool=True),
        "mobilenet-dw3x3-s2": convolution(1, (0, 1, 1, 0), (3, 3), (2, 2), (1, 1), 64, 1, 1, 15, 15),
        "mobilenet-pw1x1-32to64": convolution(2, (0, 0, 0, 0), (1, 1), (1, 1), (1, 1), 1, 32, 64,
                                              14, 14),
        "mobilenetv2-pw1x1-expand": convolution(3, (0, 0, 0, 0), (1, 1), (1, 1), (1, 1), 1, 24, 144,
                                                7, 7),
        "stem-3x3x3-s2": convolution(0, (0, 1, 1, 0), (3, 3), (2, 2), (1, 1), 1, 3, 32, 24, 24),
        "efficientnet-dw5x5-s2": convolution(1, (2, 2, 2, 2), (5, 5), (2, 2), (1, 1), 48, 1, 1, 17,
                                             17),
        "dw7x7": convolution(2, (3, 3, 3, 3), (7, 7), (1, 1), (1, 1), 16, 1, 1, 9, 9, shape=5),
        "resnet-basic-block-3x3": convolution(3, (1, 1, 1, 1), (3, 3), (1, 1), (1, 1), 1, 16, 16, 8, 8),
        "dilated-3x3-d2": convolution(0, (2, 2, 2, 2), (3, 3), (1, 1), (2, 2), 1, 8, 8, 12, 12),
        "grouped-3x3-g4": convolution(1, (1, 1, 1, 1), (3, 3), (1, 1), (1, 1), 4, 8, 8, 8, 8),
        "asymmetric-1x7": convolution(2, (0, 3, 0, 3), (1, 7), (1, 1), (1, 1), 1, 16, 16, 10, 10),
        "deconv-4x4-s2": deconvolution(3, (1, 1, 1, 1), (0, 0), (4, 4), (2, 2), 1, 16, 8, 8, 8),
        "deconv-3x3-s2-adjust": deconvolution(0, (1, 1, 1, 1), (1, 1), (3, 3), (2, 2), 1, 8, 8, 7,
                                              7),
        "deconv-2x2-s2-grouped": deconvolution(1, (0, 0, 0, 0), (0, 0), (2, 2), (2, 2), 2, 8, 4, 6,
                                               6),
        "fc-resnet18-512to1000": fully_connected(2, 512, 1000, 1),
        "fc-64to10-batch4": fully_connected(3, 64, 10, 4),
        # Issue 11, finding 2: a bias of INT32_MAX overflows the accumulator.
    }
    for s in seeds.values():
        s.tail(rng)
    # Issue 11, finding 2: a bias of INT32_MAX (INT32_MIN) plus a product of
    # 127 * 255 (-128 * 255) overflows the accumulator. The tail sets the
    # weight (tensor byte 0) and the input (byte 1954 of the tail, see
    # FuzzInput::fill).
    s = fully_connected(0, 1, 1, 1, "constant", 2**31 - 1, kzp=0)
    s.data += bytes([255] * 2001)
    seeds["issue11-fc-bias-int32max"] = s
    s = fully_connected(1, 1, 1, 1, "constant", -(2**31), kzp=0)
    s.data += bytes([255] + [0] * 2000)
    seeds["issue11-fc-bias-int32min"] = s
    # Issue 11, finding 3: a batch whose pixel count overflows size_t.
    seeds["issue11-conv-batch-overflow"] = hostile_conv_setup(rng)
    return seeds


def hostile_conv_setup(rng):
    s = Seed(3, 0)
    window(s, 0, (1, 1, 1, 1), (3, 3), (1, 1), (1, 1), 1, 4, 4)
    quantization(s)
    weights(s)
    s.no()
    s.no().hostile_size(2**62)  # batch
    s.size(8, 1, 24).size(8, 1, 24).stride().stride()
    return threads(s, False).tail(rng, 64)


# --- fuzz_pooling --------------------------------------------------------------


def pooling_window(s, pad, pool, stride, channels, dilation=None):
    for p in pad:
        s.size(p, 0, 2)
    s.size(pool[0], 1, 7).size(pool[1], 1, 7)
    s.size(stride[0], 1, 3).size(stride[1], 1, 3)
    if dilation is not None:
        s.size(dilation[0], 1, 2).size(dilation[1], 1, 2)
    s.size(channels, 1, 64)


def strides(s, *values):
    """FuzzInput::stride for each: None for the channels, else a hostile value."""
    for v in values:
        s.stride() if v is None else s.hostile_stride(v)


def pooling_setup(s, batch, height, width, pool=False, in_stride=None, out_stride=None):
    s.no()  # one setup
    s.no() if batch != 0 else s.yes()
    if batch != 0:
        s.size(batch, 1, 2)
    s.size(height, 1, 32).size(width, 1, 32)
    strides(s, in_stride, out_stride)
    threads(s, pool)


def average_pooling(isa, pad, pool, stride, channels, batch, height, width):
    s = Seed(isa, 0)
    pooling_window(s, pad, pool, stride, channels)
    s.zero_point(128).scale(0, -5).zero_point(128).scale(0, -5).clamp().flags()
    pooling_setup(s, batch, height, width)
    return s


def max_pooling(isa, pad, pool, stride, dilation, channels, batch, height, width, threaded=False,
                out_stride=None):
    s = Seed(isa, 1)
    pooling_window(s, pad, pool, stride, channels, dilation)
    s.clamp().flags()
    pooling_setup(s, batch, height, width, threaded, out_stride=out_stride)
    return s


def global_average_pooling(isa, channels, batch, width, in_stride=None):
    s = Seed(isa, 2)
    s.size(channels, 1, 64)
    s.zero_point(128).scale(0, -5).zero_point(128).scale(0, -6).clamp().flags()
    s.no()
    s.no().size(batch, 1, 4).size(width, 1, 64)
    strides(s, in_stride, None)
    return threads(s, False)


def pooling_seeds(rng):
    seeds = {
        "avgpool-3x3-s1-p1": average_pooling(0, (1, 1, 1, 1), (3, 3), (1, 1), 32, 1, 17, 17),
        "avgpool-2x2-s2": average_pooling(1, (0, 0, 0, 0), (2, 2), (2, 2), 16, 2, 16, 16),
        "avgpool-7x7-head": average_pooling(2, (0, 0, 0, 0), (7, 7), (1, 1), 64, 1, 7, 7),
        "maxpool-3x3-s2-resnet": max_pooling(3, (1, 1, 1, 1), (3, 3), (2, 2), (1, 1), 64, 1, 28,
                                             28, threaded=True),
        "maxpool-2x2-s2": max_pooling(0, (0, 0, 0, 0), (2, 2), (2, 2), (1, 1), 24, 1, 16, 16),
        "maxpool-3x3-d2": max_pooling(1, (2, 2, 2, 2), (3, 3), (1, 1), (2, 2), 8, 1, 12, 12),
        "gavgpool-mobilenetv2-7x7x1280": global_average_pooling(2, 1280, 1, 49),
        "gavgpool-batch4": global_average_pooling(3, 64, 4, 64),
        # Issue 11, finding 8: batch 0 with a window wider than the input.
        "issue11-maxpool-batch0-wide-window": max_pooling(0, (0, 0, 0, 0), (3, 3), (1, 1), (1, 1),
                                                          4, 0, 2, 2),
        # Found by fuzzing: a stride near SIZE_MAX where the tensor has one row
        # or pixel (kernels step a pointer one row past the last).
        "fuzz-gavgpool-one-row-stride-size-max": global_average_pooling(0, 43, 1, 1,
                                                                        in_stride=SIZE_MAX),
        "fuzz-maxpool-one-pixel-output-stride-size-max": max_pooling(
            1, (0, 0, 0, 0), (2, 2), (2, 2), (1, 1), 61, 1, 2, 2, out_stride=SIZE_MAX),
    }
    for s in seeds.values():
        s.tail(rng)
    return seeds


# --- fuzz_elementwise ------------------------------------------------------------


def rows_setup(s, batch, extra=(0, 0, 0), two_inputs=False, pool=False):
    s.no()  # one setup
    s.no().size(batch, 1, 16)
    s.stride(extra[0])
    if two_inputs:
        s.stride(extra[1])
    s.stride(extra[2])
    threads(s, pool)


def elementwise_seeds(rng):
    seeds = {}

    s = Seed(0, 0)  # add: a MobileNetV2 residual connection
    s.size(24, 1, 64)
    s.zero_point(128).scale(0, -5).zero_point(128).scale(128, -5).zero_point(128).scale(0, -4)
    s.clamp().flags()
    rows_setup(s, 16, two_inputs=True, pool=True)
    seeds["add-residual-24ch"] = s

    s = Seed(1, 0)  # add with row gaps
    s.size(7, 1, 64).zero_point(3).scale(0, -3).zero_point(250).scale(64, -2).zero_point(10)
    s.scale(0, -2).clamp(10, 200).flags()
    rows_setup(s, 5, extra=(1, 3, 2), two_inputs=True)
    seeds["add-strided"] = s

    s = Seed(2, 1)  # clamp: ReLU6 on a uint8 tensor
    s.size(32, 1, 64).yes().clamp(0, 6 * 16).flags()
    rows_setup(s, 16)
    seeds["clamp-relu6"] = s

    s = Seed(3, 2)  # sigmoid
    s.size(64, 1, 64).zero_point(128).scale(0, -4).byte(0).scale_usually().clamp().flags()
    rows_setup(s, 8)
    seeds["sigmoid"] = s

    s = Seed(0, 3)  # leaky ReLU, slope 0.1
    s.size(16, 1, 64).byte(0).byte(25).zero_point(128).scale(0, -5).zero_point(128)
    s.scale(0, -5).clamp().flags()
    rows_setup(s, 8)
    seeds["leaky-relu-0.1"] = s

    s = Seed(1, 4)  # softargmax: an ImageNet classifier head
    s.size(1000, 1, 1024).scale(0, -3).byte(0).scale_usually().flags()
    rows_setup(s, 1)
    seeds["softargmax-1000-classes"] = s

    s = Seed(2, 4)  # softargmax: a small head, batch 4
    s.size(10, 1, 1024).scale(128, -2).byte(0).scale_usually().flags()
    rows_setup(s, 4)
    seeds["softargmax-10-batch4"] = s

    s = Seed(3, 5)  # channel shuffle: ShuffleNet v2, 2 groups of 58
    s.size(2, 2, 8).size(58, 1, 32).flags()
    rows_setup(s, 16)
    seeds["channel-shuffle-shufflenet-2x58"] = s

    s = Seed(0, 5)  # channel shuffle: ShuffleNet v1, 3 groups
    s.size(3, 2, 8).size(16, 1, 32).flags()
    rows_setup(s, 9, extra=(5, 0, 1))
    seeds["channel-shuffle-3x16-strided"] = s

    for s in seeds.values():
        s.tail(rng)

    # Issue 11, finding 1: 300 classes, a row maximum below 239 (every input
    # 71: a tail of 1000 zeros, read from byte 1954 on, is in its second round).
    s = Seed(1, 4)
    s.size(300, 1, 1024).byte(0).byte(154).byte(8).byte(0).scale_usually().flags()
    rows_setup(s, 1)
    s.data += bytes(1000)
    seeds["issue11-softargmax-300-low-max"] = s
    # Issue 11, finding 4: channel shuffle with group_channels 2^63.
    s = Seed(2, 5)
    s.size(2, 2, 8).hostile_size(2**63).flags()
    rows_setup(s, 1)
    seeds["issue11-channel-shuffle-2pow63"] = s.tail(rng, 32)
    return seeds


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "corpus")
    rng = random.Random(11)
    targets = {
        "fuzz_convolution": convolution_seeds(rng),
        "fuzz_pooling": pooling_seeds(rng),
        "fuzz_elementwise": elementwise_seeds(rng),
    }
    total = 0
    for target, seeds in targets.items():
        directory = os.path.join(out, target)
        if os.path.isdir(directory):
            shutil.rmtree(directory)
        os.makedirs(directory)
        for name, seed in seeds.items():
            with open(os.path.join(directory, name), "wb") as f:
                f.write(seed.data)
            total += len(seed.data)
        print(f"{directory}: {len(seeds)} seeds")
    print(f"{total} bytes in all")


if __name__ == "__main__":
    main()
