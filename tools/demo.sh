#!/usr/bin/env bash
# README command 1: set up, build, then walk the real, unmodified Debian mstflint through a card's secure
# firmware update on a simulated ConnectX-4 Lx: query -> burn -> reset -> query, as on a real card.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/tools/setup.sh"
"$root/tools/build.sh"
build=${SECNIC_BUILD_DIR:-$root/build}
secnic="$build/bin/secnic"
work=${SECNIC_DEMO_DIR:-$build/demo}
rm -rf "$work"
mkdir -p "$work"
cd "$work"

step() {
  printf '\n\033[1m$ %s\033[0m\n' "$*"
  "$@"
}

echo "== The vendor's signing key (RSA-2048) and two signed firmware images"
openssl genrsa -out vendor.pem 2048 2>/dev/null
openssl rsa -in vendor.pem -pubout -out vendor.pub.pem 2>/dev/null
uuid=5e3e8a30-1b2c-4d5e-8f90-a1b2c3d4e5f6
step "$secnic" image create -o fw-14.32.1010.bin --psid MT_2420110034 --fw-version 14.32.1010 \
  --key vendor.pem --key-uuid "$uuid"
step "$secnic" image create -o fw-14.32.1020.bin --psid MT_2420110034 --fw-version 14.32.1020 \
  --key vendor.pem --key-uuid "$uuid"

echo
echo "== A simulated card at 03:00.0 running 14.32.1010, trusting the vendor key"
step "$secnic" card create card --image fw-14.32.1010.bin --trusted-key "vendor.pub.pem:$uuid" --bdf 03:00.0

echo
echo "== The unmodified mstflint, run against the simulated card"
step "$secnic" run --card card -- mstflint -d 03:00.0 q
step "$secnic" run --card card -- mstflint -d 03:00.0 -i fw-14.32.1020.bin -y burn
step "$secnic" run --card card -- mstflint -d 03:00.0 q
step "$secnic" run --card card -- mstflint -d 03:00.0 verify
step "$secnic" card reset card
step "$secnic" run --card card -- mstflint -d 03:00.0 q
step "$secnic" card info card
echo
echo "demo: done (files in $work)"
