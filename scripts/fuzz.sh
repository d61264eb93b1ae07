#!/usr/bin/env bash
# Builds q8nn's libFuzzer targets (tests/fuzz) with clang, ASan and UBSan in
# build-fuzz/, then fuzzes each target starting from its seed corpus
# (tests/fuzz/corpus/<target>/). Exits non-zero on any finding (crash,
# sanitizer report, leak, broken API contract, timeout, out-of-memory) and
# prints the reproducer and the command that replays it.
#
#   scripts/fuzz.sh [seconds-per-target]   fuzz every target (default 60 s each;
#                                          the targets run at the same time)
#   scripts/fuzz.sh --replay [inputs...]   regression mode: run the corpus (and
#                                          the given files or directories, on
#                                          every selected target) once
#
# The corpus is copied to a temporary directory: runs never write into the
# repository. Findings are kept in build-fuzz/findings/<target>/. Environment:
#   Q8NN_FUZZ_TARGETS   targets to run (default: all three)
#   Q8NN_FUZZ_INLINE_ASM   ON: fuzz the kernels' inline asm loops; default OFF,
#                       their intrinsics twins, whose memory accesses ASan sees
#   Q8NN_FUZZ_KEEP=1    keep the temporary directory (the grown corpus)
# docs/FUZZING.md describes the targets and what counts as a finding.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mode=fuzz
seconds=60
replay_inputs=()
if [[ $# -gt 0 && "$1" == "--replay" ]]; then
  mode=replay
  shift
  replay_inputs=("$@")
elif [[ $# -gt 0 ]]; then
  if [[ ! "$1" =~ ^[0-9]+$ || "$1" -eq 0 || $# -gt 1 ]]; then
    echo "usage: scripts/fuzz.sh [seconds-per-target] | --replay [inputs...]" >&2
    exit 2
  fi
  seconds="$1"
fi

targets=(${Q8NN_FUZZ_TARGETS:-fuzz_convolution fuzz_pooling fuzz_elementwise})
build="$root/build-fuzz"

scripts/install-deps.sh

echo "== Fuzz build (build-fuzz/: clang, libFuzzer, ASan + UBSan)"
# Line tables only: symbolized stack traces, without the compile time of full
# debug information (which doubles the instrumented avx512 kernels' build).
CC=clang CXX=clang++ cmake -S . -B "$build" -DQ8NN_FUZZ=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O2 -gline-tables-only -DNDEBUG" \
  -DQ8NN_INLINE_ASM="${Q8NN_FUZZ_INLINE_ASM:-OFF}" \
  -DQ8NN_BUILD_TESTS=OFF -DQ8NN_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" -j2 --target "${targets[@]}"

# As in scripts/test.sh; libFuzzer catches the abort and saves the input.
export ASAN_OPTIONS="abort_on_error=1:halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
if [[ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/q8nn-fuzz.XXXXXX")"
cleanup() {
  if [[ "${Q8NN_FUZZ_KEEP:-0}" == 1 ]]; then
    echo "fuzz.sh: kept $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# Options of every run: a case that takes 10 s, or a process over 2 GB, or
# one malloc over 512 MB, is a finding too.
options=(-rss_limit_mb=2048 -malloc_limit_mb=512 -timeout=10 -print_final_stats=1)

if [[ "$mode" == replay ]]; then
  echo "== Replaying the corpus of ${targets[*]}"
else
  echo "== Fuzzing ${targets[*]} for $seconds s each (at the same time)"
fi

pids=()
for target in "${targets[@]}"; do
  findings="$build/findings/$target"
  mkdir -p "$work/$target/corpus" "$findings"
  cp "$root/tests/fuzz/corpus/$target/"* "$work/$target/corpus/"
  log="$work/$target.log"
  binary="$build/tests/fuzz/$target"
  if [[ "$mode" == replay ]]; then
    # Every file once, no mutation: the corpus, then the extra inputs (files,
    # or directories of files) that exist.
    inputs=("$work/$target/corpus/"*)
    for input in "${replay_inputs[@]}"; do
      if [[ -d "$input" ]]; then
        inputs+=("$input"/*)
      elif [[ -f "$input" ]]; then
        inputs+=("$input")
      fi
    done
    "$binary" "${options[@]}" -artifact_prefix="$findings/" "${inputs[@]}" >"$log" 2>&1 &
  else
    "$binary" "${options[@]}" -max_total_time="$seconds" -artifact_prefix="$findings/" \
      "$work/$target/corpus" >"$log" 2>&1 &
  fi
  pids+=($!)
done

failed=0
for i in "${!targets[@]}"; do
  target="${targets[$i]}"
  log="$work/$target.log"
  binary="$build/tests/fuzz/$target"
  status=0
  wait "${pids[$i]}" || status=$?
  if [[ "$mode" == replay ]]; then
    summary="$(grep -c '^Executed ' "$log" || true) inputs"
  else
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    added="$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -n 1)"
    cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 || true)"
    summary="${runs:-?} runs, ${added:-?} new inputs, ${cov:-cov: ?}"
  fi
  if [[ $status -eq 0 ]]; then
    echo "$target: ok ($summary)"
    continue
  fi
  failed=1
  echo
  echo "$target: FAILED (exit status $status, $summary)"
  # The report: from the first sanitizer / harness line to libFuzzer's note.
  sed -n '/^q8nn-fuzz finding\|ERROR: \|runtime error\|^==[0-9]*==/,$p' "$log" |
    grep -v '^"' | head -n 80
  if [[ "$mode" == replay ]]; then
    reproducer="$(sed -n 's/^Running: //p' "$log" | tail -n 1)"
  else
    reproducer="$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)"
  fi
  if [[ -n "$reproducer" ]]; then
    echo "reproducer: $reproducer"
    echo "replay:     Q8NN_FUZZ_VERBOSE=1 $binary $reproducer"
  else
    echo "full log: $log"
    Q8NN_FUZZ_KEEP=1
  fi
done

exit $failed
