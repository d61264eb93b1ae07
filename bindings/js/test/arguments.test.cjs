// Regression tests of issue 11, finding 6 (errors that do not say why), on
// each build: C-side rejections carry the core's message (function,
// parameter, limit) and status; every option is read exactly once, so a
// getter or a Proxy cannot change it between validation and use; unknown keys
// are rejected everywhere, padding objects included; every method of a
// deleted operator throws; a Tensor that is both input and output is
// rejected unless the operator is element-wise, where it gives the bytes of
// the non-aliased run.
'use strict';

const h = require('./helpers.cjs');

const Q1 = { scale: 1, zeroPoint: 0 };

describe.each(h.VARIANTS)('%s build', (variant) => {
  let q;
  beforeAll(async () => {
    q = await h.q8nn.init({ variant });
  });

  const rejects = (f, type, message, status) => h.rejects(q, f, type, message, status);

  // Random weights: a run tells which weights were used.
  const convOptions = (extra = {}) =>
    h.convolutionOptions({ weights: h.rng(7).bytes(3 * 9 * 2), ...extra });

  describe("C-side rejections carry the core's message and status", () => {
    test.each([
      ['a dot product over 33025 terms', () => new q.Convolution({
        kernelSize: 200, groupInputChannels: 1, groupOutputChannels: 1, inputQuantization: Q1,
        kernelQuantization: Q1, outputQuantization: Q1, weights: new Uint8Array(40000) }),
      'unsupported_parameter',
      /^Convolution: qnnp_create_convolution2d_nhwc_q8: kernel_height \* kernel_width \* group_input_channels = 40000 \* 1: .*33025.* \(unsupported_parameter\)$/],
      ['a fully connected dot product over 33025 terms', () => new q.FullyConnected({
        inputChannels: 40000, outputChannels: 1, inputQuantization: Q1, kernelQuantization: Q1,
        outputQuantization: Q1, weights: new Uint8Array(40000) }),
      'unsupported_parameter',
      /^FullyConnected: qnnp_create_fully_connected_nc_q8: .*input_channels = 1 \* 40000: .*33025/],
      ['a scale ratio over 2^24', () => new q.Convolution(convOptions({
        outputQuantization: { scale: 1e-10, zeroPoint: 0 } })),
      'unsupported_parameter',
      /^Convolution: qnnp_create_convolution2d_nhwc_q8: \(input_scale \* kernel_scale\) \/ output_scale = .*2\^24/],
      ['a 2^31 pooling size', () => new q.AveragePooling({
        channels: 1, poolingSize: [2 ** 31, 1], inputQuantization: Q1, outputQuantization: Q1 }),
      'unsupported_parameter',
      /^AveragePooling: qnnp_create_average_pooling2d_nhwc_q8: pooling_height \* pooling_width = 2147483648 \* 1/],
      ['channel shuffle channels over 2^31 - 1', () => new q.ChannelShuffle({
        groups: 2, groupChannels: 2 ** 30 }),
      'unsupported_parameter',
      /^ChannelShuffle: qnnp_create_channel_shuffle_nc_x8: groups \* group_channels/],
      ['an input smaller than the window', () => {
        const p = new q.MaxPooling({ channels: 1, poolingSize: 3 });
        try {
          return p.run(new Uint8Array(4), { height: 2, width: 2 });
        } finally {
          p.delete();
        }
      }, 'invalid_parameter',
      /^MaxPooling\.run: q8nn_window_output_size: the input height 2 .* smaller than the kernel's 3/],
    ])('%s', (_, f, status, message) => {
      const e = rejects(f, q.Q8nnError, message);
      expect(e.status).toBe(status);
      expect(e.name).toBe('Q8nnError');
    });

    test('outputShape reports the same as run', () => {
      const p = new q.AveragePooling({ channels: 2, poolingSize: [3, 5], stride: 2, padding: [0, 1],
                                       inputQuantization: Q1, outputQuantization: Q1 });
      expect(p.outputShape({ height: 7, width: 5 })).toEqual([1, 3, 2, 2]);
      expect(p.outputShape([2, 3, 3, 2])).toEqual([2, 1, 1, 2]);
      const e = rejects(() => p.outputShape({ height: 2, width: 9 }), q.Q8nnError,
                        /^AveragePooling\.outputShape: q8nn_window_output_size: the input height 2 /);
      expect(e.status).toBe('invalid_parameter');
      p.delete();
    });
  });

  describe('each option is read once', () => {
    // An object whose `key` getter returns `first`, then `later` on every read after.
    function twoFaced(object, key, first, later) {
      let reads = 0;
      Object.defineProperty(object, key, {
        enumerable: true,
        get: () => (reads++ === 0 ? first : later),
      });
      return object;
    }

    test('a getter that changes its value after the first read', () => {
      const clamp = new q.Clamp(twoFaced({ outputMin: 10, outputMax: 20 }, 'channels', 3, 2 ** 40));
      expect(clamp.inputChannels).toBe(3);
      expect(Array.from(clamp.run(Uint8Array.of(0, 15, 99, 5, 12, 30))))
        .toEqual([10, 15, 20, 10, 12, 20]);
      clamp.delete();

      const conv = new q.Convolution(twoFaced(convOptions(), 'kernelSize', 3, 'three'));
      expect(conv.outputShape({ height: 5, width: 5 })).toEqual([1, 5, 5, 3]);
      conv.delete();

      const weights = convOptions().weights;
      const c2 = new q.Convolution(twoFaced(convOptions(), 'weights', weights,
                                            new Uint8Array(1)));
      c2.delete();

      const pool = new q.MaxPooling({
        channels: 1, poolingSize: 2,
        padding: twoFaced({ top: 0 }, 'left', 1, 2 ** 33),
        stride: twoFaced([1], '1', 1, -1),
      });
      expect(pool.outputShape({ height: 2, width: 2 })).toEqual([1, 1, 2, 1]);
      pool.delete();

      const sig = new q.Sigmoid({ channels: 1,
                                  inputQuantization: twoFaced({ zeroPoint: 0 }, 'scale', 1, 0) });
      sig.delete();

      const p = new q.MaxPooling({ channels: 1, poolingSize: 1 });
      const shape = twoFaced({ width: 2 }, 'height', 1, 1e9);
      expect(Array.from(p.run(Uint8Array.of(4, 5), shape))).toEqual([4, 5]);
      p.delete();

      const t = new q.Tensor(twoFaced([2], '1', 3, 2 ** 40));
      expect(t.shape).toEqual([2, 3]);
      t.delete();
    });

    // A Proxy over `target` that counts the reads of each key.
    function counted(target, counts) {
      return new Proxy(target, {
        get(object, key, receiver) {
          if (typeof key === 'string') counts[key] = (counts[key] ?? 0) + 1;
          return Reflect.get(object, key, receiver);
        },
      });
    }

    test('a Proxy sees at most one read of each key, at every level', () => {
      const counts = { options: {}, iq: {}, padding: {}, kernel: {}, shape: {}, init: {} };
      const options = convOptions({
        inputQuantization: counted({ scale: 0.5, zeroPoint: 128 }, counts.iq),
        padding: counted({ top: 1, right: 1, bottom: 1, left: 1 }, counts.padding),
        kernelSize: counted([3, 3], counts.kernel),
      });
      const conv = new q.Convolution(counted(options, counts.options));
      expect(conv.run(new Uint8Array(32), counted({ height: 4, width: 4 }, counts.shape)).length)
        .toBe(48);
      conv.delete();
      for (const [what, c] of Object.entries(counts)) {
        for (const [key, n] of Object.entries(c)) {
          if (n > 1) throw new Error(`${what}.${key} was read ${n} times`);
        }
      }
      expect(counts.options.weights).toBe(1);
      expect(counts.iq.scale).toBe(1);
      expect(counts.padding.left).toBe(1);
      expect(counts.kernel[1]).toBe(1);
      expect(counts.kernel.length).toBe(1);
      expect(counts.shape.height).toBe(1);
    });

    test('typed arrays are measured by the engine, not by their own properties', () => {
      // A Uint8Array claiming 54 elements through an own `length` property.
      const weights = new Uint8Array(5);
      Object.defineProperty(weights, 'length', { get: () => 54 });
      rejects(() => new q.Convolution(convOptions({ weights })), RangeError,
              /weights must have 54 elements .*got 5$/);
      // An Int8Array claiming to be a Uint8Array.
      const fake = new Int8Array(54);
      Object.defineProperty(fake, Symbol.toStringTag, { value: 'Uint8Array' });
      rejects(() => new q.Convolution(convOptions({ weights: fake })), TypeError,
              /weights must be a Uint8Array, got an Int8Array/);
      // A run input whose `length` lies: the real 1000 bytes are used.
      const input = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
      Object.defineProperty(input, 'length', { get: () => 4 });
      const clamp = new q.Clamp({ channels: 4, outputMin: 100, outputMax: 200 });
      const out = clamp.run(input);
      expect(out.length).toBe(1000);
      h.expectExact(out, Uint8Array.from({ length: 1000 },
                                         (_, i) => Math.min(200, Math.max(100, i % 251))));
      clamp.delete();
    });

    test('a view of wasm memory as input survives memory growth during the call', () => {
      const size = q.heapUsage().memory;
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = (i * 7 + (i >>> 11)) & 255;
      const big = new q.Tensor([size], data);
      const clamp = new q.Clamp({ channels: 1, outputMin: 50, outputMax: 60 });
      const before = q.heapUsage().memory;
      const out = clamp.run(big.data); // its copy and the output make memory grow
      expect(q.heapUsage().memory).toBeGreaterThan(before);
      const expected = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const v = data[i]; // (Math.min and Math.max are slow in Jest's sandbox)
        expected[i] = v < 50 ? 50 : v > 60 ? 60 : v;
      }
      h.expectExact(out, expected);
      const view = big.data;
      const t = new q.Tensor([size], view); // the same for a tensor's initial data
      expect(view.length).toBe(0); // the view went empty: memory grew again
      h.expectExact(t.toArray(), data);
      [t, big, clamp].forEach((v) => v.delete());
    });
  });

  describe('unknown keys are rejected everywhere', () => {
    test.each([
      ['an option', () => new q.Convolution(convOptions({ kernel: 3 })), /Convolution: unknown option 'kernel'/],
      ['a padding key', () => new q.Convolution(convOptions({ padding: { top: 1, lft: 1 } })), /Convolution\.padding: unknown field 'lft' \(expected top, right, bottom, left\)/],
      ['a pooling padding key', () => new q.MaxPooling({ channels: 1, poolingSize: 2, padding: { bottom: 1, Top: 1 } }), /MaxPooling\.padding: unknown field 'Top'/],
      ['a quantization key', () => new q.Add({ channels: 1, aQuantization: Q1, bQuantization: { ...Q1, zero: 1 }, outputQuantization: Q1 }), /Add\.bQuantization: unknown field 'zero'/],
      ['a run shape key', () => { const p = new q.MaxPooling({ channels: 1, poolingSize: 1 }); try { p.run(new Uint8Array(4), { height: 2, width: 2, batch: 1 }); } finally { p.delete(); } }, /MaxPooling\.run: shape: unknown option 'batch'/],
      ['an outputShape key', () => { const p = new q.MaxPooling({ channels: 1, poolingSize: 1 }); try { p.outputShape({ height: 2, width: 2, depth: 1 }); } finally { p.delete(); } }, /MaxPooling\.outputShape: input: unknown option 'depth'/],
      ['a global pooling run option', () => { const p = new q.GlobalAveragePooling({ channels: 1, inputQuantization: Q1, outputQuantization: Q1 }); try { p.run(new Uint8Array(4), { batch: 1 }); } finally { p.delete(); } }, /GlobalAveragePooling\.run: options: unknown option 'batch'/],
    ])('%s', (_, f, message) => {
      rejects(f, TypeError, message);
    });
  });

  describe('a deleted operator throws from every method', () => {
    const makers = {
      Convolution: () => new q.Convolution(convOptions()),
      Deconvolution: () => new q.Deconvolution(convOptions()),
      MaxPooling: () => new q.MaxPooling({ channels: 2, poolingSize: 2 }),
      Clamp: () => new q.Clamp({ channels: 2 }),
      Add: () => new q.Add({ channels: 2, aQuantization: Q1, bQuantization: Q1, outputQuantization: Q1 }),
      GlobalAveragePooling: () => new q.GlobalAveragePooling({ channels: 2, inputQuantization: Q1, outputQuantization: Q1 }),
    };
    test.each(Object.keys(makers))('%s', (name) => {
      const op = makers[name]();
      const x = new q.Tensor([1, 4, 4, 2]);
      op.delete();
      expect(op.deleted).toBe(true);
      if ('outputShape' in op) {
        const e = rejects(() => op.outputShape({ height: 4, width: 4 }), q.Q8nnError,
                          new RegExp(`^${name} \\(outputShape\\) was deleted`));
        expect(e.status).toBe('deleted');
        rejects(() => op.outputShape([1, 4, 4, 2]), q.Q8nnError, /was deleted/);
      }
      const runs = name === 'Add'
        ? [() => op.run(x, x), () => op.run(new Uint8Array(2), new Uint8Array(2))]
        : [() => op.run(x), () => op.run(new Uint8Array(32), { height: 4, width: 4 })];
      for (const run of runs) {
        const e = rejects(run, q.Q8nnError, new RegExp(`^${name} \\(run\\) was deleted`));
        expect(e.status).toBe('deleted');
      }
      op.delete();
      x.delete();
    });
  });

  describe('a Tensor both input and output', () => {
    test.each([
      ['Convolution', () => new q.Convolution(convOptions({ groupOutputChannels: 2, weights: new Uint8Array(36), bias: null })), [1, 5, 5, 2]],
      ['DepthwiseConvolution', () => new q.DepthwiseConvolution({ kernelSize: 3, padding: 1, channels: 2, inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: Q1, weights: new Uint8Array(18) }), [1, 5, 5, 2]],
      ['Deconvolution', () => new q.Deconvolution(convOptions({ groupOutputChannels: 2, weights: new Uint8Array(36), bias: null })), [1, 5, 5, 2]],
      ['AveragePooling', () => new q.AveragePooling({ channels: 2, poolingSize: 3, padding: 1, inputQuantization: Q1, outputQuantization: Q1 }), [1, 5, 5, 2]],
      ['MaxPooling', () => new q.MaxPooling({ channels: 2, poolingSize: 3, padding: 1 }), [1, 5, 5, 2]],
      ['GlobalAveragePooling', () => new q.GlobalAveragePooling({ channels: 2, inputQuantization: Q1, outputQuantization: Q1 }), [1, 1, 1, 2]],
      ['FullyConnected', () => new q.FullyConnected({ inputChannels: 2, outputChannels: 2, inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: Q1, weights: new Uint8Array(4) }), [3, 2]],
      ['SoftArgMax', () => new q.SoftArgMax({ channels: 4, inputScale: 0.1 }), [3, 4]],
      ['ChannelShuffle', () => new q.ChannelShuffle({ groups: 2, groupChannels: 2 }), [3, 4]],
    ])('%s rejects it', (name, make, shape) => {
      const op = make();
      const t = new q.Tensor(shape, h.rng(11).bytes(shape.reduce((a, b) => a * b)));
      const data = t.toArray();
      const e = rejects(() => op.run(t, t), RangeError,
                        new RegExp(`^${name}\\.run: output is the same Tensor as input: ${name} ` +
                                   'cannot run in place'));
      expect(e.name).toBe('RangeError');
      h.expectExact(t.data, data); // untouched
      expect(op.setupCount).toBe(0);
      const other = new q.Tensor(t.shape);
      op.run(t, other); // still runs with another output
      [other, t, op].forEach((v) => v.delete());
    });

    // Element-wise operators: in place gives the bytes of the non-aliased
    // run, across batches and kernel tails (37 channels).
    const r = h.rng(21);
    test.each([
      ['Clamp', () => new q.Clamp({ channels: 37, outputMin: 40, outputMax: 210 })],
      ['Sigmoid', () => new q.Sigmoid({ channels: 37, inputQuantization: { scale: 0.05, zeroPoint: 120 } })],
      ['LeakyReLU', () => new q.LeakyReLU({ channels: 37, negativeSlope: 0.2, inputQuantization: { scale: 0.5, zeroPoint: 128 }, outputQuantization: { scale: 0.4, zeroPoint: 100 } })],
    ])('%s runs in place, bit-exactly', (_, make) => {
      const op = make();
      for (const batch of [1, 5]) {
        const input = r.bytes(batch * 37);
        const expected = op.run(input);
        const t = q.Tensor.from(input, [batch, 37]);
        expect(op.run(t, t)).toBe(t);
        h.expectExact(t.data, expected);
        t.set(input);
        op.run(t, t); // the repeated run (no new checks, no new setup)
        h.expectExact(t.data, expected);
        t.delete();
      }
      op.delete();
    });

    test('Add runs in place on a, on b, and on both', () => {
      const op = new q.Add({ channels: 37, aQuantization: { scale: 0.7, zeroPoint: 120 },
                             bQuantization: { scale: 0.4, zeroPoint: 130 },
                             outputQuantization: { scale: 1.1, zeroPoint: 128 } });
      const a = r.bytes(3 * 37), b = r.bytes(3 * 37);
      const expected = op.run(a, b);
      const same = op.run(a, a);
      const ta = q.Tensor.from(a), tb = q.Tensor.from(b);
      op.run(ta, tb, ta);
      h.expectExact(ta.data, expected);
      ta.set(a);
      op.run(ta, tb, tb);
      h.expectExact(tb.data, expected);
      op.run(ta, ta, ta);
      h.expectExact(ta.data, same);
      [ta, tb, op].forEach((v) => v.delete());
    });
  });
});
