#!/usr/bin/env bash
# Cross-builds q8nn for ARM Linux into build-aarch64/ or build-armv7/ (repo
# root): libq8nn.so (public API only, bindings/c/q8nn.map), libq8nn.a, the
# tests and bench/mobilenet_v2. Installs the cross toolchain, qemu-user and the
# cpuinfo/pthreadpool sysroot (sysroot/<arch>/) first when missing.
# Usage: scripts/build-arm.sh aarch64|armv7 [extra cmake -D options...]
#   BUILD_TYPE (default Release), JOBS (default: number of cores).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arch="${1:-}"
case "$arch" in
  aarch64) toolchain=aarch64-linux-gnu ;;
  armv7) toolchain=arm-linux-gnueabihf ;;
  *)
    echo "usage: $0 aarch64|armv7 [cmake options...]" >&2
    exit 2
    ;;
esac
shift

"$root/scripts/arm-sysroot.sh" "$arch"

build="$root/build-$arch"
cmake -S "$root" -B "$build" \
  -DCMAKE_TOOLCHAIN_FILE="$root/cmake/toolchains/$toolchain.cmake" \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" "$@"
cmake --build "$build" -j"${JOBS:-$(nproc)}"
echo "build-arm: $arch build in $build"
