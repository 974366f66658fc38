#!/usr/bin/env bash
# The test command: installs what is missing, builds everything, and runs every test
# (unit, integration over loopback HTTP, browser) with ctest. .ci/run calls exactly this.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$WACONSOLE_ROOT"

bash scripts/setup.sh
bash scripts/build.sh
log "running the tests"
# Two at a time fits the machine; each test starts its own server on a free port.
ctest --test-dir build/native --output-on-failure --parallel 2 --timeout 600 "$@"
