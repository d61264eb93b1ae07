// Shared by the Jest suites: loading both builds, a seeded random generator,
// and reference implementations of every operator written from the
// definitions (DESIGN.md, README.md), independent of the library.
'use strict';

const q8nn = require('../index.cjs');

// Both builds, or only those named in Q8NN_JS_VARIANTS (e.g. "scalar").
const VARIANTS = (process.env.Q8NN_JS_VARIANTS || 'simd,scalar').split(',').filter(Boolean);

// --- Random numbers (xorshift32, seeded) ---------------------------------------------

function rng(seed) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    u32: next,
    int: (lo, hi) => lo + (next() % (hi - lo + 1)), // inclusive
    bytes: (n) => Uint8Array.from({ length: n }, () => next() >>> 24),
    int32s: (n, bound) => Int32Array.from({ length: n }, () => (next() % (2 * bound + 1)) - bound),
    float: (lo, hi) => lo + (hi - lo) * (next() / 4294967296),
  };
}

// --- The fp32 requantization rule (bit-exact) ----------------------------------------

// nearbyintf with round-half-to-even, on a value that is already a float.
function roundHalfEven(x) {
  const r = Math.round(x); // half rounds up
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// (input_scale * kernel_scale) / output_scale in float, in that order.
function convScale(inputScale, kernelScale, outputScale) {
  const f = Math.fround;
  return f(f(f(inputScale) * f(kernelScale)) / f(outputScale));
}

// clamp(nearbyintf((float) acc * scale) + zero_point, min, max)
function requantize(acc, scale, zeroPoint, min, max) {
  const product = Math.fround(Math.fround(acc) * scale);
  return Math.min(Math.max(roundHalfEven(product) + zeroPoint, min), max);
}

// --- Convolution family ---------------------------------------------------------------

const windowSize = (input, before, after, kernel, dilation, stride) => {
  const effective = (kernel - 1) * dilation + 1;
  const padded = input + before + after;
  return padded < effective ? 0 : Math.floor((padded - effective) / stride) + 1;
};

// Accumulators of a grouped 2D convolution, NHWC; weights
// [groups][goc][kh][kw][gic]; padding [top, right, bottom, left].
function convolutionAccumulators(p, input, n, h, w) {
  const { kh, kw, sh, sw, dh, dw, pad, groups, gic, goc, izp, kzp, weights, bias } = p;
  const oh = windowSize(h, pad[0], pad[2], kh, dh, sh);
  const ow = windowSize(w, pad[3], pad[1], kw, dw, sw);
  const ic = groups * gic, oc = groups * goc;
  const acc = new Float64Array(n * oh * ow * oc);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let g = 0; g < groups; g++) {
          for (let o = 0; o < goc; o++) {
            let sum = bias ? bias[g * goc + o] : 0;
            for (let ky = 0; ky < kh; ky++) {
              const iy = oy * sh + ky * dh - pad[0];
              if (iy < 0 || iy >= h) continue;
              for (let kx = 0; kx < kw; kx++) {
                const ix = ox * sw + kx * dw - pad[3];
                if (ix < 0 || ix >= w) continue;
                const x0 = ((b * h + iy) * w + ix) * ic + g * gic;
                const w0 = (((g * goc + o) * kh + ky) * kw + kx) * gic;
                for (let i = 0; i < gic; i++) {
                  sum += (input[x0 + i] - izp) * (weights[w0 + i] - kzp);
                }
              }
            }
            acc[((b * oh + oy) * ow + ox) * oc + g * goc + o] = sum;
          }
        }
      }
    }
  }
  return { acc, shape: [n, oh, ow, oc] };
}

// Accumulators of a 2D deconvolution: output (oy, ox) takes input (iy, ix)
// through tap (ky, kx) when oy = iy * sh + ky * dh - pad_top (same for x);
// weights [groups][gic][kh][kw][goc].
function deconvolutionAccumulators(p, input, n, h, w) {
  const { kh, kw, sh, sw, dh, dw, pad, ah, aw, groups, gic, goc, izp, kzp, weights, bias } = p;
  const oh = Math.max(0, (h - 1) * sh + ah + (kh - 1) * dh + 1 - pad[0] - pad[2]);
  const ow = Math.max(0, (w - 1) * sw + aw + (kw - 1) * dw + 1 - pad[1] - pad[3]);
  const ic = groups * gic, oc = groups * goc;
  const acc = new Float64Array(n * oh * ow * oc);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let g = 0; g < groups; g++) {
          for (let o = 0; o < goc; o++) {
            let sum = bias ? bias[g * goc + o] : 0;
            for (let ky = 0; ky < kh; ky++) {
              const y = oy + pad[0] - ky * dh;
              if (y < 0 || y % sh !== 0 || y / sh >= h) continue;
              const iy = y / sh;
              for (let kx = 0; kx < kw; kx++) {
                const x = ox + pad[3] - kx * dw;
                if (x < 0 || x % sw !== 0 || x / sw >= w) continue;
                const ix = x / sw;
                const x0 = ((b * h + iy) * w + ix) * ic + g * gic;
                for (let i = 0; i < gic; i++) {
                  const wi = (((g * gic + i) * kh + ky) * kw + kx) * goc + o;
                  sum += (input[x0 + i] - izp) * (weights[wi] - kzp);
                }
              }
            }
            acc[((b * oh + oy) * ow + ox) * oc + g * goc + o] = sum;
          }
        }
      }
    }
  }
  return { acc, shape: [n, oh, ow, oc] };
}

