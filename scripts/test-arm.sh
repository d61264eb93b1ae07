#!/usr/bin/env bash
# Runs the tests of an ARM cross build (scripts/build-arm.sh) under qemu-user;
# ends with ctest's summary line. Builds first when build-<arch>/ is missing.
# Usage: scripts/test-arm.sh aarch64|armv7 [--subset] [extra ctest options...]
#   --subset: the representative subset of README.md ("ARM builds"): every
#   kernel tester in full (all NEON kernels, all tile edges) and the operator
#   suite for the NEON ISAs (neon, neondot), but not for the scalar ISA.
#   JOBS (default: number of cores) tests run in parallel.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arch="${1:-}"
case "$arch" in
  aarch64 | armv7) ;;
  *)
    echo "usage: $0 aarch64|armv7 [--subset] [ctest options...]" >&2
    exit 2
    ;;
esac
shift
subset=()
if [[ "${1:-}" == "--subset" ]]; then
  subset=(-LE '^isa-scalar$')
  shift
fi

build="$root/build-$arch"
if [[ ! -f "$build/CTestTestfile.cmake" ]]; then
  "$root/scripts/build-arm.sh" "$arch"
fi
exec ctest --test-dir "$build" --output-on-failure -j"${JOBS:-$(nproc)}" "${subset[@]}" "$@"
