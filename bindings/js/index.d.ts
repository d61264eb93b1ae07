// TypeScript declarations of q8nn's JavaScript API (ESM and CommonJS entries).

/** Which WebAssembly build to load. */
export type Variant = 'simd' | 'scalar';

export interface InitOptions {
  /** 'auto' (default): 'simd' when the engine supports WebAssembly SIMD. */
  variant?: Variant | 'auto';
}

/** Loads a build (once per variant; later calls return the same object). */
export function init(options?: InitOptions): Promise<Q8nn>;
/** The object the first successful init() returned; throws before. */
export function getDefault(): Q8nn;
/** Whether this engine runs WebAssembly SIMD128. */
export function simdSupported(): boolean;
export const VARIANTS: readonly Variant[];

/** Failures of the library. A C function that returned a non-success status
 * gives `<where>: <the core's explanation> (<status>)`, e.g.
 * "Convolution: qnnp_create_convolution2d_nhwc_q8: kernel_height * kernel_width
 * * group_input_channels = 40000 * 1: a dot product of more than 33025 terms
 * could overflow the int32 accumulator (unsupported_parameter)". Also: use after
 * delete() ("deleted"), buffers over the allocation limit or the wasm heap
 * ("out_of_memory"), a WebAssembly module that failed ("aborted"), missing
 * builds. Bad arguments (wrong types, values out of range, unknown option keys)
 * throw TypeError / RangeError naming the parameter. */
export class Q8nnError extends Error {
  /** "invalid_parameter", "unsupported_parameter", "unsupported_hardware",
   * "out_of_memory", "uninitialized", "deleted", "aborted", or undefined. */
  readonly status: string | undefined;
}

/** real = scale * (q - zeroPoint), q in 0..255. */
export interface Quantization {
  scale: number;
  zeroPoint: number;
}

/** A size as n (both dimensions) or [height, width]. */
export type Size2D = number | [number, number];
/** n, [vertical, horizontal], [top, right, bottom, left] or an object. */
export type Padding =
  | number
  | [number, number]
  | [number, number, number, number]
  | { top?: number; right?: number; bottom?: number; left?: number };

/** uint8 data in wasm memory. */
export interface Tensor {
  readonly shape: readonly number[];
  readonly size: number;
  /** A view of the data in wasm memory (no copy); re-read it after wasm
   * memory grew (creating operators or tensors may grow it). */
  readonly data: Uint8Array;
  /** The wasm address of the data. */
  readonly address: number;
  readonly deleted: boolean;
  /** Copies `data` (of the tensor's size) into the tensor. */
  set(data: Uint8Array): this;
  /** A copy of the data. */
  toArray(): Uint8Array;
  /** Frees the memory; later use throws Q8nnError. */
  delete(): void;
}
export interface TensorConstructor {
  /** A tensor of `shape` (e.g. [N, H, W, C] or [N, C]), zeros or a copy of `data`. */
  new (shape: readonly number[] | number, data?: Uint8Array): Tensor;
  from(data: Uint8Array, shape?: readonly number[]): Tensor;
}

/** What every operator has. Options objects are read once (each key one
 * time, unknown keys rejected, nested objects and arrays included), so
 * getters and Proxies see one read. */
export interface Operator {
  readonly deleted: boolean;
  /** How often the C setup ran (runs on unchanged shapes and buffers reuse it). */
  readonly setupCount: number;
  /** Frees the operator and its buffers; later calls of its methods throw
   * Q8nnError "deleted". */
  delete(): void;
}

/** The input of an NHWC operator given as a typed array. */
export interface ImageShape {
  batchSize?: number;
  height: number;
  width: number;
}

/** Operators on NHWC images: convolutions, deconvolution, pooling. They do
 * not run in place: an output Tensor that is the input throws RangeError. */
