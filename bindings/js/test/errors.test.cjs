// Bad arguments are rejected before anything touches wasm memory, with an
// Error subclass whose message names the parameter; failures of the C API
// throw Q8nnError with the core's explanation and the status name; use after
// delete() throws. On each build.
'use strict';

const h = require('./helpers.cjs');

const conv = h.convolutionOptions;

describe.each(h.VARIANTS)('%s build', (variant) => {
  let q;
  beforeAll(async () => {
    q = await h.q8nn.init({ variant });
  });

  const rejects = (f, type, message, status) => h.rejects(q, f, type, message, status);

  describe('init', () => {
    test('rejects unknown variants and options', async () => {
      await expect(h.q8nn.init({ variant: 'avx' })).rejects.toThrow(RangeError);
      await expect(h.q8nn.init({ variant: 'avx' })).rejects.toThrow(/options\.variant/);
      await expect(h.q8nn.init({ varient: 'simd' })).rejects.toThrow(/unknown option 'varient'/);
      await expect(h.q8nn.init('simd')).rejects.toThrow(TypeError);
    });
    test('returns the same API for the same variant; getDefault after init', async () => {
      expect(await h.q8nn.init({ variant })).toBe(q);
      expect(h.q8nn.getDefault()).toBe(await h.q8nn.init({ variant: h.VARIANTS[0] }));
      expect(typeof h.q8nn.simdSupported()).toBe('boolean');
    });
  });

  describe('parameter validation', () => {
    const cases = [
      ['options not an object', () => new q.Convolution(5), TypeError, /Convolution must be an options object/],
      ['unknown option', () => new q.Convolution(conv({ kernel: 3 })), TypeError, /unknown option 'kernel'/],
      ['missing weights', () => new q.Convolution(conv({ weights: undefined })), TypeError, /Convolution\.weights is required/],
      ['kernelSize string', () => new q.Convolution(conv({ kernelSize: '3' })), TypeError, /kernelSize must be a number or \[height, width\]/],
      ['kernelSize 0', () => new q.Convolution(conv({ kernelSize: 0 })), RangeError, /kernelSize must be a positive integer/],
      ['kernelSize fraction', () => new q.Convolution(conv({ kernelSize: [3, 1.5] })), RangeError, /kernelSize\[1\] must be a positive integer/],
      ['stride negative', () => new q.Convolution(conv({ stride: -1 })), RangeError, /stride must be a positive integer/],
      ['padding of 3 values', () => new q.Convolution(conv({ padding: [1, 1, 1] })), RangeError, /padding must be a number/],
      ['padding negative', () => new q.Convolution(conv({ padding: { top: -1 } })), RangeError, /padding\.top must be a non-negative integer/],
      ['groups 0', () => new q.Convolution(conv({ groups: 0 })), RangeError, /groups must be a positive integer/],
      ['channels NaN', () => new q.Convolution(conv({ groupInputChannels: NaN })), RangeError, /groupInputChannels must be a positive integer/],
      ['scale 0', () => new q.Convolution(conv({ inputQuantization: { scale: 0, zeroPoint: 0 } })), RangeError, /inputQuantization\.scale must be a positive finite number/],
      ['scale Infinity', () => new q.Convolution(conv({ outputQuantization: { scale: Infinity, zeroPoint: 0 } })), RangeError, /outputQuantization\.scale must be a positive finite/],
      ['scale underflowing float', () => new q.Convolution(conv({ kernelQuantization: { scale: 1e-60, zeroPoint: 0 } })), RangeError, /kernelQuantization\.scale must be a positive finite number \(as a 32-bit float\)/],
      ['scale as string', () => new q.Convolution(conv({ kernelQuantization: { scale: '1', zeroPoint: 0 } })), TypeError, /kernelQuantization\.scale must be a positive finite number/],
      ['zero point 256', () => new q.Convolution(conv({ inputQuantization: { scale: 1, zeroPoint: 256 } })), RangeError, /inputQuantization\.zeroPoint must be an integer \(0 to 255\)/],
      ['zero point fraction', () => new q.Convolution(conv({ inputQuantization: { scale: 1, zeroPoint: 1.5 } })), RangeError, /inputQuantization\.zeroPoint/],
      ['quantization missing zeroPoint', () => new q.Convolution(conv({ outputQuantization: { scale: 1 } })), TypeError, /outputQuantization\.zeroPoint must be an integer/],
      ['quantization as number', () => new q.Convolution(conv({ outputQuantization: 1 })), TypeError, /outputQuantization must be an object \{scale, zeroPoint\}/],
      ['quantization with a typo', () => new q.Convolution(conv({ outputQuantization: { scale: 1, zero_point: 1 } })), TypeError, /unknown field 'zero_point'/],
      ['outputMin > outputMax', () => new q.Convolution(conv({ outputMin: 200, outputMax: 100 })), RangeError, /outputMin \(200\) must not exceed outputMax \(100\)/],
      ['outputMax 300', () => new q.Convolution(conv({ outputMax: 300 })), RangeError, /outputMax must be an integer \(0 to 255\)/],
      ['weights of the wrong length', () => new q.Convolution(conv({ weights: new Uint8Array(5) })), RangeError, /weights must have 54 elements \(groups\*groupOutputChannels\*kernelHeight\*kernelWidth\*groupInputChannels\), got 5/],
      ['weights of the wrong type', () => new q.Convolution(conv({ weights: new Int8Array(54) })), TypeError, /weights must be a Uint8Array, got an Int8Array/],
      ['weights as a plain array', () => new q.Convolution(conv({ weights: new Array(54).fill(0) })), TypeError, /weights must be a Uint8Array, got an array/],
      ['bias of the wrong type', () => new q.Convolution(conv({ bias: new Float32Array(3) })), TypeError, /bias must be a Int32Array/],
      ['bias of the wrong length', () => new q.Convolution(conv({ bias: new Int32Array(4) })), RangeError, /bias must have 3 elements, got 4/],
      ['depthwise weights', () => new q.DepthwiseConvolution({ ...conv(), groupInputChannels: undefined, groupOutputChannels: undefined, channels: 4, weights: new Uint8Array(35) }), TypeError, /unknown option 'groupInputChannels'/],
      ['depthwise weight count', () => { const { groupInputChannels, groupOutputChannels, bias, ...o } = conv(); return new q.DepthwiseConvolution({ ...o, channels: 4, weights: new Uint8Array(35) }); }, RangeError, /DepthwiseConvolution\.weights must have 36 elements \(channels\*kernelHeight\*kernelWidth\)/],
      ['deconvolution adjustment', () => new q.Deconvolution(conv({ adjustment: -1 })), RangeError, /Deconvolution\.adjustment must be a non-negative integer/],
      ['fully connected weights', () => new q.FullyConnected({ inputChannels: 4, outputChannels: 2, inputQuantization: { scale: 1, zeroPoint: 0 }, kernelQuantization: { scale: 1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 }, weights: new Uint8Array(7) }), RangeError, /FullyConnected\.weights must have 8 elements, got 7/],
      ['add quantization', () => new q.Add({ channels: 2, aQuantization: { scale: 1, zeroPoint: 0 }, bQuantization: { scale: -1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 } }), RangeError, /Add\.bQuantization\.scale/],
      ['channel shuffle with one group', () => new q.ChannelShuffle({ groups: 1, groupChannels: 4 }), RangeError, /ChannelShuffle\.groups must be an integer of at least 2/],
      ['leaky relu slope', () => new q.LeakyReLU({ channels: 1, negativeSlope: 0, inputQuantization: { scale: 1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 } }), RangeError, /LeakyReLU\.negativeSlope must be a positive finite number/],
      ['max pooling size', () => new q.MaxPooling({ channels: 3, poolingSize: [2] }), RangeError, /MaxPooling\.poolingSize must be a number or \[height, width\]/],
      ['average pooling channels', () => new q.AveragePooling({ channels: 2 ** 40, poolingSize: 2, inputQuantization: { scale: 1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 } }), RangeError, /AveragePooling\.channels must be a positive integer/],
      ['clamp channels missing', () => new q.Clamp({}), TypeError, /Clamp\.channels is required/],
      ['softargmax input scale', () => new q.SoftArgMax({ channels: 3, inputScale: null }), TypeError, /SoftArgMax\.inputScale must be a positive finite number, got null/],
      ['tensor shape', () => new q.Tensor([2, 0, 3]), RangeError, /Tensor: shape\[1\] must be a positive integer/],
      ['tensor shape type', () => new q.Tensor('2x2'), TypeError, /Tensor: shape must be a non-empty array/],
      ['tensor data length', () => new q.Tensor([2, 2], new Uint8Array(3)), RangeError, /Tensor: data must have 4 elements, got 3/],
      ['tensor data type', () => new q.Tensor([4], new Uint16Array(4)), TypeError, /Tensor: data must be a Uint8Array, got a Uint16Array/],
    ];
    test.each(cases)('%s', (_, f, type, message) => {
      rejects(f, type, message);
    });
  });

  describe('run validation', () => {
    let c;
    beforeAll(() => {
      c = new q.Convolution(conv());
    });
    afterAll(() => c.delete());

    test.each([
      ['input of the wrong type', () => c.run(new Int8Array(50), { height: 5, width: 5 }), TypeError, /Convolution\.run: input must be a Uint8Array or a Tensor, got an Int8Array/],
      ['missing shape', () => c.run(new Uint8Array(50)), TypeError, /needs its shape \{height, width, batchSize\?\}/],
      ['input of the wrong length', () => c.run(new Uint8Array(49), { height: 5, width: 5 }), RangeError, /input must have 50 elements \(N\*H\*W\*C = 1\*5\*5\*2\), got 49/],
      ['shape height 0', () => c.run(new Uint8Array(50), { height: 0, width: 5 }), RangeError, /shape\.height must be a positive integer/],
      ['shape typo', () => c.run(new Uint8Array(50), { heigth: 5, width: 5 }), TypeError, /unknown option 'heigth'/],
      ['empty input', () => c.run(new Uint8Array(0), { height: 5, width: 5 }), RangeError, /input must not be empty/],
    ])('%s', (_, f, type, message) => {
      rejects(f, type, message);
    });

    test('tensor shapes', () => {
      const x = new q.Tensor([1, 5, 5, 3]);
      rejects(() => c.run(x), RangeError, /input shape: 3 channels, expected 2/);
      const y = new q.Tensor([1, 5, 5, 2]);
      const z = new q.Tensor([1, 5, 5, 2]);
      rejects(() => c.run(y, z), RangeError, /output must have 75 elements, got a Tensor of shape \[1, 5, 5, 2\] \(50\)/);
      rejects(() => c.run(y, new Uint8Array(75)), TypeError, /output must be a Tensor/);
      rejects(() => c.run(new Uint8Array(50), z), TypeError, /an output Tensor needs a Tensor input/);
      const clamp = new q.Clamp({ channels: 2 });
      rejects(() => clamp.run(new Uint8Array(50), z), TypeError, /Clamp\.run: an output Tensor needs Tensor inputs/);
      rejects(() => clamp.run(new Uint8Array(5)), RangeError, /Clamp\.run: input must have a multiple of 2 elements/);
      const add = new q.Add({ channels: 2, aQuantization: { scale: 1, zeroPoint: 0 }, bQuantization: { scale: 1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 } });
      rejects(() => add.run(new Uint8Array(4), new Uint8Array(6)), RangeError, /Add\.run: b must have as many elements as a \(4\), got 6/);
      rejects(() => add.run(new Uint8Array(4), z), TypeError, /a and b must both be Uint8Arrays or both Tensors/);
      [x, y, z, clamp, add].forEach((v) => v.delete());
    });

    test('an input smaller than the window: the core says so', () => {
      const p = new q.MaxPooling({ channels: 1, poolingSize: 3 });
      const e = rejects(() => p.run(new Uint8Array(4), { height: 2, width: 2 }), q.Q8nnError,
                        /^MaxPooling\.run: q8nn_window_output_size: the input height 2 with padding 0 \+ 0 is smaller than the kernel's 3 \(kernel 3, dilation 1\) \(invalid_parameter\)$/);
      expect(e.status).toBe('invalid_parameter');
      p.delete();
    });
  });

  describe('C status codes', () => {
    test('an unsupported scale ratio throws Q8nnError with the reason and the status', () => {
      const e = rejects(() => new q.Convolution(conv({ outputQuantization: { scale: 1e-10, zeroPoint: 0 } })),
                        q.Q8nnError, /^Convolution: qnnp_create_convolution2d_nhwc_q8: \(input_scale \* kernel_scale\) \/ output_scale = 5e\+07: .*2\^24.* \(unsupported_parameter\)$/);
      expect(e.status).toBe('unsupported_parameter');
      expect(e.name).toBe('Q8nnError');
    });
    test('a dot product longer than 33025 terms is unsupported_parameter', () => {
      const e = rejects(() => new q.FullyConnected({ inputChannels: 40000, outputChannels: 1, inputQuantization: { scale: 1, zeroPoint: 0 }, kernelQuantization: { scale: 1, zeroPoint: 0 }, outputQuantization: { scale: 1, zeroPoint: 0 }, weights: new Uint8Array(40000) }),
                        q.Q8nnError, /^FullyConnected: qnnp_create_fully_connected_nc_q8: kernel_height \* kernel_width \* input_channels = 1 \* 40000: a dot product of more than 33025 terms .* \(unsupported_parameter\)$/);
      expect(e.status).toBe('unsupported_parameter');
    });
  });

  describe('use after delete', () => {
    test('operators', () => {
      const c = new q.Convolution(conv());
      c.delete();
      expect(c.deleted).toBe(true);
      const e = rejects(() => c.run(new Uint8Array(50), { height: 5, width: 5 }), q.Q8nnError,
                        /Convolution \(run\) was deleted/);
      expect(e.status).toBe('deleted');
      c.delete(); // a second delete does nothing
    });
    test('tensors', () => {
      const t = new q.Tensor([2, 3]);
      const c = new q.Clamp({ channels: 3 });
      t.delete();
      rejects(() => t.data, q.Q8nnError, /Tensor \(data\) was deleted/);
      rejects(() => t.set(new Uint8Array(6)), q.Q8nnError, /Tensor \(set\) was deleted/);
      rejects(() => c.run(t), q.Q8nnError, /input was deleted/);
      const u = new q.Tensor([2, 3]);
      rejects(() => c.run(u, t), q.Q8nnError, /output was deleted/);
      u.delete();
      c.delete();
    });
    test('after a run repeated on the same tensors (the fast path)', () => {
      const c = new q.Clamp({ channels: 3, outputMin: 10, outputMax: 20 });
      const x = q.Tensor.from(Uint8Array.of(5, 15, 25)), y = new q.Tensor([3]);
      c.run(x, y);
      expect(c.run(x, y)).toBe(y);
      x.delete();
      rejects(() => c.run(x, y), q.Q8nnError, /input was deleted/);
      const z = q.Tensor.from(Uint8Array.of(1, 2, 3));
      c.run(z, y);
      c.run(z, y);
      y.delete();
      rejects(() => c.run(z, y), q.Q8nnError, /output was deleted/);
      c.delete();
      rejects(() => c.run(z, y), q.Q8nnError, /Clamp \(run\) was deleted/);
      z.delete();
    });
  });
});
