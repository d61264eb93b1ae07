#!/usr/bin/env bash
# Runs every test of q8nn: installs the dependencies when missing, then
#   1. a Release build in build/ and its ctest,
#   2. an install check (scripts/check-install.sh): install, then consume the
#      package via pkg-config and via find_package(q8nn),
#   3. an AddressSanitizer + UndefinedBehaviorSanitizer build in
#      build-sanitize/ and its ctest.
# Exits non-zero if anything fails.
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

echo
echo "== ASan + UBSan build (build-sanitize/)"
cmake -S . -B build-sanitize -DQ8NN_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DQ8NN_BUILD_BENCHMARKS=OFF
cmake --build build-sanitize -j2
export ASAN_OPTIONS="abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
ctest --test-dir build-sanitize --output-on-failure -j2