export interface WindowOperator extends Operator {
  readonly inputChannels: number;
  readonly outputChannels: number;
  /** [N, outputHeight, outputWidth, outputChannels], as the core computes it
   * (q8nn_window_output_size); Q8nnError for an input the window does not fit
   * ("invalid_parameter") or sizes past what the library handles
   * ("unsupported_parameter"). */
  outputShape(input: ImageShape | readonly number[]): [number, number, number, number];
  /** NHWC input as a typed array: returns a new Uint8Array. */
  run(input: Uint8Array, shape: ImageShape): Uint8Array;
  /** Tensor of shape [N, H, W, C] or [H, W, C]: without `output`, returns a new Uint8Array. */
  run(input: Tensor): Uint8Array;
  /** Writes into `output` (N * outputHeight * outputWidth * outputChannels elements). */
  run(input: Tensor, output: Tensor): Tensor;
}

/** Operators on rows of channels (NC); the batch is size / inputChannels.
 * Clamp, Sigmoid and LeakyReLU may run in place (`run(t, t)`, the same bytes
 * as into another Tensor); FullyConnected, SoftArgMax and ChannelShuffle
 * throw RangeError for it. */
export interface RowOperator extends Operator {
  readonly inputChannels: number;
  readonly outputChannels: number;
  run(input: Uint8Array | Tensor): Uint8Array;
  run(input: Tensor, output: Tensor): Tensor;
}

interface OutputRange {
  /** Default 0. */
  outputMin?: number;
  /** Default 255. */
  outputMax?: number;
}

interface ConvolutionCommon extends OutputRange {
  kernelSize: Size2D;
  /** Default 1. */
  stride?: Size2D;
  /** Default 1. */
  dilation?: Size2D;
  /** Default 0. */
  padding?: Padding;
  inputQuantization: Quantization;
  kernelQuantization: Quantization;
  outputQuantization: Quantization;
  weights: Uint8Array;
  /** One per output channel; default zeros. */
  bias?: Int32Array | null;
}

export interface ConvolutionOptions extends ConvolutionCommon {
  /** Default 1. */
  groups?: number;
  groupInputChannels: number;
  groupOutputChannels: number;
  /** weights: [groups][groupOutputChannels][kernelHeight][kernelWidth][groupInputChannels]. */
  weights: Uint8Array;
}

export interface DepthwiseConvolutionOptions extends ConvolutionCommon {
  channels: number;
  /** weights: [channels][kernelHeight][kernelWidth]. */
  weights: Uint8Array;
}

export interface DeconvolutionOptions extends ConvolutionOptions {
  /** Extra output rows / columns (default 0). weights:
   * [groups][groupInputChannels][kernelHeight][kernelWidth][groupOutputChannels]. */
  adjustment?: Size2D;
}

export interface FullyConnectedOptions extends OutputRange {
  inputChannels: number;
  outputChannels: number;
  inputQuantization: Quantization;
  kernelQuantization: Quantization;
  outputQuantization: Quantization;
  /** [outputChannels][inputChannels]. */
  weights: Uint8Array;
  bias?: Int32Array | null;
}

export interface AveragePoolingOptions extends OutputRange {
  channels: number;
  poolingSize: Size2D;
  stride?: Size2D;
  padding?: Padding;
  inputQuantization: Quantization;
  outputQuantization: Quantization;
}

export interface MaxPoolingOptions extends OutputRange {
  channels: number;
  poolingSize: Size2D;
  stride?: Size2D;
  dilation?: Size2D;
  padding?: Padding;
}

export interface GlobalAveragePoolingOptions extends OutputRange {
  channels: number;
  inputQuantization: Quantization;
  outputQuantization: Quantization;
}

export interface AddOptions extends OutputRange {
  channels: number;
  aQuantization: Quantization;
  bQuantization: Quantization;
  outputQuantization: Quantization;
}

export interface ClampOptions extends OutputRange {
  channels: number;
}

export interface SigmoidOptions extends OutputRange {
  channels: number;
  inputQuantization: Quantization;
  /** Default {scale: 1/256, zeroPoint: 0}. */
  outputQuantization?: Quantization;
}

