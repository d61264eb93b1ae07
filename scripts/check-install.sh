#!/usr/bin/env bash
# Install check: installs the build in BUILD_DIR (default build/) into a
# temporary prefix, then compiles and runs the README's C example
# (scripts/install-check/example.c) against the installed package
#   - via pkg-config q8nn (shared library), and
#   - via find_package(q8nn) in a tiny CMake project (q8nn::q8nn and
#     q8nn::q8nn_static),
# and compares each run's output with scripts/install-check/expected-output.txt.
# It also checks that README.md shows example.c verbatim.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
build_dir="${1:-build}"
check_dir="$root/scripts/install-check"

if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
  echo "check-install: $build_dir is not a configured build directory" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/q8nn-install-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"

# The README's example must be the one that is tested here.
awk '/^```c$/ {inside = 1; next} /^```$/ {if (inside) exit} inside {print}' README.md \
  >"$work/readme-example.c"
if ! diff -u "$check_dir/example.c" "$work/readme-example.c"; then
  echo "check-install: README.md's C example differs from scripts/install-check/example.c" >&2
  exit 1
fi

echo "-- cmake --install $build_dir --prefix <tmp>/prefix"
cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log"
libdir="$(find "$prefix" -name 'libq8nn.so' -printf '%h\n' -quit)"
if [[ -z "$libdir" ]]; then
  echo "check-install: libq8nn.so was not installed" >&2
  cat "$work/install.log" >&2
  exit 1
fi

check_output() {  # name, command...
  local name="$1"
  shift
  if ! "$@" >"$work/$name.out"; then
    echo "check-install: $name failed to run" >&2
    exit 1
  fi
  if ! diff -u "$check_dir/expected-output.txt" "$work/$name.out"; then
    echo "check-install: $name printed a wrong result" >&2
    exit 1
  fi
  echo "-- $name: ok"
}

echo "-- pkg-config q8nn"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
# shellcheck disable=SC2207
flags=($(pkg-config --cflags --libs q8nn))
echo "   pkg-config --cflags --libs q8nn: ${flags[*]}"
cc -std=c11 -Wall -Wextra -Werror "$check_dir/example.c" -o "$work/example_pkgconfig" "${flags[@]}"
check_output example_pkgconfig env LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  "$work/example_pkgconfig"

echo "-- find_package(q8nn)"
cmake -S "$check_dir" -B "$work/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_BUILD_TYPE=Release >"$work/configure.log" || {
  cat "$work/configure.log" >&2
  exit 1
}
cmake --build "$work/build" -j2 >"$work/build.log" || {
  cat "$work/build.log" >&2
  exit 1
}
check_output example_shared env LD_LIBRARY_PATH="$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
  "$work/build/example_shared"
check_output example_static "$work/build/example_static"

echo "check-install: the installed package works (pkg-config, find_package shared and static)"
