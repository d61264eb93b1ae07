// The last line of defence of lib/api.mjs, on a stand-in for the Embind
// module (no wasm): should a call into the module ever throw what bindings.cc
// and the core never throw — a C++ exception (a bare number) or a trap / an
// abort() (WebAssembly.RuntimeError) — the API throws Q8nnError "aborted",
// every later call of that instance throws it too (the module's state cannot
// be trusted), and init() loads a new instance.
'use strict';

// lib/api.cjs is generated from lib/api.mjs by Jest's global setup.
const { makeEntry, Q8nnError } = require('../lib/api.cjs');

// A module with every function bindings.cc exports, 64 KB of memory and
// a bump allocator; `behaviour.run` decides what runOperator does.
function fakeModule(behaviour) {
  const memory = new Uint8Array(1 << 16);
  let next = 1024;
  const strings = new Map();
  const cString = (text) => {
    if (!strings.has(text)) {
      const bytes = new TextEncoder().encode(`${text}\0`);
      memory.set(bytes, next);
      strings.set(text, next);
      next += bytes.length;
    }
    return strings.get(text);
  };
  const M = {
    HEAPU8: memory,
    HEAPU32: new Uint32Array(memory.buffer),
    initialize: () => 0,
    isa: () => cString('scalar'),
    isaCount: () => 1,
    isaName: () => cString('scalar'),
    version: () => 100,
    versionString: () => cString('0.1.0'),
    statusString: (s) => cString(s === 0 ? 'success' : 'invalid_parameter'),
    lastError: () => cString(''),
    setAllocationLimit: () => {},
    allocationLimit: () => 0x7fffffff,
    allocate: (size) => {
      const address = (next + 63) & ~63;
      next = address + Math.max(size, 1);
      return address;
    },
    release: () => {},
    heapInUse: () => next,
    runOperator: () => behaviour.run(),
    deleteOperator: () => 0,
    windowOutputSize: () => 0,
  };
  for (const kind of ['Convolution', 'Deconvolution', 'FullyConnected', 'GlobalAveragePooling',
                      'AveragePooling', 'MaxPooling', 'ChannelShuffle', 'Add', 'Clamp', 'Sigmoid',
                      'LeakyRelu', 'Softargmax']) {
    M[`create${kind}`] = (...args) => {
      M.HEAPU32[args[args.length - 1] >>> 2] = 4096; // the "operator"
      return 0;
    };
    M[`setup${kind}`] = () => 0;
  }
  return M;
}

test.each([
  ['a C++ exception (a bare number)', () => { throw 5251072; }, /a C\+\+ exception \(5251072\) escaped the module/],
  ['a trap', () => { throw new WebAssembly.RuntimeError('memory access out of bounds'); }, /memory access out of bounds/],
  ['an abort()', () => { throw new WebAssembly.RuntimeError('Aborted(). Build with -sASSERTIONS for more info.'); }, /Aborted\(\)/],
])('%s: Q8nnError "aborted", the instance refuses further calls, init() loads a new one',
  async (_, failure, message) => {
    const behaviour = { run: () => 0 };
    let loads = 0;
    const entry = makeEntry(async () => {
      loads++;
      return { factory: async () => fakeModule(behaviour), wasmBinary: null };
    });
    const q = await entry.init({ variant: 'scalar' });
    expect(entry.getDefault()).toBe(q);
    const clamp = new q.Clamp({ channels: 2 });
    expect(Array.from(clamp.run(Uint8Array.of(1, 2))).length).toBe(2);

    behaviour.run = failure;
    let error;
    try {
      clamp.run(Uint8Array.of(1, 2));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Q8nnError);
    expect(error.status).toBe('aborted');
    expect(error.message).toMatch(/^q8nn: the 'scalar' WebAssembly module failed in runOperator: /);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/this instance cannot be used any more/);

    behaviour.run = () => 0; // even calls that would work now are refused
    expect(() => clamp.run(Uint8Array.of(1, 2))).toThrow(error);
    expect(() => new q.Clamp({ channels: 2 })).toThrow(error);
    expect(() => new q.Tensor([2])).toThrow(error);
    expect(() => entry.getDefault()).toThrow(/call \(and await\) init\(\) first/);
    clamp.delete(); // delete() does not throw (it is often in a finally block)
    expect(clamp.deleted).toBe(true);

    const fresh = await entry.init({ variant: 'scalar' });
    expect(loads).toBe(2);
    expect(fresh).not.toBe(q);
    expect(entry.getDefault()).toBe(fresh);
    const c = new fresh.Clamp({ channels: 2 });
    expect(c.run(Uint8Array.of(1, 2)).length).toBe(2);
  });

test('other exceptions (argument conversion errors of Embind) pass through unchanged', async () => {
  const behaviour = { run: () => { throw new TypeError('Cannot convert "x" to int'); } };
  const entry = makeEntry(async () => ({ factory: async () => fakeModule(behaviour),
                                         wasmBinary: null }));
  const q = await entry.init({ variant: 'scalar' });
  const clamp = new q.Clamp({ channels: 1 });
  expect(() => clamp.run(Uint8Array.of(1))).toThrow(TypeError);
  behaviour.run = () => 0;
  expect(clamp.run(Uint8Array.of(1)).length).toBe(1);
});

test('a build that lacks a function of this API is refused when it loads', async () => {
  const entry = makeEntry(async () => ({
    factory: async () => {
      const M = fakeModule({ run: () => 0 });
      delete M.windowOutputSize;
      return M;
    },
    wasmBinary: null,
  }));
  await expect(entry.init({ variant: 'scalar' })).rejects.toThrow(
    /the 'scalar' build has no function windowOutputSize/);
});
