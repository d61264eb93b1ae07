#!/usr/bin/env bash
# The q8nn demo: installs the dependencies when missing, builds q8nn in
# Release into build/, then runs the native MobileNetV2 benchmark (random
# weights; prints what it computed and how long an inference takes).
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

# == Node.js (WebAssembly) MobileNetV2: planned, to be added here.
