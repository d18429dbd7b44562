#!/usr/bin/env bash
# README command 2: set up, build and pass the whole test suite (unit, integration and end-to-end tests
# that run the unmodified Debian mstflint against simulated cards).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
"$root/tools/build.sh"
cd "${SECNIC_BUILD_DIR:-$root/build}"
ctest --output-on-failure -j"$(nproc)" --timeout 600