export interface LeakyReLUOptions extends OutputRange {
  channels: number;
  negativeSlope: number;
  inputQuantization: Quantization;
  outputQuantization: Quantization;
}

export interface SoftArgMaxOptions {
  channels: number;
  /** The output is quantized with scale 1/256 and zero point 0. */
  inputScale: number;
}

export interface ChannelShuffleOptions {
  /** At least 2. */
  groups: number;
  groupChannels: number;
}

export interface GlobalAveragePooling extends Operator {
  readonly channels: number;
  /** Input [batchSize][width][channels]; returns [batchSize][channels]. */
  run(input: Uint8Array, options?: { batchSize?: number }): Uint8Array;
  /** Tensor of shape [N, H, W, C], [N, W, C] or [W, C]. */
  run(input: Tensor): Uint8Array;
  run(input: Tensor, output: Tensor): Tensor;
}

/** Element-wise: the output Tensor may be a or b (in place). */
export interface Add extends Operator {
  readonly channels: number;
  run(a: Uint8Array, b: Uint8Array): Uint8Array;
  run(a: Tensor, b: Tensor): Uint8Array;
  run(a: Tensor, b: Tensor, output: Tensor): Tensor;
}

/** The API bound to one loaded build. */
export interface Q8nn {
  readonly variant: Variant;
  /** The kernels' instruction set: "wasmsimd" or "scalar". */
  readonly isa: string;
  /** The ISAs this build has kernels for. */
  readonly isas: readonly string[];
  /** The library version, "MAJOR.MINOR.PATCH". */
  readonly version: string;
  readonly Q8nnError: typeof Q8nnError;
  readonly Tensor: TensorConstructor;
  readonly Convolution: new (options: ConvolutionOptions) => WindowOperator;
  readonly DepthwiseConvolution: new (options: DepthwiseConvolutionOptions) => WindowOperator;
  readonly Deconvolution: new (options: DeconvolutionOptions) => WindowOperator;
  readonly AveragePooling: new (options: AveragePoolingOptions) => WindowOperator;
  readonly MaxPooling: new (options: MaxPoolingOptions) => WindowOperator;
  readonly FullyConnected: new (options: FullyConnectedOptions) => RowOperator;
  readonly Clamp: new (options: ClampOptions) => RowOperator;
  readonly Sigmoid: new (options: SigmoidOptions) => RowOperator;
  readonly LeakyReLU: new (options: LeakyReLUOptions) => RowOperator;
  readonly SoftArgMax: new (options: SoftArgMaxOptions) => RowOperator;
  readonly ChannelShuffle: new (options: ChannelShuffleOptions) => RowOperator;
  readonly GlobalAveragePooling: new (options: GlobalAveragePoolingOptions) => GlobalAveragePooling;
  readonly Add: new (options: AddOptions) => Add;
  /** The base class of every operator (for instanceof checks). */
  readonly Operator: abstract new (...args: never[]) => Operator;
  /** Bytes malloc'ed in wasm memory now, and the size of wasm memory (at
   * most 2 GiB). */
  heapUsage(): { allocated: number; memory: number };
  /** The most bytes one buffer that an operator allocates for itself may
   * take: in the core packed weights, indirection buffers, im2col rows,
   * lookup tables (q8nn_set_allocation_limit); in JS the output of a
   * typed-array run. Over it, create and run throw Q8nnError "out_of_memory"
   * saying how much was needed. Default and maximum 2^31 - 1; per loaded
   * build. Tensors are not limited by it. */
  allocationLimit(): number;
  /** Sets the allocation limit (an integer from 0 to 2^31 - 1); returns the
   * previous one. */
  setAllocationLimit(bytes: number): number;
}

declare const q8nn: {
  init: typeof init;
  getDefault: typeof getDefault;
  simdSupported: typeof simdSupported;
  Q8nnError: typeof Q8nnError;
  VARIANTS: typeof VARIANTS;
};
export default q8nn;
