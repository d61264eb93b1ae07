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
// turns status codes into exceptions that carry the core's explanation
// (q8nn_last_error).
//
// Arguments are read once: every options object, array and typed array a
// call receives is copied (or pinned to its real memory) before anything is
// checked, and only the copy is used afterwards, so a getter or a Proxy
// cannot change a value between its check and its use.

// --- Errors --------------------------------------------------------------------

/** Failures of the library itself: non-success statuses of the C API (with
 * the core's explanation in the message), use after delete(), allocation
 * failures, loading problems. Bad arguments throw TypeError or RangeError. */
export class Q8nnError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'Q8nnError';
    /** The C status name ("invalid_parameter", "unsupported_parameter",
     * "out_of_memory", ...), "deleted" for use after delete(), "aborted" once
     * the WebAssembly module failed, or undefined. */
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

// Sizes in a wasm32 heap: what a pointer difference holds (the core's limit
// too), and the largest size_t / uint32_t argument.
const MAX_SIZE = 0x7fffffff;
const MAX_U32 = 0xffffffff;
const MAX_DIMENSIONS = 64;

// The engine's own typed-array getters: unlike value.length or
// Object.prototype.toString, own properties of the object (a `length` getter,
// Symbol.toStringTag) cannot fake them, and they work across realms.
const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Uint8Array.prototype);
const intrinsic = (key) => {
  const get = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, key).get;
  return (array) => Reflect.apply(get, array, []);
};
const typedArrayTag = intrinsic(Symbol.toStringTag);
const typedArrayLength = intrinsic('length');
const typedArrayBuffer = intrinsic('buffer');
const typedArrayByteOffset = intrinsic('byteOffset');
const typedArrayByteLength = intrinsic('byteLength');

/** "Uint8Array", "Int32Array", ... for a typed array; undefined otherwise. */
function typedArrayType(value) {
  return ArrayBuffer.isView(value) ? typedArrayTag(value) : undefined;
}

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  const type = typedArrayType(value);
  if (type !== undefined) {
    return `${type.startsWith('Int') ? 'an' : 'a'} ${type} of length ${typedArrayLength(value)}`;
  }
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'symbol') return 'a symbol';
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

function isPlainObjectLike(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Copies the keys in `allowed` out of an object (a plain object, a class
// instance, a Proxy) into a null-prototype object, reading each exactly once,
// after checking that the object has no other own enumerable key. Everything
// after this reads the copy only. `noun` names the keys in messages.
function snapshot(value, name, allowed, noun) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${name}: unknown ${noun} '${key}' (expected ${allowed.join(', ')})`);
    }
  }
  const copy = Object.create(null);
  for (const key of allowed) {
    const v = value[key];
    if (v !== undefined) copy[key] = v;
  }
  return copy;
}

// An options object (undefined: no options), as a snapshot.
function options(value, name, allowed) {
  if (value === undefined) return Object.create(null);
  if (!isPlainObjectLike(value)) {
    throw new TypeError(`${name} must be an options object, got ${describe(value)}`);
  }
  return snapshot(value, name, allowed, 'option');
}

// The elements of an array, each read once (the length first, which must be
// one of `lengths`, or at most `lengths` when it is a number).
function elements(value, name, lengths, expected) {
  const length = value.length;
  const ok = typeof lengths === 'number'
    ? Number.isInteger(length) && length >= 1 && length <= lengths
    : lengths.includes(length);
  if (!ok) throw new RangeError(`${name} must be ${expected}, got an array of length ${length}`);
  const copy = new Array(length);
  for (let i = 0; i < length; i++) copy[i] = value[i];
  return copy;
}

function required(opts, key, where) {
  if (opts[key] === undefined) {
    throw new TypeError(`${where}.${key} is required`);
  }
  return opts[key];
}

function quantization(value, name, defaults) {
  if (value === undefined && defaults !== undefined) return defaults;
  if (!isPlainObjectLike(value)) {
    throw new TypeError(`${name} must be an object {scale, zeroPoint}, got ${describe(value)}`);
  }
  const q = snapshot(value, name, ['scale', 'zeroPoint'], 'field');
  return {
    scale: scale(q.scale, `${name}.scale`),
    zeroPoint: byte(q.zeroPoint, `${name}.zeroPoint`),
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
    const [h, w] = elements(value, name, [2], 'a number or [height, width]');
    return [check(h, `${name}[0]`), check(w, `${name}[1]`)];
  }
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number or [height, width], got ${describe(value)}`);
  }
  check(value, name);
  return [value, value];
}

const SIDES = ['top', 'right', 'bottom', 'left'];

// Padding as n, [vertical, horizontal], [top, right, bottom, left] or
// {top, right, bottom, left}; returns [top, right, bottom, left].
function padding(value, name) {
  if (value === undefined) return [0, 0, 0, 0];
  if (typeof value === 'number') {
    nonNegativeU32(value, name);
    return [value, value, value, value];
  }
  if (Array.isArray(value)) {
    const p = elements(value, name, [2, 4],
                       'a number, [vertical, horizontal] or [top, right, bottom, left]');
    p.forEach((v, i) => nonNegativeU32(v, `${name}[${i}]`));
    return p.length === 2 ? [p[0], p[1], p[0], p[1]] : p;
  }
  if (isPlainObjectLike(value)) {
    const p = snapshot(value, name, SIDES, 'field');
    return SIDES.map((side) => nonNegativeU32(p[side] ?? 0, `${name}.${side}`));
  }
  throw new TypeError(
    `${name} must be a number, an array or {top, right, bottom, left}, got ${describe(value)}`);
}

