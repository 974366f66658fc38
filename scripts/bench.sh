#!/usr/bin/env bash
# Builds and runs the benchmarks under tests/bench and prints their figures. Not part of the
# test command: the figures are for people and notes, not pass/fail.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$WACONSOLE_ROOT"

bash scripts/build.sh >/dev/null

echo "== paging and export of a big table"
./build/native/tests/bench/paging_bench "${PAGING_BENCH_ROWS:-200000}"

echo "== Meta layer: template sends per second against the simulator (META_MPS=1000)"
./build/native/tests/bench/meta_send_bench ./build/native/metasim/waconsole-metasim \
    "${META_SEND_BENCH_SENDS:-5000}" 16 1000

echo "== Meta layer: signed webhook statuses ingested per second"
./build/native/tests/bench/webhook_ingest_bench "${WEBHOOK_BENCH_MESSAGES:-20000}" 4

echo "== request floods: server memory and /healthz under hostile uploads and idle connections"
./build/native/tests/bench/request_flood_bench ./build/native/server/waconsole-server \
    --clients "${FLOOD_BENCH_CLIENTS:-20}" --megabytes "${FLOOD_BENCH_MEGABYTES:-100}" \
    --idle "${FLOOD_BENCH_IDLE:-200}"

echo "== routing: assignments per second and agent ready -> assignment (10,000 waiting, 1,000 agents)"
./build/native/tests/bench/routing_bench "${ROUTING_BENCH_WAITING:-10000}" \
    "${ROUTING_BENCH_AGENTS:-1000}" 300

echo "== conversation sections: a page of 100 at 1,000,000 conversations (first, last, cursor)"
./build/native/tests/bench/section_paging_bench \
    --conversations "${SECTION_BENCH_CONVERSATIONS:-1000000}" --runs "${SECTION_BENCH_RUNS:-200}"

echo "== idle open consoles: ${IDLE_TABS_BENCH_TABS:-10} tabs on a 100-row Active page, 1,000,000 conversations (headless chromium)"
WACONSOLE_SERVER_BIN=./build/native/server/waconsole-server \
    WACONSOLE_WEB_DIST=./build/wasm/web/dist WACONSOLE_TEST_TMP=./build/bench-tmp \
    node tests/bench/idle_tabs_bench.mjs "${IDLE_TABS_BENCH_TABS:-10}" 60 \
    "${IDLE_TABS_BENCH_CONVERSATIONS:-1000000}"

echo "== first frame: cold cache and repeat visit at 1440x900 (headless chromium)"
WACONSOLE_SERVER_BIN=./build/native/server/waconsole-server \
    WACONSOLE_WEB_DIST=./build/wasm/web/dist WACONSOLE_TEST_TMP=./build/bench-tmp \
    node tests/bench/first_frame_bench.mjs "${FIRST_FRAME_BENCH_RUNS:-5}"

echo "== every script: 100 rows of mixed scripts drawn by the browser's text engine (headless chromium)"
WACONSOLE_SERVER_BIN=./build/native/server/waconsole-server \
    WACONSOLE_METASIM_BIN=./build/native/metasim/waconsole-metasim \
    WACONSOLE_WEB_DIST=./build/wasm/web/dist WACONSOLE_TEST_TMP=./build/bench-tmp \
    node tests/bench/scripts_text_bench.mjs

echo "== import: a ${XLSX_BENCH_ROWS:-100000}-row x 5-column .xlsx read (time, peak RSS), beside SheetJS in Node"
# The peer is installed here only, never by the test command.
if [[ ! -d tests/bench/peer/node_modules/xlsx ]]; then
    (cd tests/bench/peer && npm ci --no-audit --no-fund --loglevel=error)
fi
./build/native/tests/bench/xlsx_import_bench --rows "${XLSX_BENCH_ROWS:-100000}" --runs 5 \
    --peer "node tests/bench/peer/sheetjs_read.mjs"

echo "== campaign export: a ${CAMPAIGN_EXPORT_BENCH_ROWS:-100000}-recipient campaign's detail to .xlsx (time, peak RSS), beside SheetJS in Node"
./build/native/tests/bench/campaign_export_bench --rows "${CAMPAIGN_EXPORT_BENCH_ROWS:-100000}" \
    --runs 5 --peer "node tests/bench/peer/sheetjs_write.mjs"

echo "== campaign sending: ${CAMPAIGN_BENCH_RECIPIENTS:-100000} recipients at META_MPS=1000 (rate, busiest second, server CPU)"
./build/native/tests/bench/campaign_send_bench ./build/native/server/waconsole-server \
    ./build/native/metasim/waconsole-metasim --recipients "${CAMPAIGN_BENCH_RECIPIENTS:-100000}" \
    --mps 1000 --status-delay-ms 20 --status-batch 20