function fullyConnectedAccumulators(p, input, batch) {
  const { ic, oc, izp, kzp, weights, bias } = p;
  const acc = new Float64Array(batch * oc);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < oc; o++) {
      let sum = bias ? bias[o] : 0;
      for (let i = 0; i < ic; i++) sum += (input[b * ic + i] - izp) * (weights[o * ic + i] - kzp);
      acc[b * oc + o] = sum;
    }
  }
  return acc;
}

// An output scale that spreads the accumulators over most of the uint8 range.
function spreadingOutputScale(acc, inputScale, kernelScale) {
  let largest = 1;
  for (const a of acc) largest = Math.max(largest, Math.abs(a));
  return Math.fround((Math.fround(inputScale) * Math.fround(kernelScale) * largest) / 100);
}

function requantizeAll(acc, scale, zeroPoint, min, max) {
  return Uint8Array.from(acc, (a) => requantize(a, scale, zeroPoint, min, max));
}

// --- Other operators (real-valued references) ----------------------------------------

const clampReal = (y, min, max) => Math.min(Math.max(y, min), max);

function averagePoolingReference(p, input, n, h, w) {
  const { c, ph, pw, sh, sw, pad, iq, oq, min, max } = p;
  const oh = windowSize(h, pad[0], pad[2], ph, 1, sh);
  const ow = windowSize(w, pad[3], pad[1], pw, 1, sw);
  const out = new Float64Array(n * oh * ow * c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ch = 0; ch < c; ch++) {
          let sum = 0; // padding counts as zero points: the divisor is the whole window
          for (let ky = 0; ky < ph; ky++) {
            const iy = oy * sh + ky - pad[0];
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < pw; kx++) {
              const ix = ox * sw + kx - pad[3];
              if (ix < 0 || ix >= w) continue;
              sum += input[((b * h + iy) * w + ix) * c + ch] - iq.zeroPoint;
            }
          }
          const y = (sum / (ph * pw)) * (iq.scale / oq.scale) + oq.zeroPoint;
          out[((b * oh + oy) * ow + ox) * c + ch] = clampReal(y, min, max);
        }
      }
    }
  }
  return { out, shape: [n, oh, ow, c] };
}

function maxPoolingReference(p, input, n, h, w) {
  const { c, ph, pw, sh, sw, dh, dw, pad, min, max } = p;
  const oh = windowSize(h, pad[0], pad[2], ph, dh, sh);
  const ow = windowSize(w, pad[3], pad[1], pw, dw, sw);
  const out = new Uint8Array(n * oh * ow * c);
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < oh; oy++) {
      for (let ox = 0; ox < ow; ox++) {
        for (let ch = 0; ch < c; ch++) {
          let m = 0;
          for (let ky = 0; ky < ph; ky++) {
            const iy = oy * sh + ky * dh - pad[0];
            if (iy < 0 || iy >= h) continue;
            for (let kx = 0; kx < pw; kx++) {
              const ix = ox * sw + kx * dw - pad[3];
              if (ix < 0 || ix >= w) continue;
              m = Math.max(m, input[((b * h + iy) * w + ix) * c + ch]);
            }
          }
          out[((b * oh + oy) * ow + ox) * c + ch] = Math.min(Math.max(m, min), max);
        }
      }
    }
  }
  return { out, shape: [n, oh, ow, c] };
}

// Expects every output within `tolerance` of the real-valued reference.
function expectClose(actual, expected, tolerance) {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual.length).toBe(expected.length);
  let worst = 0, worstIndex = -1;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(actual[i] - expected[i]);
    if (d > worst) {
      worst = d;
      worstIndex = i;
    }
  }
  if (worst > tolerance) {
    throw new Error(`output[${worstIndex}] = ${actual[worstIndex]}, expected ` +
                    `${expected[worstIndex]} (tolerance ${tolerance})`);
  }
}

// Bit-exact comparison with a readable failure.
function expectExact(actual, expected) {
  expect(actual).toBeInstanceOf(Uint8Array);
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      throw new Error(`output[${i}] = ${actual[i]}, expected ${expected[i]} ` +
                      `(${expected.length} values)`);
    }
  }
}

function distinct(values) {
  return new Set(values).size;
}

// --- Rejections ------------------------------------------------------------------------

// Runs f, which must throw `type` with a message matching `message` (and
// `status`, when given, for a Q8nnError), leaving q's wasm heap (allocations
// and memory size) as it was. Returns the error.
function rejects(q, f, type, message, status) {
  const before = q.heapUsage();
  let error;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect(error.message).toMatch(message);
  if (status !== undefined) expect(error.status).toBe(status);
  expect(q.heapUsage()).toEqual(before);
  return error;
}

// Options of a valid 3x3 convolution of 2 -> 3 channels (padding 1), with `extra` on top.
const convolutionOptions = (extra = {}) => ({
  kernelSize: 3, padding: 1, groupInputChannels: 2, groupOutputChannels: 3,
  inputQuantization: { scale: 0.5, zeroPoint: 128 },
  kernelQuantization: { scale: 0.01, zeroPoint: 128 },
  outputQuantization: { scale: 0.25, zeroPoint: 128 },
  weights: new Uint8Array(3 * 9 * 2), bias: new Int32Array(3), ...extra,
});

module.exports = {
  q8nn, VARIANTS, rng, roundHalfEven, convScale, requantize, requantizeAll, windowSize,
  convolutionAccumulators, deconvolutionAccumulators, fullyConnectedAccumulators,
  spreadingOutputScale, averagePoolingReference, maxPoolingReference, expectClose, expectExact,
  distinct, rejects, convolutionOptions,
};
