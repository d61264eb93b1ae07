// 10,000 create / run / delete cycles per build must leave the wasm heap as
// it was: every byte malloc'ed by an operator, its scratch buffers and the
// tensors is freed by delete().
'use strict';

const h = require('./helpers.cjs');

const CYCLES = 10000;

describe.each(h.VARIANTS)('%s build', (variant) => {
  test(`${CYCLES} create/run/delete cycles do not grow the heap`, async () => {
    const q = await h.q8nn.init({ variant });
    const r = h.rng(4);
    const weights = r.bytes(8 * 9 * 4), bias = r.int32s(8, 100), input = r.bytes(6 * 6 * 4);
    const options = {
      kernelSize: 3, padding: 1, groupInputChannels: 4, groupOutputChannels: 8,
      inputQuantization: { scale: 0.5, zeroPoint: 128 },
      kernelQuantization: { scale: 0.02, zeroPoint: 120 },
      outputQuantization: { scale: 0.5, zeroPoint: 128 }, weights, bias,
    };
    const cycle = () => {
      const conv = new q.Convolution(options);
      const x = new q.Tensor([1, 6, 6, 4], input);
      const y = new q.Tensor([1, 6, 6, 8]);
      conv.run(x, y);
      const out = conv.run(input, { height: 6, width: 6 }); // scratch buffers
      const add = new q.Add({ channels: 8, aQuantization: { scale: 1, zeroPoint: 128 },
                              bQuantization: { scale: 1, zeroPoint: 128 },
                              outputQuantization: { scale: 2, zeroPoint: 128 } });
      add.run(out, y.data.slice());
      try {
        new q.Convolution({ ...options, outputQuantization: { scale: 1e-12, zeroPoint: 0 } });
      } catch {
        // a failed create frees what it allocated
      }
      [x, y, conv, add].forEach((v) => v.delete());
    };
    for (let i = 0; i < 100; i++) cycle(); // warm-up: let malloc reach its steady state
    const before = q.heapUsage();
    for (let i = 0; i < CYCLES; i++) cycle();
    const after = q.heapUsage();
    expect(after.allocated).toBe(before.allocated);
    expect(after.memory).toBe(before.memory);
  });
});
