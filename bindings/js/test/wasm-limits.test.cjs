// Regression tests of issue 11, finding 5 (WebAssembly, 32-bit size_t), on
// each build: parameters whose sizes wrap a 32-bit size_t, and outputs or
// buffers larger than a wasm32 heap, throw Q8nnError (or RangeError) with a
// message that names the parameter or the size; nothing writes outside its
// buffer, returns other heap contents, aborts the module or lets a C++
// exception escape; and the instance keeps working afterwards. None of these
// really allocates more than a few MB: the sizes are refused before any
// allocation, or malloc fails at once because the heap cannot grow that far.
'use strict';

const fs = require('fs');
const path = require('path');

const h = require('./helpers.cjs');

const Q1 = { scale: 1, zeroPoint: 0 };

describe.each(h.VARIANTS)('%s build', (variant) => {
  let q;
  beforeAll(async () => {
    q = await h.q8nn.init({ variant });
  });

  // README's example: a 3x3 box filter over a 4x4 image, and a clamp. Run
  // after every failure: the module still computes the right bytes.
  function expectWorking() {
    const conv = new q.Convolution({
      kernelSize: 3, padding: 1, groupInputChannels: 1, groupOutputChannels: 1,
      inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: { scale: 9, zeroPoint: 0 },
      weights: new Uint8Array(9).fill(1),
    });
    const input = Uint8Array.from({ length: 16 }, (_, i) => i * 16);
    expect(Array.from(conv.run(input, { height: 4, width: 4 })))
      .toEqual([18, 32, 43, 32, 48, 80, 96, 69, 91, 144, 160, 112, 75, 117, 128, 89]);
    conv.delete();
    const clamp = new q.Clamp({ channels: 3, outputMin: 10, outputMax: 20 });
    expect(Array.from(clamp.run(Uint8Array.of(0, 15, 255)))).toEqual([10, 15, 20]);
    clamp.delete();
  }

  // After every test: the default allocation limit, and a working instance.
  afterEach(() => {
    expect(q.allocationLimit()).toBe(2 ** 31 - 1);
    expectWorking();
  });

  const rejects = (f, type, message, status) => h.rejects(q, f, type, message, status);

  // Creates an operator, runs `use` on it and deletes it whatever happens.
  function using(op, use) {
    try {
      return use(op);
    } finally {
      op.delete();
    }
  }

  test('the module has no C++ exceptions to throw, and its heap stops at 2 GiB', () => {
    // Emscripten's glue defines ___cxa_throw & co. only for a module that
    // imports them, i.e. that has code throwing a C++ exception (which would
    // reach JavaScript as a bare number). The heap maximum is MAXIMUM_MEMORY.
    for (const glue of [`q8nn-${variant}.cjs`, `q8nn-${variant}.mjs`]) {
      const text = fs.readFileSync(path.join(__dirname, '..', 'wasm', glue), 'utf8');
      expect(text).not.toMatch(/function ___cxa_(throw|allocate_exception|rethrow)\b/);
      expect(text).toMatch(/function _emscripten_get_heap_max\(\)\s*\{\s*return 2147483648\s*\}/);
    }
  });

  const deconvolution = (extra) => new q.Deconvolution({
    kernelSize: 1, groupInputChannels: 1, groupOutputChannels: 1, inputQuantization: Q1,
    kernelQuantization: Q1, outputQuantization: Q1, weights: Uint8Array.of(1), ...extra,
  });
  const input2x2 = Uint8Array.of(1, 2, 3, 4);

  describe('Deconvolution whose output size wraps a 32-bit size_t', () => {
    test('adjustment 2^31 or 2^32 - 1: rejected at create (it must be below the stride or dilation)', () => {
      for (const adjustment of [2 ** 31, 2 ** 32 - 1]) {
        rejects(() => deconvolution({ adjustment: [adjustment, 0] }), q.Q8nnError,
                new RegExp(`^Deconvolution: qnnp_create_deconvolution2d_nhwc_q8: adjustment_height = ${adjustment}: must be smaller than stride_height \\(1\\) or dilation_height \\(1\\) \\(invalid_parameter\\)$`),
                'invalid_parameter');
      }
    });
    test('adjustment 2^31 with a stride of 2^32 - 1: the core says the output height overflows size_t', () => {
      using(deconvolution({ adjustment: [2 ** 31, 0], stride: [2 ** 32 - 1, 1] }), (op) => {
        rejects(() => op.run(input2x2, { height: 2, width: 2 }), q.Q8nnError,
                /^Deconvolution\.run: q8nn_window_output_size: the output height, .*adjustment 2147483648.* overflows size_t \(unsupported_parameter\)$/,
                'unsupported_parameter');
        rejects(() => op.outputShape({ height: 2, width: 2 }), q.Q8nnError,
                /^Deconvolution\.outputShape: q8nn_window_output_size: .*adjustment 2147483648/);
      });
    });
    test('dilation 2^31', () => {
      using(deconvolution({ kernelSize: 2, dilation: [2 ** 31, 1], weights: new Uint8Array(4) }),
            (op) => {
              rejects(() => op.run(input2x2, { height: 2, width: 2 }), q.Q8nnError,
                      /the output of shape \[1, 2147483650, 3, 1\] .* more than a wasm32 heap/,
                      'out_of_memory');
            });
      using(deconvolution({ kernelSize: 3, dilation: [1, 2 ** 31] , weights: new Uint8Array(9) }),
            (op) => {
              rejects(() => op.run(input2x2, { height: 2, width: 2 }), q.Q8nnError,
                      /^Deconvolution\.run: q8nn_window_output_size: .*width.*overflows size_t/,
                      'unsupported_parameter');
            });
    });
    test('stride [2^31, 1]', () => {
      using(deconvolution({ stride: [2 ** 31, 1] }), (op) => {
        rejects(() => op.run(input2x2, { height: 2, width: 2 }), q.Q8nnError,
                /the output of shape \[1, 2147483649, 2, 1\]/, 'out_of_memory');
        expectWorking();
        // One input row: the stride does not matter, the output is the input.
        expect(Array.from(op.run(Uint8Array.of(7, 9), { height: 1, width: 2 }))).toEqual([7, 9]);
      });
    });
  });

  describe('window operators with stride [2^31, 1] compute the right output', () => {
    // 3x2 input: the first output row is input row 0, and there is no second.
    const input = Uint8Array.of(10, 20, 30, 40, 50, 60);
    test.each([
      ['Convolution', () => new q.Convolution({
        kernelSize: 1, stride: [2 ** 31, 1], groupInputChannels: 1, groupOutputChannels: 1,
        inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: Q1,
        weights: Uint8Array.of(1) })],
      ['DepthwiseConvolution', () => new q.DepthwiseConvolution({
        kernelSize: [2, 1], stride: [2 ** 31, 1], channels: 1, inputQuantization: Q1,
        kernelQuantization: Q1, outputQuantization: Q1, weights: Uint8Array.of(1, 0) })],
      ['AveragePooling', () => new q.AveragePooling({
        channels: 1, poolingSize: 1, stride: [2 ** 31, 1], inputQuantization: Q1,
        outputQuantization: Q1 })],
      ['MaxPooling', () => new q.MaxPooling({ channels: 1, poolingSize: 1, stride: [2 ** 31, 1] })],
      ['MaxPooling, 2x2 window, padding 1', () => new q.MaxPooling({
        channels: 1, poolingSize: 2, stride: [2 ** 31, 1], padding: [0, 1] })],
    ])('%s', (name, make) => {
      using(make(), (op) => {
        const padded = name.includes('padding');
        expect(op.outputShape({ height: 3, width: 2 })).toEqual([1, 1, padded ? 3 : 2, 1]);
        const out = op.run(input, { height: 3, width: 2 });
        expect(Array.from(out)).toEqual(padded ? [30, 40, 40] : [10, 20]);
        const x = new q.Tensor([1, 3, 2, 1], input), y = new q.Tensor(op.outputShape(x.shape));
        op.run(x, y);
        expect(Array.from(y.data)).toEqual(Array.from(out));
        x.delete();
        y.delete();
      });
      expectWorking();
    });
  });

  test('max pooling with stride 2^31 and padding 2^32 - 1 is rejected, naming the padding', () => {
    using(new q.MaxPooling({ channels: 1, poolingSize: 2, stride: 2 ** 31, padding: 2 ** 32 - 1 }),
          (op) => {
            rejects(() => op.run(input2x2, { height: 2, width: 2 }), q.Q8nnError,
                    /^MaxPooling\.run: q8nn_window_output_size: the padded input height .*overflows size_t \(unsupported_parameter\)$/,
                    'unsupported_parameter');
          });
  });

  describe('large outputs and buffers: out_of_memory, never an abort or a bare number', () => {
    const conv = (extra) => new q.Convolution({
      kernelSize: 1, groupInputChannels: 1, groupOutputChannels: 1, inputQuantization: Q1,
      kernelQuantization: Q1, outputQuantization: Q1, weights: Uint8Array.of(1), ...extra,
    });

    test('an output of 3.6 GB is refused before anything is allocated', () => {
      using(conv({ padding: 30000 }), (op) => {
        rejects(() => op.run(Uint8Array.of(1), { height: 1, width: 1 }), q.Q8nnError,
                /the output of shape \[1, 60001, 60001, 1\] .* needs 3600120001 bytes, more than a wasm32 heap can hold/,
                'out_of_memory');
      });
    });

    test('outputs of 100 and 400 MB over the allocation limit', () => {
      const previous = q.setAllocationLimit(1 << 20);
      try {
        for (const [padding, bytes] of [[5000, 100020001], [10000, 400040001]]) {
          using(conv({ padding }), (op) => {
            rejects(() => op.run(Uint8Array.of(1), { height: 1, width: 1 }), q.Q8nnError,
                    new RegExp(`^Convolution\\.run: the output of shape .* needs ${bytes} bytes, ` +
                               'more than the allocation limit \\(1048576 bytes'),
                    'out_of_memory');
          });
        }
      } finally {
        q.setAllocationLimit(previous);
      }
    });

    test('an indirection buffer over the allocation limit: the core says how much it needed', () => {
      const op = new q.Convolution({
        kernelSize: 3, padding: 1, groupInputChannels: 8, groupOutputChannels: 1,
        inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: Q1,
        weights: new Uint8Array(72),
      });
      const x = new q.Tensor([1, 300, 300, 8]), y = new q.Tensor([1, 300, 300, 1]);
      const previous = q.setAllocationLimit(1 << 20);
      try {
        rejects(() => op.run(x, y), q.Q8nnError,
                /^Convolution\.run: qnnp_setup_convolution2d_nhwc_q8: the indirection buffer would need \d+ bytes, over the allocation limit of 1048576 bytes/,
                'out_of_memory');
      } finally {
        q.setAllocationLimit(previous);
      }
      op.run(x, y); // under the default limit it sets up and runs
      expect(op.setupCount).toBe(2);
      [x, y, op].forEach((v) => v.delete());
    });

    test('malloc returning NULL in the core (a 2.1 GB indirection buffer)', () => {
      // 285 x 287 output pixels x 81 x 81 taps x 4 bytes: under PTRDIFF_MAX,
      // so the core asks malloc, which fails: wasm memory cannot grow past 2 GiB.
      const op = new q.Convolution({
        kernelSize: 81, padding: [182, 183], groupInputChannels: 5, groupOutputChannels: 1,
        inputQuantization: Q1, kernelQuantization: { scale: 1e-4, zeroPoint: 0 },
        outputQuantization: Q1, weights: new Uint8Array(81 * 81 * 5),
      });
      const x = new q.Tensor([1, 1, 1, 5]), y = new q.Tensor([1, 285, 287, 1]);
      expect(op.outputShape(x.shape)).toEqual(y.shape);
      rejects(() => op.run(x, y), q.Q8nnError,
              /^Convolution\.run: qnnp_setup_convolution2d_nhwc_q8: out of memory allocating \d+ bytes for the indirection buffer \(out_of_memory\)$/,
              'out_of_memory');
      [x, y, op].forEach((v) => v.delete());
    });

    test('an exhausted heap: creates fail with out_of_memory, and work again once it is freed',
      () => {
        // Fills all 2 GiB of the heap without touching it: each Deconvolution
        // (1x1, stride S - 1, on a 2x1 input) gets an output buffer of S bytes
        // for a typed-array run whose setup then fails (its indirection buffer
        // would need 4 S bytes, over the limit S), and keeps the buffer.
        // The last KBs go to small Tensors.
        const held = [];
        const deconvolution1x1 = (stride) => new q.Deconvolution({
          kernelSize: 1, stride: [stride, 1], groupInputChannels: 1, groupOutputChannels: 1,
          inputQuantization: Q1, kernelQuantization: Q1, outputQuantization: Q1,
          weights: Uint8Array.of(1),
        });
        const previous = q.allocationLimit();
        try {
          for (let size = 2 ** 30; size >= 2 ** 20; size /= 2) {
            q.setAllocationLimit(size);
            for (let full = false; !full;) {
              const op = deconvolution1x1(size - 1);
              held.push(op);
              try {
                op.run(Uint8Array.of(1, 2), { height: 2, width: 1 });
              } catch (e) {
                expect(e.status).toBe('out_of_memory');
                full = /out of wasm memory/.test(e.message);
              }
            }
          }
          q.setAllocationLimit(previous);
          for (let size = 2 ** 19; size >= 8; size /= 2) {
            for (;;) {
              try {
                held.push(new q.Tensor([size]));
              } catch (e) {
                expect(e.status).toBe('out_of_memory');
                break;
              }
            }
          }
          expect(q.heapUsage().memory).toBe(2 ** 31);
          // The core's operator itself cannot be allocated (it comes from
          // malloc, which returns NULL instead of aborting the module).
          const e = rejects(() => new q.Clamp({ channels: 1 }), q.Q8nnError,
                            /^Clamp: qnnp_create_clamp_nc_u8: out of memory/, 'out_of_memory');
          expect(e.message).toMatch(/\(out_of_memory\)$/);
          rejects(() => new q.Tensor([64]), q.Q8nnError, /^Tensor: cannot allocate 64 bytes/,
                  'out_of_memory');
        } finally {
          q.setAllocationLimit(previous);
          held.forEach((v) => v.delete());
        }
      });

    test('malloc returning NULL in the JS API (a Tensor of 2^31 - 1 bytes)', () => {
      rejects(() => new q.Tensor([2 ** 31 - 1]), q.Q8nnError,
              /^Tensor: cannot allocate 2147483647 bytes for its data: out of wasm memory/,
              'out_of_memory');
      rejects(() => new q.Tensor([2 ** 16, 2 ** 16]), RangeError,
              /^Tensor: shape has 4294967296 elements, more than a wasm32 heap can hold/);
    });
  });

  describe('setAllocationLimit', () => {
    test('returns the previous limit; the default is the largest', () => {
      const max = q.allocationLimit();
      expect(max).toBe(2 ** 31 - 1);
      expect(q.setAllocationLimit(4096)).toBe(max);
      expect(q.allocationLimit()).toBe(4096);
      expect(q.setAllocationLimit(max)).toBe(4096);
      expect(q.allocationLimit()).toBe(max);
    });
    test('validates its argument', () => {
      expect(() => q.setAllocationLimit(-1)).toThrow(RangeError);
      expect(() => q.setAllocationLimit(2 ** 31)).toThrow(/setAllocationLimit: bytes must be a non-negative integer \(0 to 2147483647\), got 2147483648/);
      expect(() => q.setAllocationLimit(1.5)).toThrow(RangeError);
      expect(() => q.setAllocationLimit('1')).toThrow(TypeError);
      expect(q.allocationLimit()).toBe(2 ** 31 - 1);
    });
    test('applies to the packed weights of create', () => {
      const previous = q.setAllocationLimit(64);
      try {
        rejects(() => new q.FullyConnected({
          inputChannels: 64, outputChannels: 64, inputQuantization: Q1, kernelQuantization: Q1,
          outputQuantization: Q1, weights: new Uint8Array(64 * 64),
        }), q.Q8nnError,
        /^FullyConnected: qnnp_create_fully_connected_nc_q8: the packed weights would need \d+ bytes, over the allocation limit of 64 bytes/,
        'out_of_memory');
      } finally {
        q.setAllocationLimit(previous);
      }
    });
  });
});
