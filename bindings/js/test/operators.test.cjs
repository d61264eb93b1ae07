// Every operator against the JS references of helpers.cjs, for each build:
// convolution, depthwise convolution, deconvolution and fully connected bit
// for bit (the fp32 rule), clamp, max pooling and channel shuffle exactly,
// the others within 0.6 of a real-valued reference (the tolerance of the
// native operator suite, tests/operators).
'use strict';

const h = require('./helpers.cjs');

const quant = (r) => ({
  izp: r.int(100, 156), inScale: r.float(0.5, 2), kzp: r.int(100, 156),
  kScale: r.float(0.002, 0.02), ozp: r.int(100, 156),
});

const CONVOLUTIONS = [
  { name: '3x3, padding 1', kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, pad: [1, 1, 1, 1],
    groups: 1, gic: 5, goc: 7, n: 1, h: 9, w: 9 },
  { name: '3x3 stride 2, asymmetric padding, 2 groups, batch 2', kh: 3, kw: 3, sh: 2, sw: 2,
    dh: 1, dw: 1, pad: [1, 0, 0, 1], groups: 2, gic: 3, goc: 9, n: 2, h: 10, w: 7 },
  { name: '1x1 (gemm), no bias, clamped', kh: 1, kw: 1, sh: 1, sw: 1, dh: 1, dw: 1,
    pad: [0, 0, 0, 0], groups: 1, gic: 19, goc: 17, n: 1, h: 5, w: 5, noBias: true,
    min: 40, max: 220 },
  { name: '5x5 dilation 2, stride [1, 2]', kh: 5, kw: 5, sh: 1, sw: 2, dh: 2, dw: 2,
    pad: [4, 4, 4, 4], groups: 1, gic: 4, goc: 6, n: 1, h: 13, w: 13 },
  { name: '2x3 kernel, 3 groups', kh: 2, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, pad: [0, 0, 0, 0],
    groups: 3, gic: 2, goc: 3, n: 1, h: 6, w: 8 },
  { name: 'first layer of MobileNet (3 channels, 3x3 stride 2)', kh: 3, kw: 3, sh: 2, sw: 2,
    dh: 1, dw: 1, pad: [1, 1, 1, 1], groups: 1, gic: 3, goc: 32, n: 1, h: 16, w: 16 },
];

const DEPTHWISE = [
  { name: '3x3, 17 channels', k: 3, s: 1, d: 1, p: 1, c: 17, h: 9, w: 8 },
  { name: '3x3 stride 2, 32 channels', k: 3, s: 2, d: 1, p: 1, c: 32, h: 11, w: 11 },
  { name: '5x5, 13 channels', k: 5, s: 1, d: 1, p: 2, c: 13, h: 7, w: 9 },
  { name: '7x7 (multipass), 9 channels', k: 7, s: 1, d: 1, p: 3, c: 9, h: 8, w: 8 },
  { name: '3x3 dilation 2, 24 channels, batch 2', k: 3, s: 1, d: 2, p: 2, c: 24, h: 7, w: 7,
    n: 2 },
];

const DECONVOLUTIONS = [
  { name: '3x3 stride 2, padding 1, adjustment 1', kh: 3, kw: 3, sh: 2, sw: 2, dh: 1, dw: 1,
    pad: [1, 1, 1, 1], ah: 1, aw: 1, groups: 1, gic: 4, goc: 5, n: 1, h: 5, w: 6 },
  { name: '4x4 stride 2, 2 groups, batch 2', kh: 4, kw: 4, sh: 2, sw: 2, dh: 1, dw: 1,
    pad: [1, 1, 1, 1], ah: 0, aw: 0, groups: 2, gic: 3, goc: 4, n: 2, h: 4, w: 5 },
  { name: '2x2 stride 2, no bias', kh: 2, kw: 2, sh: 2, sw: 2, dh: 1, dw: 1, pad: [0, 0, 0, 0],
    ah: 0, aw: 0, groups: 1, gic: 8, goc: 3, n: 1, h: 4, w: 4, noBias: true },
  { name: '3x3 dilation 2', kh: 3, kw: 3, sh: 1, sw: 1, dh: 2, dw: 2, pad: [0, 1, 2, 0],
    ah: 0, aw: 0, groups: 1, gic: 6, goc: 7, n: 1, h: 5, w: 5 },
];

