// MobileNetV2 1.0 (224x224x3, batch 1, 1000 classes) through q8nn's
// JavaScript API, once per WebAssembly build: the network of the native
// benchmark (bench/mobilenet_v2.cc), with the same layers (bench/models.cc),
// the same random draws and the same calibration (bench/q8nn-network.cc), so
// that it prints the same output checksum (f34e0fcf7bc83e5c). Every
// operator is created and set up once on tensors in wasm memory; the timed
// loop only runs them.
//
// Usage: node bench/mobilenet_v2.mjs [--runs N] [--warmup N] [--variant simd|scalar|all]
//                                    [--verbose]
// Prints for each build:
//   q8nn-wasm-simd mobilenet_v2 threads=1 median_ms=... min_ms=...

import { performance } from 'node:perf_hooks';

import { init, simdSupported } from '../index.mjs';

// --- Command line ----------------------------------------------------------------------

function usage(problem) {
  if (problem) console.error(`mobilenet_v2.mjs: ${problem}`);
  console.error('usage: node bench/mobilenet_v2.mjs [--runs N] [--warmup N] ' +
                '[--variant simd|scalar|all] [--verbose]');
  process.exit(2);
}

function parseArguments(argv) {
  const options = { runs: 50, warmup: 5, variants: ['simd', 'scalar'], verbose: false };
  const count = (text, option, min) => {
    if (text === undefined || !/^[0-9]+$/.test(text) || Number(text) < min) {
      usage(`bad value for ${option}: '${text ?? ''}'`);
    }
    return Number(text);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') options.runs = count(argv[++i], arg, 1);
    else if (arg === '--warmup') options.warmup = count(argv[++i], arg, 0);
    else if (arg === '--variant') {
      const v = argv[++i];
      if (v === 'all') options.variants = ['simd', 'scalar'];
      else if (v === 'simd' || v === 'scalar') options.variants = [v];
      else usage(`bad value for --variant: '${v ?? ''}'`);
    } else if (arg === '--verbose') options.verbose = true;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown option '${arg}'`);
  }
  return options;
}

// --- Deterministic random numbers (bench/bench-utils.h) --------------------------------

const MASK64 = (1n << 64n) - 1n;

class Random {
  constructor(seed) {
    this.state = BigInt.asUintN(64, seed);
  }
  next() { // splitmix64
    this.state = (this.state + 0x9E3779B97F4A7C15n) & MASK64;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xBF58476D1CE4E5B9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94D049BB133111EBn) & MASK64;
    return z ^ (z >> 31n);
  }
  byte() {
    return Number(this.next() >> 56n);
  }
  // Uniform in [-bound, bound].
  symmetric(bound) {
    return Number(this.next() % (2n * BigInt(bound) + 1n)) - bound;
  }
}

function rms(data, zeroPoint) {
  let sum = 0;
  for (let i = 0; i < data.length; i++) {
    const d = data[i] - zeroPoint;
    sum += d * d;
  }
  return data.length === 0 ? 0 : Math.sqrt(sum / data.length);
}

function fnv1a(data) {
  let hash = 0xCBF29CE484222325n;
  for (const byte of data) hash = ((hash ^ BigInt(byte)) * 0x100000001B3n) & MASK64;
  return hash.toString(16).padStart(16, '0');
}

// C's lrint (round half to even) on a float.
function lrint(x) {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// --- The network (bench/models.cc) --------------------------------------------------------

function mobilenetV2() {
  const tensors = []; // shapes [H, W, C]
  const layers = [];
  const input = (shape) => tensors.push(shape) - 1;
  const addLayer = (layer, shape) => {
    layer.output = input(shape);
    layers.push(layer);
    return layer.output;
  };
  const outSize = (n, kernel, stride) => Math.floor((n + 2 * ((kernel - 1) >> 1) - kernel) / stride) + 1;
  const convolution = (name, x, kernel, stride, channels, relu6) => {
    const [h, w] = tensors[x];
    return addLayer({ name, kind: 'conv', inputs: [x], kernel, stride,
                      padding: (kernel - 1) >> 1, relu6 },
                    [outSize(h, kernel, stride), outSize(w, kernel, stride), channels]);
  };
  const depthwise = (name, x, kernel, stride, relu6) => {
    const [h, w, c] = tensors[x];
    return addLayer({ name, kind: 'dwconv', inputs: [x], kernel, stride,
                      padding: (kernel - 1) >> 1, relu6 },
                    [outSize(h, kernel, stride), outSize(w, kernel, stride), c]);
  };

  let x = input([224, 224, 3]);
  x = convolution('conv0', x, 3, 2, 32, true);
  const groups = [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1],
                  [6, 160, 3, 2], [6, 320, 1, 1]];
  let block = 0;
  for (const [expansion, channels, repeats, groupStride] of groups) {
    for (let i = 0; i < repeats; i++) {
      const name = `block${++block}`;
      const blockInput = x;
      const inChannels = tensors[blockInput][2];
      if (expansion !== 1) {
        x = convolution(`${name}.expand`, x, 1, 1, inChannels * expansion, true);
      }
      const stride = i === 0 ? groupStride : 1;
      x = depthwise(`${name}.dw`, x, 3, stride, true);
      x = convolution(`${name}.project`, x, 1, 1, channels, false);
      if (stride === 1 && inChannels === channels) {
        x = addLayer({ name: `${name}.add`, kind: 'add', inputs: [blockInput, x] },
                     tensors[blockInput]);
      }
    }
  }
  x = convolution('conv_last', x, 1, 1, 1280, true);
  x = addLayer({ name: 'gavgpool', kind: 'gavgpool', inputs: [x] }, [1, 1, tensors[x][2]]);
  addLayer({ name: 'fc', kind: 'fc', inputs: [x] }, [1, 1, 1000]);
  return { tensors, layers };
}

// --- Building, calibrating and running it (bench/q8nn-network.cc) ----------------------------

const SEED = 0x5EED0F0B11E7F2n; // bench::kDefaultSeed
const f32 = Math.fround;
const RELU_TARGET_STD = 2;
const RELU_OUTPUT_SCALE = f32(6 / 255);
const LINEAR_TARGET_STD = 1;
const LINEAR_OUTPUT_SCALE = f32(1 / 32);
const LINEAR_ZERO_POINT = 128;
const KERNEL_ZERO_POINT = 128;
const INPUT_QUANTIZATION = { zeroPoint: 128, scale: f32(1 / 128) };

function buildNetwork(q8nn, model, verbose) {
  const random = new Random(SEED);
  const produced = new Set(model.layers.map((layer) => layer.output));
  const tensors = model.tensors.map(([h, w, c]) => new q8nn.Tensor([1, h, w, c]));
  const quantization = new Array(model.tensors.length);
  for (let t = 0; t < model.tensors.length; t++) {
    if (produced.has(t)) continue;
    quantization[t] = INPUT_QUANTIZATION;
    const data = tensors[t].data;
    for (let i = 0; i < data.length; i++) data[i] = random.byte();
  }

  const operators = [];
  const runs = [];
  for (const layer of model.layers) {
    const x = layer.inputs[0];
    const [ih, iw, ic] = model.tensors[x];
    const [, , oc] = model.tensors[layer.output];
    const xq = quantization[x];
    const input = tensors[x], output = tensors[layer.output];
    let op, run, outputQuantization;
    switch (layer.kind) {
      case 'conv':
      case 'dwconv':
      case 'fc': {
        const taps = layer.kind === 'fc' ? 1 : layer.kernel * layer.kernel;
        const k = layer.kind === 'dwconv' ? taps : layer.kind === 'conv' ? taps * ic : ih * iw * ic;
        const weights = new Uint8Array(oc * k);
        for (let i = 0; i < weights.length; i++) weights[i] = random.byte();
        const accRms = Math.max(rms(input.data, xq.zeroPoint), 0.5) *
          Math.max(rms(weights, KERNEL_ZERO_POINT), 0.5) * Math.sqrt(k);
        const bias = new Int32Array(oc);
        const bound = Math.max(1, Math.trunc(accRms / 4));
        for (let i = 0; i < oc; i++) bias[i] = random.symmetric(bound);
        const relu6 = layer.kind !== 'fc' && layer.relu6;
        const targetStd = relu6 ? RELU_TARGET_STD : LINEAR_TARGET_STD;
        const kernelQuantization = { zeroPoint: KERNEL_ZERO_POINT,
                                     scale: f32(targetStd / (xq.scale * accRms)) };
        outputQuantization = relu6 ? { zeroPoint: 0, scale: RELU_OUTPUT_SCALE }
                                   : { zeroPoint: LINEAR_ZERO_POINT, scale: LINEAR_OUTPUT_SCALE };
        const outputMin = relu6 ? outputQuantization.zeroPoint : 0;
        const outputMax = relu6
          ? Math.min(255, outputQuantization.zeroPoint + lrint(f32(6 / outputQuantization.scale)))
          : 255;
        const common = { inputQuantization: xq, kernelQuantization, outputQuantization,
                         outputMin, outputMax, weights, bias };
        const window = { kernelSize: layer.kernel, stride: layer.stride, padding: layer.padding };
        if (layer.kind === 'conv') {
          op = new q8nn.Convolution({ ...common, ...window, groupInputChannels: ic,
                                      groupOutputChannels: oc });
        } else if (layer.kind === 'dwconv') {
          op = new q8nn.DepthwiseConvolution({ ...common, ...window, channels: ic });
        } else {
          op = new q8nn.FullyConnected({ ...common, inputChannels: ih * iw * ic,
                                         outputChannels: oc });
        }
        run = () => op.run(input, output);
        break;
      }
      case 'add': {
        const y = layer.inputs[1];
        const yq = quantization[y];
        const aStd = rms(input.data, xq.zeroPoint) * xq.scale;
        const bStd = rms(tensors[y].data, yq.zeroPoint) * yq.scale;
        const sumStd = Math.max(Math.sqrt(aStd * aStd + bStd * bStd), 1e-3);
        outputQuantization = { zeroPoint: LINEAR_ZERO_POINT,
                               scale: f32(sumStd * LINEAR_OUTPUT_SCALE / LINEAR_TARGET_STD) };
        op = new q8nn.Add({ channels: ic, aQuantization: xq, bQuantization: yq,
                            outputQuantization });
        const b = tensors[y];
        run = () => op.run(input, b, output);
        break;
      }
      case 'gavgpool': {
        const data = input.data;
        const pixels = ih * iw;
        let largest = 0;
        for (let c = 0; c < ic; c++) {
          let sum = 0;
          for (let p = 0; p < pixels; p++) sum += data[p * ic + c] - xq.zeroPoint;
          largest = Math.max(largest, Math.abs(sum / pixels));
        }
        outputQuantization = { zeroPoint: 0, scale: f32(Math.max(largest, 1) * xq.scale / 255) };
        op = new q8nn.GlobalAveragePooling({ channels: ic, inputQuantization: xq,
                                             outputQuantization });
        run = () => op.run(input, output);
        break;
      }
      default:
        throw new Error(`unknown layer kind ${layer.kind}`);
    }
    quantization[layer.output] = outputQuantization;
    run(); // the calibration of the layers after it needs its output
    operators.push(op);
    runs.push(run);
    if (verbose) {
      const out = output.data;
      let lo = 255, hi = 0, mean = 0;
      for (const v of out) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        mean += v;
      }
      console.log(`# layer ${layer.name.padEnd(18)} ${layer.kind.padEnd(9)} out: min=${lo} ` +
                  `max=${hi} mean=${(mean / out.length).toFixed(2)} ` +
                  `distinct=${new Set(out).size}`);
    }
  }
  return {
    run() {
      for (const r of runs) r();
    },
    output: () => tensors[model.layers[model.layers.length - 1].output].toArray(),
    delete() {
      operators.forEach((op) => op.delete());
      tensors.forEach((t) => t.delete());
    },
  };
}

