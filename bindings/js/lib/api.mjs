// The JavaScript API of q8nn, written once for both entry points.
//
// This file is an ES module without imports. index.mjs imports it directly;
// index.cjs requires lib/api.cjs, which scripts/gen-cjs.mjs generates from
// this file at build time (it turns the `export` keywords into a
// module.exports object). The entry points only differ in how they load the
// Emscripten glue and the .wasm bytes (makeEntry's `loadVariant`).
//
// Layers: the Embind module (src/bindings.cc) forwards plain numbers and wasm
// addresses to the C API; everything here validates its arguments before it
// touches wasm memory, copies typed arrays in and out, caches setups and
// turns status codes into exceptions.

// --- Errors --------------------------------------------------------------------

/** Failures of the library itself: non-success statuses, use after delete(),
 * loading problems. Bad arguments throw TypeError or RangeError instead. */
export class Q8nnError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'Q8nnError';
    /** The C status name ("invalid_parameter", ...), "deleted" for use after
     * delete(), or undefined. */
    this.status = status;
  }
}

// --- SIMD detection ----------------------------------------------------------------

// The smallest module that needs SIMD128: one function () -> v128 whose body
// is i32.const 0; i8x16.splat. Engines without SIMD reject it.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // types: () -> v128
  0x03, 0x02, 0x01, 0x00, // functions: one of type 0
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x41, 0x00, 0xfd, 0x0f, 0x0b, // code
]);

/** Whether this JavaScript engine runs WebAssembly SIMD128. */
export function simdSupported() {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** The builds a package may hold, best first. */
export const VARIANTS = Object.freeze(['simd', 'scalar']);

// --- Validation helpers ----------------------------------------------------------------

const MAX_SIZE = 0x7fffffff; // wasm32 sizes
const MAX_U32 = 0xffffffff;

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) {
    const type = Object.prototype.toString.call(value).slice(8, -1);
    return `${type.startsWith('Int') ? 'an' : 'a'} ${type} of length ${value.length}`;
  }
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function integer(value, name, min, max, what) {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be ${what}, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be ${what} (${min} to ${max}), got ${value}`);
  }
  return value;
}

const positive = (value, name) => integer(value, name, 1, MAX_SIZE, 'a positive integer');
const positiveU32 = (value, name) => integer(value, name, 1, MAX_U32, 'a positive integer');
const nonNegativeU32 = (value, name) => integer(value, name, 0, MAX_U32, 'a non-negative integer');
const byte = (value, name) => integer(value, name, 0, 255, 'an integer');

function scale(value, name) {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a positive finite number, got ${describe(value)}`);
  }
  const f = Math.fround(value);
  if (!(f > 0) || !Number.isFinite(f)) {
    throw new RangeError(
      `${name} must be a positive finite number (as a 32-bit float), got ${value}`);
  }
  return value;
}

function options(value, name, allowed) {
  if (value === undefined) value = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${name}: unknown option '${key}' (expected one of ${allowed.join(', ')})`);
    }
  }
  return value;
}

function required(opts, key, where) {
  if (opts[key] === undefined) {
    throw new TypeError(`${where}.${key} is required`);
  }
  return opts[key];
}

function quantization(value, name, defaults) {
  if (value === undefined && defaults !== undefined) return defaults;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an object {scale, zeroPoint}, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'scale' && key !== 'zeroPoint') {
      throw new TypeError(`${name}: unknown field '${key}' (expected scale, zeroPoint)`);
    }
  }
  return {
    scale: scale(value.scale, `${name}.scale`),
    zeroPoint: byte(value.zeroPoint, `${name}.zeroPoint`),
  };
}

// opts[key] as {scale, zeroPoint}: required unless a default is given.
function quantizationOption(opts, key, where, defaults) {
  const value = defaults === undefined ? required(opts, key, where) : opts[key];
  return quantization(value, `${where}.${key}`, defaults);
}

// A size given as n or [height, width].
function pair(value, name, check, fallback) {
  if (value === undefined && fallback !== undefined) value = fallback;
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      throw new RangeError(`${name} must be a number or [height, width], got ${describe(value)}`);
    }
    return [check(value[0], `${name}[0]`), check(value[1], `${name}[1]`)];
  }
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number or [height, width], got ${describe(value)}`);
  }
  check(value, name);
  return [value, value];
}

// Padding as n, [vertical, horizontal], [top, right, bottom, left] or
// {top, right, bottom, left}; returns [top, right, bottom, left].
function padding(value, name) {
  if (value === undefined) return [0, 0, 0, 0];
  if (typeof value === 'number') {
    nonNegativeU32(value, name);
    return [value, value, value, value];
  }
  if (Array.isArray(value)) {
    if (value.length === 2) {
      const [v, h] = value;
      nonNegativeU32(v, `${name}[0]`);
      nonNegativeU32(h, `${name}[1]`);
      return [v, h, v, h];
    }
    if (value.length === 4) return value.map((p, i) => nonNegativeU32(p, `${name}[${i}]`));
    throw new RangeError(
      `${name} must be a number, [vertical, horizontal] or [top, right, bottom, left], ` +
      `got ${describe(value)}`);
  }
  if (typeof value === 'object' && value !== null) {
    return ['top', 'right', 'bottom', 'left'].map(
      (side) => nonNegativeU32(value[side] ?? 0, `${name}.${side}`));
  }
  throw new TypeError(
    `${name} must be a number, an array or {top, right, bottom, left}, got ${describe(value)}`);
}

