#!/usr/bin/env bash
# The q8nn demo: installs the dependencies when missing, builds q8nn in
# Release into build/, then runs the native MobileNetV2 benchmark (random
# weights; prints what it computed and how long an inference takes), and the
# same network in Node.js through the npm package's WebAssembly builds.
# Arguments are forwarded to build/bench/mobilenet_v2, e.g.
#   scripts/demo.sh --threads 2 --runs 50
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps.sh

echo "== Building q8nn (Release) in build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2

echo
echo "== Native MobileNetV2 (C API, $(nproc) cores available)"
build/bench/mobilenet_v2 "$@"

echo
echo "== Node.js (WebAssembly) MobileNetV2 (JavaScript API, SIMD128 and scalar builds)"
# Builds the wasm variants of the npm package when missing (scripts/build-wasm.sh
# installs Debian's emscripten if needed), then runs the same network through
# the JavaScript API: same weights, same checksum as above.
if [ ! -f bindings/js/wasm/q8nn-simd.wasm ] || [ ! -f bindings/js/wasm/q8nn-scalar.wasm ]; then
  scripts/build-wasm.sh all
fi
node bindings/js/bench/mobilenet_v2.mjs --runs 10 --warmup 2