describe.each(h.VARIANTS)('%s build', (variant) => {
  let q;
  beforeAll(async () => {
    q = await h.q8nn.init({ variant });
  });

  test('loads the requested build', () => {
    expect(q.variant).toBe(variant);
    expect(q.isa).toBe(variant === 'simd' ? 'wasmsimd' : 'scalar');
    expect(q.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  // Builds a convolution-family case: draws data, computes the reference
  // accumulators, picks an output scale that spreads them.
  function convolutionCase(c, seed, accumulate) {
    const r = h.rng(seed);
    const qp = quant(r);
    const count = c.groups * c.goc * c.kh * c.kw * c.gic;
    const p = { ...c, izp: qp.izp, kzp: qp.kzp, weights: r.bytes(count),
                bias: c.noBias ? null : r.int32s(c.groups * c.goc, 2000) };
    const input = r.bytes(c.n * c.h * c.w * c.groups * c.gic);
    const { acc, shape } = accumulate(p, input, c.n, c.h, c.w);
    const outScale = h.spreadingOutputScale(acc, qp.inScale, qp.kScale);
    const min = c.min ?? 0, max = c.max ?? 255;
    const expected = h.requantizeAll(acc, h.convScale(qp.inScale, qp.kScale, outScale), qp.ozp,
                                     min, max);
    const options = {
      kernelSize: [c.kh, c.kw], stride: [c.sh, c.sw], dilation: [c.dh, c.dw], padding: c.pad,
      groups: c.groups, groupInputChannels: c.gic, groupOutputChannels: c.goc,
      inputQuantization: { scale: qp.inScale, zeroPoint: qp.izp },
      kernelQuantization: { scale: qp.kScale, zeroPoint: qp.kzp },
      outputQuantization: { scale: outScale, zeroPoint: qp.ozp },
      outputMin: min, outputMax: max, weights: p.weights,
    };
    if (p.bias) options.bias = p.bias;
    return { options, input, expected, shape, p, qp, outScale };
  }

  // Typed-array run, then tensor runs (twice, with new data: setup reused).
  function checkWindowOperator(op, input, expected, shape, n, height, width, recompute) {
    expect(op.outputShape({ batchSize: n, height, width })).toEqual(shape);
    const out = op.run(input, { batchSize: n, height, width });
    h.expectExact(out, expected);
    expect(h.distinct(out)).toBeGreaterThan(Math.min(20, expected.length / 4));

    const x = new q.Tensor([n, height, width, op.inputChannels], input);
    const y = new q.Tensor(shape);
    expect(op.run(x, y)).toBe(y);
    h.expectExact(y.data, expected);
    const setups = op.setupCount;
    if (recompute) {
      const other = input.map((v) => 255 - v);
      x.set(other);
      op.run(x, y);
      h.expectExact(y.data, recompute(other));
      expect(op.setupCount).toBe(setups); // same shape and buffers: no new setup
    }
    h.expectExact(op.run(x), y.toArray()); // tensor in, new array out
    x.delete();
    y.delete();
  }

  describe('Convolution (bit-exact)', () => {
    test.each(CONVOLUTIONS.map((c, i) => [c.name, c, i]))('%s', (_, c, i) => {
      const k = convolutionCase(c, 1000 + i, h.convolutionAccumulators);
      const op = new q.Convolution(k.options);
      const scale = h.convScale(k.qp.inScale, k.qp.kScale, k.outScale);
      const recompute = (x) => h.requantizeAll(
        h.convolutionAccumulators(k.p, x, c.n, c.h, c.w).acc, scale, k.qp.ozp, c.min ?? 0,
        c.max ?? 255);
      checkWindowOperator(op, k.input, k.expected, k.shape, c.n, c.h, c.w, recompute);
      op.delete();
    });
  });

  describe('DepthwiseConvolution (bit-exact)', () => {
    test.each(DEPTHWISE.map((d, i) => [d.name, d, i]))('%s', (_, d, i) => {
      const c = { kh: d.k, kw: d.k, sh: d.s, sw: d.s, dh: d.d, dw: d.d,
                  pad: [d.p, d.p, d.p, d.p], groups: d.c, gic: 1, goc: 1, n: d.n ?? 1,
                  h: d.h, w: d.w };
      const k = convolutionCase(c, 2000 + i, h.convolutionAccumulators);
      const { groups, groupInputChannels, groupOutputChannels, ...rest } = k.options;
      const op = new q.DepthwiseConvolution({ ...rest, channels: d.c });
      expect(op.inputChannels).toBe(d.c);
      checkWindowOperator(op, k.input, k.expected, k.shape, c.n, c.h, c.w);
      op.delete();
    });
  });

  describe('Deconvolution (bit-exact)', () => {
    test.each(DECONVOLUTIONS.map((c, i) => [c.name, c, i]))('%s', (_, c, i) => {
      const k = convolutionCase(c, 3000 + i, h.deconvolutionAccumulators);
      const op = new q.Deconvolution({ ...k.options, adjustment: [c.ah, c.aw] });
      checkWindowOperator(op, k.input, k.expected, k.shape, c.n, c.h, c.w);
      op.delete();
    });
  });

  describe('FullyConnected (bit-exact)', () => {
    test.each([
      ['37 -> 19, batch 1', 37, 19, 1, false],
      ['200 -> 10, batch 5, no bias', 200, 10, 5, true],
      ['8 -> 64, batch 3', 8, 64, 3, false],
    ])('%s', (_, ic, oc, batch, noBias) => {
      const r = h.rng(ic * 31 + oc);
      const qp = quant(r);
      const p = { ic, oc, izp: qp.izp, kzp: qp.kzp, weights: r.bytes(ic * oc),
                  bias: noBias ? null : r.int32s(oc, 3000) };
      const input = r.bytes(batch * ic);
      const acc = h.fullyConnectedAccumulators(p, input, batch);
      const outScale = h.spreadingOutputScale(acc, qp.inScale, qp.kScale);
      const expected = h.requantizeAll(acc, h.convScale(qp.inScale, qp.kScale, outScale),
                                       qp.ozp, 0, 255);
      const op = new q.FullyConnected({
        inputChannels: ic, outputChannels: oc,
        inputQuantization: { scale: qp.inScale, zeroPoint: qp.izp },
        kernelQuantization: { scale: qp.kScale, zeroPoint: qp.kzp },
        outputQuantization: { scale: outScale, zeroPoint: qp.ozp },
        weights: p.weights, ...(noBias ? {} : { bias: p.bias }),
      });
      h.expectExact(op.run(input), expected);
      const x = q.Tensor.from(input, [batch, ic]);
      const y = new q.Tensor([batch, oc]);
      op.run(x, y);
      h.expectExact(y.data, expected);
      x.delete();
      y.delete();
      op.delete();
    });
  });

  test('requantization rounds half to even, like nearbyintf', () => {
    // 1x1 convolution of one channel, weight 1 (zero point 0), scale 1/2:
    // acc 1, 3, 5 -> 0.5, 1.5, 2.5 -> 0, 2, 2 (+ zero point 10).
    const op = new q.Convolution({
      kernelSize: 1, groupInputChannels: 1, groupOutputChannels: 1,
      inputQuantization: { scale: 1, zeroPoint: 0 }, kernelQuantization: { scale: 1, zeroPoint: 0 },
      outputQuantization: { scale: 2, zeroPoint: 10 }, weights: Uint8Array.of(1),
    });
    expect(Array.from(op.run(Uint8Array.of(1, 3, 5, 7), { height: 1, width: 4 })))
      .toEqual([10, 12, 12, 14]);
    op.delete();
  });

  describe('Add', () => {
    test.each([[1, 1], [7, 3], [33, 5], [100, 2]])('%i channels, batch %i', (channels, batch) => {
      const r = h.rng(channels * 7 + batch);
      const aq = { scale: r.float(0.25, 4), zeroPoint: r.int(80, 176) };
      const bq = { scale: r.float(0.25, 4), zeroPoint: r.int(80, 176) };
      const oq = { scale: Math.max(aq.scale, bq.scale) * r.float(0.8, 2),
                   zeroPoint: r.int(80, 176) };
      const a = r.bytes(channels * batch), b = r.bytes(channels * batch);
      const f = Math.fround;
      const expected = Float64Array.from(a, (_, i) => Math.min(255, Math.max(0,
        (a[i] - aq.zeroPoint) * f(aq.scale) / f(oq.scale) +
        (b[i] - bq.zeroPoint) * f(bq.scale) / f(oq.scale) + oq.zeroPoint)));
      const op = new q.Add({ channels, aQuantization: aq, bQuantization: bq,
                             outputQuantization: oq });
      h.expectClose(op.run(a, b), expected, 0.6);
      const ta = q.Tensor.from(a), tb = q.Tensor.from(b), ty = new q.Tensor([a.length]);
      op.run(ta, tb, ty);
      h.expectClose(ty.data, expected, 0.6);
      [ta, tb, ty, op].forEach((x) => x.delete());
    });
  });

  describe('AveragePooling', () => {
    test.each([
      ['3x3 stride 1 padding 1, 19 channels', 3, 3, 1, 1, [1, 1, 1, 1], 19, 1, 7, 6],
      ['2x2 stride 2, 8 channels, batch 2', 2, 2, 2, 2, [0, 0, 0, 0], 8, 2, 8, 8],
      ['5x3 stride [1, 2], 3 channels', 5, 3, 1, 2, [2, 1, 2, 1], 3, 1, 9, 9],
    ])('%s', (_, ph, pw, sh, sw, pad, c, n, height, width) => {
      const r = h.rng(ph * 100 + c);
      const iq = { scale: Math.fround(r.float(0.5, 2)), zeroPoint: r.int(100, 156) };
      const oq = { scale: Math.fround(iq.scale * r.float(0.3, 1.2)), zeroPoint: r.int(100, 156) };
      const input = r.bytes(n * height * width * c);
      const ref = h.averagePoolingReference({ c, ph, pw, sh, sw, pad, iq, oq, min: 0, max: 255 },
                                            input, n, height, width);
      const op = new q.AveragePooling({ channels: c, poolingSize: [ph, pw], stride: [sh, sw],
                                        padding: pad, inputQuantization: iq,
                                        outputQuantization: oq });
      expect(op.outputShape({ batchSize: n, height, width })).toEqual(ref.shape);
      h.expectClose(op.run(input, { batchSize: n, height, width }), ref.out, 0.6);
      op.delete();
    });
  });

  test('GlobalAveragePooling', () => {
    for (const [c, n, width] of [[19, 2, 49], [1, 1, 5], [64, 3, 9]]) {
      const r = h.rng(c * 13 + width);
      const iq = { scale: Math.fround(r.float(0.5, 2)), zeroPoint: r.int(100, 156) };
      const oq = { scale: Math.fround(iq.scale * r.float(0.5, 1) / Math.sqrt(width)),
                   zeroPoint: r.int(100, 156) };
      const input = r.bytes(n * width * c);
      const expected = new Float64Array(n * c);
      for (let b = 0; b < n; b++) {
        for (let ch = 0; ch < c; ch++) {
          let sum = 0;
          for (let i = 0; i < width; i++) sum += input[(b * width + i) * c + ch] - iq.zeroPoint;
          expected[b * c + ch] = Math.min(255, Math.max(0,
            (sum / width) * (iq.scale / oq.scale) + oq.zeroPoint));
        }
      }
      const op = new q.GlobalAveragePooling({ channels: c, inputQuantization: iq,
                                              outputQuantization: oq });
      h.expectClose(op.run(input, { batchSize: n }), expected, 0.6);
      const x = new q.Tensor([n, 1, width, c], input), y = new q.Tensor([n, c]);
      op.run(x, y);
      h.expectClose(y.data, expected, 0.6);
      [x, y, op].forEach((v) => v.delete());
    }
  });

  describe('MaxPooling (exact)', () => {
    test.each([
      ['3x3 stride 2 padding 1, 16 channels', 3, 3, 2, 2, 1, 1, [1, 1, 1, 1], 16, 1, 9, 9, 0, 255],
      ['2x2 stride 2, clamped, batch 3', 2, 2, 2, 2, 1, 1, [0, 0, 0, 0], 5, 3, 6, 6, 30, 200],
      ['3x2 dilation 2, 7 channels', 3, 2, 1, 1, 2, 2, [2, 1, 2, 1], 7, 1, 7, 8, 0, 255],
    ])('%s', (_, ph, pw, sh, sw, dh, dw, pad, c, n, height, width, min, max) => {
      const r = h.rng(ph * 10 + c);
      const input = r.bytes(n * height * width * c);
      const ref = h.maxPoolingReference({ c, ph, pw, sh, sw, dh, dw, pad, min, max }, input, n,
                                        height, width);
      const op = new q.MaxPooling({ channels: c, poolingSize: [ph, pw], stride: [sh, sw],
                                    dilation: [dh, dw], padding: pad, outputMin: min,
                                    outputMax: max });
      h.expectExact(op.run(input, { batchSize: n, height, width }), ref.out);
      op.delete();
    });
  });

  test('Clamp (exact)', () => {
    const r = h.rng(77);
    const input = r.bytes(13 * 11);
    const op = new q.Clamp({ channels: 13, outputMin: 30, outputMax: 200 });
    h.expectExact(op.run(input), input.map((v) => Math.min(Math.max(v, 30), 200)));
    op.delete();
  });

  test('ChannelShuffle (exact)', () => {
    for (const [groups, gc, batch] of [[2, 8, 3], [3, 5, 2], [4, 1, 1], [7, 3, 4]]) {
      const input = h.rng(groups * 10 + gc).bytes(batch * groups * gc);
      const expected = new Uint8Array(input.length);
      for (let b = 0; b < batch; b++) {
        for (let g = 0; g < groups; g++) {
          for (let c = 0; c < gc; c++) {
            expected[b * groups * gc + c * groups + g] = input[b * groups * gc + g * gc + c];
          }
        }
      }
      const op = new q.ChannelShuffle({ groups, groupChannels: gc });
      h.expectExact(op.run(input), expected);
      op.delete();
    }
  });

  test('Sigmoid', () => {
    const iq = { scale: 0.0625, zeroPoint: 121 };
    const input = Uint8Array.from({ length: 256 * 3 }, (_, i) => i % 256); // 256 rows of 3
    const expected = Float64Array.from(input, (x) => {
      const y = 1 / (1 + Math.exp(-(x - iq.zeroPoint) * iq.scale));
      return Math.min(255, Math.max(0, y * 256));
    });
    const op = new q.Sigmoid({ channels: 3, inputQuantization: iq });
    h.expectClose(op.run(input), expected, 0.6);
    op.delete();
    // Any output quantization and range.
    const oq = { scale: 1 / 128, zeroPoint: 20 };
    const op2 = new q.Sigmoid({ channels: 1, inputQuantization: iq, outputQuantization: oq,
                                outputMin: 30, outputMax: 140 });
    const x = Uint8Array.from({ length: 256 }, (_, i) => i);
    h.expectClose(op2.run(x), Float64Array.from(x, (v) => Math.min(140, Math.max(30,
      128 / (1 + Math.exp(-(v - iq.zeroPoint) * iq.scale)) + 20))), 0.6);
    op2.delete();
  });

  test('LeakyReLU', () => {
    const iq = { scale: 0.5, zeroPoint: 128 }, oq = { scale: 0.75, zeroPoint: 100 };
    const slope = 0.1;
    const input = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) % 256);
    const f = Math.fround;
    const expected = Float64Array.from(input, (v) => {
      const x = (v - iq.zeroPoint) * iq.scale;
      const y = x > 0 ? x : x * f(slope);
      return Math.min(255, Math.max(0, y / oq.scale + oq.zeroPoint));
    });
    const op = new q.LeakyReLU({ channels: 8, negativeSlope: slope, inputQuantization: iq,
                                 outputQuantization: oq });
    h.expectClose(op.run(input), expected, 0.6);
    op.delete();
  });

  test('SoftArgMax', () => {
    for (const [channels, batch, scale] of [[10, 8, 0.05], [1000, 2, 0.1], [3, 20, 1]]) {
      const input = h.rng(channels + batch).bytes(channels * batch);
      const expected = new Float64Array(input.length);
      const s = Math.fround(scale);
      for (let b = 0; b < batch; b++) {
        const row = input.subarray(b * channels, (b + 1) * channels);
        const max = Math.max(...row);
        let sum = 0;
        for (const x of row) sum += Math.exp(s * (x - max));
        row.forEach((x, c) => {
          expected[b * channels + c] = Math.min(255, Math.exp(s * (x - max)) / sum * 256);
        });
      }
      const op = new q.SoftArgMax({ channels, inputScale: scale });
      h.expectClose(op.run(input), expected, 0.6);
      op.delete();
    }
  });

  test('a run repeated on the same tensors reads their new data', () => {
    const qp = { scale: 1, zeroPoint: 0 };
    const op = new q.Add({ channels: 2, aQuantization: qp, bQuantization: qp,
                           outputQuantization: qp });
    const a = q.Tensor.from(Uint8Array.of(1, 2, 3, 4), [2, 2]);
    const b = q.Tensor.from(Uint8Array.of(10, 20, 30, 40), [2, 2]);
    const y = new q.Tensor([2, 2]);
    expect(op.run(a, b, y)).toBe(y);
    expect(Array.from(y.data)).toEqual([11, 22, 33, 44]);
    a.set(Uint8Array.of(5, 6, 7, 8));
    expect(op.run(a, b, y)).toBe(y);
    expect(Array.from(y.data)).toEqual([15, 26, 37, 48]);
    expect(op.setupCount).toBe(1);
    op.run(b, a, y); // other tensors: checked and set up again
    expect(op.setupCount).toBe(2);
    expect(Array.from(y.data)).toEqual([15, 26, 37, 48]);
    expect(Array.from(op.run(a.data, b.data))).toEqual([15, 26, 37, 48]); // arrays: copies
    expect(op.run(a, b, y)).toBe(y);
    expect(op.setupCount).toBe(4);
    [a, b, y, op].forEach((v) => v.delete());
  });

  test('setup is redone only when shapes or buffers change', () => {
    const op = new q.Convolution({
      kernelSize: 3, padding: 1, groupInputChannels: 2, groupOutputChannels: 2,
      inputQuantization: { scale: 1, zeroPoint: 128 },
      kernelQuantization: { scale: 0.01, zeroPoint: 128 },
      outputQuantization: { scale: 0.5, zeroPoint: 128 }, weights: h.rng(5).bytes(36),
    });
    const a = new q.Tensor([1, 6, 6, 2]), b = new q.Tensor([1, 6, 6, 2]);
    op.run(a, b);
    op.run(a, b);
    expect(op.setupCount).toBe(1);
    op.run(b, a);
    expect(op.setupCount).toBe(2);
    const x = new Uint8Array(72);
    op.run(x, { height: 6, width: 6 });
    op.run(x, { height: 6, width: 6 });
    expect(op.setupCount).toBe(3);
    op.run(new Uint8Array(2 * 4 * 9 * 2), { batchSize: 2, height: 4, width: 9 });
    expect(op.setupCount).toBe(4);
    [a, b, op].forEach((v) => v.delete());
  });

  test('Tensor.data follows wasm memory growth', () => {
    const t = q.Tensor.from(Uint8Array.of(1, 2, 3));
    const before = q.heapUsage().memory;
    const big = new q.Tensor([before]); // forces memory to grow
    expect(q.heapUsage().memory).toBeGreaterThan(before);
    expect(Array.from(t.data)).toEqual([1, 2, 3]);
    big.delete();
    t.delete();
  });
});

test('both builds can be loaded in one process and agree', async () => {
  if (h.VARIANTS.length < 2) return;
  const [a, b] = await Promise.all(h.VARIANTS.map((variant) => h.q8nn.init({ variant })));
  expect(a).not.toBe(b);
  const r = h.rng(99);
  const options = {
    kernelSize: 3, stride: 2, padding: 1, groupInputChannels: 24, groupOutputChannels: 40,
    inputQuantization: { scale: 0.02, zeroPoint: 120 },
    kernelQuantization: { scale: 0.01, zeroPoint: 130 },
    outputQuantization: { scale: 0.05, zeroPoint: 128 }, weights: r.bytes(40 * 9 * 24),
    bias: r.int32s(40, 5000),
  };
  const input = r.bytes(15 * 15 * 24);
  const ca = new a.Convolution(options), cb = new b.Convolution(options);
  h.expectExact(ca.run(input, { height: 15, width: 15 }), cb.run(input, { height: 15, width: 15 }));
  const t = new a.Tensor([1, 15, 15, 24], input);
  expect(() => cb.run(t)).toThrow(/another q8nn instance|must be a Uint8Array or a Tensor/);
  [t, ca, cb].forEach((v) => v.delete());
});
