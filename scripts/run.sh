#!/usr/bin/env bash
# The run command: installs what is missing, builds, and starts the Meta simulator and the
# server (serving the web UI) on a SQLite database with demo data. Ctrl-C stops both.
#   WACONSOLE_PORT (default 8080), METASIM_PORT (default 9090), WACONSOLE_DB (default var/demo.db)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$WACONSOLE_ROOT"

bash scripts/setup.sh
bash scripts/build.sh

port="${WACONSOLE_PORT:-8080}"
sim_port="${METASIM_PORT:-9090}"
db="${WACONSOLE_DB:-$WACONSOLE_ROOT/var/demo.db}"
mkdir -p "$(dirname "$db")"

# Secrets shared by the simulator and the server for this run only; never printed.
random_hex() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }
export META_APP_SECRET="$(random_hex)"
export META_ACCESS_TOKEN="$(random_hex)"
export META_VERIFY_TOKEN="$(random_hex)"
export META_PHONE_NUMBER_ID="${META_PHONE_NUMBER_ID:-1000000001}"
export META_WABA_ID="${META_WABA_ID:-2000000001}"
export META_GRAPH_URL="http://127.0.0.1:$sim_port/v21.0"

pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop_all EXIT INT TERM

# The simulator also plays the demo agents through the server's agent API (--agents): they log
# in, get ready, accept, answer and close, so the queues move. METASIM_AGENTS=none turns it off.
demo_agents="${METASIM_AGENTS:-bruno@waconsole.local,carla@waconsole.local,dmitri@waconsole.local,farid@waconsole.local}"
agent_flags=()
if [ "$demo_agents" != none ]; then
    agent_flags=(--agents-server "http://127.0.0.1:$port" --agents "$demo_agents"
                 --agent-password agent-demo-2026)
fi
./build/native/metasim/waconsole-metasim --port "$sim_port" \
    --webhook-url "http://127.0.0.1:$port/webhook" --traffic-per-minute "${METASIM_TRAFFIC_PER_MINUTE:-6}" \
    "${agent_flags[@]}" &
pids+=($!)
./build/native/server/waconsole-server --db "$db" --port "$port" \
    --web-root "$WACONSOLE_ROOT/build/wasm/web/dist" --demo-data &
pids+=($!)

for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    sleep 0.1
done
cat <<INFO

  waconsole is running:  http://127.0.0.1:$port/
  administrator login:   admin@waconsole.local / admin-demo-2026
  agents (API only):     bruno@ carla@ dmitri@ elena@ farid@ greta@waconsole.local / agent-demo-2026
  Meta simulator:        http://127.0.0.1:$sim_port/ (customers write in every few seconds;
                         it plays ${demo_agents//,/ } through the agent API)
  database:              $db

  Press Ctrl-C to stop.
INFO
wait -n "${pids[@]}"
