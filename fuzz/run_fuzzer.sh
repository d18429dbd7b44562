#!/usr/bin/env bash
# Runs one libFuzzer harness on one core, e.g.
#   fuzz/run_fuzzer.sh image 10000000 [WORK_DIR]
# BUILD_DIR (default /work/build-fuzz) must hold a SECNIC_FUZZ=ON build (docs/fuzzing.md). New inputs
# go to WORK_DIR/corpus_<harness> (the committed seeds in fuzz/corpus/<harness> are read, never
# written), crashes to WORK_DIR/artifacts_<harness>/, the log to WORK_DIR/<harness>.log. Extra
# libFuzzer flags can follow in FUZZ_FLAGS; findings already logged can be skipped with
# SECNIC_FUZZ_KNOWN (see fuzz/harness/invariant.h).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
harness=${1:?usage: run_fuzzer.sh image|access_register|vsec_icmd|scenario RUNS [WORK_DIR]}
runs=${2:-10000000}
work=${3:-$PWD/fuzz-work}
build=${BUILD_DIR:-/work/build-fuzz}
case "$harness" in
  image) max_len=65536 ;;           # a small image with every section is ~45 KiB
  access_register) max_len=4096 ;;  # a few mailboxes
  vsec_icmd) max_len=1024 ;;        # a program of a few hundred config accesses
  scenario) max_len=4096 ;;         # a scenario file (the shipped ones are at most ~3.3 KB)
  *) echo "unknown harness $harness" >&2; exit 2 ;;
esac
dict=()
if [ -f "$root/fuzz/data/$harness.dict" ]; then dict=(-dict="$root/fuzz/data/$harness.dict"); fi
mkdir -p "$work/corpus_$harness" "$work/artifacts_$harness"
# ASan records the stack of every allocation and free in its stack depot, which never shrinks. A
# recursive parser (yaml-cpp under fuzz_scenario) makes new stacks without end: with the default 30
# frames the depot took a quarter of the run's time and grew the process by ~1 MB per 1,000 inputs,
# dropping fuzz_scenario from 2,800 to under 1,000 exec/s. Five frames keep reports useful (rerun an
# artifact with the default to see whole stacks) and the depot bounded.
export ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=5}
cd "$work"
# shellcheck disable=SC2086
exec "$build/bin/fuzz_$harness" -runs="$runs" -max_len="$max_len" -print_final_stats=1 \
  -artifact_prefix="$work/artifacts_$harness/" "${dict[@]}" ${FUZZ_FLAGS:-} \
  "$work/corpus_$harness" "$root/fuzz/corpus/$harness" >"$work/$harness.log" 2>&1
