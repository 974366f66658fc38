#!/usr/bin/env bash
# Builds the native server, simulator and tests (build/native) and the web UI (build/wasm).
# Assumes scripts/setup.sh has run; scripts/run.sh and scripts/test.sh call both.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$WACONSOLE_ROOT"

jobs=$(nproc)
started=$(date +%s)
log "building the web UI (Emscripten)"
cmake --preset wasm >/dev/null
cmake --build --preset wasm -j "$jobs"
log "building the server, simulator and tests (native)"
cmake --preset native >/dev/null
cmake --build --preset native -j "$jobs"
log "build finished in $(( $(date +%s) - started )) s"