function summarize(times) {
  times.sort((a, b) => a - b);
  const n = times.length;
  const median = n % 2 === 1 ? times[(n - 1) / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2]);
  return { median, min: times[0] };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const model = mobilenetV2();
  let exitCode = 0;
  for (const variant of options.variants) {
    if (variant === 'simd' && !simdSupported()) {
      console.log('# q8nn-wasm-simd: this Node.js has no WebAssembly SIMD, skipped');
      continue;
    }
    const q8nn = await init({ variant });
    const network = buildNetwork(q8nn, model, options.verbose);
    for (let i = 0; i < options.warmup; i++) network.run();
    const times = [];
    for (let i = 0; i < options.runs; i++) {
      const start = performance.now();
      network.run();
      times.push(performance.now() - start);
    }
    const { median, min } = summarize(times);
    const out = network.output();
    const order = Array.from(out.keys()).sort((a, b) => out[b] - out[a] || a - b);
    console.log(`# q8nn ${q8nn.version}, ${variant} build, isa ${q8nn.isa}, Node.js ` +
                `${process.versions.node}`);
    console.log(`# ${model.layers.length} operators, warm-up runs: ${options.warmup}, ` +
                `timed runs: ${options.runs}`);
    console.log(`# top-5 (class:score): ${order.slice(0, 5).map((i) => `${i}:${out[i]}`).join(' ')}`);
    console.log(`# checksum (FNV-1a 64 of the output): ${fnv1a(out)}`);
    console.log(`q8nn-wasm-${variant} mobilenet_v2 threads=1 median_ms=${median.toFixed(3)} ` +
                `min_ms=${min.toFixed(3)}`);
    if (new Set(out).size < 2) {
      console.error('error: the network output is constant');
      exitCode = 1;
    }
    network.delete();
  }
  process.exitCode = exitCode;
}

await main();
