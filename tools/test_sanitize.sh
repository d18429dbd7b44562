#!/usr/bin/env bash
# Builds secnic with AddressSanitizer + UndefinedBehaviorSanitizer (the Sanitize build type) and runs
# the whole CTest suite under them. Any memory error, leak or undefined behaviour aborts the test
# that hit it. Build directory: $SECNIC_BUILD_DIR, default ./build-san. Extra arguments go to ctest
# (e.g. -R image to run a subset).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export SECNIC_BUILD_DIR=${SECNIC_BUILD_DIR:-$root/build-san}
"$root/tools/setup.sh"
SECNIC_BUILD_TYPE=Sanitize "$root/tools/build.sh"
# Every report is fatal, with a stack; leak checking is on. Each test runs with the ASan runtime
# preloaded (cmake/SecnicDefaults.cmake), so the unmodified Debian tools the end-to-end tests run
# (not instrumented) use ASan's allocator too, also inside the sanitized host shim. `secnic run`
# puts the shim ahead of inherited preloads, so the runtime is second in those programs' library
# list (still ahead of libc, which is what matters): ASan must not insist on coming first. Leaks
# that third-party programs themselves make are suppressed (tools/lsan_suppressions.txt says which).
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:verify_asan_link_order=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tools/lsan_suppressions.txt}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
cd "$SECNIC_BUILD_DIR"
ctest --output-on-failure -j"$(nproc)" --timeout 1200 "$@"
