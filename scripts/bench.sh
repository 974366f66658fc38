#!/usr/bin/env bash
# Builds and runs the benchmarks under tests/bench and prints their figures. Not part of the
# test command: the figures are for people and notes, not pass/fail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$WACONSOLE_ROOT"

cmake --preset native >/dev/null
cmake --build --preset native -j "$(nproc)" >/dev/null

echo "== paging and export of a big table"
./build/native/tests/bench/paging_bench "${PAGING_BENCH_ROWS:-200000}"
