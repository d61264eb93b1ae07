#!/usr/bin/env bash
# Runs every test of q8nn: installs the dependencies when missing, then
#   1. a Release build in build/ and its ctest,
#   2. an install check (scripts/check-install.sh): install, then consume the
#      package via pkg-config and via find_package(q8nn),
#   3. an AddressSanitizer + UndefinedBehaviorSanitizer build in
#      build-sanitize/ and its ctest,
#   4. the ARM cross builds (AArch64, ARMv7) and their ctest under qemu-user,
#   5. the libFuzzer targets (scripts/fuzz.sh: clang, ASan + UBSan, in
#      build-fuzz/), each fuzzed for Q8NN_FUZZ_SECONDS (default 40) from its
#      seed corpus; any finding fails the run,
#   6. the WebAssembly builds: the googletest suites of the SIMD build under
#      Node.js, then the npm package's Jest suite on both builds (last, so the
#      output ends with Jest's summary).
# Exits non-zero if anything fails. Q8NN_TEST_SKIP="arm wasm asan fuzz" leaves
# steps out (for a quick local run; CI runs everything).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps.sh

echo "== Release build (build/)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j2
ctest --test-dir build --output-on-failure -j2

echo
echo "== Install check"
scripts/check-install.sh build

skip="${Q8NN_TEST_SKIP:-}"
skipped() { [[ " $skip " == *" $1 "* ]]; }

if ! skipped asan; then
  echo
  echo "== ASan + UBSan build (build-sanitize/)"
  cmake -S . -B build-sanitize -DQ8NN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DQ8NN_BUILD_BENCHMARKS=OFF
  cmake --build build-sanitize -j2
  (
    export ASAN_OPTIONS="abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
    ctest --test-dir build-sanitize --output-on-failure -j2
  )
fi

if ! skipped arm; then
  for arch in aarch64 armv7; do
    echo
    echo "== ARM $arch: cross build (build-$arch/) and ctest under qemu-user"
    scripts/build-arm.sh "$arch"
    scripts/test-arm.sh "$arch"
  done
fi

if ! skipped fuzz; then
  echo
  echo "== libFuzzer targets (scripts/fuzz.sh, build-fuzz/)"
  scripts/fuzz.sh "${Q8NN_FUZZ_SECONDS:-40}"
fi

if ! skipped wasm; then
  echo
  echo "== WebAssembly: googletest suites of the SIMD build under Node.js (build-wasm-simd/)"
  Q8NN_WASM_TESTS=1 scripts/build-wasm.sh simd
  ctest --test-dir build-wasm-simd --output-on-failure -j2
  scripts/build-wasm.sh scalar

  echo
  echo "== npm package (bindings/js): Jest on the SIMD and scalar builds"
  cd bindings/js
  npm ci --no-audit --no-fund
  npm test
fi