// The bytes of a typed array, pinned at validation: its memory as the engine
// sees it (not what its own properties say). Bytes in another ArrayBuffer are
// a view; bytes inside `wasmBuffer` (e.g. a Tensor's .data) are an offset,
// because wasm memory moves when it grows and views of it then go empty.
function byteSource(array, wasmBuffer) {
  const buffer = typedArrayBuffer(array);
  const offset = typedArrayByteOffset(array);
  const length = typedArrayByteLength(array);
  if (buffer === wasmBuffer) return { wasmOffset: offset, length };
  return { bytes: new Uint8Array(buffer, offset, length), length };
}

function typedArray(value, name, tag, length) {
  const type = typedArrayType(value);
  if (type !== tag) {
    throw new TypeError(`${name} must be a ${tag}, got ${describe(value)}`);
  }
  const actual = typedArrayLength(value);
  if (length !== undefined && actual !== length) {
    throw new RangeError(`${name} must have ${length} elements, got ${actual}`);
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

// The C functions behind each operator kind: qnnp_create_<kind> and qnnp_setup_<kind>.
const KINDS = Object.freeze({
  convolution: 'convolution2d_nhwc_q8',
  deconvolution: 'deconvolution2d_nhwc_q8',
  fullyConnected: 'fully_connected_nc_q8',
  globalAveragePooling: 'global_average_pooling_nwc_q8',
  averagePooling: 'average_pooling2d_nhwc_q8',
  maxPooling: 'max_pooling2d_nhwc_u8',
  channelShuffle: 'channel_shuffle_nc_x8',
  add: 'add_nc_q8',
  clamp: 'clamp_nc_u8',
  sigmoid: 'sigmoid_nc_q8',
  leakyRelu: 'leaky_relu_nc_q8',
  softargmax: 'softargmax_nc_q8',
});

// The functions of the Embind module (src/bindings.cc) that the API calls.
const MODULE_FUNCTIONS = [
  'initialize', 'isa', 'isaCount', 'isaName', 'version', 'versionString', 'statusString',
  'lastError', 'setAllocationLimit', 'allocationLimit', 'allocate', 'release', 'heapInUse',
  'runOperator', 'deleteOperator', 'windowOutputSize',
  ...Object.keys(KINDS).flatMap((kind) => {
    const name = kind[0].toUpperCase() + kind.slice(1);
    return [`create${name}`, `setup${name}`];
  }),
];

// --- The API of one loaded module -----------------------------------------------------

/**
 * Builds the classes and functions bound to one instantiated Embind module
 * (one variant). Several can coexist in a process. `onAbort(error)` is called
 * once if the module fails beyond repair (see the guard below).
 */
export function createApi(M, variant, onAbort) {
  const heap = () => M.HEAPU8;

  // Every call into wasm goes through a guard. None of them throws or traps
  // by design (bindings.cc and the core return statuses, malloc returns
  // NULL), but should one still do it — a C++ exception arrives as a bare
  // number, an abort() or a trap as a WebAssembly.RuntimeError — the module's
  // state (its stack pointer, malloc's lists) cannot be trusted any more: the
  // instance turns into one whose every call throws Q8nnError "aborted".
  let aborted = null;
  const C = {};
  for (const name of MODULE_FUNCTIONS) {
    const f = M[name];
    if (typeof f !== 'function') {
      throw new Q8nnError(`q8nn: the '${variant}' build has no function ${name}: ` +
                          'it is older than this API (run `npm run build`)', 'unsupported');
    }
    C[name] = (...args) => {
      if (aborted !== null) throw aborted;
      try {
        return f(...args);
      } catch (error) {
        // RuntimeError by name too: a trap's error may come from another realm.
        const fatal = typeof error === 'number' || typeof error === 'bigint' ||
          (typeof WebAssembly === 'object' && error instanceof WebAssembly.RuntimeError) ||
          (typeof error === 'object' && error !== null && error.name === 'RuntimeError');
        if (!fatal) throw error;
        const what = typeof error === 'number' || typeof error === 'bigint'
          ? `a C++ exception (${error}) escaped the module` : String(error?.message ?? error);
        aborted = new Q8nnError(`q8nn: the '${variant}' WebAssembly module failed in ${name}: ` +
                                `${what}; this instance cannot be used any more (init() ` +
                                'loads a new one)', 'aborted');
        if (typeof onAbort === 'function') onAbort(aborted);
        throw aborted;
      }
    };
  }

  // C strings (addresses of NUL-terminated UTF-8) as JS strings.
  const decoder = new TextDecoder();
  function cString(address) {
    if (address === 0) return '';
    const h = heap();
    let end = address;
    while (end < h.length && h[end] !== 0) end++;
    return decoder.decode(h.subarray(address, end));
  }
  const statusName = (status) => cString(C.statusString(status)) || `status ${status}`;

  // The exception for a C call that returned `status`: "<where>: <the core's
  // message> (<status>)". The core's message starts with the function's name;
  // one that does not is older than this call, and is left out.
  function cFailure(status, where, cFunction) {
    const name = statusName(status);
    const message = cString(C.lastError());
    const why = message.startsWith(`${cFunction}: `) ? message : `${cFunction} failed`;
    return new Q8nnError(`${where}: ${why} (${name})`, name);
  }
  function check(status, where, cFunction) {
    if (status !== 0) throw cFailure(status, where, cFunction);
  }
  check(C.initialize(), 'q8nn', 'qnnp_initialize');

  // The largest allocation limit the core accepts (its default), and the one in force.
  const maxAllocationLimit = C.allocationLimit();
  let allocationLimit = maxAllocationLimit;

  // Wasm memory for `what` (bytes), 64-byte aligned; Q8nnError "out_of_memory"
  // when a wasm32 heap cannot hold it or malloc returns NULL.
  function allocate(size, where, what) {
    if (size > MAX_SIZE) {
      throw new Q8nnError(`${where}: ${what} needs ${size} bytes, more than a wasm32 heap can ` +
                          `hold (${MAX_SIZE})`, 'out_of_memory');
    }
    const address = C.allocate(size);
    if (address === 0) {
      throw new Q8nnError(`${where}: cannot allocate ${size} bytes for ${what}: out of wasm ` +
                          `memory (the heap has ${heap().length} bytes and cannot grow enough)`,
                          'out_of_memory');
    }
    return address;
  }
  // Copies a byte source (see byteSource) to `address`.
  function copySource(source, address) {
    if (source.bytes !== undefined) {
      heap().set(source.bytes, address);
    } else {
      heap().copyWithin(address, source.wasmOffset, source.wasmOffset + source.length);
    }
  }
  const pin = (array) => byteSource(array, heap().buffer);
  // Out-parameters of the C calls: the new operator (4 bytes at slots) and
  // two sizes (at slots + 8).
  const slots = allocate(16, 'init', 'out-parameters');

  function deletedError(what) {
    return new Q8nnError(`${what} was deleted: it cannot be used any more`, 'deleted');
  }

  // --- Tensor ---------------------------------------------------------------------

  // The shape of a Tensor: a positive integer or a non-empty array of them.
  function shapeOf(value, name) {
    if (typeof value === 'number') return [positive(value, `${name}[0]`)];
    if (!Array.isArray(value)) {
      throw new TypeError(`${name} must be a non-empty array of positive integers, ` +
                          `got ${describe(value)}`);
    }
    const shape = elements(value, name, MAX_DIMENSIONS,
                           `a non-empty array of at most ${MAX_DIMENSIONS} positive integers`);
    shape.forEach((d, i) => positive(d, `${name}[${i}]`));
    return shape;
  }

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
      const dims = shapeOf(shape, 'Tensor: shape');
      const size = product(dims);
      if (size > MAX_SIZE) {
        throw new RangeError(`Tensor: shape has ${size} elements, more than a wasm32 heap can ` +
                             `hold (${MAX_SIZE})`);
      }
      let source = null;
      if (data !== undefined) source = pin(typedArray(data, 'Tensor: data', 'Uint8Array', size));
      this.#address = allocate(size, 'Tensor', 'its data');
      this.#size = size;
      this.#shape = Object.freeze(dims);
      if (source !== null) copySource(source, this.#address);
      else heap().fill(0, this.#address, this.#address + size);
    }

    /** A tensor holding a copy of `data`, of shape `shape` (default [data.length]). */
    static from(data, shape) {
      typedArray(data, 'Tensor.from: data', 'Uint8Array');
      return new Tensor(shape ?? [typedArrayLength(data)], data);
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
      copySource(pin(typedArray(data, 'Tensor.set: data', 'Uint8Array', this.#size)),
                 this.#address);
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
    /** Frees the wasm memory. Further use throws; a second delete() does
     * nothing, nor does delete() on an aborted instance. */
    delete() {
      if (this.#address === 0) return;
      if (aborted === null) C.release(this.#address);
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

  // An input of a run: {tensor} for a Tensor, {source} for a Uint8Array
  // (pinned, see byteSource); `size` is its element count, `label` its
  // parameter name ("input", "a", "b").
  function runInput(value, where, label) {
    const name = `${where}: ${label}`;
    if (value instanceof Tensor) {
      if (value.deleted) throw deletedError(name);
      return { label, tensor: value, size: value.size };
    }
    if (typedArrayType(value) !== 'Uint8Array') {
      if (value !== null && typeof value === 'object' && value.constructor?.name === 'Tensor') {
        asTensor(value, name); // throws: a Tensor of another instance
      }
      throw new TypeError(`${name} must be a Uint8Array or a Tensor, got ${describe(value)}`);
    }
    const source = pin(value);
    if (source.length === 0) throw new RangeError(`${name} must not be empty`);
    return { label, source, size: source.length };
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

  // --- Operators ---------------------------------------------------------------------

  /** What every operator shares: the handle, scratch buffers for typed-array
   * runs, the setup cache and delete(). */
  class Operator {
    #handle = 0;
    #scratch = [];
    #setupKey = null;
    #setups = 0;
    #name;
    #kind;
    #inPlace;
    #repeat = null; // [...input Tensors, output Tensor] of the last run, if all were Tensors

    // name: the class name for messages; kind: a key of KINDS; create(out):
    // calls the C create with `out` as the operator's address; inPlace:
    // whether the output Tensor may be an input Tensor (element-wise
    // operators, whose kernels read each element before writing it).
    constructor(name, kind, create, inPlace) {
      if (new.target === Operator) throw new TypeError('q8nn.Operator cannot be constructed');
      this.#name = name;
      this.#kind = kind;
      this.#inPlace = inPlace === true;
      M.HEAPU32[slots >>> 2] = 0;
      const status = create(slots);
      const handle = M.HEAPU32[slots >>> 2];
      if (status !== 0) {
        const error = cFailure(status, name, `qnnp_create_${KINDS[kind]}`);
        if (handle !== 0) C.deleteOperator(handle);
        throw error;
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

    // The C handle; throws the deleted error after delete().
    _handle(what) {
      if (this.#handle === 0) throw deletedError(`${this.#name} (${what})`);
      return this.#handle;
    }

    // Wasm memory of at least `size` bytes in scratch slot `index`, reused
    // across runs (so that its address, and the setup, stay the same).
    _scratch(index, size, where, what) {
      let slot = this.#scratch[index];
      if (slot === undefined || slot.size < size) {
        if (slot !== undefined) C.release(slot.address);
        this.#scratch[index] = undefined;
        slot = { address: allocate(size, where, what), size };
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
      check(C.runOperator(this.#handle), `${this.#name}.run`, 'qnnp_run_operator');
      return last[last.length - 1];
    }

    // Runs with `inputs` (from runInput) and an optional output Tensor;
    // returns the output Tensor or a new Uint8Array of `outputSize` bytes
    // (`outputWhat` describes it in messages). setup(handle, inputAddresses,
    // outputAddress) calls the C setup; it runs only when `keyExtra` (the
    // shape) or an address differs from the last successful setup.
    _execute(inputs, output, outputSize, outputWhat, keyExtra, setup) {
      const where = `${this.#name}.run`;
      const handle = this._handle('run');
      const tensors = inputs.every((x) => x.tensor !== undefined);
      if (output !== undefined && !tensors) {
        throw new TypeError(`${where}: an output Tensor needs Tensor inputs`);
      }
      if (output !== undefined && !this.#inPlace) {
        for (const input of inputs) {
          if (input.tensor === output) {
            throw new RangeError(`${where}: output is the same Tensor as ${input.label}: ` +
                                 `${this.#name} cannot run in place, pass another output Tensor`);
          }
        }
      }
      if (output === undefined && outputSize > allocationLimit) {
        const limit = outputSize > MAX_SIZE
          ? `a wasm32 heap can hold (${MAX_SIZE})`
          : `the allocation limit (${allocationLimit} bytes, see setAllocationLimit)`;
        throw new Q8nnError(`${where}: the output ${outputWhat} needs ${outputSize} bytes, ` +
                            `more than ${limit}`, 'out_of_memory');
      }
      // Allocate everything first (wasm memory may grow), then copy.
      const addresses = inputs.map((input, i) => (input.tensor !== undefined
        ? input.tensor.address
        : this._scratch(i, input.size, where, `a copy of ${input.label}`)));
      const outputAddress = output !== undefined
        ? output.address
        : this._scratch(inputs.length, outputSize, where, 'the output');
      inputs.forEach((input, i) => {
        if (input.tensor === undefined) copySource(input.source, addresses[i]);
      });
      this.#repeat = null;
      const key = [...keyExtra, ...addresses, outputAddress];
      const last = this.#setupKey;
      if (last === null || last.length !== key.length || last.some((v, i) => v !== key[i])) {
        this.#setupKey = null;
        this.#setups++;
        check(setup(handle, addresses, outputAddress), where, `qnnp_setup_${KINDS[this.#kind]}`);
        this.#setupKey = key;
      }
      check(C.runOperator(handle), where, 'qnnp_run_operator');
      if (output !== undefined) {
        this.#repeat = [...inputs.map((input) => input.tensor), output];
        return output;
      }
      return heap().slice(outputAddress, outputAddress + outputSize);
    }

    /** Frees the operator and its buffers. Further use throws; a second
     * delete() does nothing, nor does delete() on an aborted instance. */
    delete() {
      if (this.#handle === 0) return;
      const handle = this.#handle;
      this.#handle = 0;
      const scratch = this.#scratch;
      this.#scratch = [];
      this.#setupKey = null;
      this.#repeat = null;
      if (aborted !== null) return;
      C.deleteOperator(handle);
      for (const slot of scratch) if (slot !== undefined) C.release(slot.address);
    }
  }
  // `using op = new q8nn.Convolution(...)` where explicit resource management exists.
  if (typeof Symbol.dispose === 'symbol') {
    Operator.prototype[Symbol.dispose] = function dispose() { this.delete(); };
    Tensor.prototype[Symbol.dispose] = function dispose() { this.delete(); };
  }

  /** Operators with fixed input and output channels and a setup function of
   * their own: the window and the row operators. */
  class ChannelOperator extends Operator {
    #name;
    #inputChannels;
    #outputChannels;
    #setup;

    constructor(name, kind, create, inputChannels, outputChannels, setup, inPlace) {
      super(name, kind, create, inPlace);
      this.#name = name;
      this.#inputChannels = inputChannels;
      this.#outputChannels = outputChannels;
      this.#setup = setup;
    }

    get inputChannels() {
      return this.#inputChannels;
    }
    get outputChannels() {
      return this.#outputChannels;
    }
    get _name() {
      return this.#name;
    }
    get _setup() {
      return this.#setup;
    }
  }

  // --- Window operators (NHWC): convolution, deconvolution, pooling ----------------------

  /** Shared by the operators whose input is an NHWC image. Output sizes come
   * from the core (q8nn_window_output_size): what its setup computes. */
  class WindowOperator extends ChannelOperator {
    constructor(name, kind, create, inputChannels, outputChannels, setup) {
      super(name, kind, create, inputChannels, outputChannels, setup, false);
    }

    /** [batchSize, outputHeight, outputWidth, outputChannels] for an input of
     * {batchSize = 1, height, width}, or of shape [N, H, W, C]. */
    outputShape(input) {
      const where = `${this._name}.outputShape`;
      const handle = this._handle('outputShape');
      const [n, h, w] = this.#inputShape(input, `${where}: input`);
      const [oh, ow] = this.#outputSize(handle, h, w, where);
      return [n, oh, ow, this.outputChannels];
    }

    #outputSize(handle, h, w, where) {
      const index = (slots + 8) >>> 2;
      M.HEAPU32[index] = 0;
      M.HEAPU32[index + 1] = 0;
      check(C.windowOutputSize(handle, h, w, slots + 8), where, 'q8nn_window_output_size');
      return [M.HEAPU32[index], M.HEAPU32[index + 1]];
    }

    #inputShape(value, name) {
      if (Array.isArray(value)) {
        const dims = elements(value, name, [3, 4], 'a shape [N, H, W, C] or [H, W, C]');
        if (dims.length === 3) dims.unshift(1);
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
      const where = `${this._name}.run`;
      const handle = this._handle('run');
      const x = runInput(input, where, 'input');
      let shape, output;
      if (x.tensor !== undefined) {
        shape = this.#inputShape(x.tensor.shape, `${where}: input shape`);
        if (second !== undefined) output = asTensor(second, `${where}: output`);
      } else {
        if (second === undefined) {
          throw new TypeError(`${where}: a Uint8Array input needs its shape ` +
                              `{height, width, batchSize?} as second argument`);
        }
        if (second instanceof Tensor) {
          throw new TypeError(`${where}: an output Tensor needs a Tensor input`);
        }
        shape = this.#inputShape(second, `${where}: shape`);
        const expected = shape[0] * shape[1] * shape[2] * this.inputChannels;
        if (x.size !== expected) {
          throw new RangeError(`${where}: input must have ${expected} elements (N*H*W*C = ` +
                               `${shape.join('*')}*${this.inputChannels}), got ${x.size}`);
        }
      }
      const [n, h, w] = shape;
      const [oh, ow] = this.#outputSize(handle, h, w, where);
      const oc = this.outputChannels, ic = this.inputChannels;
      const outputSize = n * oh * ow * oc;
      checkOutput(output, outputSize, `${where}: output`);
      const setup = this._setup;
      const what = `of shape [${n}, ${oh}, ${ow}, ${oc}] (N, outputHeight, outputWidth, channels)`;
      return this._execute([x], output, outputSize, what, shape,
                           (op, [xa], ya) => setup(op, n, h, w, xa, ic, ya, oc));
    }
  }

  const CONV_OPTIONS = ['kernelSize', 'stride', 'dilation', 'padding', 'groups',
                        'groupInputChannels', 'groupOutputChannels', 'inputQuantization',
                        'kernelQuantization', 'outputQuantization', 'outputMin', 'outputMax',
                        'weights', 'bias'];
  const DEPTHWISE_OPTIONS = ['channels', 'kernelSize', 'stride', 'dilation', 'padding',
                             'inputQuantization', 'kernelQuantization', 'outputQuantization',
                             'outputMin', 'outputMax', 'weights', 'bias'];

  // The parameters of a convolution, depthwise convolution or deconvolution
  // from its options snapshot.
  function convolutionParameters(name, opts, layout) {
    const [kh, kw] = pair(required(opts, 'kernelSize', name), `${name}.kernelSize`,
                          positiveU32);
    const [sh, sw] = pair(opts.stride, `${name}.stride`, positiveU32, 1);
    const [dh, dw] = pair(opts.dilation, `${name}.dilation`, positiveU32, 1);
    const pad = padding(opts.padding, `${name}.padding`);
    let groups, gic, goc;
    if (layout === 'depthwise') {
      groups = positiveU32(required(opts, 'channels', name), `${name}.channels`);
      gic = 1;
      goc = 1;
    } else {
      groups = positiveU32(opts.groups ?? 1, `${name}.groups`);
      gic = positive(required(opts, 'groupInputChannels', name), `${name}.groupInputChannels`);
      goc = positive(required(opts, 'groupOutputChannels', name), `${name}.groupOutputChannels`);
    }
    const iq = quantizationOption(opts, 'inputQuantization', name);
    const kq = quantizationOption(opts, 'kernelQuantization', name);
    const oq = quantizationOption(opts, 'outputQuantization', name);
    const [min, max] = outputRange(opts, name);
    const count = groups * goc * kh * kw * gic;
    const weights = typedArray(required(opts, 'weights', name), `${name}.weights`, 'Uint8Array');
    if (typedArrayLength(weights) !== count) {
      const order = {
        convolution: 'groups*groupOutputChannels*kernelHeight*kernelWidth*groupInputChannels',
        depthwise: 'channels*kernelHeight*kernelWidth',
        deconvolution: 'groups*groupInputChannels*kernelHeight*kernelWidth*groupOutputChannels',
      }[layout];
      throw new RangeError(`${name}.weights must have ${count} elements (${order}), ` +
                           `got ${typedArrayLength(weights)}`);
    }
    const bias = opts.bias === null || opts.bias === undefined
      ? null
      : typedArray(opts.bias, `${name}.bias`, 'Int32Array', groups * goc);
    return { kh, kw, sh, sw, dh, dw, pad, groups, gic, goc, iq, kq, oq, min, max, weights,
             bias };
  }

  // A create function that copies the weights and bias (null: none) into
  // wasm memory for the call: both pinned first, then allocated, then copied.
  function withWeights(weights, bias, name, call) {
    return (slot) => {
      const ws = pin(weights);
      const bs = bias === null ? null : pin(bias);
      let w = 0, b = 0;
      try {
        w = allocate(ws.length, name, 'a copy of the weights');
        if (bs !== null) b = allocate(bs.length, name, 'a copy of the bias');
        copySource(ws, w);
        if (bs !== null) copySource(bs, b);
        return call(w, b, slot);
      } finally {
        if (w !== 0) C.release(w);
        if (b !== 0) C.release(b);
      }
    };
  }

  /** 2D convolution, NHWC, any kernel/stride/dilation/padding/groups.
   * weights: [groups][groupOutputChannels][kernelHeight][kernelWidth][groupInputChannels]. */
  class Convolution extends WindowOperator {
    constructor(opts) {
      // DepthwiseConvolution (and its subclasses) take `channels` instead of groups.
      const depthwise = new.target === DepthwiseConvolution ||
        new.target.prototype instanceof DepthwiseConvolution;
      const name = depthwise ? 'DepthwiseConvolution' : 'Convolution';
      const o = options(opts, name, depthwise ? DEPTHWISE_OPTIONS : CONV_OPTIONS);
      const p = convolutionParameters(name, o, depthwise ? 'depthwise' : 'convolution');
      super(name, 'convolution', withWeights(p.weights, p.bias, name, (w, b, slot) =>
        C.createConvolution(p.pad[0], p.pad[1], p.pad[2], p.pad[3], p.kh, p.kw, p.sh, p.sw,
                            p.dh, p.dw, p.groups, p.gic, p.goc, p.iq.zeroPoint, p.iq.scale,
                            p.kq.zeroPoint, p.kq.scale, w, b, p.oq.zeroPoint, p.oq.scale,
                            p.min, p.max, slot)),
      p.groups * p.gic, p.groups * p.goc, C.setupConvolution);
    }
  }

  /** Depthwise 2D convolution (groups = channels, one input and one output
   * channel per group). weights: [channels][kernelHeight][kernelWidth]. */
  class DepthwiseConvolution extends Convolution {}

  /** 2D deconvolution (transposed convolution), NHWC.
   * weights: [groups][groupInputChannels][kernelHeight][kernelWidth][groupOutputChannels]. */
  class Deconvolution extends WindowOperator {
    constructor(opts) {
      const name = 'Deconvolution';
      const o = options(opts, name, [...CONV_OPTIONS, 'adjustment']);
      const p = convolutionParameters(name, o, 'deconvolution');
      const [ah, aw] = pair(o.adjustment, `${name}.adjustment`, nonNegativeU32, 0);
      super(name, 'deconvolution', withWeights(p.weights, p.bias, name, (w, b, slot) =>
        C.createDeconvolution(p.pad[0], p.pad[1], p.pad[2], p.pad[3], ah, aw, p.kh, p.kw, p.sh,
                              p.sw, p.dh, p.dw, p.groups, p.gic, p.goc, p.iq.zeroPoint,
                              p.iq.scale, p.kq.zeroPoint, p.kq.scale, w, b, p.oq.zeroPoint,
                              p.oq.scale, p.min, p.max, slot)),
      p.groups * p.gic, p.groups * p.goc, C.setupDeconvolution);
    }
  }

  /** 2D average pooling, NHWC (padding counts as zero points). */
  class AveragePooling extends WindowOperator {
    constructor(opts) {
      const name = 'AveragePooling';
      const o = options(opts, name, ['channels', 'poolingSize', 'stride', 'padding',
                                     'inputQuantization', 'outputQuantization', 'outputMin',
                                     'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const [ph, pw] = pair(required(o, 'poolingSize', name), `${name}.poolingSize`,
                            positiveU32);
      const [sh, sw] = pair(o.stride, `${name}.stride`, positiveU32, 1);
      const pad = padding(o.padding, `${name}.padding`);
      const iq = quantizationOption(o, 'inputQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name);
      const [min, max] = outputRange(o, name);
      super(name, 'averagePooling', (slot) => C.createAveragePooling(
        pad[0], pad[1], pad[2], pad[3], ph, pw, sh, sw, channels, iq.zeroPoint, iq.scale,
        oq.zeroPoint, oq.scale, min, max, slot),
      channels, channels, C.setupAveragePooling);
    }
  }

  /** 2D max pooling, NHWC. */
  class MaxPooling extends WindowOperator {
    constructor(opts) {
      const name = 'MaxPooling';
      const o = options(opts, name, ['channels', 'poolingSize', 'stride', 'dilation', 'padding',
                                     'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const [ph, pw] = pair(required(o, 'poolingSize', name), `${name}.poolingSize`,
                            positiveU32);
      const [sh, sw] = pair(o.stride, `${name}.stride`, positiveU32, 1);
      const [dh, dw] = pair(o.dilation, `${name}.dilation`, positiveU32, 1);
      const pad = padding(o.padding, `${name}.padding`);
      const [min, max] = outputRange(o, name);
      super(name, 'maxPooling', (slot) => C.createMaxPooling(
        pad[0], pad[1], pad[2], pad[3], ph, pw, sh, sw, dh, dw, channels, min, max, slot),
      channels, channels, C.setupMaxPooling);
    }
  }

  // --- Row operators (NC) ---------------------------------------------------------------

  /** Operators on rows of `inputChannels` values; the batch is the input
   * size divided by the channels. */
  class RowOperator extends ChannelOperator {
    /** run(input: Uint8Array | Tensor, output?: Tensor) -> output or a new Uint8Array */
    run(input, output) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      const where = `${this._name}.run`;
      this._handle('run');
      const x = runInput(input, where, 'input');
      const ic = this.inputChannels, oc = this.outputChannels;
      if (x.size % ic !== 0) {
        throw new RangeError(`${where}: input must have a multiple of ${ic} elements ` +
                             `(batch x ${ic} channels), got ${x.size}`);
      }
      const batch = x.size / ic;
      const outputSize = batch * oc;
      checkOutput(output, outputSize, `${where}: output`);
      const setup = this._setup;
      return this._execute([x], output, outputSize, `of ${batch} rows of ${oc}`, [batch],
                           (op, [xa], ya) => setup(op, batch, xa, ic, ya, oc));
    }
  }

  /** Fully connected layer: input [batch][inputChannels], weights
   * [outputChannels][inputChannels], output [batch][outputChannels]. */
  class FullyConnected extends RowOperator {
    constructor(opts) {
      const name = 'FullyConnected';
      const o = options(opts, name, ['inputChannels', 'outputChannels', 'inputQuantization',
                                     'kernelQuantization', 'outputQuantization', 'outputMin',
                                     'outputMax', 'weights', 'bias']);
      const ic = positive(required(o, 'inputChannels', name), `${name}.inputChannels`);
      const oc = positive(required(o, 'outputChannels', name), `${name}.outputChannels`);
      const iq = quantizationOption(o, 'inputQuantization', name);
      const kq = quantizationOption(o, 'kernelQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name);
      const [min, max] = outputRange(o, name);
      const weights = typedArray(required(o, 'weights', name), `${name}.weights`, 'Uint8Array',
                                 ic * oc);
      const bias = o.bias === undefined || o.bias === null
        ? null
        : typedArray(o.bias, `${name}.bias`, 'Int32Array', oc);
      super(name, 'fullyConnected', withWeights(weights, bias, name, (w, b, slot) =>
        C.createFullyConnected(ic, oc, iq.zeroPoint, iq.scale, kq.zeroPoint, kq.scale, w, b,
                               oq.zeroPoint, oq.scale, min, max, slot)),
      ic, oc, C.setupFullyConnected, false);
    }
  }

  /** Clamps uint8 values to [outputMin, outputMax]. May run in place. */
  class Clamp extends RowOperator {
    constructor(opts) {
      const name = 'Clamp';
      const o = options(opts, name, ['channels', 'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const [min, max] = outputRange(o, name);
      super(name, 'clamp', (slot) => C.createClamp(channels, min, max, slot), channels, channels,
            C.setupClamp, true);
    }
  }

  /** Logistic sigmoid (output quantization defaults to {scale: 1/256, zeroPoint: 0}).
   * May run in place. */
  class Sigmoid extends RowOperator {
    constructor(opts) {
      const name = 'Sigmoid';
      const o = options(opts, name, ['channels', 'inputQuantization', 'outputQuantization',
                                     'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const iq = quantizationOption(o, 'inputQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name,
                                    { scale: 1 / 256, zeroPoint: 0 });
      const [min, max] = outputRange(o, name);
      super(name, 'sigmoid', (slot) => C.createSigmoid(channels, iq.zeroPoint, iq.scale,
                                                       oq.zeroPoint, oq.scale, min, max, slot),
      channels, channels, C.setupSigmoid, true);
    }
  }

  /** Leaky ReLU: x > 0 ? x : negativeSlope * x, requantized. May run in place. */
  class LeakyReLU extends RowOperator {
    constructor(opts) {
      const name = 'LeakyReLU';
      const o = options(opts, name, ['channels', 'negativeSlope', 'inputQuantization',
                                     'outputQuantization', 'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const slope = scale(required(o, 'negativeSlope', name), `${name}.negativeSlope`);
      const iq = quantizationOption(o, 'inputQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name);
      const [min, max] = outputRange(o, name);
      super(name, 'leakyRelu', (slot) => C.createLeakyRelu(channels, slope, iq.zeroPoint,
                                                           iq.scale, oq.zeroPoint, oq.scale,
                                                           min, max, slot),
      channels, channels, C.setupLeakyRelu, true);
    }
  }

  /** Softmax over each row; the output is in units of 1/256 (zero point 0). */
  class SoftArgMax extends RowOperator {
    constructor(opts) {
      const name = 'SoftArgMax';
      const o = options(opts, name, ['channels', 'inputScale']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const inputScale = scale(required(o, 'inputScale', name), `${name}.inputScale`);
      super(name, 'softargmax', (slot) => C.createSoftargmax(channels, inputScale, 0, 1 / 256,
                                                             slot),
      channels, channels, C.setupSoftargmax, false);
    }
  }

  /** Channel shuffle: channel g * groupChannels + c goes to c * groups + g. */
  class ChannelShuffle extends RowOperator {
    constructor(opts) {
      const name = 'ChannelShuffle';
      const o = options(opts, name, ['groups', 'groupChannels']);
      const groups = integer(required(o, 'groups', name), `${name}.groups`, 2, MAX_U32,
                             'an integer of at least 2');
      const gc = positive(required(o, 'groupChannels', name), `${name}.groupChannels`);
      super(name, 'channelShuffle', (slot) => C.createChannelShuffle(groups, gc, slot),
            groups * gc, groups * gc, C.setupChannelShuffle, false);
    }
  }

  /** Element-wise sum of two tensors of the same size, requantized. May run
   * in place (the output Tensor may be a or b). */
  class Add extends Operator {
    #channels;

    constructor(opts) {
      const name = 'Add';
      const o = options(opts, name, ['channels', 'aQuantization', 'bQuantization',
                                     'outputQuantization', 'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const aq = quantizationOption(o, 'aQuantization', name);
      const bq = quantizationOption(o, 'bQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name);
      const [min, max] = outputRange(o, name);
      super(name, 'add', (slot) => C.createAdd(channels, aq.zeroPoint, aq.scale, bq.zeroPoint,
                                               bq.scale, oq.zeroPoint, oq.scale, min, max,
                                               slot), true);
      this.#channels = channels;
    }

    get channels() {
      return this.#channels;
    }

    /** run(a, b, output?): a and b both Uint8Arrays or both Tensors, of the
     * same size (a multiple of channels). */
    run(a, b, output) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      const where = 'Add.run';
      this._handle('run');
      const x = runInput(a, where, 'a');
      const y = runInput(b, where, 'b');
      if ((x.tensor === undefined) !== (y.tensor === undefined)) {
        throw new TypeError(`${where}: a and b must both be Uint8Arrays or both Tensors`);
      }
      if (x.size !== y.size) {
        throw new RangeError(`${where}: b must have as many elements as a (${x.size}), ` +
                             `got ${y.size}`);
      }
      const c = this.#channels;
      if (x.size % c !== 0) {
        throw new RangeError(`${where}: a must have a multiple of ${c} elements, got ${x.size}`);
      }
      checkOutput(output, x.size, `${where}: output`);
      const batch = x.size / c;
      return this._execute([x, y], output, x.size, `of ${batch} rows of ${c}`, [batch],
                           (op, [xa, ya], za) => C.setupAdd(op, batch, xa, c, ya, c, za, c));
    }
  }

  /** Global average pooling over the pixels of each image (NWC). */
  class GlobalAveragePooling extends Operator {
    #channels;

    constructor(opts) {
      const name = 'GlobalAveragePooling';
      const o = options(opts, name, ['channels', 'inputQuantization', 'outputQuantization',
                                     'outputMin', 'outputMax']);
      const channels = positive(required(o, 'channels', name), `${name}.channels`);
      const iq = quantizationOption(o, 'inputQuantization', name);
      const oq = quantizationOption(o, 'outputQuantization', name);
      const [min, max] = outputRange(o, name);
      super(name, 'globalAveragePooling', (slot) => C.createGlobalAveragePooling(
        channels, iq.zeroPoint, iq.scale, oq.zeroPoint, oq.scale, min, max, slot), false);
      this.#channels = channels;
    }

    get channels() {
      return this.#channels;
    }

    /**
     * run(input: Uint8Array, {batchSize = 1}?) -> Uint8Array [batchSize][channels]
     * run(input: Tensor [N, H, W, C], [N, W, C] or [W, C], output?: Tensor)
     */
    run(input, second) {
      const repeated = this._repeat(arguments);
      if (repeated !== null) return repeated;
      const where = 'GlobalAveragePooling.run';
      this._handle('run');
      const x = runInput(input, where, 'input');
      const c = this.#channels;
      let batch, output;
      if (x.tensor !== undefined) {
        const shape = x.tensor.shape;
        if (shape.length < 2 || shape.length > 4 || shape[shape.length - 1] !== c) {
          throw new RangeError(`${where}: input must have shape [N, H, W, ${c}], [N, W, ${c}] ` +
                               `or [W, ${c}], got [${shape.join(', ')}]`);
        }
        batch = shape.length === 2 ? 1 : shape[0];
        if (second !== undefined) output = asTensor(second, `${where}: output`);
      } else {
        if (second instanceof Tensor) {
          throw new TypeError(`${where}: an output Tensor needs a Tensor input`);
        }
        const s = options(second, `${where}: options`, ['batchSize']);
        batch = positive(s.batchSize ?? 1, `${where}: options.batchSize`);
        if (x.size % (batch * c) !== 0) {
          throw new RangeError(`${where}: input must have a multiple of batchSize * channels = ` +
                               `${batch * c} elements, got ${x.size}`);
        }
      }
      const width = x.size / (batch * c);
      checkOutput(output, batch * c, `${where}: output`);
      return this._execute([x], output, batch * c, `of ${batch} rows of ${c}`, [batch, width],
                           (op, [xa], ya) => C.setupGlobalAveragePooling(op, batch, width, xa, c,
                                                                         ya, c));
    }
  }

  const api = {
    variant,
    /** The kernels' instruction set ("wasmsimd" or "scalar"). */
    isa: cString(C.isa()),
    /** The ISAs this build has kernels for. */
    isas: Object.freeze(Array.from({ length: C.isaCount() }, (_, i) => cString(C.isaName(i)))),
    version: cString(C.versionString()),
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
      return { allocated: C.heapInUse(), memory: heap().length };
    },
    /** The most bytes one buffer that an operator allocates for itself may
     * take (the core's packed weights, indirection buffers, ...; the output
     * of a typed-array run): larger ones fail with Q8nnError out_of_memory. */
    allocationLimit() {
      return allocationLimit;
    },
    /** Sets the allocation limit of this build (0 to the default, which is
     * the largest); returns the previous one. */
    setAllocationLimit(bytes) {
      integer(bytes, 'setAllocationLimit: bytes', 0, maxAllocationLimit,
              'a non-negative integer');
      const previous = allocationLimit;
      C.setAllocationLimit(bytes);
      allocationLimit = C.allocationLimit();
      return previous;
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
    const o = options(opts, 'init: options', ['variant']);
    const wanted = o.variant ?? 'auto';
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

  async function instantiate(variant, promise) {
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
    // A module that failed beyond repair is forgotten: the next init() loads a new one.
    let api = null;
    api = createApi(module, variant, () => {
      if (loaded.get(variant) === promise.current) loaded.delete(variant);
      if (first === api && api !== null) first = null;
    });
    return api;
  }

  /**
   * Loads a q8nn build: options.variant 'simd', 'scalar' or 'auto' (default:
   * 'simd' when the engine supports it). Each variant is loaded once; later
   * calls return the same API object.
   */
  async function init(opts) {
    const variant = chooseVariant(opts);
    if (!loaded.has(variant)) {
      const holder = { current: null };
      const promise = instantiate(variant, holder);
      holder.current = promise;
      loaded.set(variant, promise);
      promise.catch(() => {
        if (loaded.get(variant) === promise) loaded.delete(variant);
      });
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