function isTypedArray(value, tag) {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${tag}]`;
}

function typedArray(value, name, tag, length) {
  if (!isTypedArray(value, tag)) {
    throw new TypeError(`${name} must be a ${tag}, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must have ${length} elements, got ${value.length}`);
  }
  return value;
}

function outputRange(opts, where) {
  const min = byte(opts.outputMin ?? 0, `${where}.outputMin`);
  const max = byte(opts.outputMax ?? 255, `${where}.outputMax`);
  if (min > max) {
    throw new RangeError(`${where}.outputMin (${min}) must not exceed outputMax (${max})`);
  }
  return [min, max];
}

const product = (values) => values.reduce((a, b) => a * b, 1);

// --- The API of one loaded module -----------------------------------------------------

/**
 * Builds the classes and functions bound to one instantiated Embind module
 * (one variant). Several can coexist in a process.
 */
export function createApi(M, variant) {
  const statusOf = (status) => M.statusString(status);
  const check = (status, what) => {
    if (status !== 0) {
      const name = statusOf(status);
      throw new Q8nnError(`${what} failed: ${name}`, name);
    }
  };
  check(M.initialize(), 'qnnp_initialize');

  const heap = () => M.HEAPU8;
  function allocate(size, what) {
    const address = M.allocate(size);
    if (address === 0) throw new Q8nnError(`${what}: out of wasm memory`, 'out_of_memory');
    return address;
  }
  // Copies a typed array into fresh wasm memory; returns the address (0 for null).
  function copyIn(array, what) {
    if (array === null || array === undefined) return 0;
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    const address = allocate(bytes.length, what);
    heap().set(bytes, address);
    return address;
  }
  const handleSlot = allocate(4, 'init');

  function deletedError(what) {
    return new Q8nnError(`${what} was deleted: it cannot be used any more`, 'deleted');
  }

  // --- Tensor ---------------------------------------------------------------------

  /** uint8 data living in wasm memory, with a shape (NHWC or NC). */
  class Tensor {
    #address = 0;
    #size = 0;
    #shape;
    #view = null;

    /**
     * @param shape dimensions, e.g. [N, H, W, C] or [N, C] (positive integers)
     * @param data optional initial content (a Uint8Array of the tensor's size);
     *   zeros otherwise
     */
    constructor(shape, data) {
      if (typeof shape === 'number') shape = [shape];
      if (!Array.isArray(shape) || shape.length === 0) {
        throw new TypeError(`Tensor: shape must be a non-empty array of positive integers, ` +
                            `got ${describe(shape)}`);
      }
      shape.forEach((d, i) => positive(d, `Tensor: shape[${i}]`));
      const size = product(shape);
      if (size > MAX_SIZE) throw new RangeError(`Tensor: shape has ${size} elements, too many`);
      if (data !== undefined) typedArray(data, 'Tensor: data', 'Uint8Array', size);
      this.#address = allocate(size, 'Tensor');
      this.#size = size;
      this.#shape = Object.freeze([...shape]);
      if (data !== undefined) heap().set(data, this.#address);
      else heap().fill(0, this.#address, this.#address + size);
    }

    /** A tensor holding a copy of `data`, of shape `shape` (default [data.length]). */
    static from(data, shape) {
      typedArray(data, 'Tensor.from: data', 'Uint8Array');
      return new Tensor(shape ?? [data.length], data);
    }

    #alive(what) {
      if (this.#address === 0) throw deletedError(`Tensor (${what})`);
    }
    get shape() {
      this.#alive('shape');
      return this.#shape;
    }
    get size() {
      this.#alive('size');
      return this.#size;
    }
    /** The wasm address of the data (for diagnostics). */
    get address() {
      this.#alive('address');
      return this.#address;
    }
    /** A Uint8Array view of the data in wasm memory (no copy). A view taken
     * earlier becomes detached when wasm memory grows: read .data again. */
    get data() {
      this.#alive('data');
      const buffer = heap().buffer;
      if (this.#view === null || this.#view.buffer !== buffer) {
        this.#view = new Uint8Array(buffer, this.#address, this.#size);
      }
      return this.#view;
    }
    /** Copies `data` (a Uint8Array of the tensor's size) into the tensor. */
    set(data) {
      this.#alive('set');
      typedArray(data, 'Tensor.set: data', 'Uint8Array', this.#size);
      heap().set(data, this.#address);
      return this;
    }
    /** A copy of the data as a new Uint8Array. */
    toArray() {
      this.#alive('toArray');
      return heap().slice(this.#address, this.#address + this.#size);
    }
    get deleted() {
      return this.#address === 0;
    }
    /** Frees the wasm memory. Further use throws; a second delete() does nothing. */
    delete() {
      if (this.#address === 0) return;
      M.release(this.#address);
      this.#address = 0;
      this.#view = null;
    }
  }

  function asTensor(value, name) {
    if (!(value instanceof Tensor)) {
      if (value !== null && typeof value === 'object' && value.constructor?.name === 'Tensor') {
        throw new TypeError(`${name} is a Tensor of another q8nn instance (this one is ` +
                            `'${variant}'): tensors cannot move between instances`);
      }
      throw new TypeError(`${name} must be a Tensor, got ${describe(value)}`);
    }
    if (value.deleted) throw deletedError(name);
    return value;
  }

  // --- Operators ---------------------------------------------------------------------

  /** What every operator shares: the handle, scratch buffers for typed-array
   * runs, the setup cache and delete(). */
  class Operator {
    #handle = 0;
    #scratch = [];
    #setupKey = null;
    #setups = 0;
    #name;
    #repeat = null; // [...input Tensors, output Tensor] of the last run, if all were Tensors

    constructor(name, create) {
      this.#name = name;
      const status = create(handleSlot);
      const handle = M.HEAPU32[handleSlot >>> 2];
      if (status !== 0) {
        if (handle !== 0) M.deleteOperator(handle);
        check(status, `${name}: create`);
      }
      this.#handle = handle;
    }

    get deleted() {
      return this.#handle === 0;
    }

    /** How many times the C setup (which builds the indirection buffer) ran:
     * runs on the same shapes and buffers reuse the last setup. */
    get setupCount() {
      return this.#setups;
    }

    _alive(what) {
      if (this.#handle === 0) throw deletedError(`${this.#name} (${what})`);
    }

    // Wasm memory of at least `size` bytes in scratch slot `index`, reused
    // across runs (so that its address, and the setup, stay the same).
    _scratch(index, size) {
      let slot = this.#scratch[index];
      if (slot === undefined || slot.size < size) {
        if (slot !== undefined) M.release(slot.address);
        this.#scratch[index] = undefined;
        slot = { address: allocate(size, this.#name), size };
        this.#scratch[index] = slot;
      }
      return slot.address;
    }

    // run() again with the Tensors of the last run: alive, so at the same
    // addresses with the same shapes, the checks and the setup still hold.
    // Returns the output Tensor, or null when this is not such a call.
    _repeat(args) {
      const last = this.#repeat;
      if (last === null || args.length !== last.length) return null;
      for (let i = 0; i < last.length; i++) {
        if (args[i] !== last[i] || last[i].deleted) return null;
      }
      check(M.runOperator(this.#handle), `${this.#name}: qnnp_run_operator`);
      return last[last.length - 1];
    }

    // Sets up (only when `key` differs from the last successful setup) and runs.
    _run(key, setup, what) {
      const last = this.#setupKey;
      if (last === null || last.length !== key.length || last.some((v, i) => v !== key[i])) {
        this.#setupKey = null;
        this.#setups++;
        check(setup(this.#handle), `${this.#name}: ${what}`);
        this.#setupKey = key;
      }
      check(M.runOperator(this.#handle), `${this.#name}: qnnp_run_operator`);
    }

    // Runs with inputs given as typed arrays or tensors and an optional
    // output tensor; returns the output tensor or a new Uint8Array.
    // inputs: [{value, name}], outputSize: bytes; setup(handle, inputAddresses, outputAddress).
    _execute(inputs, output, outputSize, keyExtra, setup, what) {
      const addresses = [];
      const tensors = inputs.every((x) => x.value instanceof Tensor);
      if (output !== undefined && !tensors) {
        throw new TypeError(`${this.#name}.run: an output Tensor needs Tensor inputs`);
      }
      inputs.forEach((input, i) => {
        if (input.value instanceof Tensor) {
          addresses.push(input.value.address);
        } else {
          const address = this._scratch(i, input.value.length);
          heap().set(input.value, address);
          addresses.push(address);
        }
      });
      let outputAddress;
      if (output !== undefined) {
        outputAddress = output.address;
      } else {
        outputAddress = this._scratch(inputs.length, outputSize);
      }
      this.#repeat = null;
      this._run([...keyExtra, ...addresses, outputAddress],
                (handle) => setup(handle, addresses, outputAddress), what);
      if (output !== undefined) {
        this.#repeat = [...inputs.map((input) => input.value), output];
        return output;
      }
      return heap().slice(outputAddress, outputAddress + outputSize);
    }

    /** Frees the operator and its buffers. Further use throws; a second
     * delete() does nothing. */
    delete() {
      if (this.#handle === 0) return;
      M.deleteOperator(this.#handle);
      this.#handle = 0;
      for (const slot of this.#scratch) if (slot !== undefined) M.release(slot.address);
      this.#scratch = [];
      this.#setupKey = null;
      this.#repeat = null;
    }
  }
  // `using op = new q8nn.Convolution(...)` where explicit resource management exists.
  if (typeof Symbol.dispose === 'symbol') {
    Operator.prototype[Symbol.dispose] = function dispose() { this.delete(); };
    Tensor.prototype[Symbol.dispose] = function dispose() { this.delete(); };
  }

  // Checks `input` (Uint8Array or Tensor) and returns its element count.
  function inputSize(value, name) {
    if (value instanceof Tensor) {
      if (value.deleted) throw deletedError(name);
      return value.size;
    }
    if (!isTypedArray(value, 'Uint8Array')) {
      throw new TypeError(`${name} must be a Uint8Array or a Tensor, got ${describe(value)}`);
    }
    if (value.length === 0) throw new RangeError(`${name} must not be empty`);
    return value.length;
  }

  function checkOutput(output, size, name) {
    if (output === undefined) return undefined;
    asTensor(output, name);
    if (output.size !== size) {
      throw new RangeError(`${name} must have ${size} elements, got a Tensor of shape ` +
                           `[${output.shape.join(', ')}] (${output.size})`);
    }
    return output;
  }

  // --- Window operators (NHWC): convolution, deconvolution, pooling ----------------------

  /** Shared by the operators whose input is an NHWC image. */
  class WindowOperator extends Operator {
    constructor(name, create, inputChannels, outputChannels, geometry, setupFn) {
      super(name, create);
      this.inputChannels = inputChannels;
      this.outputChannels = outputChannels;
      this._geometry = geometry; // (h, w) -> [oh, ow]
      this._setupFn = setupFn;
      this._name = name;
    }

    /** [batchSize, outputHeight, outputWidth, outputChannels] for an input of
     * {batchSize = 1, height, width}, or of shape [N, H, W, C]. */
    outputShape(input) {
      const [n, h, w] = this._inputShape(input, `${this._name}.outputShape: input`);
      const [oh, ow] = this._geometry(h, w);
      if (oh < 1 || ow < 1) {
        throw new RangeError(`${this._name}: an input of ${h}x${w} pixels is smaller than the ` +
                             `window (output ${oh}x${ow})`);
      }
      return [n, oh, ow, this.outputChannels];
    }

    _inputShape(value, name) {
      if (Array.isArray(value)) {
        if (value.length !== 4 && value.length !== 3) {
          throw new RangeError(`${name} must be a shape [N, H, W, C] or [H, W, C], ` +
                               `got ${describe(value)}`);
        }
        const dims = value.length === 4 ? value : [1, ...value];
        dims.forEach((d, i) => positive(d, `${name}[${i}]`));
        if (dims[3] !== this.inputChannels) {
          throw new RangeError(`${name}: ${dims[3]} channels, expected ${this.inputChannels}`);
        }
        return dims.slice(0, 3);
      }
      const s = options(value, name, ['batchSize', 'height', 'width']);
      return [positive(s.batchSize ?? 1, `${name}.batchSize`),
              positive(required(s, 'height', name), `${name}.height`),
              positive(required(s, 'width', name), `${name}.width`)];
    }

    /**
     * run(input: Uint8Array, shape: {height, width, batchSize?}) -> Uint8Array
     * run(input: Tensor [N, H, W, C] or [H, W, C], output?: Tensor) -> output or Uint8Array
     */
    run(input, second) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      this._alive('run');
      const what = `${this._name}.run`;
      const size = inputSize(input, `${what}: input`);
      let shape, output;
      if (input instanceof Tensor) {
        shape = this._inputShape(input.shape, `${what}: input shape`);
        if (second !== undefined) output = asTensor(second, `${what}: output`);
      } else {
        if (second === undefined) {
          throw new TypeError(`${what}: a Uint8Array input needs its shape ` +
                              `{height, width, batchSize?} as second argument`);
        }
        if (second instanceof Tensor) {
          throw new TypeError(`${what}: an output Tensor needs a Tensor input`);
        }
        shape = this._inputShape(second, `${what}: shape`);
        const expected = shape[0] * shape[1] * shape[2] * this.inputChannels;
        if (size !== expected) {
          throw new RangeError(`${what}: input must have ${expected} elements (N*H*W*C = ` +
                               `${shape.join('*')}*${this.inputChannels}), got ${size}`);
        }
      }
      const [n, oh, ow, oc] = this.outputShape({ batchSize: shape[0], height: shape[1],
                                                 width: shape[2] });
      checkOutput(output, n * oh * ow * oc, `${what}: output`);
      const ic = this.inputChannels;
      return this._execute([{ value: input }], output, n * oh * ow * oc, shape,
                           (handle, [x], y) => this._setupFn(handle, n, shape[1], shape[2], x, ic,
                                                             y, oc),
                           'setup');
    }
  }

  const windowSize = (input, before, after, kernel, dilation, stride) => {
    const padded = input + before + after;
    const effective = (kernel - 1) * dilation + 1;
    return padded < effective ? 0 : Math.floor((padded - effective) / stride) + 1;
  };

  const CONV_OPTIONS = ['kernelSize', 'stride', 'dilation', 'padding', 'groups',
                        'groupInputChannels', 'groupOutputChannels', 'inputQuantization',
                        'kernelQuantization', 'outputQuantization', 'outputMin', 'outputMax',
                        'weights', 'bias'];

  function convolutionParameters(name, opts, deconvolution) {
    const [kh, kw] = pair(required(opts, 'kernelSize', name), `${name}.kernelSize`,
                          positiveU32);
    const [sh, sw] = pair(opts.stride, `${name}.stride`, positiveU32, 1);
    const [dh, dw] = pair(opts.dilation, `${name}.dilation`, positiveU32, 1);
    const pad = padding(opts.padding, `${name}.padding`);
    const groups = positiveU32(opts.groups ?? 1, `${name}.groups`);
    const gic = positive(required(opts, 'groupInputChannels', name),
                         `${name}.groupInputChannels`);
    const goc = positive(required(opts, 'groupOutputChannels', name),
                         `${name}.groupOutputChannels`);
    const iq = quantizationOption(opts, 'inputQuantization', name);
    const kq = quantizationOption(opts, 'kernelQuantization', name);
    const oq = quantizationOption(opts, 'outputQuantization', name);
    const [min, max] = outputRange(opts, name);
    const count = groups * goc * kh * kw * gic;
    if (count > MAX_SIZE) throw new RangeError(`${name}: ${count} weights are too many`);
    const layout = deconvolution
      ? 'groups*groupInputChannels*kernelHeight*kernelWidth*groupOutputChannels'
      : name === 'DepthwiseConvolution'
        ? 'channels*kernelHeight*kernelWidth'
        : 'groups*groupOutputChannels*kernelHeight*kernelWidth*groupInputChannels';
    if (isTypedArray(opts.weights, 'Uint8Array') && opts.weights.length !== count) {
      throw new RangeError(`${name}.weights must have ${count} elements (${layout}), ` +
                           `got ${opts.weights.length}`);
    }
    const weights = typedArray(required(opts, 'weights', name), `${name}.weights`, 'Uint8Array');
    const bias = opts.bias === undefined || opts.bias === null
      ? null
      : typedArray(opts.bias, `${name}.bias`, 'Int32Array', groups * goc);
    return { kh, kw, sh, sw, dh, dw, pad, groups, gic, goc, iq, kq, oq, min, max, weights,
             bias };
  }

  // Creates with weights and bias copied into wasm memory for the call.
  function withWeights(p, name, call) {
    return (slot) => {
      let w = 0, b = 0;
      try {
        w = copyIn(p.weights, name);
        b = copyIn(p.bias, name);
        return call(w, b, slot);
      } finally {
        if (w !== 0) M.release(w);
        if (b !== 0) M.release(b);
      }
    };
  }

  /** 2D convolution, NHWC, any kernel/stride/dilation/padding/groups.
   * weights: [groups][groupOutputChannels][kernelHeight][kernelWidth][groupInputChannels]. */
  class Convolution extends WindowOperator {
    constructor(opts, name = 'Convolution') {
      opts = options(opts, name, CONV_OPTIONS);
      const p = convolutionParameters(name, opts, false);
      super(name, withWeights(p, name, (w, b, slot) => M.createConvolution(
        p.pad[0], p.pad[1], p.pad[2], p.pad[3], p.kh, p.kw, p.sh, p.sw, p.dh, p.dw, p.groups,
        p.gic, p.goc, p.iq.zeroPoint, p.iq.scale, p.kq.zeroPoint, p.kq.scale, w, b,
        p.oq.zeroPoint, p.oq.scale, p.min, p.max, slot)),
      p.groups * p.gic, p.groups * p.goc,
      (h, w) => [windowSize(h, p.pad[0], p.pad[2], p.kh, p.dh, p.sh),
                 windowSize(w, p.pad[3], p.pad[1], p.kw, p.dw, p.sw)],
      M.setupConvolution);
    }
  }

  const DEPTHWISE_OPTIONS = ['channels', 'kernelSize', 'stride', 'dilation', 'padding',
                             'inputQuantization', 'kernelQuantization', 'outputQuantization',
                             'outputMin', 'outputMax', 'weights', 'bias'];

  /** Depthwise 2D convolution (groups = channels, one input and one output
   * channel per group). weights: [channels][kernelHeight][kernelWidth]. */
  class DepthwiseConvolution extends Convolution {
    constructor(opts) {
      const name = 'DepthwiseConvolution';
      opts = options(opts, name, DEPTHWISE_OPTIONS);
      const channels = positiveU32(required(opts, 'channels', name), `${name}.channels`);
      const { channels: _, ...rest } = opts;
      super({ ...rest, groups: channels, groupInputChannels: 1, groupOutputChannels: 1 }, name);
    }
  }

  /** 2D deconvolution (transposed convolution), NHWC.
   * weights: [groups][groupInputChannels][kernelHeight][kernelWidth][groupOutputChannels]. */
  class Deconvolution extends WindowOperator {
    constructor(opts) {
      const name = 'Deconvolution';
      opts = options(opts, name, [...CONV_OPTIONS, 'adjustment']);
      const p = convolutionParameters(name, opts, true);
      const [ah, aw] = pair(opts.adjustment, `${name}.adjustment`, nonNegativeU32, 0);
      super(name, withWeights(p, name, (w, b, slot) => M.createDeconvolution(
        p.pad[0], p.pad[1], p.pad[2], p.pad[3], ah, aw, p.kh, p.kw, p.sh, p.sw, p.dh, p.dw,
        p.groups, p.gic, p.goc, p.iq.zeroPoint, p.iq.scale, p.kq.zeroPoint, p.kq.scale, w, b,
        p.oq.zeroPoint, p.oq.scale, p.min, p.max, slot)),
      p.groups * p.gic, p.groups * p.goc,
      (h, w) => [Math.max(0, (h - 1) * p.sh + ah + (p.kh - 1) * p.dh + 1 - p.pad[0] - p.pad[2]),
                 Math.max(0, (w - 1) * p.sw + aw + (p.kw - 1) * p.dw + 1 - p.pad[1] - p.pad[3])],
      M.setupDeconvolution);
    }
  }

  /** 2D average pooling, NHWC (padding counts as zero points). */
  class AveragePooling extends WindowOperator {
    constructor(opts) {
      const name = 'AveragePooling';
      opts = options(opts, name, ['channels', 'poolingSize', 'stride', 'padding',
                                  'inputQuantization', 'outputQuantization', 'outputMin',
                                  'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const [ph, pw] = pair(required(opts, 'poolingSize', name), `${name}.poolingSize`,
                            positiveU32);
      const [sh, sw] = pair(opts.stride, `${name}.stride`, positiveU32, 1);
      const pad = padding(opts.padding, `${name}.padding`);
      const iq = quantizationOption(opts, 'inputQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createAveragePooling(
        pad[0], pad[1], pad[2], pad[3], ph, pw, sh, sw, channels, iq.zeroPoint, iq.scale,
        oq.zeroPoint, oq.scale, min, max, slot),
      channels, channels,
      (h, w) => [windowSize(h, pad[0], pad[2], ph, 1, sh), windowSize(w, pad[3], pad[1], pw, 1, sw)],
      M.setupAveragePooling);
    }
  }

  /** 2D max pooling, NHWC. */
  class MaxPooling extends WindowOperator {
    constructor(opts) {
      const name = 'MaxPooling';
      opts = options(opts, name, ['channels', 'poolingSize', 'stride', 'dilation', 'padding',
                                  'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const [ph, pw] = pair(required(opts, 'poolingSize', name), `${name}.poolingSize`,
                            positiveU32);
      const [sh, sw] = pair(opts.stride, `${name}.stride`, positiveU32, 1);
      const [dh, dw] = pair(opts.dilation, `${name}.dilation`, positiveU32, 1);
      const pad = padding(opts.padding, `${name}.padding`);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createMaxPooling(pad[0], pad[1], pad[2], pad[3], ph, pw, sh, sw, dh,
                                               dw, channels, min, max, slot),
      channels, channels,
      (h, w) => [windowSize(h, pad[0], pad[2], ph, dh, sh),
                 windowSize(w, pad[3], pad[1], pw, dw, sw)],
      M.setupMaxPooling);
    }
  }

  // --- Row operators (NC) ---------------------------------------------------------------

  /** Operators on rows of `inputChannels` values; the batch is the input
   * size divided by the channels. */
  class RowOperator extends Operator {
    constructor(name, create, inputChannels, outputChannels, setupFn) {
      super(name, create);
      this.inputChannels = inputChannels;
      this.outputChannels = outputChannels;
      this._name = name;
      this._setupFn = setupFn;
    }

    _batch(size, name) {
      if (size % this.inputChannels !== 0) {
        throw new RangeError(`${name} must have a multiple of ${this.inputChannels} elements ` +
                             `(batch x ${this.inputChannels} channels), got ${size}`);
      }
      return size / this.inputChannels;
    }

    /** run(input: Uint8Array | Tensor, output?: Tensor) -> output or a new Uint8Array */
    run(input, output) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      this._alive('run');
      const what = `${this._name}.run`;
      const batch = this._batch(inputSize(input, `${what}: input`), `${what}: input`);
      const outputSize = batch * this.outputChannels;
      checkOutput(output, outputSize, `${what}: output`);
      const ic = this.inputChannels, oc = this.outputChannels;
      return this._execute([{ value: input }], output, outputSize, [batch],
                           (handle, [x], y) => this._setupFn(handle, batch, x, ic, y, oc),
                           'setup');
    }
  }

  /** Fully connected layer: input [batch][inputChannels], weights
   * [outputChannels][inputChannels], output [batch][outputChannels]. */
  class FullyConnected extends RowOperator {
    constructor(opts) {
      const name = 'FullyConnected';
      opts = options(opts, name, ['inputChannels', 'outputChannels', 'inputQuantization',
                                  'kernelQuantization', 'outputQuantization', 'outputMin',
                                  'outputMax', 'weights', 'bias']);
      const ic = positive(required(opts, 'inputChannels', name), `${name}.inputChannels`);
      const oc = positive(required(opts, 'outputChannels', name), `${name}.outputChannels`);
      const iq = quantizationOption(opts, 'inputQuantization', name);
      const kq = quantizationOption(opts, 'kernelQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name);
      const [min, max] = outputRange(opts, name);
      if (ic * oc > MAX_SIZE) throw new RangeError(`${name}: ${ic * oc} weights are too many`);
      const p = {
        weights: typedArray(required(opts, 'weights', name), `${name}.weights`, 'Uint8Array',
                            ic * oc),
        bias: opts.bias === undefined || opts.bias === null
          ? null
          : typedArray(opts.bias, `${name}.bias`, 'Int32Array', oc),
      };
      super(name, withWeights(p, name, (w, b, slot) => M.createFullyConnected(
        ic, oc, iq.zeroPoint, iq.scale, kq.zeroPoint, kq.scale, w, b, oq.zeroPoint, oq.scale,
        min, max, slot)), ic, oc, M.setupFullyConnected);
    }
  }

  /** Clamps uint8 values to [outputMin, outputMax]. */
  class Clamp extends RowOperator {
    constructor(opts) {
      const name = 'Clamp';
      opts = options(opts, name, ['channels', 'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createClamp(channels, min, max, slot), channels, channels,
            M.setupClamp);
    }
  }

  /** Logistic sigmoid (output quantization defaults to {scale: 1/256, zeroPoint: 0}). */
  class Sigmoid extends RowOperator {
    constructor(opts) {
      const name = 'Sigmoid';
      opts = options(opts, name, ['channels', 'inputQuantization', 'outputQuantization',
                                  'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const iq = quantizationOption(opts, 'inputQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name,
                                    { scale: 1 / 256, zeroPoint: 0 });
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createSigmoid(channels, iq.zeroPoint, iq.scale, oq.zeroPoint,
                                            oq.scale, min, max, slot),
      channels, channels, M.setupSigmoid);
    }
  }

  /** Leaky ReLU: x > 0 ? x : negativeSlope * x, requantized. */
  class LeakyReLU extends RowOperator {
    constructor(opts) {
      const name = 'LeakyReLU';
      opts = options(opts, name, ['channels', 'negativeSlope', 'inputQuantization',
                                  'outputQuantization', 'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const slope = scale(required(opts, 'negativeSlope', name), `${name}.negativeSlope`);
      const iq = quantizationOption(opts, 'inputQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createLeakyRelu(channels, slope, iq.zeroPoint, iq.scale,
                                              oq.zeroPoint, oq.scale, min, max, slot),
      channels, channels, M.setupLeakyRelu);
    }
  }

  /** Softmax over each row; the output is in units of 1/256 (zero point 0). */
  class SoftArgMax extends RowOperator {
    constructor(opts) {
      const name = 'SoftArgMax';
      opts = options(opts, name, ['channels', 'inputScale']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const inputScale = scale(required(opts, 'inputScale', name), `${name}.inputScale`);
      super(name, (slot) => M.createSoftargmax(channels, inputScale, 0, 1 / 256, slot),
            channels, channels, M.setupSoftargmax);
    }
  }

  /** Channel shuffle: channel g * groupChannels + c goes to c * groups + g. */
  class ChannelShuffle extends RowOperator {
    constructor(opts) {
      const name = 'ChannelShuffle';
      opts = options(opts, name, ['groups', 'groupChannels']);
      const groups = integer(required(opts, 'groups', name), `${name}.groups`, 2, MAX_U32,
                             'an integer of at least 2');
      const gc = positive(required(opts, 'groupChannels', name), `${name}.groupChannels`);
      if (groups * gc > MAX_SIZE) throw new RangeError(`${name}: too many channels`);
      super(name, (slot) => M.createChannelShuffle(groups, gc, slot), groups * gc, groups * gc,
            M.setupChannelShuffle);
    }
  }

  /** Element-wise sum of two tensors of the same size, requantized. */
  class Add extends Operator {
    constructor(opts) {
      const name = 'Add';
      opts = options(opts, name, ['channels', 'aQuantization', 'bQuantization',
                                  'outputQuantization', 'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const aq = quantizationOption(opts, 'aQuantization', name);
      const bq = quantizationOption(opts, 'bQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createAdd(channels, aq.zeroPoint, aq.scale, bq.zeroPoint,
                                        bq.scale, oq.zeroPoint, oq.scale, min, max, slot));
      this.channels = channels;
    }

    /** run(a, b, output?): a and b both Uint8Arrays or both Tensors, of the
     * same size (a multiple of channels). */
    run(a, b, output) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      this._alive('run');
      const what = 'Add.run';
      const sizeA = inputSize(a, `${what}: a`);
      const sizeB = inputSize(b, `${what}: b`);
      if ((a instanceof Tensor) !== (b instanceof Tensor)) {
        throw new TypeError(`${what}: a and b must both be Uint8Arrays or both Tensors`);
      }
      if (sizeA !== sizeB) {
        throw new RangeError(`${what}: b must have as many elements as a (${sizeA}), got ${sizeB}`);
      }
      if (sizeA % this.channels !== 0) {
        throw new RangeError(`${what}: a must have a multiple of ${this.channels} elements, ` +
                             `got ${sizeA}`);
      }
      checkOutput(output, sizeA, `${what}: output`);
      const batch = sizeA / this.channels, c = this.channels;
      return this._execute([{ value: a }, { value: b }], output, sizeA, [batch],
                           (handle, [x, y], z) => M.setupAdd(handle, batch, x, c, y, c, z, c),
                           'setup');
    }
  }

  /** Global average pooling over the pixels of each image (NWC). */
  class GlobalAveragePooling extends Operator {
    constructor(opts) {
      const name = 'GlobalAveragePooling';
      opts = options(opts, name, ['channels', 'inputQuantization', 'outputQuantization',
                                  'outputMin', 'outputMax']);
      const channels = positive(required(opts, 'channels', name), `${name}.channels`);
      const iq = quantizationOption(opts, 'inputQuantization', name);
      const oq = quantizationOption(opts, 'outputQuantization', name);
      const [min, max] = outputRange(opts, name);
      super(name, (slot) => M.createGlobalAveragePooling(channels, iq.zeroPoint, iq.scale,
                                                         oq.zeroPoint, oq.scale, min, max,
                                                         slot));
      this.channels = channels;
    }

    /**
     * run(input: Uint8Array, {batchSize = 1}?) -> Uint8Array [batchSize][channels]
     * run(input: Tensor [N, H, W, C], [N, W, C] or [W, C], output?: Tensor)
     */
    run(input, second) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      this._alive('run');
      const what = 'GlobalAveragePooling.run';
      const size = inputSize(input, `${what}: input`);
      const c = this.channels;
      let batch, output;
      if (input instanceof Tensor) {
        const shape = input.shape;
        if (shape.length < 2 || shape.length > 4 || shape[shape.length - 1] !== c) {
          throw new RangeError(`${what}: input must have shape [N, H, W, ${c}], [N, W, ${c}] ` +
                               `or [W, ${c}], got [${shape.join(', ')}]`);
        }
        batch = shape.length === 2 ? 1 : shape[0];
        if (second !== undefined) output = asTensor(second, `${what}: output`);
      } else {
        if (second instanceof Tensor) {
          throw new TypeError(`${what}: an output Tensor needs a Tensor input`);
        }
        const s = options(second, `${what}: options`, ['batchSize']);
        batch = positive(s.batchSize ?? 1, `${what}: options.batchSize`);
        if (size % (batch * c) !== 0) {
          throw new RangeError(`${what}: input must have a multiple of batchSize * channels = ` +
                               `${batch * c} elements, got ${size}`);
        }
      }
      const width = size / (batch * c);
      checkOutput(output, batch * c, `${what}: output`);
      return this._execute([{ value: input }], output, batch * c, [batch, width],
                           (handle, [x], y) => M.setupGlobalAveragePooling(handle, batch, width,
                                                                           x, c, y, c),
                           'setup');
    }
  }

  const api = {
    variant,
    /** The kernels' instruction set ("wasmsimd" or "scalar"). */
    isa: M.isa(),
    /** The ISAs this build has kernels for. */
    isas: Object.freeze(Array.from({ length: M.isaCount() }, (_, i) => M.isaName(i))),
    version: M.versionString(),
    Tensor,
    Operator,
    Convolution,
    DepthwiseConvolution,
    Deconvolution,
    FullyConnected,
    AveragePooling,
    GlobalAveragePooling,
    MaxPooling,
    Add,
    Clamp,
    Sigmoid,
    LeakyReLU,
    SoftArgMax,
    ChannelShuffle,
    Q8nnError,
    /** Wasm heap use: bytes allocated with malloc now, and the memory size. */
    heapUsage() {
      return { allocated: M.heapInUse(), memory: heap().length };
    },
  };
  return Object.freeze(api);
}

// --- Entry points ---------------------------------------------------------------------

/**
 * What index.mjs and index.cjs export, given how they load a variant:
 * loadVariant(variant) resolves to {factory, wasmBinary}, the Emscripten
 * module factory and the bytes of its .wasm file.
 */
export function makeEntry(loadVariant) {
  const loaded = new Map(); // variant -> Promise of the API
  let first = null;

  function chooseVariant(opts) {
    opts = options(opts, 'init: options', ['variant']);
    const wanted = opts.variant ?? 'auto';
    if (wanted !== 'auto' && !VARIANTS.includes(wanted)) {
      throw new RangeError(`init: options.variant must be 'auto', 'simd' or 'scalar', ` +
                           `got ${describe(wanted)}`);
    }
    if (wanted === 'simd' && !simdSupported()) {
      throw new Q8nnError("init: variant 'simd' was asked for, but this JavaScript engine " +
                          'does not support WebAssembly SIMD', 'unsupported_hardware');
    }
    if (wanted !== 'auto') return wanted;
    return simdSupported() ? 'simd' : 'scalar';
  }

  async function instantiate(variant) {
    const { factory, wasmBinary } = await loadVariant(variant);
    const module = await factory({
      wasmBinary,
      // Never let the glue locate or fetch anything by itself.
      locateFile: (path) => path,
      print: () => {},
      printErr: (text) => {
        if (typeof console === 'object') console.warn(`q8nn: ${text}`);
      },
    });
    return createApi(module, variant);
  }

  /**
   * Loads a q8nn build: options.variant 'simd', 'scalar' or 'auto' (default:
   * 'simd' when the engine supports it). Each variant is loaded once; later
   * calls return the same API object.
   */
  async function init(opts) {
    const variant = chooseVariant(opts);
    if (!loaded.has(variant)) {
      const promise = instantiate(variant);
      loaded.set(variant, promise);
      promise.catch(() => loaded.delete(variant));
    }
    const api = await loaded.get(variant);
    if (first === null) first = api;
    return api;
  }

  /** The API returned by the first successful init() (throws before). */
  function getDefault() {
    if (first === null) throw new Q8nnError('q8nn: call (and await) init() first', 'uninitialized');
    return first;
  }

  return { init, getDefault, simdSupported, Q8nnError, VARIANTS };
}
