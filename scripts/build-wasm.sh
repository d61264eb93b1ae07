#!/usr/bin/env bash
# Builds the WebAssembly variants of q8nn's npm package (bindings/js):
#   scripts/build-wasm.sh [simd|scalar|all]      (default: all)
# For each variant, configures build-wasm-<variant>/ with Debian's Emscripten
# (installed with apt-get when emcc is missing), builds the Embind module
# (target q8nn_js: q8nn-<variant>.cjs, .mjs and .wasm) and copies it into
# bindings/js/wasm/ (git-ignored), where the package's entry points load it.
#
# Environment:
#   Q8NN_WASM_TESTS=1   also build the googletest suites for wasm (run them
#                       with `ctest --test-dir build-wasm-<variant>`)
#   Q8NN_WASM_JOBS=N    parallel build jobs (default 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

what="${1:-all}"
case "$what" in
  simd) variants=(simd) ;;
  scalar) variants=(scalar) ;;
  all) variants=(simd scalar) ;;
  *)
    echo "usage: $0 [simd|scalar|all]" >&2
    exit 2
    ;;
esac
tests="${Q8NN_WASM_TESTS:-0}"
jobs="${Q8NN_WASM_JOBS:-2}"

if ! command -v emcc > /dev/null || ! command -v node > /dev/null; then
  echo "== Installing Emscripten and Node.js (Debian packages)"
  if [ "$(id -u)" -ne 0 ]; then
    echo "error: emcc not found and not root: install Debian's emscripten and nodejs" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update < /dev/null
  apt-get install -y --no-install-recommends emscripten nodejs cmake make < /dev/null
fi

# Debian's emscripten needs acorn & co. from Debian's Node.js modules.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

if [ "$tests" = 1 ]; then
  test_flag=ON
  targets=(--target all)
else
  test_flag=OFF
  targets=(--target q8nn_js)
fi

mkdir -p bindings/js/wasm
for variant in "${variants[@]}"; do
  dir="build-wasm-$variant"
  simd=OFF
  [ "$variant" = simd ] && simd=ON
  echo "== WebAssembly ($variant) in $dir/"
  mkdir -p "$dir"
  emcmake cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release -DQ8NN_WASM_SIMD="$simd" \
    -DQ8NN_BUILD_TESTS="$test_flag" -DQ8NN_BUILD_BENCHMARKS="$test_flag" > "$dir/configure.log" ||
    {
      cat "$dir/configure.log" >&2
      exit 1
    }
  cmake --build "$dir" "${targets[@]}" -j"$jobs"
  out="$dir/bindings/js"
  cp "$out/q8nn-$variant.cjs" "$out/q8nn-$variant.wasm" "$out/es6/q8nn-$variant.mjs" \
    bindings/js/wasm/
  echo "   bindings/js/wasm/q8nn-$variant.{cjs,mjs,wasm}"
done
