#!/usr/bin/env bash
# Installs the Debian packages q8nn needs to build, test and benchmark, if any
# is missing. Idempotent: does nothing (and needs no network) when all are there.
set -euo pipefail

packages=(
  cmake
  g++
  make
  pkg-config
  libcpuinfo-dev
  libpthreadpool-dev
  libgtest-dev
  libgmock-dev
  libbenchmark-dev
  # scripts/fuzz.sh: clang with libFuzzer and the sanitizer runtimes, and
  # llvm-symbolizer for the stack traces of its reports.
  clang
  libclang-rt-14-dev
  llvm-14
)

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  if [[ "$status" != "installed" ]]; then
    missing+=("$package")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all dependencies are installed"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
